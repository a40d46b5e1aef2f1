"""The provision ledger's SQLite file: its schema and guards, one way to open it, strict reading of its rows, and
the chain value each entry carries (SHA-256, or HMAC-SHA-256 under the ledger key).

Schema 2 (this one): the `entries` table; two triggers that refuse an UPDATE and a DELETE of an entry, except a
DELETE of the entries up to the sequence number a purge writes into `purge_window` inside its own transaction
(and removes before it commits); `ledger_meta` with the schema version. Schema 1 (before) had the UPDATE trigger
only and no `mac_key` column: it is upgraded on the next write, and a dropped trigger is never recreated, so
`verify` can report it. The triggers stop a mistaken edit in the sqlite3 shell; they cannot stop someone who
drops them first. That is what the chain is for: an entry's value covers its fields, the previous entry's
value and, in a keyed entry, the key's fingerprint.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

from ..errors import ParameterError, StoreError
from ..i18n import N_
from ..keys import LedgerKey
from ..workspace import open_store

STORE = "ledger"
LABEL = "provision ledger"
RETENTION_YEARS = 3
GENESIS = "0" * 64
JST = ZoneInfo("Asia/Tokyo")
SCHEMA_VERSION = "2"
# Columns in chain order; `hash` is computed over all the others (`mac_key` only when the entry has one, so
# that entries made before keys existed keep their value).
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
    "mac_key",
    "prev_hash",
    "hash",
)
JSON_COLUMNS = {"persons": list, "items": list, "details": dict}
UPDATE_GUARD = "entries_are_never_updated"
DELETE_GUARD = "entries_are_never_deleted"
GUARDS = {
    UPDATE_GUARD: f"""CREATE TRIGGER {UPDATE_GUARD} BEFORE UPDATE ON entries
BEGIN SELECT RAISE(ABORT, 'the provision ledger is append-only'); END""",
    DELETE_GUARD: f"""CREATE TRIGGER {DELETE_GUARD} BEFORE DELETE ON entries
WHEN NOT EXISTS (SELECT 1 FROM purge_window WHERE OLD.seq <= up_to_seq)
BEGIN SELECT RAISE(ABORT, 'the provision ledger is append-only: only a purge removes entries'); END""",
}
_ENTRIES = """CREATE TABLE entries (
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
    hash TEXT NOT NULL UNIQUE,
    mac_key TEXT NOT NULL DEFAULT ''
)"""
_SCHEMA_2 = f"""
CREATE TABLE IF NOT EXISTS purge_window (up_to_seq INTEGER NOT NULL);
{GUARDS[DELETE_GUARD]};
CREATE TABLE IF NOT EXISTS ledger_meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
INSERT OR REPLACE INTO ledger_meta (key, value) VALUES ('schema', '{SCHEMA_VERSION}');
"""


def _tables(conn: sqlite3.Connection) -> set[str]:
    return {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}


def _entry_columns(conn: sqlite3.Connection) -> set[str]:
    return {r[1] for r in conn.execute("PRAGMA table_info(entries)")}


def _upgrade(conn: sqlite3.Connection) -> None:
    """Bring a new or schema-1 ledger to schema 2 in one transaction; a dropped guard is left dropped."""
    conn.execute("BEGIN IMMEDIATE")
    tables = _tables(conn)  # read again under the write lock: another job may have upgraded it meanwhile
    if "ledger_meta" in tables:
        conn.execute("ROLLBACK")
        return
    if "entries" not in tables:
        conn.execute(_ENTRIES)
        conn.execute(GUARDS[UPDATE_GUARD])
    elif "mac_key" not in _entry_columns(conn):
        conn.execute("ALTER TABLE entries ADD COLUMN mac_key TEXT NOT NULL DEFAULT ''")
    for statement in _SCHEMA_2.split(";\n"):
        if statement.strip():
            conn.execute(statement)
    conn.execute("COMMIT")


@contextmanager
def connect(path: str | Path, write: bool = False, create: bool = False) -> Iterator[sqlite3.Connection]:
    """The ledger through the workspace's one way of opening a store; never adds its table to another database.

    `write` upgrades a schema-1 ledger first; `create` makes a new one when the file does not exist yet.
    """
    path = Path(path)
    if not path.exists() and not create:
        raise StoreError(path, "no provision ledger here", "give the right --workspace; nothing was released yet")
    with open_store(path, "", LABEL, create=create) as conn:
        tables = _tables(conn)
        # Never add the ledger's tables to another database (the check history, say) given by mistake.
        if tables and "entries" not in tables:
            raise StoreError(path, "is not a provision ledger (no entries table)", "give the right --workspace")
        if not tables and not create:
            raise StoreError(path, "is not a provision ledger (no entries table)", "give the right --workspace")
        if (write or create) and "ledger_meta" not in tables:
            _upgrade(conn)
        yield conn


def read_rows(conn: sqlite3.Connection, path: Path) -> list[dict[str, Any]]:
    """Entries oldest first, every text field decoded strictly: a field that is not UTF-8 is a StoreError
    naming the entry and the field, never quoting it."""
    columns = [c for c in COLUMNS if c in _entry_columns(conn)]
    conn.text_factory = bytes
    try:
        raw = conn.execute(f"SELECT {', '.join(columns)} FROM entries ORDER BY seq").fetchall()
    finally:
        conn.text_factory = str
    rows = []
    for values in raw:
        row: dict[str, Any] = {"mac_key": ""}
        for name, value in zip(columns, values, strict=True):
            if isinstance(value, bytes):
                try:
                    value = value.decode("utf-8")
                except UnicodeDecodeError:
                    raise StoreError(
                        path,
                        f"entry {values[0]}'s {name} is not valid UTF-8 (the ledger is damaged or was edited)",
                        "restore the provision ledger from a backup",
                    ) from None
            row[name] = value
        rows.append(row)
    return rows


def decoded(path: Path, row: dict[str, Any], name: str) -> Any:
    """A JSON field of an entry, decoded: one that does not parse, or is not what it should be, is a StoreError."""
    try:
        value = json.loads(row[name])
    except (TypeError, ValueError):
        value = None
    if not isinstance(value, JSON_COLUMNS[name]):
        raise StoreError(
            path,
            f"entry {row['seq']}'s {name} is not a valid JSON {JSON_COLUMNS[name].__name__} (damaged or edited)",
            "restore the provision ledger from a backup",
        )
    return value


def canonical(row: dict[str, Any]) -> bytes:
    """The canonical form of an entry: sorted-key JSON of every column but the hash (and an empty mac_key)."""
    fields = {name: row[name] for name in COLUMNS if name != "hash" and (name != "mac_key" or row.get("mac_key"))}
    return json.dumps(fields, sort_keys=True, ensure_ascii=False, separators=(",", ":")).encode("utf-8")


def entry_hash(row: dict[str, Any], key: LedgerKey | None = None) -> str:
    """An entry's chain value: SHA-256 of its canonical form, or HMAC-SHA-256 with the ledger key for a keyed entry."""
    if row.get("mac_key"):
        if key is None:
            raise ValueError("a keyed entry's MAC needs the ledger key")
        return hmac.new(key.secret, canonical(row), hashlib.sha256).hexdigest()
    return hashlib.sha256(canonical(row)).hexdigest()


def guard_problem(conn: sqlite3.Connection) -> tuple[str, dict[str, Any]]:
    """What is wrong with the append-only guards, or "": a dropped or altered trigger, an open purge window; an
    English template and its values, so that a report can say it in its language."""
    tables = _tables(conn)
    schema_2 = bool({"ledger_meta", "purge_window"} & tables) or "mac_key" in _entry_columns(conn)
    expected = [UPDATE_GUARD, DELETE_GUARD] if schema_2 else [UPDATE_GUARD]
    found = dict(conn.execute("SELECT name, sql FROM sqlite_master WHERE type = 'trigger' AND tbl_name = 'entries'"))
    missing = [name for name in expected if name not in found]
    if missing:
        message = N_(
            "the append-only guard {guards} was dropped: entries could be changed without SQLite refusing (recreate "
            "nothing by hand: restore the ledger and find out who did it)"
        )
        return message, {"guards": " and ".join(missing)}
    altered = [name for name in expected if " ".join(found[name].split()) != " ".join(GUARDS[name].split())]
    if altered:
        message = N_("the append-only guard {guards} was altered: it no longer refuses what it should")
        return message, {"guards": " and ".join(altered)}
    if schema_2 and "purge_window" not in tables:
        return N_("the purge window table was dropped: the DELETE guard no longer works"), {}
    if schema_2 and conn.execute("SELECT COUNT(*) FROM purge_window").fetchone()[0]:
        return N_("a purge window was left open: entries can be deleted without a purge"), {}
    return "", {}


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
