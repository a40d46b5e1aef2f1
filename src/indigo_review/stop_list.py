"""The stop list (policy 8): members who asked the society to stop using their data.

A store in the workspace (`stop_list.sqlite`), shared by three jobs: the member-request job adds to it,
the anonymise job leaves the listed members out, and the release job refuses a file that holds one. It is
the same list whichever folder a job starts in. A workspace that has never stopped anyone has no list yet
(nobody has asked); a list the workspace created and then lost is an error, so that no job reads an empty
list in its place (fail closed). Additions are single INSERTs in SQLite, so jobs adding at once all land.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from datetime import date

from .errors import StoreError
from .workspace import StoreRead, Workspace, digest, open_store

STORE = "stop_list"
LABEL = "stop list"
_SCHEMA = """CREATE TABLE IF NOT EXISTS stops (
    member_id TEXT PRIMARY KEY, added_on TEXT NOT NULL, request_id TEXT NOT NULL DEFAULT '');"""


def member_key(member_id: str) -> str:
    """The form a member id is compared in: full-width folded, trimmed, upper case (ｍ０００１２３ is M000123)."""
    return unicodedata.normalize("NFKC", str(member_id)).strip().upper()


@dataclass(frozen=True)
class StopList:
    """The stopped members' ids (compared with `member_key`) and which state of the store was read."""

    members: frozenset[str]
    read: StoreRead

    def __contains__(self, member_id: object) -> bool:
        return isinstance(member_id, str) and member_key(member_id) in self.members


def read_stop_list(workspace: Workspace) -> StopList:
    """The stop list as it stands; empty when the workspace never created one, an error when it lost it."""
    path = workspace.existing(STORE)
    if path is None:
        return StopList(frozenset(), StoreRead(STORE, str(workspace.path(STORE)), 0, "none"))
    with open_store(path, _SCHEMA, LABEL, create=False) as conn:
        tables = {row[0] for row in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
        if "stops" not in tables:
            raise StoreError(path, "is not a stop list (no stops table)", "restore it from a backup")
        ids = [row[0] for row in conn.execute("SELECT member_id FROM stops")]
    return StopList(frozenset(ids), StoreRead(STORE, str(path), len(ids), digest(ids)))


def add_to_stop_list(workspace: Workspace, member_id: str, request_id: str, added_on: date) -> bool:
    """Add a member (once: adding again keeps the first entry); True when they were not listed before."""
    path = workspace.ensure().path(STORE)
    with open_store(path, _SCHEMA, LABEL) as conn:
        cursor = conn.execute(
            "INSERT OR IGNORE INTO stops (member_id, added_on, request_id) VALUES (?, ?, ?)",
            (member_key(member_id), added_on.isoformat(), request_id),
        )
        added = cursor.rowcount == 1
    workspace.mark_created(STORE)
    return added


def import_rows(workspace: Workspace, rows: list[tuple[str, str, str]]) -> int:
    """Merge (member_id, added_on, request_id) rows into the list in one transaction; how many were new."""
    path = workspace.ensure().path(STORE)
    with open_store(path, _SCHEMA, LABEL) as conn:
        conn.execute("BEGIN IMMEDIATE")
        before = conn.execute("SELECT COUNT(*) FROM stops").fetchone()[0]
        conn.executemany(
            "INSERT OR IGNORE INTO stops (member_id, added_on, request_id) VALUES (?, ?, ?)",
            [(member_key(m), added, request) for m, added, request in rows if member_key(m)],
        )
        after = conn.execute("SELECT COUNT(*) FROM stops").fetchone()[0]
        conn.execute("COMMIT")
    workspace.mark_created(STORE)
    return after - before
