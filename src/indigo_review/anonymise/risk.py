"""Re-identification risk, measured on the released table itself, independently of the search.

`verify_k_anonymity` recomputes the equivalence classes (k, and l-diversity of the outcome);
`members_unique_by_rows` and `members_unique_by_linked_set` give the share of members that a row, or the
set of rows linked to them, singles out.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd


@dataclass(frozen=True)
class Verification:
    """k-anonymity recomputed from a written table."""

    k_required: int
    k_reached: int
    records: int
    classes: int
    smallest_classes: list[dict]
    l_diversity: int | None
    classes_with_one_outcome: int | None
    normalised_average_class_size: float | None = None

    @property
    def ok(self) -> bool:
        """True when every class has at least k distinct members."""
        return self.records == 0 or self.k_reached >= self.k_required


# Attendance outcomes of past events; a future event's outcome is empty.
PAST_OUTCOMES = ("true", "false")


def verify_k_anonymity(
    frame: pd.DataFrame,
    quasi_identifiers: list[str],
    members: str | pd.Series | np.ndarray,
    k: int,
    sensitive: str | None = None,
    show: int = 5,
) -> Verification:
    """Recompute equivalence classes from a table (independently of the search) and report k and l.

    `members` is the member column's name, or one member code per row when the table holds no member
    column (a third-party release). l-diversity counts past outcomes only: a future event's empty outcome
    is not a value anyone could learn.
    """
    if frame.empty:
        return Verification(k, 0, 0, 0, [], None, None, None)
    member_codes = frame[members] if isinstance(members, str) else pd.Series(np.asarray(members), index=frame.index)
    keyed = frame[quasi_identifiers].assign(_member=member_codes.to_numpy())
    grouped = keyed.groupby(quasi_identifiers, dropna=False, sort=False)
    distinct = grouped["_member"].nunique()
    smallest = distinct.sort_values(kind="stable").head(show)
    smallest_rows = [
        {**dict(zip(quasi_identifiers, key if isinstance(key, tuple) else (key,), strict=True)), "members": int(n)}
        for key, n in smallest.items()
    ]
    l_value = one_outcome = None
    if sensitive is not None:
        by = [q for q in quasi_identifiers if q != sensitive]
        past = frame[frame[sensitive].isin(PAST_OUTCOMES)]
        if by and not past.empty:
            outcomes = past.groupby(by, dropna=False, sort=False)[sensitive].nunique()
            l_value = int(outcomes.min())
            one_outcome = int((outcomes == 1).sum())
    average = round(float(distinct.mean()) / k, 3)
    return Verification(k, int(distinct.min()), len(frame), len(distinct), smallest_rows, l_value, one_outcome, average)


def _distinct_pairs(owners: np.ndarray, items: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """The distinct (owner, item) pairs of two code arrays, sorted by owner then item."""
    width = int(items.max()) + 1 if len(items) else 1
    # Hash out the duplicates first, then sort only what is left (numpy's unique sorts every row).
    combined = np.sort(pd.unique(owners.astype(np.int64) * width + items.astype(np.int64)))
    return combined // width, combined % width


def _set_hash(owners: np.ndarray, items: np.ndarray, n_owners: int) -> np.ndarray:
    """An order-free 128-bit fingerprint of each owner's set of item codes (two 64-bit sums of mixed codes)."""
    pair_owners, pair_items = _distinct_pairs(owners, items)
    mixed = pair_items.astype(np.uint64)
    with np.errstate(over="ignore"):
        first = (mixed + np.uint64(0x9E3779B97F4A7C15)) * np.uint64(0xBF58476D1CE4E5B9)
        first ^= first >> np.uint64(31)
        second = (mixed ^ np.uint64(0x94D049BB133111EB)) * np.uint64(0xD6E8FEB86659FD93)
        second ^= second >> np.uint64(29)
    out = np.zeros((n_owners, 2), dtype=np.uint64)
    if len(pair_owners):
        # Pairs come sorted by owner: sum each owner's run (uint64 sums wrap, which a fingerprint may).
        starts = np.flatnonzero(np.r_[True, pair_owners[1:] != pair_owners[:-1]])
        out[pair_owners[starts], 0] = np.add.reduceat(first, starts)
        out[pair_owners[starts], 1] = np.add.reduceat(second, starts)
    return out


def members_unique_by_rows(frame: pd.DataFrame, columns: list[str], members: np.ndarray, k: int) -> float:
    """Share of members with a row whose value combination over `columns` is shared by fewer than k members."""
    if frame.empty:
        return 0.0
    codes = frame.groupby(columns, dropna=False, sort=False).ngroup().to_numpy()
    member_ids, member_index = np.unique(np.asarray(members), return_inverse=True)
    pair_codes, _ = _distinct_pairs(codes, member_index)
    distinct = np.bincount(pair_codes, minlength=int(codes.max()) + 1)
    small_members = np.unique(member_index[distinct[codes] < k])
    return round(len(small_members) / len(member_ids), 4)


def members_unique_by_linked_set(frame: pd.DataFrame, columns: list[str], members: np.ndarray, k: int) -> float:
    """Share of members whose set of row combinations over `columns` (their linked rows) fewer than k share."""
    if frame.empty:
        return 0.0
    codes = frame.groupby(columns, dropna=False, sort=False).ngroup().to_numpy()
    member_ids, member_index = np.unique(np.asarray(members), return_inverse=True)
    fingerprints = _set_hash(member_index, codes, len(member_ids))
    _, group, counts = np.unique(fingerprints, axis=0, return_inverse=True, return_counts=True)
    return round(float((counts[group.ravel()] < k).mean()), 4)
