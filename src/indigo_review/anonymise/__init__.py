"""Anonymise sign-ups for planning (policy 2(2), 3(1)): keyed pseudonyms, hierarchies, k-anonymity, planning.

Public API: `AnonymiseSettings` and `run` (the job), `AnonymiseOutcome` (what the notebook shows), and the
names the settings use (release kinds, quasi-identifiers). The key lives in `indigo_review.keys`.
Names are loaded on first use, so the command line can check settings without importing pandas.
"""

from __future__ import annotations

from ..lazy import lazy_exports

_PUBLIC = {
    "run": "job",
    "AnonymiseOutcome": "job",
    "AnonymiseSettings": "settings",
    "ALL_QUASI_IDENTIFIERS": "settings",
    "DEFAULT_DP_BUDGET_PER_YEAR": "settings",
    "DEFAULT_DP_MAX_SIGNUPS": "settings",
    "DEFAULT_QUASI_IDENTIFIERS": "settings",
    "DEFAULT_QUASI_IDENTIFIERS_BY_RELEASE": "settings",
    "RELEASES": "settings",
}
__all__ = sorted(_PUBLIC)

__getattr__, __dir__ = lazy_exports(__name__, _PUBLIC)
