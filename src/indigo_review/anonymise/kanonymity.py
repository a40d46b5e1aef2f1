"""k-anonymity: search the generalisation lattice, suppress what is left, and verify the result independently.

The unit of protection is the member, not the record: an equivalence class passes when it holds
sign-ups of at least k *distinct* members (five sign-ups by one person protect nobody).

Loss is ARX-style and counts suppression: per attribute, a kept row costs (g - 1) / (d - 1), where g is
the number of detailed values its generalised value stands for and d the size of the domain, and a
suppressed row costs 1 (it lost everything); attributes are weighted by priority. The search is full-domain
generalisation in the spirit of ARX's Flash: paths are walked upwards and binary-searched, a passing node
tags every generalisation of it as passing and a failing node every specialisation as failing (both are
monotone), which settles the status of every node after few evaluations. Because suppression lowers as
generalisation rises, the least-loss node need not be a minimal passing one, so passing nodes are then
scored in order of their generalisation loss (a lower bound of their loss) until that bound exceeds the
best loss found: branch and bound, exact. Ties go to fewer suppressed records, then lower discernibility.
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from .hierarchies import STAR, Hierarchy


@dataclass(frozen=True)
class NodeStats:
    """What one lattice node (one level per quasi-identifier) does to the data."""

    levels: tuple[int, ...]
    passes: bool
    suppressed: int
    classes: int
    smallest_class: int
    discernibility: float
    loss: float
    exact: bool = True
    loss_by_attribute: tuple[float, ...] = ()


@dataclass
class SearchResult:
    """The chosen node and how the search went."""

    best: NodeStats
    nodes: int
    evaluated: int
    scored: list[NodeStats] = field(default_factory=list)


class Lattice:
    """The generalisation lattice of a table: evaluates nodes on integer codes, caching results."""

    def __init__(
        self,
        frame: pd.DataFrame,
        hierarchies: list[Hierarchy],
        member_column: str,
        k: int,
        max_suppressed: int,
        weights: list[float] | None = None,
    ) -> None:
        self.hierarchies = hierarchies
        self.k = k
        self.max_suppressed = max_suppressed
        self.rows = len(frame)
        self.weights = np.asarray(weights or [1.0] * len(hierarchies), dtype=float)
        self.heights = np.array([h.height for h in hierarchies])
        self.members, member_uniques = pd.factorize(frame[member_column])
        self.n_members = max(len(member_uniques), 1)
        self.codes: list[np.ndarray] = []
        self.lookups: list[list[np.ndarray]] = []
        for hierarchy in hierarchies:
            table = hierarchy.table
            domain = pd.Index(table.iloc[:, 0])
            # Factorise first: looking up the few distinct values is far cheaper than every row.
            row_codes, uniques = pd.factorize(frame[hierarchy.column])
            codes = domain.get_indexer(uniques)[row_codes]
            if (codes < 0).any():
                raise ValueError(f"values of {hierarchy.column} outside its hierarchy")
            self.codes.append(codes.astype(np.int64))
            per_level = []
            for level in range(table.shape[1]):
                level_codes, _ = pd.factorize(table.iloc[:, level])
                per_level.append(level_codes.astype(np.int64))
            self.lookups.append(per_level)
        self._cache: dict[tuple[int, ...], NodeStats] = {}
        self._codes_cache: dict[tuple[int, int], np.ndarray] = {}
        self._row_loss_cache: dict[tuple[int, int], np.ndarray] = {}
        self._mean_loss = [
            [float(self._row_loss(a, level).mean()) if self.rows else 0.0 for level in range(h.height + 1)]
            for a, h in enumerate(hierarchies)
        ]

    def _row_loss(self, attribute: int, level: int) -> np.ndarray:
        """Per row: (values its generalised value stands for - 1) / (domain size - 1); '*' from the start is 1."""
        cached = self._row_loss_cache.get((attribute, level))
        if cached is None:
            table = self.hierarchies[attribute].table
            leaves = table.iloc[:, 0] != STAR
            domain = max(int(leaves.sum()), 2)
            group = table.iloc[:, level].map(table.loc[leaves].iloc[:, level].value_counts()).fillna(domain)
            per_value = np.where(leaves, (group.to_numpy(dtype=float) - 1) / (domain - 1), 1.0)
            cached = per_value[self.codes[attribute]]
            self._row_loss_cache[(attribute, level)] = cached
        return cached

    def generalisation_loss(self, levels: tuple[int, ...]) -> float:
        """The node's loss were nothing suppressed: a lower bound of its loss (a suppressed row loses at most 1)."""
        means = np.array([self._mean_loss[a][level] for a, level in enumerate(levels)])
        return float((self.weights * means).sum() / self.weights.sum())

    def attribute_loss(self, levels: tuple[int, ...], small: np.ndarray | None = None) -> np.ndarray:
        """Per attribute, the mean row loss: kept rows lose by generalisation, suppressed rows lose everything."""
        if not self.rows:
            return np.zeros(len(levels))
        suppressed = np.flatnonzero(small) if small is not None else np.zeros(0, dtype=np.int64)
        out = []
        for attribute, level in enumerate(levels):
            # A suppressed row's loss rises from its generalisation loss to 1.
            row_loss = self._row_loss(attribute, level)
            raised = float((1.0 - row_loss[suppressed]).sum())
            out.append(self._mean_loss[attribute][level] + raised / self.rows)
        return np.array(out)

    def loss(self, levels: tuple[int, ...], small: np.ndarray | None = None) -> float:
        """ARX-style loss of a node, 0..1: priority-weighted mean of the attribute losses, suppression included."""
        return float((self.weights * self.attribute_loss(levels, small)).sum() / self.weights.sum())

    def _level_codes(self, attribute: int, level: int) -> np.ndarray:
        cached = self._codes_cache.get((attribute, level))
        if cached is None:
            cached = self.lookups[attribute][level][self.codes[attribute]].astype(np.int64)
            self._codes_cache[(attribute, level)] = cached
        return cached

    def class_ids(self, levels: tuple[int, ...]) -> tuple[np.ndarray, int]:
        """The equivalence class of each row at this node, and the number of possible class ids."""
        key = np.zeros(self.rows, dtype=np.int64)
        space = 1
        for attribute, level in enumerate(levels):
            size = int(self.lookups[attribute][level].max()) + 1
            key = key * size + self._level_codes(attribute, level)
            space *= size
        # A small key space is used as it is; a large one is made dense first (hashing, not sorting).
        if space <= max(4 * self.rows, 1 << 20):
            return key, space
        inverse, uniques = pd.factorize(key)
        return inverse.astype(np.int64), len(uniques)

    def small_rows(self, levels: tuple[int, ...]) -> np.ndarray:
        """Boolean mask of rows whose class has fewer than k distinct members."""
        return self._evaluate(levels, exact=True)[1]

    def evaluate(self, levels: tuple[int, ...], exact: bool = False) -> NodeStats:
        """Evaluate (or recall) a node; a failing node's figures are a lower bound unless exact."""
        cached = self._cache.get(levels)
        if cached is not None and (cached.exact or not exact):
            return cached
        return self._evaluate(levels, exact)[0]

    def is_evaluated(self, levels: tuple[int, ...]) -> bool:
        """Whether the node's statistics are already known."""
        return levels in self._cache

    def _evaluate(self, levels: tuple[int, ...], exact: bool = False) -> tuple[NodeStats, np.ndarray]:
        inverse, n_classes = self.class_ids(levels)
        sizes = np.bincount(inverse, minlength=n_classes)
        if not exact:
            # Distinct members never exceed records: if classes under k *records* already hold too many rows,
            # the node fails without the costlier member count.
            lower_bound = int(sizes[(sizes > 0) & (sizes < self.k)].sum())
            if lower_bound > self.max_suppressed:
                stats = NodeStats(
                    levels, False, lower_bound, 0, 0, float("nan"), self.generalisation_loss(levels), exact=False
                )
                self._cache[levels] = stats
                return stats, np.zeros(0, dtype=bool)
        # Distinct members per class: the distinct (class, member) pairs, found by hashing, counted per class.
        pairs = pd.unique(inverse * self.n_members + self.members)
        distinct = np.bincount(pairs // self.n_members, minlength=n_classes)
        occupied = sizes > 0
        small_class = (distinct < self.k) & occupied
        small = small_class[inverse] if self.rows else np.zeros(0, dtype=bool)
        suppressed = int(sizes[small_class].sum())
        kept_class = occupied & ~small_class
        kept = sizes[kept_class]
        by_attribute = self.attribute_loss(levels, small)
        stats = NodeStats(
            levels=levels,
            passes=suppressed <= self.max_suppressed,
            suppressed=suppressed,
            classes=int(kept_class.sum()),
            smallest_class=int(distinct[kept_class].min()) if kept.size else 0,
            discernibility=float((kept.astype(float) ** 2).sum() + suppressed * self.rows),
            loss=float((self.weights * by_attribute).sum() / self.weights.sum()),
            loss_by_attribute=tuple(float(v) for v in by_attribute),
        )
        self._cache[levels] = stats
        return stats, small


def search(lattice: Lattice) -> SearchResult:
    """Find the passing node with the least loss: Flash-style tagging, then branch and bound on passing nodes."""
    heights = [h.height for h in lattice.hierarchies]
    nodes = np.array(list(itertools.product(*[range(h + 1) for h in heights])), dtype=np.int16)
    index = {tuple(int(v) for v in node): i for i, node in enumerate(nodes)}
    bound = np.array([lattice.generalisation_loss(tuple(int(v) for v in node)) for node in nodes])
    status = np.zeros(len(nodes), dtype=np.int8)  # 0 unknown, 1 passes, -1 fails
    evaluated = 0

    def check(i: int) -> bool:
        nonlocal evaluated
        levels = tuple(int(v) for v in nodes[i])
        evaluated += not lattice.is_evaluated(levels)
        stats = lattice.evaluate(levels)
        if stats.passes:
            status[(nodes >= nodes[i]).all(axis=1)] = 1
        else:
            status[(nodes <= nodes[i]).all(axis=1)] = -1
        return stats.passes

    order = sorted(range(len(nodes)), key=lambda i: (int(nodes[i].sum()), bound[i]))
    for start in order:
        if status[start] != 0:
            continue
        path = [start]
        while True:
            current = nodes[path[-1]]
            successors = []
            for attr, height in enumerate(heights):
                if current[attr] < height:
                    nxt = current.copy()
                    nxt[attr] += 1
                    j = index[tuple(int(v) for v in nxt)]
                    if status[j] == 0:
                        successors.append(j)
            if not successors:
                break
            path.append(min(successors, key=lambda j: bound[j]))
        low, high = 0, len(path) - 1
        while low <= high:
            mid = (low + high) // 2
            passed = check(path[mid]) if status[path[mid]] == 0 else status[path[mid]] == 1
            if passed:
                high = mid - 1
            else:
                low = mid + 1
    passing = np.flatnonzero(status == 1)
    if passing.size == 0:
        top = tuple(heights)
        evaluated += not lattice.is_evaluated(top)
        return SearchResult(lattice.evaluate(top, exact=True), len(nodes), evaluated, [])
    # Branch and bound: a node's loss is at least its generalisation loss, so once that bound passes the
    # best loss found, no later node can win.
    scored: list[NodeStats] = []
    best: NodeStats | None = None
    for i in sorted(passing, key=lambda i: (bound[i], tuple(nodes[i]))):
        if best is not None and bound[i] > best.loss + 1e-12:
            break
        levels = tuple(int(v) for v in nodes[i])
        evaluated += not lattice.is_evaluated(levels)
        stats = lattice.evaluate(levels, exact=True)
        scored.append(stats)
        if best is None or _rank(stats) < _rank(best):
            best = stats
    assert best is not None
    return SearchResult(best, len(nodes), evaluated, scored)


def _rank(stats: NodeStats) -> tuple:
    return (round(stats.loss, 12), stats.suppressed, stats.discernibility, stats.levels)


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
