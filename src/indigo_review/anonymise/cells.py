"""Cell suppression for published count tables: hide every count under k and enough others that none comes back.

Every published count is a sum of *atoms* (sign-ups of one event, region, age band... with one outcome), so a
table and the overall totals form a linear system. `protect` hides the cells under k (primary suppression),
then hides further cells (complementary suppression: the smallest cell of the derivation that pinned a hidden
one) until no hidden cell is pinned: neither by linear algebra on the published numbers, nor by the bounds an
attacker knows (a hidden count is 0..k-1, a listed row has at least one sign-up, nothing is negative), checked
with linear programming. A cell that stands for no atom at all (the past sign-ups of the suppressed '*' row,
whose outcome is not released) is no count: it is shown as "n/a", never hidden and never used to pin another.
`render` shows a hidden cell as "<k" only when it is under k, and as "x" (a complement) otherwise: a
published symbol, like a published number, is never false.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

COUNTS = ("signups", "past", "attended")
NOT_APPLICABLE = "n/a"
# A cell of k or more hidden so that a cell under k cannot be computed back (as "x" in Japanese statistics).
COMPLEMENT = "x"


@dataclass
class Cell:
    """One published count: where it is shown, its value and the atoms it sums."""

    table: str
    row: int
    column: str
    value: int
    atoms: np.ndarray  # boolean over the family's atoms
    lower: int = 0  # what an attacker knows of a hidden value's minimum (a listed row has a sign-up)


def count_cells(
    table: str, rows: pd.Series, atoms: pd.DataFrame, key: str, columns: tuple[str, ...] = COUNTS
) -> list[Cell]:
    """Cells signups / past / attended of each row (rows[i] is the row's value of `key` in the atoms)."""
    cells = []
    in_past = atoms["outcome"].isin(["attended", "no_show"]).to_numpy()
    attended = (atoms["outcome"] == "attended").to_numpy()
    for i, value in enumerate(rows):
        mine = (atoms[key] == value).to_numpy()
        for column in columns:
            mask = mine & {"signups": True, "past": in_past, "attended": attended}[column]
            lower = 1 if column == "signups" else 0
            cells.append(Cell(table, i, column, int(atoms["n"].to_numpy()[mask].sum()), mask, lower))
    return cells


def total_cells(atoms: pd.DataFrame, columns: tuple[str, ...] = COUNTS) -> list[Cell]:
    rows = pd.Series(["all"])
    return count_cells("planning_overview", rows, atoms.assign(_all="all"), "_all", columns)


def _pinned(cells: list[Cell], hidden: set[int], k: int, bounds: bool = True) -> dict[int, list[int]]:
    """Hidden cells an attacker can compute, each with the published cells its derivation uses.

    Linear algebra first (a hidden cell in the span of the published ones), then bounds by linear programming.
    """
    if not hidden:
        return {}
    published = [i for i in range(len(cells)) if i not in hidden]
    width = len(cells[0].atoms)
    matrix = np.array([cells[i].atoms for i in published], dtype=float).reshape(len(published), width)
    values = np.array([cells[i].value for i in published], dtype=float)
    pinned: dict[int, list[int]] = {}
    if published:
        u, singular, vt = np.linalg.svd(matrix, full_matrices=False)
        keep = singular > 1e-9 * max(float(singular.max(initial=0)), 1.0)
        u, singular, basis = u[:, keep], singular[keep], vt[keep]
    else:
        u, singular, basis = np.zeros((0, 0)), np.zeros(0), np.zeros((0, width))
    undecided = []
    for i in sorted(hidden):
        vector = cells[i].atoms.astype(float)
        projected = basis @ vector
        if np.abs(vector - projected @ basis).max(initial=0) < 1e-8:
            # The published cells whose combination gives this one (minimal-norm coefficients).
            weights = u @ (projected / singular)
            pinned[i] = [published[j] for j in np.flatnonzero(np.abs(weights) > 1e-9)]
        else:
            undecided.append(i)
    if pinned or not undecided or not bounds:
        return pinned
    from scipy.optimize import linprog

    # What a reader knows of each hidden cell: '<k' is lower..k-1, 'x' (a complement) is at least k.
    a_ub, b_ub = [], []
    for i in sorted(hidden):
        vector = cells[i].atoms.astype(float)
        if cells[i].value < k:
            a_ub += [-vector, vector]
            b_ub += [-cells[i].lower, k - 1]
        else:
            a_ub.append(-vector)
            b_ub.append(-k)
    for i in undecided:
        objective = cells[i].atoms.astype(float)
        ends = []
        for sign in (1, -1):
            solved = linprog(
                sign * objective,
                A_ub=np.array(a_ub),
                b_ub=np.array(b_ub, dtype=float),
                A_eq=matrix if published else None,
                b_eq=values if published else None,
                bounds=(0, None),
                method="highs",
            )
            # An unsolvable or unbounded program proves nothing either way: infeasible counts as pinned.
            ends.append(sign * solved.fun if solved.status == 0 else (None if solved.status == 3 else np.nan))
        low, high = ends
        if any(end is not None and np.isnan(end) for end in ends):
            pinned[i] = [j for j in published if cells[j].table == cells[i].table]
        elif low is not None and high is not None and np.floor(high + 1e-9) - np.ceil(low - 1e-9) < 1:
            cell = cells[i]
            pinned[i] = [
                j
                for j in published
                if cells[j].table == cell.table and (cells[j].column == cell.column or cells[j].row == cell.row)
            ]
    return pinned


def protect(cells: list[Cell], k: int) -> set[int]:
    """Indexes of the cells to hide: those under k, and complements until no hidden cell can be computed."""
    hidden = {i for i, c in enumerate(cells) if c.value < k}
    while True:
        # Bounds (linear programs) are checked only once linear algebra pins nothing: they are the slow part.
        pinned = _pinned(cells, hidden, k, bounds=False) or _pinned(cells, hidden, k)
        if not pinned:
            return hidden
        before = len(hidden)
        for i, involved in sorted(pinned.items()):
            candidates = [j for j in involved if j not in hidden]
            if not candidates:
                continue  # an earlier complement in this round already broke the derivation
            # The smallest cell of the derivation, preferring the pinned cell's own table (keeps totals).
            table = cells[i].table
            hidden.add(min(candidates, key=lambda j: (cells[j].table != table, cells[j].value, j)))
        if len(hidden) == before:
            # Nothing left to hide that could help: hide everything rather than publish a derivable cell.
            return set(range(len(cells)))


def render(table: pd.DataFrame, hidden: set[str], not_applicable: set[str], k: int, rates: dict) -> pd.DataFrame:
    """Show cells under k as '<k', complements as 'x', n/a cells as 'n/a'; a rate only where both parts show."""
    out = table.copy()
    shown = pd.DataFrame(True, index=table.index, columns=table.columns)
    for cell in hidden | not_applicable:
        row, column = cell.split("|", 1)
        shown.loc[int(row), column] = False
    for rate, (numerator, denominator) in rates.items():
        both = shown[numerator] & shown.get(denominator, True)
        denom = table[denominator].where(table[denominator] > 0)
        out[rate] = (table[numerator] / denom).round(3).astype(object).where(both & denom.notna(), "")
    for column in (*COUNTS, "members"):
        if column in out:
            out[column] = out[column].astype(object)
    for cell in hidden:
        row, column = cell.split("|", 1)
        out.loc[int(row), column] = f"<{k}" if table.loc[int(row), column] < k else COMPLEMENT
    for cell in not_applicable:
        row, column = cell.split("|", 1)
        out.loc[int(row), column] = NOT_APPLICABLE
    return out
