"""The generalisation lattice: one node per choice of level for each quasi-identifier, evaluated on integer codes.

The unit of protection is the member, not the record: an equivalence class passes when it holds
sign-ups of at least k *distinct* members (five sign-ups by one person protect nobody). A node that
leaves more rows in classes under k than may be suppressed fails.

Two options refine the classes. A *partition* (the event month, for a third-party release) splits every class
by period, so that k holds within each period and a later release that adds periods cannot isolate anyone
(history.py). An *outcome* with l > 1 checks l-diversity (diversity.py): in a kept class whose past outcomes
are fewer than l distinct, the outcomes are withheld, and a third-party release counts that as loss of the
outcome attribute, so the search weighs withholding against generalising.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from .diversity import withheld_outcomes
from .hierarchies import Hierarchy
from .loss import row_loss, suppressed_attribute_loss, weighted_loss


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
    withheld: int = 0


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
        partition: np.ndarray | None = None,
        outcomes: np.ndarray | None = None,
        l_required: int = 1,
        outcome_attribute: int | None = None,
    ) -> None:
        """`outcomes`: codes from diversity.outcome_codes; `outcome_attribute`: its hierarchy's index, if any."""
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
        self.partition: np.ndarray | None = None
        self.n_parts = 1
        if partition is not None:
            codes, uniques = pd.factorize(partition)
            self.partition, self.n_parts = codes.astype(np.int64), max(len(uniques), 1)
        self.outcomes = outcomes
        self.l_required = l_required
        self.outcome_attribute = outcome_attribute
        self._cache: dict[tuple[int, ...], NodeStats] = {}
        self._codes_cache: dict[tuple[int, int], np.ndarray] = {}
        self._row_loss_cache: dict[tuple[int, int], np.ndarray] = {}
        self._mean_loss = [
            [float(self._row_loss(a, level).mean()) if self.rows else 0.0 for level in range(h.height + 1)]
            for a, h in enumerate(hierarchies)
        ]

    def _row_loss(self, attribute: int, level: int) -> np.ndarray:
        """Per row, the loss of the attribute at this level (cached)."""
        cached = self._row_loss_cache.get((attribute, level))
        if cached is None:
            cached = row_loss(self.hierarchies[attribute].table, level, self.codes[attribute])
            self._row_loss_cache[(attribute, level)] = cached
        return cached

    def generalisation_loss(self, levels: tuple[int, ...]) -> float:
        """The node's loss were nothing suppressed: a lower bound of its loss (a suppressed row loses at most 1)."""
        means = np.array([self._mean_loss[a][level] for a, level in enumerate(levels)])
        return weighted_loss(self.weights, means)

    def attribute_loss(self, levels: tuple[int, ...], small: np.ndarray | None = None) -> np.ndarray:
        """Per attribute, the mean row loss: kept rows lose by generalisation, suppressed rows lose everything."""
        if not self.rows:
            return np.zeros(len(levels))
        suppressed = np.flatnonzero(small) if small is not None else np.zeros(0, dtype=np.int64)
        return np.array(
            [
                suppressed_attribute_loss(self._mean_loss[a][level], self._row_loss(a, level), suppressed, self.rows)
                for a, level in enumerate(levels)
            ]
        )

    def loss(self, levels: tuple[int, ...], small: np.ndarray | None = None) -> float:
        """ARX-style loss of a node, 0..1: priority-weighted mean of the attribute losses, suppression included."""
        return weighted_loss(self.weights, self.attribute_loss(levels, small))

    def _level_codes(self, attribute: int, level: int) -> np.ndarray:
        cached = self._codes_cache.get((attribute, level))
        if cached is None:
            cached = self.lookups[attribute][level][self.codes[attribute]].astype(np.int64)
            self._codes_cache[(attribute, level)] = cached
        return cached

    def class_ids(self, levels: tuple[int, ...], skip: int | None = None) -> tuple[np.ndarray, int]:
        """The equivalence class of each row at this node (within its partition), and the number of class ids."""
        key = np.zeros(self.rows, dtype=np.int64)
        space = 1
        for attribute, level in enumerate(levels):
            if attribute == skip:
                continue
            size = int(self.lookups[attribute][level].max()) + 1
            key = key * size + self._level_codes(attribute, level)
            space *= size
        if self.partition is not None:
            key = key * self.n_parts + self.partition
            space *= self.n_parts
        # A small key space is used as it is; a large one is made dense first (hashing, not sorting).
        if space <= max(4 * self.rows, 1 << 20):
            return key, space
        inverse, uniques = pd.factorize(key)
        return inverse.astype(np.int64), len(uniques)

    def small_rows(self, levels: tuple[int, ...]) -> np.ndarray:
        """Boolean mask of rows whose class has fewer than k distinct members."""
        return self._evaluate(levels, exact=True)[1]

    def withheld_rows(self, levels: tuple[int, ...], small: np.ndarray) -> np.ndarray:
        """Boolean mask of kept rows whose outcome is withheld: their class shows fewer than l past outcomes.

        Suppressed rows form one class of their own; in a third-party release their outcome is suppressed too.
        """
        if self.outcomes is None or self.l_required <= 1 or not self.rows:
            return np.zeros(self.rows, dtype=bool)
        attribute = self.outcome_attribute
        if attribute is not None and levels[attribute] > 0:
            return np.zeros(self.rows, dtype=bool)  # the outcome is not released at this node
        groups, space = self.class_ids(levels, skip=attribute)
        groups = np.where(small, space, groups)  # the suppressed rows' class
        outcomes = self.outcomes if attribute is None else np.where(small, -1, self.outcomes)
        return withheld_outcomes(groups, outcomes, self.l_required)

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
        withheld = self.withheld_rows(levels, small)
        if withheld.any() and self.outcome_attribute is not None:
            # A withheld outcome is lost like a suppressed one, for the outcome attribute only.
            a = self.outcome_attribute
            by_attribute[a] += float((1.0 - self._row_loss(a, levels[a])[withheld]).sum()) / self.rows
        stats = NodeStats(
            levels=levels,
            passes=suppressed <= self.max_suppressed,
            suppressed=suppressed,
            classes=int(kept_class.sum()),
            smallest_class=int(distinct[kept_class].min()) if kept.size else 0,
            discernibility=float((kept.astype(float) ** 2).sum() + suppressed * self.rows),
            loss=weighted_loss(self.weights, by_attribute),
            loss_by_attribute=tuple(float(v) for v in by_attribute),
            withheld=int(withheld.sum()),
        )
        self._cache[levels] = stats
        return stats, small
