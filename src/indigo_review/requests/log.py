"""The request log (SQLite): every member request with its dates, documents checked and outcome.

One row per request: received date, kind, member id, who asked, which identity documents were checked
(their names from the policy's list, never their numbers), the due date, status (open, answered,
refused), the refusal case and the run folder. A request is logged open when its run starts and closed
when the answer or refusal is written, so a run that could not finish stays open and shows as overdue.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

import pandas as pd

from ..errors import StoreError
from ..workspace import StoreRead, Workspace, open_store
from .settings import DEFAULT_DUE_DAYS

STORE = "requests"
LABEL = "request log"
OPEN, ANSWERED, REFUSED = "open", "answered", "refused"
COLUMNS = [
    "request_id",
    "received",
    "kind",
    "member_id",
    "requester",
    "id_documents",
    "due",
    "status",
    "refusal_case",
    "closed_on",
    "note",
    "run_dir",
]
_SCHEMA = """CREATE TABLE IF NOT EXISTS requests (
    request_id TEXT PRIMARY KEY, received TEXT NOT NULL, kind TEXT NOT NULL, member_id TEXT NOT NULL,
    requester TEXT NOT NULL, id_documents TEXT NOT NULL, due TEXT NOT NULL, status TEXT NOT NULL,
    refusal_case TEXT NOT NULL DEFAULT '', closed_on TEXT NOT NULL DEFAULT '', note TEXT NOT NULL DEFAULT '',
    run_dir TEXT NOT NULL DEFAULT '');"""


@dataclass(frozen=True)
class Entry:
    """A request as the log records it when it is received."""

    request_id: str
    received: date
    kind: str
    member_id: str
    requester: str
    id_documents: tuple[str, ...]
    due_days: int = DEFAULT_DUE_DAYS
    run_dir: str = ""

    @property
    def due(self) -> date:
        """The date the answer is due."""
        return self.received + timedelta(days=self.due_days)


def record_open(workspace: Workspace, entry: Entry) -> StoreRead:
    """Log a request as received and open; the log as it stands after."""
    # A log this workspace created and lost is an error, never a fresh start; one that cannot be read in full
    # stops the request before it is logged.
    read_log(workspace)
    path = workspace.ensure().path(STORE)
    with open_store(path, _SCHEMA, LABEL) as db:
        db.execute(
            "INSERT INTO requests (request_id, received, kind, member_id, requester, id_documents, due, status,"
            " run_dir) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (
                entry.request_id,
                entry.received.isoformat(),
                entry.kind,
                entry.member_id,
                entry.requester,
                ",".join(entry.id_documents),
                entry.due.isoformat(),
                OPEN,
                entry.run_dir,
            ),
        )
        count = db.execute("SELECT COUNT(*) FROM requests").fetchone()[0]
    workspace.mark_created(STORE)
    return StoreRead(STORE, str(path), int(count), entry.request_id)


def close_request(
    workspace: Workspace,
    request_id: str,
    status: str,
    refusal_case: str = "",
    note: str = "",
    on: date | None = None,
) -> None:
    """Record a request's outcome: answered or refused (with the policy's case); open keeps it open with a note."""
    closed = "" if status == OPEN else (on or date.today()).isoformat()
    path = workspace.existing(STORE) or workspace.path(STORE)
    with open_store(path, _SCHEMA, LABEL) as db:
        db.execute(
            "UPDATE requests SET status = ?, refusal_case = ?, closed_on = ?, note = ? WHERE request_id = ?",
            (status, refusal_case, closed, note, request_id),
        )


def read_log(workspace: Workspace) -> pd.DataFrame:
    """Every logged request; empty when the workspace has no log yet (an error when it lost it). A log that
    cannot be read in full (a damaged page, a field that is not text, a date that is not one) is a StoreError
    naming it, never quoting what it holds."""
    path = workspace.existing(STORE)
    if path is None:
        return pd.DataFrame(columns=COLUMNS)
    with open_store(path, _SCHEMA, LABEL, create=False) as db:
        rows = db.execute(f"SELECT {', '.join(COLUMNS)} FROM requests ORDER BY received, request_id").fetchall()
    log = pd.DataFrame(rows, columns=COLUMNS)
    for column, may_be_empty in (("received", False), ("due", False), ("closed_on", True)):
        values = log[column] if not may_be_empty else log.loc[log[column] != "", column]
        bad = pd.to_datetime(values, format="%Y-%m-%d", errors="coerce").isna()
        if bad.any():
            request_id = log.loc[bad[bad].index[0], "request_id"]
            raise StoreError(
                path,
                f"request {request_id}'s {column} is not a date (the request log is damaged or was edited)",
                "restore the request log from a backup",
            )
    return log


def pending(workspace: Workspace, today: date | None = None) -> pd.DataFrame:
    """Open requests with their days left; overdue ones (past their due date) are flagged."""
    log = read_log(workspace)
    today = today or date.today()
    waiting = log[log["status"] == OPEN].copy()
    due = pd.to_datetime(waiting["due"], format="%Y-%m-%d").dt.date
    waiting["days_left"] = [(d - today).days for d in due]
    waiting["overdue"] = waiting["days_left"] < 0
    return waiting[["request_id", "received", "kind", "member_id", "requester", "due", "days_left", "overdue", "note"]]
