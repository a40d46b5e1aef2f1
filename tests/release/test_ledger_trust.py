"""A ledger an auditor can trust: every case from the issue gives the safe result.

A forged purge that removed recent entries, time running backwards, a dropped append-only trigger and a full
rewrite of a keyed ledger are each caught by `verify` (exit 1, one line naming the problem). A corrupt ledger
(a damaged page, a field that is not UTF-8, a file that is not SQLite, a JSON field that does not parse) is
exit 2 with one line and no stored text, for every ledger command and for the release and request jobs.
"""

from __future__ import annotations

import itertools
import json
import sqlite3
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest

from indigo_review.errors import LedgerKeyError
from indigo_review.keys import LEDGER_KEY_ENV, LEDGER_KEY_FILE_ENV, LedgerKey
from indigo_review.release import Provision, append, purge, read_entries, verify
from indigo_review.release.ledger import COLUMNS, GENESIS, entry_hash

from ..conftest import SAMPLE, run_cli
from .support import clean_planning_rows, record
from .test_ledger import NOW, _behind_the_tools_back, _ledger_with

KEY = "k" * 20 + "-ledger-key-for-tests-only"
OTHER_KEY = "o" * 20 + "-another-key-for-tests-only"
JST_DAY = 9  # hours: a time of 03:00 UTC is the same day in Japan


def _forge(ledger: Path, when: datetime, key: LedgerKey | None = None, **fields) -> dict:
    """Append a crafted entry after the head with a valid chain value, as someone with the sqlite3 shell (and our
    hash function, and `key` if they had it) could."""
    conn = sqlite3.connect(ledger)
    conn.row_factory = sqlite3.Row
    head = conn.execute("SELECT * FROM entries ORDER BY seq DESC LIMIT 1").fetchone()
    row = {name: "" for name in COLUMNS}
    row.update(person_count=0, persons="[]", items="[]", details="{}", kind="provision", outcome="released")
    row.update(
        seq=head["seq"] + 1 if head else 1,
        prev_hash=head["hash"] if head else GENESIS,
        recorded_at=when.isoformat(timespec="seconds"),
        provided_on=(when + timedelta(hours=JST_DAY)).date().isoformat(),
        mac_key=key.fingerprint if key else "",
    )
    row.update({k: json.dumps(v) if isinstance(v, (dict, list)) else v for k, v in fields.items()})
    row["hash"] = entry_hash(row, key)
    conn.execute(
        f"INSERT INTO entries ({', '.join(COLUMNS)}) VALUES ({', '.join('?' * len(COLUMNS))})", list(row.values())
    )
    conn.commit()
    conn.close()
    return row


def _one_line(result) -> str:
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and "Traceback" not in result.stderr, result.stderr
    return lines[0]


# The forged purge ----------------------------------------------------------------------------------------------


def _forge_purge(ledger: Path, **details) -> None:
    """Delete entries 1-3 (recent ones) behind the tool's back, guards put back, and append a purge entry that
    claims them, with a valid chain value."""
    third = read_entries(ledger).iloc[2]
    _behind_the_tools_back(ledger, "DELETE FROM entries WHERE seq <= 3", restore_guards=True)
    claimed = {
        "before": "2026-11-28",
        "retention_years": 3,
        "purged_count": 3,
        "purged_first_seq": 1,
        "purged_last_seq": 3,
        "newest_purged_on": third["provided_on"],
        "anchor_hash": third["hash"],
        **details,
    }
    _forge(ledger, NOW + timedelta(days=10), kind="purge", outcome="purged", details=claimed)


def test_a_forged_purge_that_removed_three_recent_entries_fails_verify_head(tmp_path: Path) -> None:
    ledger = _ledger_with(tmp_path, 5)
    head = verify(ledger).head_hash
    _forge_purge(ledger)
    result = run_cli("ledger", "verify", "--head", head, "--workspace", str(tmp_path))
    assert result.returncode == 1
    assert _one_line(result) == (
        f"indigo-review ledger: {ledger}: BROKEN at entry 6: purge on 2026-12-05 of entries provided before "
        "2026-11-28: entries younger than 3 years were removed (a premature or forged purge)"
    )


@pytest.mark.parametrize(
    ("details", "says"),
    [
        ({"before": "2020-01-01"}, "purge that removed an entry provided on 2026-11-27, not before 2020-01-01"),
        ({"before": "2020-01-01", "retention_years": 1}, "retention period of 1 years, below the minimum of 3"),
        ({"before": "2020-01-01", "newest_purged_on": "2019-12-31", "purged_count": 2}, "numbers do not add up"),
        ({"purged_first_seq": 2, "purged_count": 2}, "purge on 2026-12-05"),
        ({"details_missing": True}, "without the details a purge records"),
    ],
    ids=["date before the removed entries", "shortened retention", "wrong count", "not from the start", "no details"],
)
def test_a_forged_purge_is_caught_however_it_is_dressed(tmp_path: Path, details: dict, says: str) -> None:
    ledger = _ledger_with(tmp_path, 5)
    if details.pop("details_missing", False):
        third = read_entries(ledger).iloc[2]
        _behind_the_tools_back(ledger, "DELETE FROM entries WHERE seq <= 3", restore_guards=True)
        _forge(
            ledger,
            NOW + timedelta(days=10),
            kind="purge",
            outcome="purged",
            details={"purged_last_seq": 3, "anchor_hash": third["hash"]},
        )
    else:
        _forge_purge(ledger, **details)
    checked = verify(ledger)
    assert not checked.ok and checked.first_bad == 6 and says in checked.problem


def test_a_purge_entry_claiming_entries_that_are_still_there_is_caught(tmp_path: Path) -> None:
    ledger = _ledger_with(tmp_path, 3)
    claimed = {"before": "2020-01-01", "retention_years": 3, "purged_count": 2, "purged_first_seq": 1}
    claimed |= {"purged_last_seq": 2, "newest_purged_on": "2019-01-01", "anchor_hash": "0" * 64}
    _forge(ledger, NOW + timedelta(days=5), kind="purge", outcome="purged", details=claimed)
    checked = verify(ledger)
    assert not checked.ok and checked.first_bad == 4 and "but entry 1 is still here" in checked.problem


def test_a_real_purge_records_the_newest_date_it_removed_and_verifies(tmp_path: Path) -> None:
    ledger = tmp_path / "ledger.sqlite"
    for when in (datetime(2021, 5, 1, 3, tzinfo=UTC), datetime(2022, 6, 1, 3, tzinfo=UTC), NOW):
        record(ledger, when)
    purge(ledger, date(2023, 1, 1), now=NOW)
    assert read_entries(ledger).iloc[-1]["details"]["newest_purged_on"] == "2022-06-01"
    assert verify(ledger).ok


# Time ----------------------------------------------------------------------------------------------------------


def test_time_running_backwards_in_the_chain_is_caught(tmp_path: Path) -> None:
    ledger = _ledger_with(tmp_path, 3)
    _forge(ledger, NOW - timedelta(days=30), recipient="遡った会社")
    result = run_cli("ledger", "verify", "--workspace", str(tmp_path))
    assert result.returncode == 1
    line = _one_line(result)
    assert "BROKEN at entry 4: time runs backwards: it was recorded at 2026-10-26T03:00:00+00:00" in line
    assert "before entry 3" in line


def test_a_date_of_provision_that_is_not_the_day_recorded_is_caught(tmp_path: Path) -> None:
    ledger = _ledger_with(tmp_path, 2)
    _forge(ledger, NOW + timedelta(days=5), provided_on="2026-01-01")
    checked = verify(ledger)
    assert not checked.ok and checked.first_bad == 3 and "is not the day it was recorded" in checked.problem


def test_a_clock_set_back_records_the_previous_time_and_the_chain_stays_in_order(tmp_path: Path) -> None:
    ledger = _ledger_with(tmp_path, 2)
    late = record(ledger, NOW - timedelta(days=3))
    assert late["recorded_at"] == read_entries(ledger).iloc[1]["recorded_at"]
    assert verify(ledger).ok


# Guards --------------------------------------------------------------------------------------------------------


@pytest.mark.parametrize("trigger", ["entries_are_never_updated", "entries_are_never_deleted"])
def test_a_dropped_append_only_trigger_is_reported(tmp_path: Path, trigger: str) -> None:
    ledger = _ledger_with(tmp_path, 2)
    conn = sqlite3.connect(ledger)
    conn.execute(f"DROP TRIGGER {trigger}")
    conn.commit()
    conn.close()
    result = run_cli("ledger", "verify", "--workspace", str(tmp_path))
    assert result.returncode == 1
    assert f"BROKEN: the append-only guard {trigger} was dropped" in _one_line(result)


def test_a_trigger_replaced_by_one_that_does_nothing_is_reported(tmp_path: Path) -> None:
    ledger = _ledger_with(tmp_path, 2)
    conn = sqlite3.connect(ledger)
    conn.execute("DROP TRIGGER entries_are_never_deleted")
    conn.execute("CREATE TRIGGER entries_are_never_deleted BEFORE DELETE ON entries BEGIN SELECT 1; END")
    conn.commit()
    conn.close()
    checked = verify(ledger)
    assert not checked.ok and "entries_are_never_deleted was altered" in checked.problem


def test_sqlite_refuses_a_delete_outside_a_purge(tmp_path: Path) -> None:
    ledger = _ledger_with(tmp_path, 2)
    conn = sqlite3.connect(ledger)
    with pytest.raises(sqlite3.DatabaseError, match="only a purge removes entries"):
        conn.execute("DELETE FROM entries WHERE seq = 1")
    conn.close()
    assert verify(ledger).ok and len(read_entries(ledger)) == 2


def test_a_purge_window_left_open_is_reported(tmp_path: Path) -> None:
    ledger = _ledger_with(tmp_path, 2)
    conn = sqlite3.connect(ledger)
    conn.execute("INSERT INTO purge_window VALUES (99)")
    conn.commit()
    conn.close()
    assert "a purge window was left open" in verify(ledger).problem


_SCHEMA_1 = """CREATE TABLE entries (seq INTEGER PRIMARY KEY, recorded_at TEXT NOT NULL, provided_on TEXT NOT NULL,
kind TEXT NOT NULL, outcome TEXT NOT NULL, basis TEXT NOT NULL, recipient TEXT NOT NULL,
recipient_address TEXT NOT NULL, recipient_representative TEXT NOT NULL, file_name TEXT NOT NULL,
file_sha256 TEXT NOT NULL, scan_verdict TEXT NOT NULL, person_count INTEGER NOT NULL, persons TEXT NOT NULL,
items TEXT NOT NULL, details TEXT NOT NULL, prev_hash TEXT NOT NULL, hash TEXT NOT NULL UNIQUE);
CREATE TRIGGER IF NOT EXISTS entries_are_never_updated BEFORE UPDATE ON entries
BEGIN SELECT RAISE(ABORT, 'the provision ledger is append-only'); END;"""


def test_a_ledger_made_before_the_delete_guard_verifies_and_is_upgraded_on_the_next_entry(tmp_path: Path) -> None:
    import hashlib

    ledger = tmp_path / "ledger.sqlite"
    conn = sqlite3.connect(ledger)
    conn.executescript(_SCHEMA_1)
    row = {name: "" for name in COLUMNS if name != "mac_key"}
    row.update(seq=1, recorded_at=NOW.isoformat(timespec="seconds"), provided_on="2026-11-25", kind="provision")
    row.update(outcome="released", person_count=0, persons="[]", items="[]", details="{}", prev_hash=GENESIS)
    # The hash as the schema-1 tool computed it: every column but the hash.
    fields = {k: v for k, v in row.items() if k != "hash"}
    row["hash"] = hashlib.sha256(json.dumps(fields, sort_keys=True, separators=(",", ":")).encode()).hexdigest()
    conn.execute(f"INSERT INTO entries ({', '.join(row)}) VALUES ({', '.join('?' * len(row))})", list(row.values()))
    conn.commit()
    conn.close()
    assert verify(ledger).ok
    record(ledger, NOW + timedelta(days=1))
    conn = sqlite3.connect(ledger)
    triggers = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'trigger'")}
    conn.close()
    assert triggers == {"entries_are_never_updated", "entries_are_never_deleted"}
    assert verify(ledger).ok and verify(ledger).entries == 2


# The ledger key ------------------------------------------------------------------------------------------------


@pytest.fixture
def keyed(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A ledger of four entries made with INDIGO_LEDGER_KEY set."""
    monkeypatch.setenv(LEDGER_KEY_ENV, KEY)
    return _ledger_with(tmp_path, 4)


def test_a_keyed_entry_records_the_key_fingerprint_and_an_hmac_never_the_key(keyed: Path) -> None:
    import hashlib
    import hmac

    from indigo_review.release.store import canonical

    fingerprint = LedgerKey(KEY.encode(), "test").fingerprint
    conn = sqlite3.connect(keyed)
    conn.row_factory = sqlite3.Row
    row = dict(conn.execute("SELECT * FROM entries WHERE seq = 2").fetchone())
    conn.close()
    assert row["mac_key"] == fingerprint
    assert row["hash"] == hmac.new(KEY.encode(), canonical(row), hashlib.sha256).hexdigest()
    assert KEY.encode() not in keyed.read_bytes()
    checked = verify(keyed)
    assert checked.complete and f"HMAC-SHA-256 chain, key {fingerprint}" in checked.summary


def test_a_full_rewrite_of_a_keyed_ledger_is_caught_without_a_kept_head(keyed: Path) -> None:
    import hashlib

    from indigo_review.release.store import canonical

    # Entry 2 edited, and every value from there on recomputed the only way one can without the key.
    conn = sqlite3.connect(keyed)
    conn.row_factory = sqlite3.Row
    stored = [dict(r) for r in conn.execute("SELECT * FROM entries ORDER BY seq")]
    conn.close()
    stored[1]["recipient"] = "無害な会社"
    for previous, row in itertools.pairwise(stored):
        row["prev_hash"] = previous["hash"]
        row["hash"] = hashlib.sha256(canonical(row)).hexdigest()
    update = "UPDATE entries SET recipient = ?, prev_hash = ?, hash = ? WHERE seq = ?"
    for row in stored[1:]:
        values = (row["recipient"], row["prev_hash"], row["hash"], row["seq"])
        _behind_the_tools_back(keyed, update, *values, restore_guards=True)
    checked = verify(keyed)
    assert not checked.ok and checked.first_bad == 2 and "do not match its MAC" in checked.problem


def test_a_keyed_ledger_rewritten_as_a_plain_chain_is_caught(keyed: Path) -> None:
    conn = sqlite3.connect(keyed)
    conn.row_factory = sqlite3.Row
    stored = [dict(r) for r in conn.execute("SELECT * FROM entries ORDER BY seq")]
    conn.close()
    previous = GENESIS
    for row in stored:
        row.update(mac_key="", prev_hash=previous)
        row["hash"] = previous = entry_hash(row)
        _behind_the_tools_back(keyed, "UPDATE entries SET mac_key = '', prev_hash = ?, hash = ? WHERE seq = ?",
                               row["prev_hash"], row["hash"], row["seq"], restore_guards=True)  # fmt: skip
    checked = verify(keyed)
    assert (
        not checked.ok and checked.first_bad == 4 and "carries no MAC although a ledger key is set" in checked.problem
    )


def test_verifying_a_keyed_ledger_without_the_key_says_so_and_exits_2(
    keyed: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv(LEDGER_KEY_ENV)
    result = run_cli("ledger", "verify", "--workspace", str(keyed.parent))
    assert result.returncode == 2
    assert "NOT VERIFIED: 4 entries carry MACs under the ledger key" in _one_line(result)
    assert KEY not in result.stderr + result.stdout
    assert verify(keyed).ok and not verify(keyed).complete


def test_verifying_with_the_wrong_key_fails(keyed: Path) -> None:
    result = run_cli("ledger", "verify", "--workspace", str(keyed.parent), env={LEDGER_KEY_ENV: OTHER_KEY})
    assert result.returncode == 1
    assert "BROKEN at entry 1: it was made with another ledger key" in _one_line(result)
    assert KEY not in result.stderr and OTHER_KEY not in result.stderr


def test_a_keyed_ledger_takes_no_entry_without_its_key(keyed: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(LEDGER_KEY_ENV)
    with pytest.raises(LedgerKeyError, match="is keyed"):
        record(keyed, NOW + timedelta(days=10))
    with pytest.raises(LedgerKeyError, match="is not this ledger's"):
        append(
            keyed, Provision("released", "law", "x", "f.csv", "c" * 64, "BLOCK"), key=LedgerKey(OTHER_KEY.encode(), "t")
        )
    assert len(read_entries(keyed)) == 4


def test_a_forged_purge_of_a_keyed_ledger_is_caught_whatever_its_dates(keyed: Path) -> None:
    third = read_entries(keyed).iloc[2]
    _behind_the_tools_back(keyed, "DELETE FROM entries WHERE seq <= 3", restore_guards=True)
    plausible = {"before": "2020-01-01", "retention_years": 3, "purged_count": 3, "purged_first_seq": 1}
    plausible |= {"purged_last_seq": 3, "newest_purged_on": "2019-12-31", "anchor_hash": third["hash"]}
    forger = LedgerKey(OTHER_KEY.encode(), "forger")
    _forge(keyed, NOW + timedelta(days=10), key=forger, kind="purge", outcome="purged", details=plausible)
    checked = verify(keyed)
    assert not checked.ok and checked.first_bad == 5 and "another ledger key" in checked.problem


def test_the_ledger_key_may_come_from_an_owner_only_file(tmp_path: Path) -> None:
    key_file = tmp_path / "ledger.key"
    key_file.write_text(KEY + "\n", encoding="utf-8")
    key_file.chmod(0o600)
    ledger = tmp_path / "ledger.sqlite"
    result = run_cli("ledger", "verify", "--workspace", str(tmp_path), env={LEDGER_KEY_FILE_ENV: str(key_file)})
    assert result.returncode == 0  # no ledger yet
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv(LEDGER_KEY_FILE_ENV, str(key_file))
        record(ledger, NOW)
        assert verify(ledger).complete and verify(ledger).key_fingerprint
        key_file.chmod(0o644)
        with pytest.raises(LedgerKeyError, match="readable by other users"):
            verify(ledger)


def test_a_short_ledger_key_is_an_error_never_ignored(tmp_path: Path) -> None:
    _ledger_with(tmp_path, 1)
    result = run_cli("ledger", "verify", "--workspace", str(tmp_path), env={LEDGER_KEY_ENV: "short"})
    assert result.returncode == 2 and "the ledger key in INDIGO_LEDGER_KEY is too short" in _one_line(result)


# A corrupt ledger ------------------------------------------------------------------------------------------------

SECRET = "山田太郎"


def _corrupt(ledger: Path, how: str) -> None:
    if how == "not SQLite":
        ledger.write_bytes(f"{SECRET} just text, not a database\n".encode() * 200)
    elif how == "corrupt page":
        conn = sqlite3.connect(ledger)
        pages = conn.execute("PRAGMA page_count").fetchone()[0]
        page_size = conn.execute("PRAGMA page_size").fetchone()[0]
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        conn.close()
        assert pages >= 4
        with ledger.open("r+b") as handle:  # the header of a page in the middle: garbage
            handle.seek(page_size * (pages // 2))
            handle.write(b"\xff" * 64)
    elif how == "bad UTF-8":
        _behind_the_tools_back(ledger, "UPDATE entries SET recipient = CAST(? AS TEXT) WHERE seq = 2",
                               SECRET.encode() + b"\xff\xfe")  # fmt: skip
    else:
        _behind_the_tools_back(ledger, "UPDATE entries SET details = ? WHERE seq = 2", f'{{"reason": "{SECRET}')


CORRUPTIONS = ["corrupt page", "bad UTF-8", "not SQLite", "JSON field"]
LEDGER_COMMANDS = [
    ("list",),
    ("export", "--format", "csv"),
    ("export", "--format", "html", "--out", "OUT/ledger.html"),
    ("verify",),
    ("head",),
    ("purge", "--before", "2020-01-01"),
]


def _damaged_ledger(tmp_path: Path, how: str) -> Path:
    ledger = tmp_path / "workspace" / "ledger.sqlite"
    ledger.parent.mkdir()
    for i in range(60):  # enough entries for several pages
        record(ledger, NOW + timedelta(hours=i), file_name=f"file{i}.csv", details={"note": "x" * 200})
    _corrupt(ledger, how)
    return ledger


@pytest.mark.parametrize("how", CORRUPTIONS)
def test_a_corrupt_ledger_is_exit_2_with_one_line_for_every_ledger_command(tmp_path: Path, how: str) -> None:
    ledger = _damaged_ledger(tmp_path, how)
    for command in LEDGER_COMMANDS:
        args = [a.replace("OUT", str(tmp_path)) for a in command]
        result = run_cli("ledger", *args, "--workspace", str(ledger.parent))
        assert result.returncode == 2, (how, command, result.stdout)
        line = _one_line(result)
        assert str(ledger) in line and SECRET not in result.stderr + result.stdout, (how, command)


@pytest.mark.parametrize("how", CORRUPTIONS)
def test_a_corrupt_ledger_stops_the_release_job_before_the_scan(tmp_path: Path, how: str) -> None:
    ledger = _damaged_ledger(tmp_path, how)
    export = tmp_path / "planning.csv"
    clean_planning_rows().to_csv(export, index=False)
    run = tmp_path / "run"
    result = run_cli(
        "release",
        str(export),
        "--to",
        "会場",
        "--basis",
        "anonymous",
        "--members",
        str(SAMPLE),
        "--workspace",
        str(ledger.parent),
        "--out",
        str(run),
    )
    assert result.returncode == 2
    line = _one_line(result)
    assert str(ledger) in line and SECRET not in line
    assert not (run / "findings.csv").exists()  # stopped before the scan


@pytest.mark.parametrize("how", ["corrupt page", "JSON field"])
def test_a_corrupt_ledger_stops_a_disclosure_request(tmp_path: Path, how: str) -> None:
    from ..requests.conftest import small_dataset

    ledger = _damaged_ledger(tmp_path, how)
    data = small_dataset(tmp_path / "data", {})
    result = run_cli(
        "request", "--kind", "disclosure", "--member", "M000001", "--data", str(data), "--id-document", "passport",
        "--workspace", str(ledger.parent), "--out", str(tmp_path / "run"),
    )  # fmt: skip
    assert result.returncode == 2
    line = _one_line(result)
    assert str(ledger) in line and SECRET not in line
