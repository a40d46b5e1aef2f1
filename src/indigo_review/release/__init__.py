"""Record every release (policy 3, 4, 7; APPI Art. 27–29): the legal bases, the release job, the provision ledger.

Public API: `run_release` (the job), `entries_for_member` (for a member's disclosure request), the
ledger functions (`append`, `verify`, `purge`, `read_entries`, `ledger_path`) and the auditor's exports.
"""

from .bases import BASES, CONSENT, SHARED_USE, Decision, ReleaseRequest, decide
from .export import audit_table, export_csv, export_html
from .job import ReleaseOutcome, run_release
from .ledger import (
    LEDGER_ENV,
    RETENTION_YEARS,
    Provision,
    Verification,
    append,
    entries_for_member,
    ledger_path,
    parse_day,
    purge,
    read_entries,
    verify,
)
from .shared_use import load_notice

__all__ = [
    "BASES",
    "CONSENT",
    "LEDGER_ENV",
    "RETENTION_YEARS",
    "SHARED_USE",
    "Decision",
    "Provision",
    "ReleaseOutcome",
    "ReleaseRequest",
    "Verification",
    "append",
    "audit_table",
    "decide",
    "entries_for_member",
    "export_csv",
    "export_html",
    "ledger_path",
    "load_notice",
    "parse_day",
    "purge",
    "read_entries",
    "run_release",
    "verify",
]
