"""Differentially private planning tables for third parties (`--dp-epsilon`): noise from OpenDP, consistent totals.

What is published: sign-ups by event month × region × age band (10 years) × channel, and its margins (month ×
region, month, region, age band, channel, total), all sums of one non-negative integer table, so every margin
adds up. The categories come from public lists (regions, bands, channels) and the events table (months), never
from the members' data, so which rows exist tells nothing.

The privacy unit is the member: each member counts with at most `dp_max_signups` sign-ups (their earliest), so
adding or removing one member changes each measured table by at most that much (L1 sensitivity). Five tables are
measured along a tree (total → month → month × region → month × region × age band → all four), each with OpenDP's
discrete Laplace mechanism (`make_laplace` on integer vectors; its privacy map gives each table's ε, and the ε
add up: basic composition). The split favours month × region, what planners use most. Post-processing, which
costs no privacy: the weighted least-squares estimate consistent over the tree (Hay et al., "Boosting the
accuracy of differentially private histograms through consistency", VLDB 2010), then top-down, each parent's
integer count is shared among its children by the closest non-negative split (projection onto the simplex),
rounded by largest remainders, so children sum to their parent exactly and no count is negative.

Each publication spends its ε from the population's yearly account in the provision ledger (entries of kind
`privacy_budget`); one beyond the cap is refused. The report shows the error a planner should expect: the mean
absolute error of each published table against the true counts (all sign-ups, before the per-member bound),
and relative to the mean true cell count. That report is the society's: ship only the dp_*.csv tables.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import numpy as np
import pandas as pd

from ..output import write_safe_csv
from ..reference import REGIONS
from .hierarchies import OFFLINE, ONLINE, STAR, address_hierarchy, age_hierarchy

JST = ZoneInfo("Asia/Tokyo")
DIMENSIONS = ("month", "region", "age_band", "channel")
# Share of ε per tree level (total, month, month × region, + age band, + channel).
SPLIT = (0.05, 0.15, 0.40, 0.15, 0.25)
MECHANISM = "OpenDP make_laplace (discrete Laplace), basic composition over 5 tables"
# Published tables: file stem -> the dimensions it keeps.
TABLES = {
    "dp_demand_by_month_region_age_channel": DIMENSIONS,
    "dp_demand_by_month_region": ("month", "region"),
    "dp_demand_by_month": ("month",),
    "dp_demand_by_region": ("region",),
    "dp_demand_by_age_band": ("age_band",),
    "dp_demand_by_channel": ("channel",),
    "dp_total": (),
}


@dataclass
class DpTables:
    """The published tables, their measured error, and what was spent."""

    tables: dict[str, pd.DataFrame]
    error: pd.DataFrame
    epsilon_spent: float
    scales: dict[str, float] = field(default_factory=dict)
    beyond_bound: int = 0  # sign-ups not counted because their member had more than the bound
    sha256: str = ""


def categories(events: pd.DataFrame) -> dict[str, list[str]]:
    """The public categories of each dimension ('*' last: unknown or unreadable)."""
    months = sorted({m for m in events["starts_at"].astype(str).str[:7] if len(m) == 7 and m[4] == "-"})
    bands = list(dict.fromkeys(v for v in age_hierarchy().table.iloc[:, 1] if v != STAR))
    return {
        "month": [*months, STAR],
        "region": [*REGIONS, STAR],
        "age_band": [*bands, STAR],
        "channel": [*ONLINE, *OFFLINE, STAR],
    }


def _codes(records: pd.DataFrame, cats: dict[str, list[str]]) -> np.ndarray:
    """Each record's flat index into the cube."""
    region = records["area"].map(address_hierarchy().lookup(1))
    band = records["age_band"].map(age_hierarchy().lookup(1))
    values = {
        "month": records["period"],
        "region": region,
        "age_band": band,
        "channel": records["channel"],
    }
    flat = np.zeros(len(records), dtype=np.int64)
    for name in DIMENSIONS:
        index = pd.Index(cats[name]).get_indexer(values[name].fillna(STAR))
        index = np.where(index < 0, len(cats[name]) - 1, index)  # anything unknown is '*'
        flat = flat * len(cats[name]) + index
    return flat


def _bounded(records: pd.DataFrame, max_signups: int) -> pd.DataFrame:
    """Each member's earliest `max_signups` sign-ups (a per-member transformation: sensitivity max_signups)."""
    ordered = records.sort_values(["member_id", "signed_up", "event_id"], kind="stable")
    return ordered[ordered.groupby("member_id").cumcount() < max_signups]


def _measure(counts: list[np.ndarray], epsilon: float, sensitivity: int) -> tuple[list[np.ndarray], list[float], float]:
    """Noisy copies of each level's counts (OpenDP discrete Laplace), their variances, and the ε spent."""
    import opendp.prelude as dp

    # make_laplace over integer vectors is in OpenDP's "contrib" set (implemented, proofs under review).
    dp.enable_features("contrib")
    space = (dp.vector_domain(dp.atom_domain(T=int)), dp.l1_distance(T=int))
    noisy, variances, spent = [], [], 0.0
    for level, share in zip(counts, SPLIT, strict=True):
        scale = dp.binary_search_param(
            lambda s: dp.m.make_laplace(*space, scale=s), d_in=sensitivity, d_out=epsilon * share
        )
        measurement = dp.m.make_laplace(*space, scale=scale)
        spent += float(measurement.map(sensitivity))
        released = np.asarray(measurement([int(v) for v in level.ravel()]), dtype=float)
        noisy.append(released.reshape(level.shape))
        variances.append(2.0 * scale * scale)
    return noisy, variances, spent


def _consistent(noisy: list[np.ndarray], variances: list[float]) -> np.ndarray:
    """Weighted least squares over the tree: two passes, level by level (each level refines the one above)."""
    z, v = [None] * len(noisy), [0.0] * len(noisy)
    z[-1], v[-1] = noisy[-1], variances[-1]
    for level in range(len(noisy) - 2, -1, -1):
        fanout = noisy[level + 1].shape[-1]
        children, child_var = z[level + 1].sum(axis=-1), v[level + 1] * fanout
        own = 1.0 / variances[level]
        z[level] = (noisy[level] * own + children / child_var) / (own + 1.0 / child_var)
        v[level] = 1.0 / (own + 1.0 / child_var)
    x = z[0]
    for level in range(1, len(noisy)):
        fanout = z[level].shape[-1]
        x = z[level] + ((x - z[level].sum(axis=-1)) / fanout)[..., None]
    return x


def _split(parents: np.ndarray, children: np.ndarray) -> np.ndarray:
    """Non-negative integer children that sum to each integer parent, closest to the estimates (then rounded)."""
    flat_parents = parents.reshape(-1).astype(np.int64)
    rows = children.reshape(len(flat_parents), -1)
    fanout = rows.shape[1]
    # Projection onto {y >= 0, sum y = parent} (Duchi et al. 2008), row by row, vectorised.
    ordered = -np.sort(-rows, axis=1)
    cumulative = np.cumsum(ordered, axis=1) - flat_parents[:, None]
    ranks = np.arange(1, fanout + 1)
    rho = np.maximum((ordered - cumulative / ranks > 0).sum(axis=1), 1)
    theta = cumulative[np.arange(len(rows)), rho - 1] / rho
    projected = np.maximum(rows - theta[:, None], 0.0)
    projected[flat_parents == 0] = 0.0
    floor = np.floor(projected + 1e-9)
    floor = np.minimum(floor, flat_parents[:, None])
    remainder = flat_parents - floor.sum(axis=1).astype(np.int64)
    order = np.argsort(-(projected - floor), axis=1, kind="stable")
    rank = np.empty_like(order)
    np.put_along_axis(rank, order, np.arange(fanout)[None, :].repeat(len(rows), axis=0), axis=1)
    out = floor.astype(np.int64) + (rank < remainder[:, None])
    return out.reshape(children.shape)


def _integer_cube(x: np.ndarray, shape: tuple[int, ...]) -> np.ndarray:
    """Top-down: the rounded non-negative total, then each level split among its children."""
    sums = [x.reshape(shape)]
    for _ in shape:
        sums.insert(0, sums[0].sum(axis=-1))
    current = np.array(max(round(float(sums[0])), 0), dtype=np.int64)
    for level in range(1, len(sums)):
        current = _split(current, sums[level])
    return current


def _table(cube: np.ndarray, cats: dict[str, list[str]], keep: tuple[str, ...]) -> pd.DataFrame:
    """A margin of the cube as a long table (one row per category combination)."""
    axes = tuple(i for i, name in enumerate(DIMENSIONS) if name not in keep)
    margin = cube.sum(axis=axes)
    if not keep:
        return pd.DataFrame({"signups": [int(margin)]})
    index = pd.MultiIndex.from_product([cats[name] for name in keep], names=list(keep))
    return pd.DataFrame({"signups": margin.reshape(-1).astype(np.int64)}, index=index).reset_index()


def dp_tables(records: pd.DataFrame, events: pd.DataFrame, epsilon: float, max_signups: int) -> DpTables:
    """Measure, make consistent and publish the DP planning tables from prepared records (records.py)."""
    cats = categories(events)
    shape = tuple(len(cats[name]) for name in DIMENSIONS)
    size = int(np.prod(shape))
    true_cube = np.bincount(_codes(records, cats), minlength=size).reshape(shape)
    bounded = _bounded(records, max_signups)
    cube = np.bincount(_codes(bounded, cats), minlength=size).reshape(shape)
    levels = [cube.sum(axis=tuple(range(depth, len(shape)))) for depth in range(len(shape))] + [cube]
    noisy, variances, spent = _measure(levels, epsilon, max_signups)
    published = _integer_cube(_consistent(noisy, variances), shape)
    tables, errors = {}, []
    for name, keep in TABLES.items():
        table = _table(published, cats, keep)
        truth = _table(true_cube, cats, keep)["signups"].to_numpy()
        tables[name] = table
        mae = float(np.abs(table["signups"].to_numpy() - truth).mean())
        mean = float(truth.mean())
        errors.append(
            {
                "table": name,
                "cells": len(table),
                "mean_absolute_error": round(mae, 2),
                "mean_true_cell": round(mean, 2),
                "relative_error": round(mae / mean, 4) if mean else None,
            }
        )
    digest = hashlib.sha256()
    for name in TABLES:
        digest.update(tables[name].to_csv(index=False).encode("utf-8"))
    scales = {f"level_{i}": round(float(np.sqrt(v / 2.0)), 4) for i, v in enumerate(variances)}
    beyond = len(records) - len(bounded)
    return DpTables(tables, pd.DataFrame(errors), round(spent, 10), scales, beyond, digest.hexdigest())


def write_dp_tables(result: DpTables, out_dir: Path) -> list[Path]:
    """Write every published table as formula-safe CSV."""
    return [write_safe_csv(out_dir / f"{name}.csv", table) for name, table in result.tables.items()]


def budget_entry(settings: Any, result: DpTables, spent_before: float, year: int, run_folder: Path) -> dict[str, Any]:
    """The details the ledger keeps for one publication (no member data: ε, population, the tables' hash)."""
    return {
        "population": settings.population,
        "epsilon": result.epsilon_spent,
        "budget_per_year": settings.dp_budget_per_year,
        "year": year,
        "spent_this_year_before": round(spent_before, 10),
        "mechanism": MECHANISM,
        "max_signups_per_member": settings.dp_max_signups,
        "tables": list(result.tables),
        "run_folder": str(run_folder.resolve()),
    }


def current_year() -> int:
    """The calendar year in Japan, the budget's period."""
    return datetime.now(JST).year
