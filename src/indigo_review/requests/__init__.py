"""Answer a member's request (policy 8): disclosure, correction or stop of use, found across every table and logged.

Public API: `run_request` (the job) with `RequestSettings`, `find_holdings` (what is held about a member),
the request log (`pending`, `read_log`, `log_path`) and the policy's vocabulary (kinds, documents, refusal cases).
"""

from .finding import Holdings, find_holdings
from .job import RequestOutcome, RequestSettings, received_date, run_request
from .log import DEFAULT_DUE_DAYS, LOG_ENV, log_path, pending, read_log
from .policy import ID_DOCUMENTS, KINDS, REFUSAL_CASES, REQUESTERS, check_documents, check_member_id, refusal_case

__all__ = [
    "DEFAULT_DUE_DAYS",
    "ID_DOCUMENTS",
    "KINDS",
    "LOG_ENV",
    "REFUSAL_CASES",
    "REQUESTERS",
    "Holdings",
    "RequestOutcome",
    "RequestSettings",
    "check_documents",
    "check_member_id",
    "find_holdings",
    "log_path",
    "pending",
    "read_log",
    "received_date",
    "refusal_case",
    "run_request",
]
