"""The accuracy check's settings: the tables, the suites, and the day "today" means."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import ClassVar

from ..contract import JobSettings
from ..errors import InputError, ParameterError


@dataclass(frozen=True)
class CheckSettings(JobSettings):
    """One check run: the data folder, the suites folder ("" is the shipped suites) and the reference date."""

    JOB: ClassVar[str] = "check"

    data: str = ""
    suites: str = ""
    as_of: str = ""  # YYYY-MM-DD; "" means today in Japan
    lang: str = ""  # ja or en; "" is the workspace's setting, else the locale
    workspace: str = ""

    def validate(self) -> CheckSettings:
        """The data and suites folders exist and the reference date is a date."""
        if not self.data or not Path(self.data).is_dir():
            raise InputError(self.data or None, "is not a folder", "pass --data the folder that holds the tables")
        if self.suites and not Path(self.suites).is_dir():
            raise InputError(self.suites, "is not a folder", "pass --suites the folder of suite JSON files")
        if self.as_of:
            try:
                date.fromisoformat(self.as_of)
            except ValueError:
                raise ParameterError(None, "--as-of is not a YYYY-MM-DD date", "e.g. --as-of 2026-11-01") from None
        return self
