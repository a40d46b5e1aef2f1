"""Applying the chosen node: generalise every quasi-identifier to its level, then suppress what is left under k."""

from __future__ import annotations

import numpy as np
import pandas as pd

from .hierarchies import STAR, Hierarchy


def generalise(frame: pd.DataFrame, hierarchies: list[Hierarchy], levels: tuple[int, ...]) -> pd.DataFrame:
    """Replace each quasi-identifier column by its value at the chosen level."""
    out = frame.copy()
    for hierarchy, level in zip(hierarchies, levels, strict=True):
        # Look up the few distinct values, not every row.
        codes, uniques = pd.factorize(frame[hierarchy.column])
        lookup = hierarchy.lookup(level)
        mapped = np.array([str(lookup.get(value, value)) for value in uniques], dtype=object)
        out[hierarchy.column] = mapped[codes] if len(codes) else frame[hierarchy.column].astype(str)
    return out


def suppress(frame: pd.DataFrame, columns: list[str], mask: np.ndarray) -> pd.DataFrame:
    """Blank every quasi-identifier of the masked rows to '*' (record suppression that keeps counts)."""
    out = frame.copy()
    for column in columns:
        out.loc[mask, column] = STAR
    return out
