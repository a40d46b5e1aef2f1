"""The search for the least-loss k-anonymous node of the lattice: full-domain generalisation, exact.

In the spirit of ARX's Flash: paths are walked upwards and binary-searched, a passing node tags every
generalisation of it as passing and a failing node every specialisation as failing (both are monotone),
which settles the status of every node after few evaluations. Because suppression lowers as
generalisation rises, the least-loss node need not be a minimal passing one, so passing nodes are then
scored in order of their generalisation loss (a lower bound of their loss) until that bound exceeds the
best loss found: branch and bound, exact. Ties go to fewer suppressed records, then lower discernibility.
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass, field

import numpy as np

from .lattice import Lattice, NodeStats


@dataclass
class SearchResult:
    """The chosen node and how the search went."""

    best: NodeStats
    nodes: int
    evaluated: int
    scored: list[NodeStats] = field(default_factory=list)


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


# The order of preference between scored nodes: least loss, then fewest suppressed, then least discernibility.
def _rank(stats: NodeStats) -> tuple:
    return (round(stats.loss, 12), stats.suppressed, stats.discernibility, stats.levels)
