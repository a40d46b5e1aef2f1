"""The scan job's settings: which files, what a reviewer allows, where the partitions run."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import ClassVar

from ..contract import JobSettings
from ..errors import InputError, ParameterError
from .files import collect_exports
from .policy import load_policy, make_policy

# How long to wait for a Dask scheduler given by address before the scan is an ERROR.
CONNECT_TIMEOUT_SECONDS = 10.0


@dataclass(frozen=True)
class ScanSettings(JobSettings):
    """One scan: files and folders, allow-lists, and the cluster to run on (if any)."""

    JOB: ClassVar[str] = "scan"

    paths: tuple[str, ...] = ()
    allow_columns: tuple[str, ...] = ()
    allow_entities: tuple[str, ...] = ()
    policy_path: str = ""
    scheduler: str = ""
    workers: int | None = None
    connect_timeout: float = CONNECT_TIMEOUT_SECONDS
    members: str = ""  # the folder of the members table; "" is the workspace's data folder (if set)
    # Files the scan cannot read (unsupported type, encrypted, pictures only, too large, unreadable) are
    # listed as skipped instead of making the run an ERROR.
    skip_unsupported: bool = False
    lang: str = ""  # ja or en; "" is the workspace's setting, else the locale
    workspace: str = ""

    def validate(self) -> ScanSettings:
        """Every path exists, the allow-lists and policy file are valid, the cluster options make sense."""
        collect_exports(self.paths)
        if self.workers is not None and self.workers < 0:
            raise ParameterError(None, "--workers must be 0 or more", "0 scans in this process; N starts N workers")
        if not self.connect_timeout > 0:
            raise ParameterError(None, "--connect-timeout must be more than 0 seconds", "e.g. --connect-timeout 10")
        make_policy(self.allow_columns, self.allow_entities)
        if self.policy_path:
            load_policy(self.policy_path)
        if self.members and not Path(self.members).is_dir():
            raise InputError(self.members, "is not a folder", "give --members the folder that holds members.csv")
        return self
