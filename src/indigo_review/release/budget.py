"""The privacy-budget account: how much ε each population has spent, read from the provision ledger.

A differentially private publication (the anonymise job's `--dp-epsilon`) appends an entry of kind
`privacy_budget` whose details name the population, the ε spent and the calendar year (Japan). The account is
the sum of those entries: ε adds up over publications (basic composition), so the sum bounds what all of a
year's tables together reveal about any one member. Entries removed by a purge are older than the retention
period (3 years), so a yearly account is never shortened by one.
"""

from __future__ import annotations

from pathlib import Path

from .ledger import read_entries

PRIVACY_BUDGET = "privacy_budget"
SPENT = "spent"


def budget_spent(ledger: str | Path, population: str, year: int | None = None) -> float:
    """ε the population spent (in the given calendar year, Japan, when given); 0 when there is no ledger yet."""
    if not Path(ledger).exists():
        return 0.0
    entries = read_entries(ledger)
    entries = entries[entries["kind"] == PRIVACY_BUDGET]
    total = 0.0
    for details in entries["details"]:
        if not isinstance(details, dict) or details.get("population") != population:
            continue
        if year is not None and int(details.get("year", 0)) != year:
            continue
        total += float(details.get("epsilon", 0.0))
    return total
