"""The request log (SQLite): every member request with its dates, documents checked and outcome.

One row per request: received date, kind, member id, who asked, which identity documents were checked
(their names from the policy's list, never their numbers), the due date, status (open, answered,
refused), the refusal case and the run folder. A request is logged open when its run starts and closed
when the answer or refusal is written, so a run that could not finish stays open and shows as overdue.
"""

from __future__ import annotations

import os
import sqlite3
from contextlib import closing
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path

import pandas as pd

from ..errors import InputError

LOG_ENV = "INDIGO_REQUEST_LOG"
DEFAULT_LOG = Path("runs") / "requests.sqlite"
DEFAULT_DUE_DAYS = 14
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
    run_dir TEXT NOT NULL DEFAULT '')"""


def log_path(path: str | Path | None = None) -> tuple[Path, bool]:
    """The log to use (option, else INDIGO_REQUEST_LOG, else runs/requests.sqlite) and whether it was named."""
    if path:
        return Path(path), True
    if os.environ.get(LOG_ENV):
        return Path(os.environ[LOG_ENV]), True
    return DEFAULT_LOG, False


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


def _connect(path: Path) -> sqlite3.Connection:
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        connection = sqlite3.connect(path)
        connection.execute(_SCHEMA)
    except (OSError, sqlite3.Error) as exc:
        raise InputError(path, f"the request log cannot be opened ({type(exc).__name__})", "check --log") from None
    return connection


def record_open(path: str | Path, entry: Entry) -> None:
    """Log a request as received and open."""
    with closing(_connect(Path(path))) as db, db:
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


def close_request(
    path: str | Path, request_id: str, status: str, refusal_case: str = "", note: str = "", on: date | None = None
) -> None:
    """Record a request's outcome: answered or refused (with the policy's case); open keeps it open with a note."""
    closed = "" if status == OPEN else (on or date.today()).isoformat()
    with closing(_connect(Path(path))) as db, db:
        db.execute(
            "UPDATE requests SET status = ?, refusal_case = ?, closed_on = ?, note = ? WHERE request_id = ?",
            (status, refusal_case, closed, note, request_id),
        )


def read_log(path: str | Path | None = None) -> pd.DataFrame:
    """Every logged request; a named log that does not exist is an InputError, a default one is empty."""
    resolved, named = log_path(path)
    if not resolved.exists():
        if named:
            raise InputError(resolved, "the request log does not exist", f"give the right path or unset {LOG_ENV}")
        return pd.DataFrame(columns=COLUMNS)
    with closing(_connect(resolved)) as db:
        return pd.read_sql_query(f"SELECT {', '.join(COLUMNS)} FROM requests ORDER BY received, request_id", db)


def pending(path: str | Path | None = None, today: date | None = None) -> pd.DataFrame:
    """Open requests with their days left; overdue ones (past their due date) are flagged."""
    log = read_log(path)
    today = today or date.today()
    waiting = log[log["status"] == OPEN].copy()
    due = pd.to_datetime(waiting["due"]).dt.date
    waiting["days_left"] = [(d - today).days for d in due]
    waiting["overdue"] = waiting["days_left"] < 0
    return waiting[["request_id", "received", "kind", "member_id", "requester", "due", "days_left", "overdue", "note"]]
