"""Turn sign-ups into k-anonymous planning data: read, drop direct identifiers, pseudonymise, generalise, verify.

Data flows one way: `prepare_records` (join the three tables, keep level-0 quasi-identifiers only),
`anonymise` (pseudonyms, lattice search, suppression), `write_anonymised` (Parquet and safe CSV), and
`verify_written` (recompute k from the written file, independently of the search).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from ..errors import InputError, ParameterError
from ..output import write_parquet, write_safe_csv
from ..reference import PREFECTURE_BY_NAME, prefecture_prefix
from .hierarchies import (
    STAR,
    Hierarchy,
    address_hierarchy,
    age_band_values,
    age_hierarchy,
    channel_hierarchy,
    day_hierarchy,
    day_values,
    event_hierarchy,
    gender_hierarchy,
    in_domain,
    postal_3_values,
    postal_hierarchy,
)
from .kanonymity import Lattice, SearchResult, Verification, generalise, search, suppress, verify_k_anonymity
from .pseudonyms import PseudonymKey, pseudonymise

ALL_QUASI_IDENTIFIERS = ("age", "address", "postal", "gender", "channel", "signup_time", "event")
# The design's quasi-identifiers. The event is released as it is unless declared: declare "event" when who
# attended which event is known to outsiders (then classes are formed within events and far more is generalised).
DEFAULT_QUASI_IDENTIFIERS = ("age", "address", "postal", "gender", "channel", "signup_time")
MEMBER_COLUMN = "member_pseudonym"
SENSITIVE = "attended"
REQUIRED_COLUMNS = {
    "members": ("member_id", "birth_date", "prefecture", "address", "postal_code", "gender", "consent_analysis"),
    "events": ("event_id", "starts_at"),
    "signups": ("event_id", "member_id", "signed_up_at", "channel", "attended"),
}
# What the anonymised table holds, for the report (APPI asks that these items be made public).
INFORMATION_ITEMS = {
    MEMBER_COLUMN: "keyed pseudonym of the member (HMAC-SHA-256); links one member's sign-ups, not reversible",
    "event_id": "the event signed up for (its month, or *, when declared a quasi-identifier and generalised)",
    "age_band": "age at the event, as a band",
    "area": "prefecture or region of residence",
    "postal_area": "leading digits of the postal code",
    "gender": "gender as recorded (or *)",
    "channel": "how the sign-up was received (web, social, email, mail, phone, oral, or online/offline)",
    "signed_up": "day or month of the sign-up",
    "attended": "whether the member attended (empty for future events)",
}
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


@dataclass(frozen=True)
class AnonymiseSettings:
    """The parameters of one anonymisation."""

    k: int = 5
    quasi_identifiers: tuple[str, ...] = DEFAULT_QUASI_IDENTIFIERS
    suppression_limit: float = 0.05

    def validate(self) -> None:
        """Reject parameters that cannot give a meaningful guarantee."""
        if not isinstance(self.k, int) or self.k < 2:
            raise ParameterError(None, f"k must be an integer of at least 2 (got {self.k!r})", "use --k 5 or more")
        unknown = [q for q in self.quasi_identifiers if q not in ALL_QUASI_IDENTIFIERS]
        if unknown:
            raise ParameterError(
                None,
                f"unknown quasi-identifier(s): {', '.join(unknown)}",
                f"choose from {', '.join(ALL_QUASI_IDENTIFIERS)}",
            )
        if not self.quasi_identifiers:
            raise ParameterError(None, "no quasi-identifiers declared", "declare at least one")
        if not 0 <= self.suppression_limit < 1:
            raise ParameterError(
                None, f"suppression limit must be in [0, 1) (got {self.suppression_limit})", "e.g. 0.05 for 5%"
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

    @property
    def quasi_identifier_columns(self) -> list[str]:
        """The output columns that are quasi-identifiers."""
        return [h.column for h in self.hierarchies]


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


def prepare_records(tables: dict[str, pd.DataFrame]) -> tuple[pd.DataFrame, int]:
    """One row per sign-up of a consenting member, with level-0 quasi-identifiers and no direct identifier."""
    members = tables["members"].drop_duplicates("member_id", keep="first").set_index("member_id")
    events = tables["events"].drop_duplicates("event_id", keep="first").set_index("event_id")
    signups = tables["signups"]
    consent = signups["member_id"].map(members["consent_analysis"]).fillna("").str.strip().str.lower()
    # Only members who agreed to analysis are used; unknown or missing consent counts as no.
    consenting = consent.isin({"true", "1", "yes", "y"})
    signups = signups[consenting]
    member = members.reindex(signups["member_id"])
    member.index = signups.index
    starts = signups["event_id"].map(events["starts_at"]).fillna("")
    prefecture = member["prefecture"].fillna("").str.strip()
    valid = prefecture.isin(PREFECTURE_BY_NAME)
    from_address = member.loc[~valid, "address"].fillna("").map(lambda a: prefecture_prefix(a) or "")
    prefecture = prefecture.where(valid, from_address.reindex(prefecture.index))
    records = pd.DataFrame(
        {
            "member_id": signups["member_id"],
            "event_id": signups["event_id"].str.strip(),
            "age_band": age_band_values(member["birth_date"].fillna(""), starts),
            "area": prefecture,
            "postal_area": postal_3_values(member["postal_code"].fillna("")),
            "gender": member["gender"].fillna("").str.strip().str.upper(),
            "channel": signups["channel"].str.strip().str.lower(),
            "signed_up": day_values(signups["signed_up_at"]),
            SENSITIVE: signups[SENSITIVE].str.strip().str.lower(),
        },
        index=signups.index,
    ).reset_index(drop=True)
    return records, int((~consenting).sum())


def build_hierarchies(records: pd.DataFrame, events: pd.DataFrame, names: tuple[str, ...]) -> list[Hierarchy]:
    """The hierarchies of the declared quasi-identifiers, in the declared order."""
    builders = {
        "event": lambda: event_hierarchy(events),
        "age": age_hierarchy,
        "address": address_hierarchy,
        "postal": postal_hierarchy,
        "gender": gender_hierarchy,
        "channel": channel_hierarchy,
        "signup_time": lambda: day_hierarchy(records["signed_up"]),
    }
    return [builders[name]() for name in names]


def anonymise(tables: dict[str, pd.DataFrame], key: PseudonymKey, settings: AnonymiseSettings) -> Anonymised:
    """Pseudonymise, generalise to the least-loss k-anonymous node, suppress the rest, drop what cannot be kept."""
    settings.validate()
    records, excluded = prepare_records(tables)
    hierarchies = build_hierarchies(records, tables["events"], settings.quasi_identifiers)
    records["event_id"] = in_domain(records["event_id"], event_hierarchy(tables["events"]))
    for hierarchy in hierarchies:
        records[hierarchy.column] = in_domain(records[hierarchy.column], hierarchy)
    records.insert(0, MEMBER_COLUMN, pseudonymise(records.pop("member_id"), key))
    qi_columns = [h.column for h in hierarchies]
    # Columns not declared as quasi-identifiers cannot be kept: they would bypass the guarantee.
    undeclared = [c for c in INFORMATION_ITEMS if c not in (MEMBER_COLUMN, SENSITIVE, "event_id", *qi_columns)]
    records = records.drop(columns=undeclared)
    limit = int(settings.suppression_limit * len(records))
    lattice = Lattice(records, hierarchies, MEMBER_COLUMN, settings.k, limit)
    result = search(lattice)
    best = result.best
    frame = generalise(records, hierarchies, best.levels)
    frame = suppress(frame, qi_columns, lattice.small_rows(best.levels))
    # Suppressed rows share one all-'*' class; it too needs k distinct members, or those rows go.
    star = (frame[qi_columns] == STAR).all(axis=1)
    dropped = 0
    if star.any() and frame.loc[star, MEMBER_COLUMN].nunique() < settings.k:
        dropped = int(star.sum())
        frame = frame[~star].reset_index(drop=True)
    levels = {h.name: h.levels[level] for h, level in zip(hierarchies, best.levels, strict=True)}
    return Anonymised(
        frame=frame,
        settings=settings,
        hierarchies=hierarchies,
        search=result,
        records_in=len(records),
        excluded_no_consent=excluded,
        suppressed=best.suppressed,
        dropped=dropped,
        reached=best.passes,
        levels=levels,
    )


def write_anonymised(result: Anonymised, out_dir: str | Path) -> dict[str, Path]:
    """Write the anonymised table as Parquet and as spreadsheet-safe CSV."""
    out_dir = Path(out_dir)
    return {
        "parquet": write_parquet(out_dir / "anonymised_signups.parquet", result.frame),
        "csv": write_safe_csv(out_dir / "anonymised_signups.csv", result.frame),
    }


def verify_written(path: str | Path, result: Anonymised) -> Verification:
    """Re-read the written table and recompute k and l-diversity from it."""
    frame = pd.read_parquet(path)
    return verify_k_anonymity(
        frame, result.quasi_identifier_columns, MEMBER_COLUMN, result.settings.k, sensitive=SENSITIVE
    )
