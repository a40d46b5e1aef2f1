"""The member-request job's settings: who asked for what, which documents were checked, the tables to search.

No pandas here: the command line checks a request before any run folder exists.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import ClassVar

from ..contract import JobSettings
from ..errors import InputError, ParameterError
from .policy import KINDS, check_documents, check_member_id, refusal_case

DEFAULT_DUE_DAYS = 14


def received_date(value: date | str | None) -> date:
    """The day the request was received: a date, an ISO date string, or today when not given."""
    if value is None or value == "":
        return date.today()
    if isinstance(value, date):
        return value
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise ParameterError(
            None, "the received date is not a YYYY-MM-DD date", "pass e.g. --received 2026-11-25"
        ) from None


@dataclass(frozen=True)
class RequestSettings(JobSettings):
    """One request as received; `validate` returns it normalised (refusal case by name, received date)."""

    JOB: ClassVar[str] = "request"

    kind: str = ""
    member_id: str = ""
    data: str = ""
    received: str = ""  # YYYY-MM-DD; "" means today
    requester: str = "self"
    id_documents: tuple[str, ...] = ()
    refuse: str = ""
    due_days: int = DEFAULT_DUE_DAYS
    changes_path: str = ""
    suites: str = ""  # "" is the shipped suites
    lang: str = ""  # ja or en; "" is the workspace's setting, else the locale
    workspace: str = ""

    def validate(self) -> RequestSettings:
        """Raise a ParameterError for anything the handler can get wrong; return the normalised settings."""
        if self.kind not in KINDS:
            raise ParameterError(None, f"unknown request kind '{self.kind}'", f"use one of {', '.join(KINDS)}")
        if not self.data or not Path(self.data).is_dir():
            raise InputError(self.data or None, "is not a folder", "pass --data the folder that holds the tables")
        check_member_id(self.member_id, Path(self.data) / "members.csv")
        received = received_date(self.received).isoformat()
        if self.due_days < 1:
            raise ParameterError(None, "the number of days to answer must be at least 1", "pass e.g. --due-days 14")
        refuse = refusal_case(self.refuse) if self.refuse else ""
        if not refuse:
            check_documents(self.requester, self.id_documents)
        if self.kind == "correction" and not refuse:
            if not self.changes_path:
                raise ParameterError(
                    None, "a correction needs the requested changes", "pass --changes FILE (column,new_value)"
                )
            if not Path(self.changes_path).is_file():
                raise InputError(self.changes_path, "file not found", "pass --changes the CSV of column,new_value")
        if self.suites and not (Path(self.suites) / "members.json").is_file():
            raise InputError(Path(self.suites) / "members.json", "suite not found", "pass --suites the expectations")
        return dataclasses.replace(self, received=received, refuse=refuse, id_documents=tuple(self.id_documents))

    @property
    def received_on(self) -> date:
        """The received date as a date (today when not given)."""
        return received_date(self.received)
