"""k-anonymity: search the generalisation lattice, suppress what is left, and verify the result independently.

The unit of protection is the member, not the record: an equivalence class passes when it holds
sign-ups of at least k *distinct* members (five sign-ups by one person protect nobody).

The search is full-domain generalisation over the lattice of level combinations, in the spirit of
ARX's Flash: paths are walked upwards from the bottom and binary-searched; a node that passes tags
every generalisation of it as passing, a node that fails tags every specialisation as failing
(both properties are monotone), so most nodes are never evaluated. Among the minimal passing nodes
the one with the least generalisation loss wins; ties go to fewer suppressed records, then to the
smaller discernibility.
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


@dataclass
class SearchResult:
    """The chosen node and how the search went."""

    best: NodeStats
    nodes: int
    evaluated: int
    minimal: list[NodeStats] = field(default_factory=list)


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

    def loss(self, levels: tuple[int, ...]) -> float:
        """Generalisation precision loss: the weighted mean of level / height over the quasi-identifiers, 0..1."""
        heights = np.where(self.heights == 0, 1, self.heights)
        return float((self.weights * np.asarray(levels) / heights).sum() / self.weights.sum())

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
        # A small key space is used as it is (no sort needed); a large one is made dense first.
        if space <= max(4 * self.rows, 1 << 20):
            return key, space
        _, inverse = np.unique(key, return_inverse=True)
        inverse = inverse.ravel()
        return inverse, int(inverse.max()) + 1 if self.rows else 0

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
                stats = NodeStats(levels, False, lower_bound, 0, 0, float("nan"), self.loss(levels), exact=False)
                self._cache[levels] = stats
                return stats, np.zeros(0, dtype=bool)
        # Distinct members per class: sort (class, member) pairs and count the first of each run.
        pairs = np.sort(inverse * self.n_members + self.members, kind="stable")
        first = np.ones(len(pairs), dtype=bool)
        first[1:] = pairs[1:] != pairs[:-1]
        distinct = np.bincount(pairs[first] // self.n_members, minlength=n_classes)
        occupied = sizes > 0
        small_class = (distinct < self.k) & occupied
        small = small_class[inverse] if self.rows else np.zeros(0, dtype=bool)
        suppressed = int(sizes[small_class].sum())
        kept_class = occupied & ~small_class
        kept = sizes[kept_class]
        stats = NodeStats(
            levels=levels,
            passes=suppressed <= self.max_suppressed,
            suppressed=suppressed,
            classes=int(kept_class.sum()),
            smallest_class=int(distinct[kept_class].min()) if kept.size else 0,
            discernibility=float((kept.astype(float) ** 2).sum() + suppressed * self.rows),
            loss=self.loss(levels),
        )
        self._cache[levels] = stats
        return stats, small


def search(lattice: Lattice) -> SearchResult:
    """Find the passing node with the least loss (Flash-style binary search on paths with predictive tagging)."""
    heights = [h.height for h in lattice.hierarchies]
    nodes = np.array(list(itertools.product(*[range(h + 1) for h in heights])), dtype=np.int16)
    index = {tuple(int(v) for v in node): i for i, node in enumerate(nodes)}
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

    order = sorted(range(len(nodes)), key=lambda i: (int(nodes[i].sum()), lattice.loss(tuple(nodes[i]))))
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
            path.append(min(successors, key=lambda j: lattice.loss(tuple(nodes[j]))))
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
    # Minimal passing nodes: no passing node directly below them.
    minimal = []
    for i in passing:
        below = [nodes[i].copy() for _ in range(len(heights))]
        is_minimal = True
        for attr in range(len(heights)):
            if nodes[i][attr] > 0:
                below[attr][attr] -= 1
                if status[index[tuple(int(v) for v in below[attr])]] == 1:
                    is_minimal = False
                    break
        if is_minimal:
            minimal.append(i)
    best_loss = min(lattice.loss(tuple(nodes[i])) for i in minimal)
    contenders = [i for i in minimal if lattice.loss(tuple(nodes[i])) <= best_loss + 1e-12]
    stats = []
    for i in contenders:
        levels = tuple(int(v) for v in nodes[i])
        evaluated += not lattice.is_evaluated(levels)
        stats.append(lattice.evaluate(levels))
    best = min(stats, key=lambda s: (s.loss, s.suppressed, s.discernibility, s.levels))
    return SearchResult(best, len(nodes), evaluated, stats)


def generalise(frame: pd.DataFrame, hierarchies: list[Hierarchy], levels: tuple[int, ...]) -> pd.DataFrame:
    """Replace each quasi-identifier column by its value at the chosen level."""
    out = frame.copy()
    for hierarchy, level in zip(hierarchies, levels, strict=True):
        out[hierarchy.column] = frame[hierarchy.column].map(hierarchy.lookup(level)).astype(str)
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

    @property
    def ok(self) -> bool:
        """True when every class has at least k distinct members."""
        return self.records == 0 or self.k_reached >= self.k_required


def verify_k_anonymity(
    frame: pd.DataFrame,
    quasi_identifiers: list[str],
    member_column: str,
    k: int,
    sensitive: str | None = None,
    show: int = 5,
) -> Verification:
    """Recompute equivalence classes from a table (independently of the search) and report k and l."""
    if frame.empty:
        return Verification(k, 0, 0, 0, [], None, None)
    grouped = frame.groupby(quasi_identifiers, dropna=False, sort=False)
    members = grouped[member_column].nunique()
    smallest = members.sort_values(kind="stable").head(show)
    smallest_rows = [
        {**dict(zip(quasi_identifiers, key if isinstance(key, tuple) else (key,), strict=True)), "members": int(n)}
        for key, n in smallest.items()
    ]
    l_value = one_outcome = None
    if sensitive is not None:
        outcomes = grouped[sensitive].nunique()
        l_value = int(outcomes.min())
        one_outcome = int((outcomes == 1).sum())
    return Verification(k, int(members.min()), len(frame), len(members), smallest_rows, l_value, one_outcome)
