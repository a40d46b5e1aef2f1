"""The loss metric, ARX-style, counting suppression: how much detail a generalisation and its suppression lose.

Per attribute, a kept row costs (g - 1) / (d - 1), where g is the number of detailed values its
generalised value stands for and d the size of the domain, and a suppressed row costs 1 (it lost
everything); attributes are weighted by priority. A node's loss were nothing suppressed (its
generalisation loss) is a lower bound of its loss, which the search uses to stop early.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from .hierarchies import STAR


def row_loss(table: pd.DataFrame, level: int, codes: np.ndarray) -> np.ndarray:
    """Per row: (values its generalised value stands for - 1) / (domain size - 1); '*' from the start is 1.

    `table` is the attribute's hierarchy (detailed values first), `codes` each row's index into it.
    """
    leaves = table.iloc[:, 0] != STAR
    domain = max(int(leaves.sum()), 2)
    group = table.iloc[:, level].map(table.loc[leaves].iloc[:, level].value_counts()).fillna(domain)
    per_value = np.where(leaves, (group.to_numpy(dtype=float) - 1) / (domain - 1), 1.0)
    return per_value[codes]


def suppressed_attribute_loss(mean_loss: float, row_loss: np.ndarray, suppressed: np.ndarray, rows: int) -> float:
    """An attribute's mean row loss when the `suppressed` rows lose everything (their loss rises to 1)."""
    raised = float((1.0 - row_loss[suppressed]).sum())
    return mean_loss + raised / rows


def weighted_loss(weights: np.ndarray, losses: np.ndarray) -> float:
    """The loss of a node, 0..1: the priority-weighted mean of its attributes' losses."""
    return float((weights * losses).sum() / weights.sum())
