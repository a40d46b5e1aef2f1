"""Turn sign-ups into k-anonymous planning data, as one of two APPI release kinds.

Data flows one way: `records.prepare_records` (join the three tables, leave out stopped, non-consenting and
excluded members, keep level-0 quasi-identifiers only), `anonymise` (lattice search, suppression, outcomes
withheld where a class has fewer than l, pseudonyms for internal use; for third-party, the periods the release
history closed are taken from it unchanged), `write_anonymised` (Parquet with the release kind in its metadata,
and safe CSV) and `verify.verify_written` (recompute k, l-diversity and protection per member from the written
file, independently of the search).

The two kinds (design.md, "Two kinds of anonymised release"):

- **internal** (仮名加工情報, Rules Art. 31): one row per sign-up with a keyed HMAC pseudonym, so that repeat
  attendance can be analysed across runs inside the society. k holds per row over the declared
  quasi-identifiers; because the pseudonym links a member's rows, the share of members whose linked rows
  are unique is measured and reported, not bounded. It may not be given to a third party.
- **third-party** (匿名加工情報, Rules Art. 34): one row per sign-up with *no member link at all* - no pseudonym,
  no sign-up id, rows ordered by their released values - and every released column, the event and the
  attendance outcome included, is a quasi-identifier. We chose unlinked sign-up rows over one row per member
  because planning counts sign-ups per event month, region and age; a per-member row would have to carry the
  set of events, itself a quasi-identifier that is unique for most members (over 80% on the sample). With no
  link, what a recipient can single out is one row, and each row's whole combination of values is shared by
  at least k members, which `verify_written` checks on the file itself. Repeat attendance is not released.

Ages are taken at one reference date (the latest event) for every row, so linked rows cannot pin a birthday,
and 90 and over is top-coded.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from .. import __version__
from ..keys import PseudonymKey
from ..output import write_parquet, write_safe_csv
from ..vocabulary import PARQUET_METADATA_KEY
from .diversity import outcome_codes
from .hierarchies import (
    STAR,
    Hierarchy,
    address_hierarchy,
    age_hierarchy,
    attended_hierarchy,
    channel_hierarchy,
    day_hierarchy,
    event_hierarchy,
    gender_hierarchy,
    in_domain,
    postal_hierarchy,
)
from .history import PERIOD, ReleasePlan
from .lattice import Lattice, NodeStats
from .pseudonyms import pseudonymise
from .records import EVENT_COLUMNS, SENSITIVE, prepare_records
from .search import SearchResult, search
from .settings import AnonymiseSettings
from .suppression import generalise, suppress

MEMBER_COLUMN = "member_pseudonym"


@dataclass
class Anonymised:
    """The anonymised table and everything the report needs to say about it."""

    frame: pd.DataFrame
    settings: AnonymiseSettings
    hierarchies: list[Hierarchy]
    search: SearchResult
    records_in: int
    excluded_no_consent: int
    suppressed: int
    dropped: int
    reached: bool
    levels: dict[str, str] = field(default_factory=dict)
    # One code per output row naming its member, in memory only (never written): lets the job verify k on a
    # third-party file that carries no member column. Codes are positions, not ids, and differ between runs;
    # -1 marks a row reused from the release history (its members were counted when it was first released).
    member_codes: np.ndarray = field(default_factory=lambda: np.zeros(0, dtype=np.int64))
    # Per output row, in memory only: its period (event month) and its true outcome code (diversity.py).
    periods: np.ndarray = field(default_factory=lambda: np.zeros(0, dtype=object))
    true_outcomes: np.ndarray = field(default_factory=lambda: np.zeros(0, dtype=np.int64))
    stopped_members: int = 0
    stopped_signups: int = 0
    loss_by_attribute: dict[str, float] = field(default_factory=dict)
    weights: dict[str, float] = field(default_factory=dict)
    released_columns: dict[str, str] = field(default_factory=dict)
    withheld: int = 0
    counts: dict[str, Any] = field(default_factory=dict)
    plan: ReleasePlan = field(default_factory=ReleasePlan)

    @property
    def quasi_identifier_columns(self) -> list[str]:
        """The output columns the guarantee covers (for third-party: every released column)."""
        if self.settings.release == "third-party":
            return list(self.frame.columns)
        return [c for c in (self.released_columns.get(h.name) for h in self.hierarchies) if c in self.frame]

    @property
    def fresh(self) -> np.ndarray:
        """Rows anonymised in this run (not reused from the release history)."""
        return self.member_codes >= 0


def build_hierarchies(records: pd.DataFrame, events: pd.DataFrame, names: tuple[str, ...]) -> list[Hierarchy]:
    """The hierarchies of the protected attributes, in the declared order."""
    builders = {
        "event": lambda: event_hierarchy(events),
        "age": age_hierarchy,
        "address": address_hierarchy,
        "postal": postal_hierarchy,
        "gender": gender_hierarchy,
        "channel": channel_hierarchy,
        "signup_time": lambda: day_hierarchy(records["signed_up"]),
        "attended": attended_hierarchy,
    }
    return [builders[name]() for name in names]


def _choose(lattice: Lattice, hierarchies: list[Hierarchy], plan: ReleasePlan) -> SearchResult:
    """The least-loss node, or the node the release history fixed for this population."""
    nodes = int(np.prod([h.height + 1 for h in hierarchies]))
    if plan.scheme is None:
        return search(lattice)
    fixed = dict(plan.scheme.levels)
    levels = tuple(h.levels.index(fixed[h.name]) for h in hierarchies)
    if not lattice.rows:
        empty = NodeStats(levels, True, 0, 0, 0, 0.0, 0.0, loss_by_attribute=(0.0,) * len(levels))
        return SearchResult(empty, nodes, 0)
    return SearchResult(lattice.evaluate(levels, exact=True), nodes, 1)


def _drop_small_star(frame: pd.DataFrame, qi_columns: list[str], k: int, by_period: bool) -> pd.DataFrame:
    """Suppressed rows share one all-'*' class (per period for third-party); under k members, those rows go."""
    star = (frame[qi_columns] == STAR).all(axis=1)
    if not star.any():
        return frame
    keys = frame.loc[star, PERIOD] if by_period else pd.Series(0, index=frame.index[star])
    members = frame.loc[star, "_member"].groupby(keys).nunique()
    small = keys.map(members < k).astype(bool)
    return frame.drop(index=small[small].index)


def anonymise(
    tables: dict[str, pd.DataFrame],
    key: PseudonymKey | None,
    settings: AnonymiseSettings,
    stopped: frozenset[str] = frozenset(),
    plan: ReleasePlan | None = None,
) -> Anonymised:
    """Generalise to the least-loss k-anonymous node, suppress the rest; pseudonymise only for internal use."""
    settings.validate()
    plan = plan or ReleasePlan()
    third_party = settings.release == "third-party"
    if not third_party and key is None:
        raise ValueError("an internal release needs the pseudonymisation key")
    records, counts = prepare_records(tables, stopped, settings.excluded_statuses, settings.months)
    # Periods the history closed are released again from the history, never from today's data.
    closed = records["period"].isin(plan.closed).to_numpy() if third_party else np.zeros(len(records), bool)
    counts["closed_period_signups"] = int(closed.sum())
    records = records[~closed].reset_index(drop=True)
    hierarchies = build_hierarchies(records, tables["events"], settings.protected)
    records["event_id"] = in_domain(records["event_id"], event_hierarchy(tables["events"]))
    for hierarchy in hierarchies:
        records[hierarchy.column] = in_domain(records[hierarchy.column], hierarchy)
    member_codes, member_ids = pd.factorize(records.pop("member_id"))
    records.insert(0, "_member", member_codes)
    records = records.rename(columns={"period": PERIOD})
    truth = outcome_codes(records[SENSITIVE])
    qi_columns = [h.column for h in hierarchies]
    # Columns not declared as quasi-identifiers cannot be kept: they would bypass the guarantee.
    keep = {"_member", SENSITIVE, "event_id", PERIOD, *qi_columns}
    records = records[[c for c in records.columns if c in keep]].assign(_truth=truth)
    limit = int(settings.suppression_limit * len(records))
    weights = settings.weights()
    names = [h.name for h in hierarchies]
    lattice = Lattice(
        records,
        hierarchies,
        "_member",
        settings.k,
        limit,
        [weights[h.name] for h in hierarchies],
        partition=records[PERIOD].to_numpy() if third_party else None,
        outcomes=truth,
        l_required=settings.l_diversity,
        outcome_attribute=names.index("attended") if "attended" in names else None,
    )
    result = _choose(lattice, hierarchies, plan)
    best = result.best
    small = lattice.small_rows(best.levels) if lattice.rows else np.zeros(0, dtype=bool)
    withheld = lattice.withheld_rows(best.levels, small)
    frame = generalise(records, hierarchies, best.levels)
    frame.loc[withheld, SENSITIVE] = STAR
    frame = suppress(frame, qi_columns, small)
    before = len(frame)
    frame = _drop_small_star(frame, qi_columns, settings.k, third_party).reset_index(drop=True)
    dropped = before - len(frame)
    levels = {h.name: h.levels[level] for h, level in zip(hierarchies, best.levels, strict=True)}
    # A column generalised to '*' everywhere carries nothing: it is not released at all.
    released = {h.name: h.column for h, level in zip(hierarchies, best.levels, strict=True) if level < h.height}
    gone = [h.column for h in hierarchies if h.name not in released]
    frame = frame.drop(columns=gone)
    event_level = levels.get("event", "event_id")
    if "event_id" in frame:
        frame = frame.rename(columns={"event_id": EVENT_COLUMNS.get(event_level, "event_id")})
        released["event"] = EVENT_COLUMNS.get(event_level, "event_id")
    if SENSITIVE in frame:
        released.setdefault("attended", SENSITIVE)
    columns = [c for c in frame.columns if c not in ("_member", PERIOD, "_truth")]
    if plan.reused is not None and len(plan.reused):
        if list(plan.reused.columns[:-1]) != columns:
            raise ValueError("the release history's columns differ from this release's: the scheme was not honoured")
        frame = pd.concat([frame, plan.reused.assign(_member=-1, _truth=-1)], ignore_index=True)
    # Rows are ordered by their released values: the order of sign-ups (a timeline) must not survive.
    frame = frame.sort_values([*columns, PERIOD, "_member"], kind="stable").reset_index(drop=True)
    codes = frame.pop("_member").to_numpy(dtype=np.int64)
    periods = frame.pop(PERIOD).to_numpy(dtype=object)
    true_outcomes = frame.pop("_truth").to_numpy(dtype=np.int64)
    if not third_party:
        assert key is not None
        frame.insert(0, MEMBER_COLUMN, pseudonymise(pd.Series(np.asarray(member_ids)[codes]), key))
    loss = dict(zip(names, best.loss_by_attribute, strict=True))
    return Anonymised(
        frame=frame,
        settings=settings,
        hierarchies=hierarchies,
        search=result,
        records_in=len(records),
        excluded_no_consent=counts["excluded_without_consent"],
        suppressed=best.suppressed,
        dropped=dropped,
        reached=best.passes,
        levels=levels,
        member_codes=codes,
        periods=periods,
        true_outcomes=true_outcomes,
        stopped_members=counts["stopped_members"],
        stopped_signups=counts["stopped_signups"],
        loss_by_attribute={name: round(value, 4) for name, value in loss.items()},
        weights=weights,
        released_columns=released,
        withheld=int(withheld.sum()),
        counts=counts,
        plan=plan,
    )


def release_metadata(result: Anonymised) -> dict[str, object]:
    """What the release job reads from the Parquet file: the release kind, k and the tool version."""
    metadata: dict[str, object] = {"release": result.settings.release, "k": result.settings.k}
    if result.settings.release == "third-party":
        metadata["population"] = result.settings.population
    return {**metadata, "tool_version": __version__}


def write_anonymised(result: Anonymised, out_dir: str | Path) -> dict[str, Path]:
    """Write the anonymised table as Parquet (release kind in its metadata) and as spreadsheet-safe CSV."""
    out_dir = Path(out_dir)
    metadata = {PARQUET_METADATA_KEY: json.dumps(release_metadata(result))}
    return {
        "parquet": write_parquet(out_dir / "anonymised_signups.parquet", result.frame, metadata=metadata),
        "csv": write_safe_csv(out_dir / "anonymised_signups.csv", result.frame),
    }
