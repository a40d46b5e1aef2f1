"""Record every release (policy 3, 4, 7; APPI Art. 27–29): the legal bases, the release job, the provision ledger.

Public API: `run_release` (the job), `entries_for_member` (for a member's disclosure request), the
ledger functions (`append`, `verify`, `purge`, `read_entries`, `ledger_path`) and the auditor's exports.
"""

from .bases import BASES, Decision, ReleaseRequest, decide
from .export import export_csv, export_html
from .job import ReleaseOutcome, run_release
from .ledger import (
    LEDGER_ENV,
    RETENTION_YEARS,
    Provision,
    Verification,
    append,
    entries_for_member,
    ledger_path,
    purge,
    read_entries,
    verify,
)

__all__ = [
    "BASES",
    "LEDGER_ENV",
    "RETENTION_YEARS",
    "Decision",
    "Provision",
    "ReleaseOutcome",
    "ReleaseRequest",
    "Verification",
    "append",
    "decide",
    "entries_for_member",
    "export_csv",
    "export_html",
    "ledger_path",
    "purge",
    "read_entries",
    "run_release",
    "verify",
]
