"""Answer a member's request (policy 8): disclosure, correction or stop of use, found across every table and logged.

Public API: `RequestSettings` and `run` (the job), `find_holdings` (what is held about a member), the request
log (`pending`, `read_log`) and the policy's vocabulary (kinds, documents, refusal cases). Names are loaded on
first use, so the command line can check a request without importing pandas.
"""

from __future__ import annotations

from ..lazy import lazy_exports

_PUBLIC = {
    "run": "job",
    "RequestOutcome": "job",
    "RequestSettings": "settings",
    "DEFAULT_DUE_DAYS": "settings",
    "received_date": "settings",
    "Holdings": "finding",
    "find_holdings": "finding",
    "pending": "log",
    "read_log": "log",
    "ID_DOCUMENTS": "policy",
    "KINDS": "policy",
    "REFUSAL_CASES": "policy",
    "REQUESTERS": "policy",
    "check_documents": "policy",
    "check_member_id": "policy",
    "refusal_case": "policy",
}
__all__ = sorted(_PUBLIC)

__getattr__, __dir__ = lazy_exports(__name__, _PUBLIC)
