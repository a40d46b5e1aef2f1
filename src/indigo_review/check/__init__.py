"""Check record accuracy (policy 2(3)): Great Expectations suites, custom expectations, prepared columns, history.

Public API: `run_check` (the job), `failing_by_rule`, `plot_trend`, and `rules` (the accuracy rules as
plain functions, for any job that must validate a value the way the checks do).
"""

from . import rules
from .history import plot_trend
from .job import CheckOutcome, failing_by_rule, run_check

__all__ = ["CheckOutcome", "failing_by_rule", "plot_trend", "rules", "run_check"]
