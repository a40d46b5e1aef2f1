"""The provision ledger (APPI Art. 29, Enforcement Rules Art. 19–21; policy 3, 4, 7): one SQLite file, hash-chained.

Every release decision (released or refused), every purge and any other kind of entry is one row of `entries`,
appended in a `BEGIN IMMEDIATE` transaction so that two releases at the same moment are serialised and both
land. Each row's `hash` covers its canonical fields (sorted-key JSON of every column but `hash`, including its
sequence number and the previous row's hash), so an edited row no longer matches its own hash and a deleted
row breaks the link of the row after it: `verify` (module `verification`) names the first bad entry.
Time never runs backwards along the chain: an entry is recorded no earlier than the one before it (a clock
set back gives the previous entry's time), and its date of provision is the day it was recorded, in Japan.

With a ledger key (INDIGO_LEDGER_KEY or INDIGO_LEDGER_KEY_FILE, see `keys`) each new entry's value is an
HMAC-SHA-256 under the key and the entry records the key's fingerprint (`mac_key`), never the key: rewriting
the chain then needs the key, so a full rewrite is caught without a kept head. Once a ledger is keyed, an
append without its key (or with another key) is refused, so a keyed ledger never gains plain entries.

Retention: entries are kept at least `RETENTION_YEARS` (3, Rules Art. 21; configurable upward only).
`purge` removes the oldest entries provided before a date that is itself older than the retention period,
and appends a purge entry recording how many were removed, their sequence numbers, the newest date among
them and the value of the last one (the anchor). `verify` starts the chain from that anchor instead of the
genesis value and checks every purge entry against the retention period, so a documented purge keeps the
ledger verifiable while an undocumented or premature deletion does not.

What is stored: the file's name and SHA-256, never its contents; member ids only where Art. 29 asks for
the persons (a provision with consent); every other personal value stays out.

Limits: without a key, a chain shows edits but cannot stop someone who rewrites every row after an edit
and recomputes the hashes; with or without a key, it cannot show that the newest rows were deleted. `ledger
head` prints the head (sequence number and value of the newest entry): an auditor who keeps it elsewhere
passes it back with `verify --head` and a rewritten or truncated ledger no longer contains it.
"""

from __future__ import annotations

import json
import sqlite3
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

import pandas as pd

from ..errors import LedgerKeyError, ParameterError
from ..keys import LEDGER_KEY_ENV, LedgerKey, load_ledger_key
from ..workspace import StoreRead
from .store import (
    COLUMNS,
    GENESIS,
    JSON_COLUMNS,
    JST,
    RETENTION_YEARS,
    STORE,
    add_years,
    connect,
    decoded,
    entry_hash,
    read_rows,
    retention_cutoff,
)
from .verification import Verification, verify

__all__ = [
    "COLUMNS",
    "GENESIS",
    "RETENTION_YEARS",
    "STORE",
    "Provision",
    "PurgeOutcome",
    "Verification",
    "add_years",
    "append",
    "entries_for_member",
    "entry_hash",
    "items_text",
    "ledger_read",
    "parse_day",
    "purge",
    "read_entries",
    "ready_to_append",
    "retention_cutoff",
    "verify",
]

RELEASED, REFUSED, PURGED = "released", "refused", "purged"


@dataclass
class Provision:
    """What one entry records (the chain fields are added when it is appended); `kind` is "provision" for a
    release decision and may name another kind of entry (a purge is appended by `purge`)."""

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


def ledger_read(path: str | Path) -> StoreRead:
    """Which state of the ledger a job read: its entry count and head hash ("none" when it does not exist);
    a damaged ledger is a StoreError here, before the job decides anything."""
    path = Path(path)
    if not path.exists():
        return StoreRead(STORE, str(path), 0, "none")
    with connect(path) as conn:
        head = conn.execute("SELECT seq, hash FROM entries ORDER BY seq DESC LIMIT 1").fetchone()
        count = conn.execute("SELECT COUNT(*) FROM entries").fetchone()[0]
    return StoreRead(STORE, str(path), int(count), head[1] if head else "empty")


def _head(conn: sqlite3.Connection) -> dict[str, Any] | None:
    keyed = "mac_key" in {r[1] for r in conn.execute("PRAGMA table_info(entries)")}  # schema 1 had no keys
    mac_key = "mac_key" if keyed else "''"
    row = conn.execute(f"SELECT seq, hash, recorded_at, {mac_key} FROM entries ORDER BY seq DESC LIMIT 1").fetchone()
    return dict(zip(("seq", "hash", "recorded_at", "mac_key"), row, strict=True)) if row else None


def ready_to_append(path: str | Path) -> StoreRead:
    """The ledger as a job finds it before deciding anything: readable in full (every page, every field), and
    when it is keyed, its key set; otherwise a StoreError or LedgerKeyError (exit 2) stops the job before it does
    any work. A broken chain does not stop it: the decision is still recorded, and `verify` reports the break."""
    path = Path(path)
    read = ledger_read(path)
    if path.exists():
        with connect(path) as conn:
            _check_key(path, _head(conn), load_ledger_key())
            for row in read_rows(conn, path):
                for name in JSON_COLUMNS:
                    decoded(path, row, name)
    return read


def _check_key(path: Path, head: dict[str, Any] | None, key: LedgerKey | None) -> None:
    """A keyed ledger takes entries only under its own key: never a plain one after a keyed one."""
    if head is None or not head["mac_key"]:
        return
    if key is None:
        raise LedgerKeyError(
            path,
            f"the provision ledger is keyed (key fingerprint {head['mac_key']}) and no ledger key is set",
            f"set {LEDGER_KEY_ENV} (or INDIGO_LEDGER_KEY_FILE) to the ledger's key and run again",
        )
    if key.fingerprint != head["mac_key"]:
        raise LedgerKeyError(
            path,
            f"the ledger key set (fingerprint {key.fingerprint}) is not this ledger's (fingerprint {head['mac_key']})",
            "set the key this ledger was made with",
        )


def _recorded(now: datetime, head: dict[str, Any] | None) -> datetime:
    """When an entry is recorded: now, or the previous entry's time if the clock was set back (never earlier)."""
    now = now.astimezone(UTC).replace(microsecond=0)
    try:
        previous = datetime.fromisoformat(head["recorded_at"]) if head else None
    except (TypeError, ValueError):
        previous = None  # a damaged time: verify reports it; the new entry keeps the real one
    return max(now, previous) if previous is not None and previous.tzinfo is not None else now


def _insert(
    conn: sqlite3.Connection,
    values: dict[str, Any],
    now: datetime,
    head: dict[str, Any] | None,
    key: LedgerKey | None,
) -> dict[str, Any]:
    """Insert one entry after `head` (None: the first entry); the caller holds the write lock."""
    recorded = _recorded(now, head)
    row: dict[str, Any] = {
        **values,
        "seq": (head["seq"] + 1) if head else 1,
        "recorded_at": recorded.isoformat(timespec="seconds"),
        "provided_on": recorded.astimezone(JST).date().isoformat(),
        "mac_key": key.fingerprint if key else "",
        "prev_hash": head["hash"] if head else GENESIS,
    }
    for name in JSON_COLUMNS:
        row[name] = _dumps(row[name])
    row["hash"] = entry_hash(row, key)
    conn.execute(
        f"INSERT INTO entries ({', '.join(COLUMNS)}) VALUES ({', '.join('?' for _ in COLUMNS)})",
        [row[name] for name in COLUMNS],
    )
    return row


def _dumps(value: Any) -> str:
    return json.dumps(value, sort_keys=True, ensure_ascii=False, separators=(",", ":"))


def append(
    path: str | Path, provision: Provision, now: datetime | None = None, key: LedgerKey | None = None
) -> dict[str, Any]:
    """Append one entry to the ledger (created on first use) and return it as stored; keyed when a ledger key
    is given or set in the environment."""
    path = Path(path)
    key = key or load_ledger_key()
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
    with connect(path, write=True, create=True) as conn:
        # The write lock is taken before the head is read, so two releases never link to the same head.
        conn.execute("BEGIN IMMEDIATE")
        head = _head(conn)
        _check_key(path, head, key)
        row = _insert(conn, values, now or datetime.now(UTC), head, key)
        conn.execute("COMMIT")
    return row


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
    key: LedgerKey | None = None,
) -> PurgeOutcome:
    """Remove the oldest entries provided before `before` (older than retention) and record the purge in the chain."""
    path = Path(path)
    key = key or load_ledger_key()
    now = now or datetime.now(UTC)
    cutoff = retention_cutoff(now.astimezone(JST).date(), retention_years)
    if before > cutoff:
        raise ParameterError(
            None,
            f"entries recorded on or after {cutoff.isoformat()} are younger than {retention_years} years "
            "and must be kept",
            f"give --before {cutoff.isoformat()} or earlier",
        )
    checked = verify(path, key=key)
    if not checked.ok:
        # Purging a broken chain would destroy the evidence of the break.
        return PurgeOutcome(0, None, checked)
    with connect(path, write=True) as conn:
        conn.execute("BEGIN IMMEDIATE")
        rows = read_rows(conn, path)
        old: list[dict[str, Any]] = []
        for row in rows:
            # Only the leading run: the chain stays one contiguous sequence after the anchor.
            if row["provided_on"] >= before.isoformat():
                break
            old.append(row)
        if not old:
            conn.execute("ROLLBACK")
            return PurgeOutcome(0, None, checked)
        head = rows[-1]
        _check_key(path, head, key)
        last = old[-1]
        # The DELETE guard lets through exactly the entries up to the window, inside this transaction only.
        conn.execute("INSERT INTO purge_window (up_to_seq) VALUES (?)", (last["seq"],))
        conn.execute("DELETE FROM entries WHERE seq <= ?", (last["seq"],))
        conn.execute("DELETE FROM purge_window")
        details = {
            "before": before.isoformat(),
            "retention_years": retention_years,
            "purged_count": len(old),
            "purged_first_seq": old[0]["seq"],
            "purged_last_seq": last["seq"],
            "newest_purged_on": max(r["provided_on"] for r in old),
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
        entry = _insert(conn, values, now, head, key)
        conn.execute("COMMIT")
    return PurgeOutcome(len(old), entry, verify(path, key=key))


def read_entries(path: str | Path, since: date | None = None) -> pd.DataFrame:
    """Every entry (optionally those provided on or after `since`), JSON fields decoded, oldest first; a field
    that is not UTF-8 or not valid JSON is a StoreError naming the entry."""
    path = Path(path)
    with connect(path) as conn:
        rows = read_rows(conn, path)
    for row in rows:
        for name in JSON_COLUMNS:
            row[name] = decoded(path, row, name)
    frame = pd.DataFrame(rows, columns=list(COLUMNS))
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
