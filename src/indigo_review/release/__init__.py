"""Record every release (policy 3, 4, 7; APPI Art. 27–29): the legal bases, the release job, the provision ledger.

Public API: `ReleaseSettings` and `run` (the job), `entries_for_member` (for a member's disclosure request),
the ledger functions (`append`, `purge`, `read_entries`, `ledger_read`), its verification (`verify`), the
auditor's exports, and the privacy-budget account (`budget_spent`, entries of kind `PRIVACY_BUDGET`).
Names are loaded on first use, so the command line can check a release request without importing pandas.
"""

from __future__ import annotations

from ..lazy import lazy_exports

_PUBLIC = {
    "run": "job",
    "ReleaseOutcome": "job",
    "ReleaseSettings": "settings",
    "BASES": "settings",
    "CONSENT": "settings",
    "SHARED_USE": "settings",
    "Decision": "bases",
    "decide": "bases",
    "audit_table": "export",
    "export_csv": "export",
    "export_html": "export",
    "PRIVACY_BUDGET": "budget",
    "budget_spent": "budget",
    "RETENTION_YEARS": "ledger",
    "Provision": "ledger",
    "Verification": "verification",
    "append": "ledger",
    "entries_for_member": "ledger",
    "ledger_read": "ledger",
    "parse_day": "ledger",
    "purge": "ledger",
    "read_entries": "ledger",
    "verify": "verification",
    "load_notice": "shared_use",
}
__all__ = sorted(_PUBLIC)

__getattr__, __dir__ = lazy_exports(__name__, _PUBLIC)
