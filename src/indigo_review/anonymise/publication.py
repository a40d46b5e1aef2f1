"""Publishing the differentially private planning tables: the budget check, the spend in the ledger, the files.

The ε account lives in the provision ledger (release package, public API only): each publication appends one
entry of kind `privacy_budget`. Checking the account and appending the spend happen while this job holds the
release history's write lock, so two publications for the same population at the same moment cannot both pass
a check that only one of them fits. The check runs once early (so a refused run does no work) and again under
the lock, which decides.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pandas as pd

from ..release import PRIVACY_BUDGET, Provision, append, budget_spent
from ..workspace import Workspace
from .dp import MECHANISM, budget_entry, current_year, dp_tables, write_dp_tables
from .history import exclusive
from .records import prepare_records
from .settings import AnonymiseSettings

LEDGER = "ledger"
SPENT = "spent"
# ε is a float: sums of shares may differ from the cap in the last bits.
TOLERANCE = 1e-9


def _ledger(workspace: Workspace) -> Path:
    return workspace.existing(LEDGER) or workspace.ensure().path(LEDGER)


def _over(settings: AnonymiseSettings, spent: float, year: int) -> str:
    if spent + settings.dp_epsilon <= settings.dp_budget_per_year + TOLERANCE:
        return ""
    return (
        f"the differential-privacy budget of population '{settings.population}' for {year} is "
        f"{settings.dp_budget_per_year}; {round(spent, 6)} is spent, so ε={settings.dp_epsilon} more is refused "
        "(wait for next year, or publish with a smaller --dp-epsilon)"
    )


def check_budget(workspace: Workspace, settings: AnonymiseSettings) -> str:
    """Why the publication would exceed the yearly cap, or '' when it fits."""
    year = current_year()
    return _over(settings, budget_spent(_ledger(workspace), settings.population, year), year)


def publish_dp(
    workspace: Workspace,
    settings: AnonymiseSettings,
    tables: dict[str, pd.DataFrame],
    stopped: frozenset[str],
    out_dir: Path,
) -> tuple[dict[str, Any] | None, str]:
    """Spend the budget and write the DP tables; (the report's fields, '') or (None, why it was refused)."""
    year = current_year()
    ledger = _ledger(workspace)
    records, _ = prepare_records(tables, stopped, settings.excluded_statuses, settings.months)
    with exclusive(workspace):
        spent = budget_spent(ledger, settings.population, year)
        refusal = _over(settings, spent, year)
        if refusal:
            return None, refusal
        result = dp_tables(records, tables["events"], settings.dp_epsilon, settings.dp_max_signups)
        entry = append(
            ledger,
            Provision(
                kind=PRIVACY_BUDGET,
                outcome=SPENT,
                basis="anonymous",
                recipient="",
                file_name="dp_planning_tables",
                file_sha256=result.sha256,
                scan_verdict="",
                details=budget_entry(settings, result, spent, year, out_dir),
            ),
        )
    workspace.mark_created(LEDGER)
    write_dp_tables(result, out_dir)
    return {
        "population": settings.population,
        "epsilon_spent": result.epsilon_spent,
        "spent_this_year": round(spent + result.epsilon_spent, 10),
        "budget_per_year": settings.dp_budget_per_year,
        "year": year,
        "mechanism": MECHANISM,
        "max_signups_per_member": settings.dp_max_signups,
        # Part of the error: the bound leaves these out (a bias), the noise does the rest.
        "signups_beyond_the_bound": result.beyond_bound,
        "laplace_scales": result.scales,
        "ledger_entry": int(entry["seq"]),
        "tables": [f"{name}.csv" for name in result.tables],
        "error": result.error.to_dict(orient="records"),
    }, ""
