"""The provision ledger (APPI Art. 29, Enforcement Rules Art. 19–21; policy 3, 4, 7): one SQLite file, hash-chained.

Every release decision (released or refused) and every purge is one row of `entries`, appended in a
`BEGIN IMMEDIATE` transaction so that two releases at the same moment are serialised and both land.
Each row's `hash` is SHA-256 over its canonical fields (sorted-key JSON of every column but `hash`,
including its sequence number and the previous row's hash), so an edited row no longer matches its own
hash and a deleted row breaks the link of the row after it: `verify` names the first bad entry.

Retention: entries are kept at least `RETENTION_YEARS` (3, Rules Art. 21; configurable upward only).
`purge` removes the oldest entries recorded before a date that is itself older than the retention
period, and appends a purge entry recording how many were removed, their sequence numbers and the hash
of the last one removed (the anchor). `verify` then starts the chain from that anchor instead of the
genesis value, so a documented purge keeps the ledger verifiable while an undocumented deletion does not.

What is stored: the file's name and SHA-256, never its contents; member ids only where Art. 29 asks for
the persons (a provision with consent); every other personal value stays out.

Limits: a chain without a secret shows edits but cannot stop someone who rewrites every row after an
edit and recomputes the hashes, nor someone who deletes the newest rows. `verify` therefore reports the
head (sequence number and hash of the newest entry): an auditor who keeps the head from the last audit
passes it back with `--head` and a rewritten or truncated ledger no longer contains it. An SQLite
trigger refuses UPDATE on entries, so a mistaken edit fails loudly before it becomes a broken chain.
"""

from __future__ import annotations

import hashlib
import json
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import pandas as pd

from ..errors import ParameterError, StoreError
from ..workspace import StoreRead, open_store

STORE = "ledger"
LABEL = "provision ledger"
RETENTION_YEARS = 3
GENESIS = "0" * 64
JST = ZoneInfo("Asia/Tokyo")
RELEASED, REFUSED, PURGED = "released", "refused", "purged"
# Columns in chain order; `hash` is computed over all the others.
COLUMNS = (
    "seq",
    "recorded_at",
    "provided_on",
    "kind",
    "outcome",
    "basis",
    "recipient",
    "recipient_address",
    "recipient_representative",
    "file_name",
    "file_sha256",
    "scan_verdict",
    "person_count",
    "persons",
    "items",
    "details",
    "prev_hash",
    "hash",
)
_JSON_COLUMNS = ("persons", "items", "details")
_SCHEMA = """
CREATE TABLE IF NOT EXISTS entries (
    seq INTEGER PRIMARY KEY,
    recorded_at TEXT NOT NULL,
    provided_on TEXT NOT NULL,
    kind TEXT NOT NULL,
    outcome TEXT NOT NULL,
    basis TEXT NOT NULL,
    recipient TEXT NOT NULL,
    recipient_address TEXT NOT NULL,
    recipient_representative TEXT NOT NULL,
    file_name TEXT NOT NULL,
    file_sha256 TEXT NOT NULL,
    scan_verdict TEXT NOT NULL,
    person_count INTEGER NOT NULL,
    persons TEXT NOT NULL,
    items TEXT NOT NULL,
    details TEXT NOT NULL,
    prev_hash TEXT NOT NULL,
    hash TEXT NOT NULL UNIQUE
);
CREATE TRIGGER IF NOT EXISTS entries_are_never_updated BEFORE UPDATE ON entries
BEGIN SELECT RAISE(ABORT, 'the provision ledger is append-only'); END;
"""


@dataclass
class Provision:
    """What one release decision records (the chain fields are added when it is appended)."""

    outcome: str
    basis: str
    recipient: str
    file_name: str
    file_sha256: str
    scan_verdict: str
    recipient_address: str = ""
    recipient_representative: str = ""
    persons: list[str] = field(default_factory=list)
    person_count: int = 0
    items: list[dict[str, Any]] = field(default_factory=list)
    details: dict[str, Any] = field(default_factory=dict)
    kind: str = "provision"


@dataclass(frozen=True)
class Verification:
    """The outcome of walking the chain: intact or the first bad entry, and the head to keep."""

    ok: bool
    entries: int
    head_seq: int | None
    head_hash: str | None
    first_bad: int | None = None
    problem: str = ""

    @property
    def summary(self) -> str:
        """One line for the terminal and reports."""
        if not self.ok:
            return f"BROKEN at entry {self.first_bad}: {self.problem}"
        if self.head_seq is None:
            return "intact: the ledger is empty"
        return f"intact: {self.entries} entries; head entry {self.head_seq} hash {self.head_hash}"


def entry_hash(row: dict[str, Any]) -> str:
    """SHA-256 over the canonical form of an entry's fields (every column but the hash itself)."""
    canonical = json.dumps(
        {name: row[name] for name in COLUMNS if name != "hash"},
        sort_keys=True,
        ensure_ascii=False,
        separators=(",", ":"),
    )
    return hashlib.sha256(canonical.encode("utf-8")).hexdigest()


def _dumps(value: Any) -> str:
    return json.dumps(value, sort_keys=True, ensure_ascii=False, separators=(",", ":"))


@contextmanager
def _connect(path: str | Path, create: bool) -> Iterator[sqlite3.Connection]:
    """The ledger through the workspace's one way of opening a store; never adds its table to another database."""
    path = Path(path)
    if not path.exists() and not create:
        raise StoreError(path, "no provision ledger here", "give the right --workspace; nothing was released yet")
    with open_store(path, "", LABEL, create=create) as conn:
        tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
        # Never add the ledger's tables to another database (the check history, say) given by mistake.
        if create and (not tables or "entries" in tables):
            conn.executescript(f"BEGIN IMMEDIATE; {_SCHEMA} COMMIT;")
            tables.add("entries")
        if "entries" not in tables:
            raise StoreError(path, "is not a provision ledger (no entries table)", "give the right --workspace")
        conn.row_factory = sqlite3.Row
        yield conn


def ledger_read(path: str | Path) -> StoreRead:
    """Which state of the ledger a job read: its entry count and head hash ("none" when it does not exist)."""
    path = Path(path)
    if not path.exists():
        return StoreRead(STORE, str(path), 0, "none")
    with _connect(path, create=False) as conn:
        head = conn.execute("SELECT seq, hash FROM entries ORDER BY seq DESC LIMIT 1").fetchone()
        count = conn.execute("SELECT COUNT(*) FROM entries").fetchone()[0]
    return StoreRead(STORE, str(path), int(count), head["hash"] if head else "empty")


def _rows(conn: sqlite3.Connection) -> list[dict[str, Any]]:
    return [dict(r) for r in conn.execute(f"SELECT {', '.join(COLUMNS)} FROM entries ORDER BY seq")]


def _insert(
    conn: sqlite3.Connection, values: dict[str, Any], now: datetime, head: dict[str, Any] | None
) -> dict[str, Any]:
    """Insert one entry after `head` (None: the first entry); the caller holds the write lock."""
    row: dict[str, Any] = {
        **values,
        "seq": (head["seq"] + 1) if head else 1,
        "recorded_at": now.astimezone(UTC).isoformat(timespec="seconds"),
        "provided_on": now.astimezone(JST).date().isoformat(),
        "prev_hash": head["hash"] if head else GENESIS,
    }
    for name in _JSON_COLUMNS:
        row[name] = _dumps(row[name])
    row["hash"] = entry_hash(row)
    conn.execute(
        f"INSERT INTO entries ({', '.join(COLUMNS)}) VALUES ({', '.join('?' for _ in COLUMNS)})",
        [row[name] for name in COLUMNS],
    )
    return row


def append(path: str | Path, provision: Provision, now: datetime | None = None) -> dict[str, Any]:
    """Append one release decision to the ledger (created on first use) and return the entry as stored."""
    values = {
        "kind": provision.kind,
        "outcome": provision.outcome,
        "basis": provision.basis,
        "recipient": provision.recipient,
        "recipient_address": provision.recipient_address,
        "recipient_representative": provision.recipient_representative,
        "file_name": provision.file_name,
        "file_sha256": provision.file_sha256,
        "scan_verdict": provision.scan_verdict,
        "person_count": int(provision.person_count),
        "persons": sorted(provision.persons),
        "items": provision.items,
        "details": provision.details,
    }
    with _connect(path, create=True) as conn:
        # The write lock is taken before the head is read, so two releases never link to the same head.
        conn.execute("BEGIN IMMEDIATE")
        head = conn.execute("SELECT seq, hash FROM entries ORDER BY seq DESC LIMIT 1").fetchone()
        row = _insert(conn, values, now or datetime.now(UTC), dict(head) if head else None)
        conn.execute("COMMIT")
    return row


def verify(path: str | Path, head: str | None = None) -> Verification:
    """Walk the chain from the genesis value or the latest purge's anchor; name the first bad entry."""
    with _connect(path, create=False) as conn:
        rows = _rows(conn)
    if not rows:
        if head:
            return Verification(False, 0, None, None, 0, "the ledger is empty but a head was expected")
        return Verification(True, 0, None, None)
    anchors = {}
    for row in rows:
        if row["kind"] == "purge":
            try:
                details = json.loads(row["details"])
                anchors[int(details["purged_last_seq"])] = str(details["anchor_hash"])
            except (ValueError, KeyError, TypeError):
                pass  # an edited purge entry fails its own hash below
    previous_hash, previous_seq = GENESIS, 0
    first = rows[0]
    if first["seq"] != 1:
        previous_seq = first["seq"] - 1
        if previous_seq not in anchors:
            return _broken(
                rows,
                first["seq"],
                f"the ledger starts at entry {first['seq']} but no purge entry accounts for entries "
                f"1 to {previous_seq} (deleted)",
            )
        previous_hash = anchors[previous_seq]
    for row in rows:
        if entry_hash(row) != row["hash"]:
            return _broken(rows, row["seq"], "its fields do not match its hash (edited)")
        if row["seq"] != previous_seq + 1 or row["prev_hash"] != previous_hash:
            missing = (
                f"entry {previous_seq + 1} is missing (deleted)"
                if row["seq"] != previous_seq + 1
                else f"it does not follow entry {previous_seq} (that entry was edited or replaced)"
            )
            return _broken(rows, row["seq"], missing)
        previous_hash, previous_seq = row["hash"], row["seq"]
    if head and head not in {r["hash"] for r in rows}:
        return _broken(rows, rows[-1]["seq"], "the head kept from an earlier audit is no longer in the ledger")
    return Verification(True, len(rows), rows[-1]["seq"], rows[-1]["hash"])


def _broken(rows: list[dict[str, Any]], seq: int, problem: str) -> Verification:
    return Verification(False, len(rows), rows[-1]["seq"], rows[-1]["hash"], seq, problem)


def add_years(day: date, years: int) -> date:
    """The same calendar day `years` later (or earlier); 29 February becomes 28 February."""
    try:
        return day.replace(year=day.year + years)
    except ValueError:
        return day.replace(year=day.year + years, day=28)


def retention_cutoff(today: date, retention_years: int = RETENTION_YEARS) -> date:
    """The first day whose entries must still be kept; checks the period is not below the legal minimum."""
    if retention_years < RETENTION_YEARS:
        raise ParameterError(
            None,
            f"a retention period of {retention_years} years is below the minimum of {RETENTION_YEARS}",
            f"give --retention-years {RETENTION_YEARS} or more (the period can only be lengthened)",
        )
    return add_years(today, -retention_years)


@dataclass(frozen=True)
class PurgeOutcome:
    """What a purge did: the purge entry appended, or nothing when no entry was old enough."""

    removed: int
    entry: dict[str, Any] | None
    verification: Verification


def purge(
    path: str | Path,
    before: date,
    retention_years: int = RETENTION_YEARS,
    now: datetime | None = None,
) -> PurgeOutcome:
    """Remove the oldest entries recorded before `before` (older than retention) and record the purge in the chain."""
    now = now or datetime.now(UTC)
    cutoff = retention_cutoff(now.astimezone(JST).date(), retention_years)
    if before > cutoff:
        raise ParameterError(
            None,
            f"entries recorded on or after {cutoff.isoformat()} are younger than {retention_years} years "
            "and must be kept",
            f"give --before {cutoff.isoformat()} or earlier",
        )
    checked = verify(path)
    if not checked.ok:
        # Purging a broken chain would destroy the evidence of the break.
        return PurgeOutcome(0, None, checked)
    with _connect(path, create=False) as conn:
        conn.execute("BEGIN IMMEDIATE")
        rows = _rows(conn)
        old: list[dict[str, Any]] = []
        for row in rows:
            # Only the leading run: the chain stays one contiguous sequence after the anchor.
            if row["provided_on"] >= before.isoformat():
                break
            old.append(row)
        if not old:
            conn.execute("ROLLBACK")
            return PurgeOutcome(0, None, checked)
        last = old[-1]
        conn.execute("DELETE FROM entries WHERE seq <= ?", (last["seq"],))
        details = {
            "before": before.isoformat(),
            "retention_years": retention_years,
            "purged_count": len(old),
            "purged_first_seq": old[0]["seq"],
            "purged_last_seq": last["seq"],
            "anchor_hash": last["hash"],
        }
        values = {
            "kind": "purge",
            "outcome": PURGED,
            "basis": "",
            "recipient": "",
            "recipient_address": "",
            "recipient_representative": "",
            "file_name": "",
            "file_sha256": "",
            "scan_verdict": "",
            "person_count": 0,
            "persons": [],
            "items": [],
            "details": details,
        }
        # The purge entry links to the head as it was (which may itself have been purged: then it is the anchor).
        entry = _insert(conn, values, now, rows[-1])
        conn.execute("COMMIT")
    return PurgeOutcome(len(old), entry, verify(path))


def read_entries(path: str | Path, since: date | None = None) -> pd.DataFrame:
    """Every entry (optionally those provided on or after `since`), JSON fields decoded, oldest first."""
    with _connect(path, create=False) as conn:
        rows = _rows(conn)
    frame = pd.DataFrame(rows, columns=list(COLUMNS))
    for name in _JSON_COLUMNS:
        frame[name] = frame[name].map(json.loads)
    if since is not None:
        frame = frame[frame["provided_on"] >= since.isoformat()].reset_index(drop=True)
    return frame


def items_text(items: list[dict[str, Any]]) -> str:
    """Items of personal data as one readable line: `column (ENTITY, ENTITY); ...`."""
    return "; ".join(f"{i.get('column', '')} ({', '.join(i.get('entities', []))})" for i in items)


def entries_for_member(ledger_path: str | Path, member_id: str) -> pd.DataFrame:
    """The provisions that included this member: date, recipient, basis, items (for a disclosure request)."""
    columns = ["date", "recipient", "recipient_address", "recipient_representative", "basis", "items", "file_name"]
    columns += ["seq"]
    frame = read_entries(ledger_path)
    mine = frame[(frame["outcome"] == RELEASED) & frame["persons"].map(lambda ids: member_id in ids)]
    out = pd.DataFrame(
        {
            "date": mine["provided_on"],
            "recipient": mine["recipient"],
            "recipient_address": mine["recipient_address"],
            "recipient_representative": mine["recipient_representative"],
            "basis": mine["basis"],
            "items": mine["items"].map(items_text),
            "file_name": mine["file_name"],
            "seq": mine["seq"],
        },
        columns=columns,
    )
    return out.reset_index(drop=True)


def parse_day(text: str, option: str) -> date:
    """A YYYY-MM-DD option value, or a ParameterError naming the option."""
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise ParameterError(None, f"{option} is not a YYYY-MM-DD date", f"e.g. {option} 2023-04-01") from None
