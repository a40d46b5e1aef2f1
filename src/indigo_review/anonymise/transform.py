"""Turn sign-ups into k-anonymous planning data, as one of two APPI release kinds.

Data flows one way: `prepare_records` (join the three tables, leave out stopped and non-consenting members,
keep level-0 quasi-identifiers only), `anonymise` (lattice search, suppression, pseudonyms for internal use),
`write_anonymised` (Parquet with the release kind in its metadata, and safe CSV) and `verify_written`
(recompute k, l-diversity and protection per member from the written file, independently of the search).

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

import numpy as np
import pandas as pd

from .. import __version__
from ..errors import InputError
from ..keys import PseudonymKey
from ..output import write_parquet, write_safe_csv
from ..reference import PREFECTURE_BY_NAME, prefecture_prefix
from ..stop_list import member_key
from ..vocabulary import PARQUET_METADATA_KEY
from .hierarchies import (
    STAR,
    Hierarchy,
    address_hierarchy,
    age_band_values,
    age_hierarchy,
    attended_hierarchy,
    channel_hierarchy,
    day_hierarchy,
    day_values,
    event_hierarchy,
    gender_hierarchy,
    in_domain,
    postal_3_values,
    postal_hierarchy,
)
from .lattice import Lattice
from .pseudonyms import pseudonymise
from .risk import Verification, members_unique_by_linked_set, members_unique_by_rows, verify_k_anonymity
from .search import SearchResult, search
from .settings import AnonymiseSettings
from .suppression import generalise, suppress

MEMBER_COLUMN = "member_pseudonym"
SENSITIVE = "attended"
REQUIRED_COLUMNS = {
    "members": ("member_id", "birth_date", "prefecture", "address", "postal_code", "gender", "consent_analysis"),
    "events": ("event_id", "starts_at"),
    "signups": ("event_id", "member_id", "signed_up_at", "channel", "attended"),
}
# The event column is named for the level it is released at.
EVENT_COLUMNS = {"event_id": "event_id", "event_month": "event_month"}
DROPPED_IDENTIFIERS = (
    "member_id",
    "name_kanji",
    "name_kana",
    "email",
    "phone",
    "address",
    "postal_code (kept only as leading digits)",
    "birth_date (kept only as an age band)",
    "signup_id",
    "comment",
    "joined_on",
    "status",
)


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
    # third-party file that carries no member column. Codes are positions, not ids, and differ between runs.
    member_codes: np.ndarray = field(default_factory=lambda: np.zeros(0, dtype=np.int64))
    stopped_members: int = 0
    stopped_signups: int = 0
    loss_by_attribute: dict[str, float] = field(default_factory=dict)
    weights: dict[str, float] = field(default_factory=dict)
    released_columns: dict[str, str] = field(default_factory=dict)

    @property
    def quasi_identifier_columns(self) -> list[str]:
        """The output columns the guarantee covers (for third-party: every released column)."""
        if self.settings.release == "third-party":
            return list(self.frame.columns)
        return [c for c in (self.released_columns.get(h.name) for h in self.hierarchies) if c in self.frame]


def check_columns(tables: dict[str, pd.DataFrame], data_dir: str | Path) -> None:
    """Every table must have the columns the job reads."""
    for table, columns in REQUIRED_COLUMNS.items():
        missing = [c for c in columns if c not in tables[table].columns]
        if missing:
            raise InputError(
                Path(data_dir) / f"{table}.csv",
                f"missing column(s): {', '.join(missing)}",
                "export the table with all its columns",
            )


def reference_date(events: pd.DataFrame) -> pd.Timestamp:
    """The one date every age is taken at: the start of the latest event (today if no event date reads)."""
    starts = pd.to_datetime(events["starts_at"].astype(str).str[:10], errors="coerce", format="%Y-%m-%d")
    latest = starts.max()
    return pd.Timestamp.today().normalize() if pd.isna(latest) else latest


def _per_distinct(values: pd.Series, transform) -> pd.Series:
    """Apply a column transform to the distinct values only, then spread back (sign-ups repeat few values)."""
    codes, uniques = pd.factorize(values.fillna("").astype(str))
    done = transform(pd.Series(uniques, dtype=object)).to_numpy(dtype=object)
    return pd.Series(done[codes] if len(codes) else [], index=values.index, dtype=object)


def member_attributes(members: pd.DataFrame, on: pd.Timestamp) -> pd.DataFrame:
    """Level-0 quasi-identifiers of each member (index member_id): age band at `on`, area, postal area, gender."""
    prefecture = members["prefecture"].fillna("").str.strip()
    valid = prefecture.isin(PREFECTURE_BY_NAME)
    from_address = members.loc[~valid, "address"].fillna("").map(lambda a: prefecture_prefix(a) or "")
    return pd.DataFrame(
        {
            "age_band": age_band_values(members["birth_date"].fillna(""), pd.Series(on, index=members.index)),
            "area": prefecture.where(valid, from_address.reindex(prefecture.index)),
            "postal_area": postal_3_values(members["postal_code"].fillna("")),
            "gender": members["gender"].fillna("").str.strip().str.upper(),
        },
        index=members.index,
    )


def prepare_records(
    tables: dict[str, pd.DataFrame], stopped: frozenset[str] = frozenset()
) -> tuple[pd.DataFrame, dict[str, int]]:
    """One row per sign-up of a consenting, not stopped member, with level-0 quasi-identifiers and no direct id."""
    members = tables["members"].drop_duplicates("member_id", keep="first").set_index("member_id")
    signups = tables["signups"]
    member_ids = signups["member_id"].astype(str).str.strip()
    # Stop of use (policy 8) comes first: a stopped member is left out whatever their consent says.
    # Compared in the stop list's form, so an id written in lower case or full width is still stopped.
    is_stopped = member_ids.map(member_key).isin(stopped)
    counts = {"stopped_members": int(member_ids[is_stopped].nunique()), "stopped_signups": int(is_stopped.sum())}
    signups, member_ids = signups[~is_stopped], member_ids[~is_stopped]
    # Only members who agreed to analysis are used; unknown or missing consent counts as no.
    agreed = members["consent_analysis"].fillna("").str.strip().str.lower().isin({"true", "1", "yes", "y"})
    position = members.index.get_indexer(signups["member_id"])
    consenting = (position >= 0) & agreed.to_numpy()[np.maximum(position, 0)]
    counts["excluded_without_consent"] = int((~consenting).sum())
    signups, member_ids, position = signups[consenting], member_ids[consenting], position[consenting]
    # Member attributes are computed once per member (one reference date for all), then spread to sign-ups.
    attributes = member_attributes(members, reference_date(tables["events"])).iloc[position]
    attributes.index = signups.index
    records = pd.DataFrame(
        {
            "member_id": member_ids,
            "event_id": _per_distinct(signups["event_id"], lambda v: v.str.strip()),
            **{column: attributes[column] for column in attributes.columns},
            "channel": _per_distinct(signups["channel"], lambda v: v.str.strip().str.lower()),
            "signed_up": _per_distinct(signups["signed_up_at"], day_values),
            SENSITIVE: _per_distinct(signups[SENSITIVE], lambda v: v.str.strip().str.lower()),
        },
        index=signups.index,
    )
    records = records[
        ["member_id", "event_id", "age_band", "area", "postal_area", "gender", "channel", "signed_up", SENSITIVE]
    ]
    return records.reset_index(drop=True), counts


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


def anonymise(
    tables: dict[str, pd.DataFrame],
    key: PseudonymKey | None,
    settings: AnonymiseSettings,
    stopped: frozenset[str] = frozenset(),
) -> Anonymised:
    """Generalise to the least-loss k-anonymous node, suppress the rest; pseudonymise only for internal use."""
    settings.validate()
    third_party = settings.release == "third-party"
    if not third_party and key is None:
        raise ValueError("an internal release needs the pseudonymisation key")
    records, counts = prepare_records(tables, stopped)
    hierarchies = build_hierarchies(records, tables["events"], settings.protected)
    records["event_id"] = in_domain(records["event_id"], event_hierarchy(tables["events"]))
    for hierarchy in hierarchies:
        records[hierarchy.column] = in_domain(records[hierarchy.column], hierarchy)
    member_codes, member_ids = pd.factorize(records.pop("member_id"))
    records.insert(0, "_member", member_codes)
    qi_columns = [h.column for h in hierarchies]
    # Columns not declared as quasi-identifiers cannot be kept: they would bypass the guarantee.
    keep = {"_member", SENSITIVE, "event_id", *qi_columns}
    records = records[[c for c in records.columns if c in keep]]
    limit = int(settings.suppression_limit * len(records))
    weights = settings.weights()
    lattice = Lattice(records, hierarchies, "_member", settings.k, limit, [weights[h.name] for h in hierarchies])
    result = search(lattice)
    best = result.best
    frame = generalise(records, hierarchies, best.levels)
    frame = suppress(frame, qi_columns, lattice.small_rows(best.levels))
    # Suppressed rows share one all-'*' class; it too needs k distinct members, or those rows go.
    star = (frame[qi_columns] == STAR).all(axis=1)
    dropped = 0
    if star.any() and frame.loc[star, "_member"].nunique() < settings.k:
        dropped = int(star.sum())
        frame = frame[~star].reset_index(drop=True)
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
    # Rows are ordered by their released values: the order of sign-ups (a timeline) must not survive.
    columns = [c for c in frame.columns if c != "_member"]
    frame = frame.sort_values([*columns, "_member"], kind="stable").reset_index(drop=True)
    codes = frame.pop("_member").to_numpy()
    if not third_party:
        assert key is not None
        frame.insert(0, MEMBER_COLUMN, pseudonymise(pd.Series(np.asarray(member_ids)[codes]), key))
    loss = dict(zip([h.name for h in hierarchies], best.loss_by_attribute, strict=True))
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
        stopped_members=counts["stopped_members"],
        stopped_signups=counts["stopped_signups"],
        loss_by_attribute={name: round(value, 4) for name, value in loss.items()},
        weights=weights,
        released_columns=released,
    )


def release_metadata(result: Anonymised) -> dict[str, object]:
    """What the release job reads from the Parquet file: the release kind, k and the tool version."""
    return {"release": result.settings.release, "k": result.settings.k, "tool_version": __version__}


def write_anonymised(result: Anonymised, out_dir: str | Path) -> dict[str, Path]:
    """Write the anonymised table as Parquet (release kind in its metadata) and as spreadsheet-safe CSV."""
    out_dir = Path(out_dir)
    metadata = {PARQUET_METADATA_KEY: json.dumps(release_metadata(result))}
    return {
        "parquet": write_parquet(out_dir / "anonymised_signups.parquet", result.frame, metadata=metadata),
        "csv": write_safe_csv(out_dir / "anonymised_signups.csv", result.frame),
    }


@dataclass(frozen=True)
class WrittenCheck:
    """What was recomputed from the written file: k, l, class sizes and protection per member."""

    verification: Verification
    columns: list[str]
    protection: dict[str, object]
    relinking_columns: list[str]

    @property
    def ok(self) -> bool:
        """k holds, nobody is unique, and a third-party file has no column that re-links to members."""
        return self.verification.ok and not self.relinking_columns and self.protection["ok"] is True


def verify_written(path: str | Path, result: Anonymised) -> WrittenCheck:
    """Re-read the written table and recompute k, l-diversity and per-member protection from it.

    The member of each row comes from the codes kept in memory (a third-party file has no member column).
    """
    frame = pd.read_parquet(path)
    k = result.settings.k
    codes = result.member_codes
    third_party = result.settings.release == "third-party"
    released = [c for c in frame.columns if c != MEMBER_COLUMN]
    columns = released if third_party else [c for c in result.quasi_identifier_columns if c in frame]
    verification = verify_k_anonymity(frame, columns, codes, k, sensitive=SENSITIVE if SENSITIVE in frame else None)
    relinking = [c for c in frame.columns if c in (MEMBER_COLUMN, "member_id", "signup_id")] if third_party else []
    by_rows = members_unique_by_rows(frame, released, codes, k)
    protection: dict[str, object] = {
        "unit": "member",
        "members": len(np.unique(codes)),
        "rows_linkable": not third_party,
        "share_with_a_row_combination_under_k": by_rows,
    }
    if third_party:
        protection["share_unique"] = by_rows
    else:
        event_column = next((c for c in ("event_id", "event_month") if c in frame), None)
        by_events = members_unique_by_linked_set(frame, [event_column], codes, k) if event_column else 0.0
        by_set = members_unique_by_linked_set(frame, released, codes, k)
        protection["share_unique_by_set_of_events"] = by_events
        protection["share_unique_by_set_of_rows"] = by_set
        protection["share_unique"] = max(by_rows, by_events, by_set)
    # Internal data is pseudonymous by nature (it may not leave the society); only third-party must reach 0.
    protection["ok"] = (protection["share_unique"] == 0) if third_party else True
    return WrittenCheck(verification, columns, protection, relinking)
