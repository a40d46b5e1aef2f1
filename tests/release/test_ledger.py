"""The provision ledger: hash chain, tamper detection, concurrency, retention, purge, the member's view, exports."""

from __future__ import annotations

import csv
import io
import sqlite3
import subprocess
import sys
import textwrap
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest

from indigo_review.errors import ParameterError, StoreError
from indigo_review.release import entries_for_member, export_csv, export_html, purge, read_entries, verify
from indigo_review.release.ledger import GENESIS, entry_hash

from ..conftest import ROOT
from .support import record

NOW = datetime(2026, 11, 25, 3, 0, tzinfo=UTC)


def _ledger_with(tmp_path: Path, n: int, start: datetime = NOW) -> Path:
    ledger = tmp_path / "ledger.sqlite"
    for i in range(n):
        record(ledger, start + timedelta(days=i), file_name=f"file{i + 1}.csv")
    return ledger


def _behind_the_tools_back(ledger: Path, sql: str, *params, restore_guards: bool = False) -> None:
    # What someone with the sqlite3 shell could do: drop the guard triggers, edit, and perhaps put them back.
    conn = sqlite3.connect(ledger)
    guards = [r[0] for r in conn.execute("SELECT sql FROM sqlite_master WHERE type = 'trigger'")]
    conn.execute("DROP TRIGGER IF EXISTS entries_are_never_updated")
    conn.execute("DROP TRIGGER IF EXISTS entries_are_never_deleted")
    conn.execute(sql, params)
    for guard in guards if restore_guards else []:
        conn.execute(guard)
    conn.commit()
    conn.close()


def test_entries_are_chained_from_the_genesis_value(tmp_path: Path) -> None:
    ledger = _ledger_with(tmp_path, 3)
    rows = read_entries(ledger)
    assert rows["seq"].tolist() == [1, 2, 3]
    assert rows.loc[0, "prev_hash"] == GENESIS
    assert rows.loc[1, "prev_hash"] == rows.loc[0, "hash"] and rows.loc[2, "prev_hash"] == rows.loc[1, "hash"]


def test_an_untouched_ledger_verifies_and_reports_its_head(tmp_path: Path) -> None:
    ledger = _ledger_with(tmp_path, 3)
    checked = verify(ledger)
    assert checked.ok and checked.entries == 3 and checked.head_seq == 3
    assert checked.head_hash == read_entries(ledger).loc[2, "hash"]


def test_the_hash_is_sha256_over_the_canonical_fields_of_the_entry(tmp_path: Path) -> None:
    import hashlib
    import json

    ledger = _ledger_with(tmp_path, 1)
    conn = sqlite3.connect(ledger)
    conn.row_factory = sqlite3.Row
    row = dict(conn.execute("SELECT * FROM entries").fetchone())
    conn.close()
    # Every column but the hash; the MAC key's fingerprint only when the entry has one (this one has none).
    assert row["mac_key"] == ""
    fields = {k: v for k, v in row.items() if k not in ("hash", "mac_key")}
    expected = hashlib.sha256(
        json.dumps(fields, sort_keys=True, ensure_ascii=False, separators=(",", ":")).encode()
    ).hexdigest()
    assert row["hash"] == expected == entry_hash(row)


def test_the_ledger_refuses_an_update_through_sqlite(tmp_path: Path) -> None:
    ledger = _ledger_with(tmp_path, 1)
    conn = sqlite3.connect(ledger)
    with pytest.raises(sqlite3.DatabaseError, match="append-only"):
        conn.execute("UPDATE entries SET recipient = 'someone else'")
    conn.close()
    assert verify(ledger).ok


def test_an_edited_entry_is_named_by_verify(tmp_path: Path) -> None:
    ledger = _ledger_with(tmp_path, 4)
    _behind_the_tools_back(ledger, "UPDATE entries SET recipient = ? WHERE seq = 2", "別の会社")
    checked = verify(ledger)
    assert not checked.ok and checked.first_bad == 2 and "edited" in checked.problem


def test_an_edited_entry_with_its_hash_recomputed_breaks_the_next_link(tmp_path: Path) -> None:
    ledger = _ledger_with(tmp_path, 4)
    row = read_entries(ledger).iloc[1].to_dict()
    conn = sqlite3.connect(ledger)
    conn.row_factory = sqlite3.Row
    stored = dict(conn.execute("SELECT * FROM entries WHERE seq = 2").fetchone())
    conn.close()
    stored["file_name"] = "innocent.csv"
    _behind_the_tools_back(
        ledger, "UPDATE entries SET file_name = ?, hash = ? WHERE seq = 2", "innocent.csv", entry_hash(stored)
    )
    checked = verify(ledger)
    assert row["file_name"] == "file2.csv"
    assert not checked.ok and checked.first_bad == 3


def test_a_deleted_entry_is_named_by_verify(tmp_path: Path) -> None:
    ledger = _ledger_with(tmp_path, 4)
    _behind_the_tools_back(ledger, "DELETE FROM entries WHERE seq = 2")
    checked = verify(ledger)
    assert not checked.ok and checked.first_bad == 3 and "entry 2 is missing" in checked.problem


def test_deleting_the_oldest_entries_without_a_purge_is_detected(tmp_path: Path) -> None:
    ledger = _ledger_with(tmp_path, 4)
    _behind_the_tools_back(ledger, "DELETE FROM entries WHERE seq <= 2")
    checked = verify(ledger)
    assert not checked.ok and checked.first_bad == 3 and "no purge entry" in checked.problem


def test_a_kept_head_detects_a_truncated_ledger(tmp_path: Path) -> None:
    ledger = _ledger_with(tmp_path, 3)
    head = verify(ledger).head_hash
    _behind_the_tools_back(ledger, "DELETE FROM entries WHERE seq = 3", restore_guards=True)
    assert verify(ledger).ok  # the newest entry gone, the guards put back: the chain alone cannot tell ...
    assert not verify(ledger, head=head).ok  # ... the head kept from the last audit can


def test_the_cli_verify_exits_1_naming_the_first_bad_entry(tmp_path: Path) -> None:
    from ..conftest import run_cli

    ledger = _ledger_with(tmp_path, 3)
    assert run_cli("ledger", "verify", "--workspace", str(ledger.parent)).returncode == 0
    _behind_the_tools_back(ledger, "UPDATE entries SET file_sha256 = ? WHERE seq = 2", "b" * 64)
    result = run_cli("ledger", "verify", "--workspace", str(ledger.parent))
    assert result.returncode == 1
    assert result.stderr.strip().splitlines() == [
        f"indigo-review ledger: {ledger}: BROKEN at entry 2: its fields do not match its hash (edited)"
    ]


def test_verify_says_in_japanese_that_the_ledger_is_intact_or_where_it_broke(tmp_path: Path) -> None:
    from ..conftest import run_cli

    ledger = _ledger_with(tmp_path, 3)
    intact = run_cli("ledger", "verify", "--lang", "ja", "--workspace", str(ledger.parent))
    assert (
        intact.returncode == 0 and "改ざんなし（intact）：3 件の記録（SHA-256 チェーン）。最新は 3 番" in intact.stdout
    )
    _behind_the_tools_back(ledger, "UPDATE entries SET file_sha256 = ? WHERE seq = 2", "b" * 64)
    broken = run_cli("ledger", "verify", "--lang", "ja", "--workspace", str(ledger.parent))
    assert broken.returncode == 1 and "改ざんあり（BROKEN）：2 番の記録で" in broken.stderr
    assert "its fields do not match its hash" not in broken.stderr


_WRITER = textwrap.dedent(
    """
    import sys
    from datetime import UTC, datetime
    from indigo_review.release import Provision, append
    for i in range(int(sys.argv[3])):
        append(sys.argv[1], Provision("released", "law", sys.argv[2], f"f{i}.csv", "c" * 64, "BLOCK"))
    """
)


def test_two_processes_releasing_at_once_both_land_and_keep_the_chain(tmp_path: Path) -> None:
    ledger = tmp_path / "ledger.sqlite"
    writers = [
        subprocess.Popen([sys.executable, "-c", _WRITER, str(ledger), name, "25"], cwd=ROOT, stderr=subprocess.PIPE)
        for name in ("A", "B")
    ]
    for writer in writers:
        assert writer.wait(timeout=120) == 0, writer.stderr.read().decode()
    rows = read_entries(ledger)
    assert len(rows) == 50 and rows["recipient"].value_counts().to_dict() == {"A": 25, "B": 25}
    assert rows["seq"].tolist() == list(range(1, 51))
    assert verify(ledger).ok


def test_a_missing_ledger_is_an_error_naming_it(tmp_path: Path) -> None:
    with pytest.raises(StoreError, match=r"nope\.sqlite: no provision ledger here"):
        verify(tmp_path / "nope.sqlite")


def test_a_file_that_is_not_a_ledger_is_an_error_naming_it(tmp_path: Path) -> None:
    path = tmp_path / "notes.sqlite"
    path.write_text("just text, not a database\n" * 200)
    with pytest.raises(
        StoreError, match=r"notes\.sqlite: is not a readable provision ledger \(not SQLite, or corrupt\)"
    ):
        read_entries(path)


def test_another_sqlite_database_is_never_turned_into_a_ledger(tmp_path: Path) -> None:
    path = tmp_path / "history.sqlite"
    conn = sqlite3.connect(path)
    conn.execute("CREATE TABLE runs (run_at TEXT)")
    conn.commit()
    conn.close()
    with pytest.raises(StoreError, match=r"history\.sqlite: is not a provision ledger"):
        record(path)
    conn = sqlite3.connect(path)
    assert [r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")] == ["runs"]
    conn.close()


# Retention and purge -------------------------------------------------------------------------------------------


def _aged_ledger(tmp_path: Path) -> Path:
    """Entries from 2021, 2022 and 2025, so that today (2026-11-25) only the first two are past three years."""
    ledger = tmp_path / "ledger.sqlite"
    for when in (datetime(2021, 5, 1, tzinfo=UTC), datetime(2022, 6, 1, tzinfo=UTC), datetime(2025, 1, 1, tzinfo=UTC)):
        record(ledger, when, file_name=f"{when.year}.csv")
    return ledger


def test_entries_younger_than_three_years_cannot_be_purged(tmp_path: Path) -> None:
    ledger = _aged_ledger(tmp_path)
    with pytest.raises(ParameterError, match="younger than 3 years"):
        purge(ledger, date(2024, 1, 1), now=NOW)
    assert len(read_entries(ledger)) == 3


def test_the_retention_period_cannot_be_shortened(tmp_path: Path) -> None:
    ledger = _aged_ledger(tmp_path)
    with pytest.raises(ParameterError, match="below the minimum of 3"):
        purge(ledger, date(2021, 12, 31), retention_years=2, now=NOW)


def test_a_longer_retention_period_keeps_more(tmp_path: Path) -> None:
    ledger = _aged_ledger(tmp_path)
    with pytest.raises(ParameterError, match="younger than 5 years"):
        purge(ledger, date(2022, 12, 31), retention_years=5, now=NOW)
    assert purge(ledger, date(2021, 11, 25), retention_years=5, now=NOW).removed == 1


def test_a_purge_removes_only_older_entries_and_records_itself(tmp_path: Path) -> None:
    ledger = _aged_ledger(tmp_path)
    outcome = purge(ledger, date(2023, 1, 1), now=NOW)
    rows = read_entries(ledger)
    assert outcome.removed == 2
    assert rows["file_name"].tolist() == ["2025.csv", ""]
    purge_entry = rows.iloc[-1]
    assert purge_entry["kind"] == "purge" and purge_entry["outcome"] == "purged"
    assert purge_entry["details"]["purged_first_seq"] == 1 and purge_entry["details"]["purged_last_seq"] == 2
    assert purge_entry["details"]["purged_count"] == 2 and purge_entry["details"]["before"] == "2023-01-01"


def test_the_ledger_still_verifies_after_a_purge(tmp_path: Path) -> None:
    ledger = _aged_ledger(tmp_path)
    anchor = read_entries(ledger).loc[1, "hash"]
    purge(ledger, date(2023, 1, 1), now=NOW)
    assert read_entries(ledger).iloc[-1]["details"]["anchor_hash"] == anchor
    assert verify(ledger).ok
    record(ledger, NOW)
    assert verify(ledger).ok


def test_the_ledger_verifies_after_two_purges_and_after_purging_everything(tmp_path: Path) -> None:
    ledger = _aged_ledger(tmp_path)
    purge(ledger, date(2022, 1, 1), now=NOW)
    assert verify(ledger).ok
    purge(ledger, date(2023, 11, 25), now=NOW)
    assert verify(ledger).ok
    # Three years on, everything (the purge entries too) is past retention.
    purge(ledger, date(2026, 12, 1), now=datetime(2029, 12, 31, tzinfo=UTC))
    checked = verify(ledger)
    assert checked.ok and read_entries(ledger)["kind"].tolist() == ["purge"]


def test_an_entry_deleted_after_a_purge_is_still_detected(tmp_path: Path) -> None:
    ledger = _aged_ledger(tmp_path)
    record(ledger, NOW)
    purge(ledger, date(2023, 1, 1), now=NOW)
    _behind_the_tools_back(ledger, "DELETE FROM entries WHERE seq = 3")
    checked = verify(ledger)
    assert not checked.ok and checked.first_bad == 4


def test_an_edited_purge_anchor_is_detected(tmp_path: Path) -> None:
    ledger = _aged_ledger(tmp_path)
    purge(ledger, date(2023, 1, 1), now=NOW)
    _behind_the_tools_back(
        ledger, "UPDATE entries SET details = replace(details, 'anchor_hash', 'anchor') WHERE seq = 4"
    )
    assert not verify(ledger).ok


def test_a_purge_with_nothing_old_enough_changes_nothing(tmp_path: Path) -> None:
    ledger = _ledger_with(tmp_path, 2)
    outcome = purge(ledger, date(2020, 1, 1), now=NOW)
    assert outcome.removed == 0 and outcome.entry is None and len(read_entries(ledger)) == 2


def test_a_broken_ledger_is_not_purged(tmp_path: Path) -> None:
    ledger = _aged_ledger(tmp_path)
    _behind_the_tools_back(ledger, "UPDATE entries SET recipient = 'x' WHERE seq = 3")
    outcome = purge(ledger, date(2023, 1, 1), now=NOW)
    assert not outcome.verification.ok and outcome.removed == 0 and len(read_entries(ledger)) == 3


def test_the_cli_purge_refuses_young_entries_with_exit_2_and_one_line(tmp_path: Path) -> None:
    from ..conftest import run_cli

    ledger = _ledger_with(tmp_path, 1)
    result = run_cli("ledger", "purge", "--before", "2099-01-01", "--workspace", str(ledger.parent))
    assert result.returncode == 2 and len(result.stderr.strip().splitlines()) == 1
    assert "must be kept" in result.stderr and "Traceback" not in result.stderr


# The member's view and the auditor's view ------------------------------------------------------------------------


def test_entries_for_member_lists_the_released_provisions_that_included_them(tmp_path: Path) -> None:
    ledger = tmp_path / "ledger.sqlite"
    record(ledger, NOW, persons=["M000001", "M000002"], recipient="会場A")
    record(ledger, NOW + timedelta(days=1), persons=["M000002"], recipient="会場B")
    record(ledger, NOW + timedelta(days=2), outcome="refused", persons=[], recipient="会場C")
    mine = entries_for_member(ledger, "M000001")
    assert mine["recipient"].tolist() == ["会場A"]
    assert list(mine.columns[:5]) == ["date", "recipient", "recipient_address", "recipient_representative", "basis"]
    assert mine.loc[0, "date"] == "2026-11-25" and mine.loc[0, "items"] == "name_kanji (PERSON)"
    assert entries_for_member(ledger, "M000002")["recipient"].tolist() == ["会場A", "会場B"]
    assert entries_for_member(ledger, "M009999").empty


def test_list_since_a_date_keeps_later_provisions(tmp_path: Path) -> None:
    ledger = _ledger_with(tmp_path, 3)
    assert read_entries(ledger, since=date(2026, 11, 26))["file_name"].tolist() == ["file2.csv", "file3.csv"]


def test_the_csv_export_is_formula_safe_and_carries_the_chain(tmp_path: Path) -> None:
    ledger = tmp_path / "ledger.sqlite"
    record(ledger, NOW, recipient='=HYPERLINK("http://x")')
    out = tmp_path / "audit.csv"
    text = export_csv(ledger, out)
    rows = list(csv.DictReader(io.StringIO(text)))
    assert rows[0]["recipient"].startswith("'=")
    assert rows[0]["hash"] == read_entries(ledger).loc[0, "hash"] and "prev_hash" in rows[0]
    assert out.read_bytes().startswith(b"\xef\xbb\xbf")


def test_the_html_export_shows_the_verification_and_escapes_values(tmp_path: Path) -> None:
    ledger = tmp_path / "ledger.sqlite"
    record(ledger, NOW, recipient="<script>alert(1)</script>")
    html = export_html(ledger, tmp_path / "audit.html", lang="en").read_text(encoding="utf-8")
    assert "The ledger is intact: 1 entries" in html and "<script>alert" not in html


def test_the_cli_lists_and_exports(tmp_path: Path) -> None:
    from ..conftest import run_cli

    ledger = _ledger_with(tmp_path, 2)
    listed = run_cli("ledger", "list", "--workspace", str(ledger.parent), "--since", "2026-11-26")
    assert listed.returncode == 0 and "file2.csv" in listed.stdout and "file1.csv" not in listed.stdout
    exported = run_cli("ledger", "export", "--format", "csv", "--workspace", str(ledger.parent))
    assert exported.returncode == 0 and exported.stdout.startswith("seq,recorded_at,")
    html = run_cli("ledger", "export", "--format", "html", "--workspace", str(ledger.parent))
    assert html.returncode == 2 and "--out" in html.stderr
    bad_date = run_cli("ledger", "list", "--workspace", str(ledger.parent), "--since", "yesterday")
    assert bad_date.returncode == 2 and "--since is not a YYYY-MM-DD date" in bad_date.stderr


def test_a_new_ledger_is_readable_by_its_owner_only(tmp_path: Path) -> None:
    ledger = _ledger_with(tmp_path, 1)
    assert ledger.stat().st_mode & 0o777 == 0o600
