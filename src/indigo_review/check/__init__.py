"""Check record accuracy (policy 2(3)): Great Expectations suites, custom expectations, prepared columns, history.

Public API: `CheckSettings` and `run` (the job), `CheckOutcome` (what the notebook shows), `failing_by_rule`,
`plot_trend`, `broken_rules` (one record against its suite, for a member's correction), and `rules` (the
accuracy rules as plain functions, for any job that must validate a value the way the checks do).
Names are loaded on first use, so the command line stays light.
"""

from __future__ import annotations

from ..lazy import lazy_exports

_PUBLIC = {
    "run": "job",
    "CheckOutcome": "job",
    "failing_by_rule": "report",
    "CheckSettings": "settings",
    "plot_trend": "history",
    "rules": "rules",
    "broken_rules": "record",
}
__all__ = sorted(_PUBLIC)

__getattr__, __dir__ = lazy_exports(__name__, _PUBLIC)
