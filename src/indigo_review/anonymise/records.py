"""The records an anonymisation starts from: one row per sign-up of a member who may be included, level-0 values.

Who is left out, in this order, each counted for the report: members on the stop list (policy 8), members whose
`consent_analysis` is not true, members whose status is excluded (`--exclude-status`), and sign-ups of events
outside the period. Members of every other status are kept and counted by status, so a report never holds
withdrawn members without saying so. No direct identifier survives this step except the member id, which the
anonymisation replaces by a code (third-party) or a keyed pseudonym (internal).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from ..errors import InputError
from ..reference import PREFECTURE_BY_NAME, prefecture_prefix
from ..stop_list import member_key
from .hierarchies import STAR, age_band_values, day_values, postal_3_values

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


ACTIVE = "active"


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


def _status_counts(member_ids: pd.Series, status: pd.Series) -> dict[str, dict[str, int]]:
    """Members and sign-ups per status (folded to lower case; '' where the table has no status)."""
    frame = pd.DataFrame({"member": member_ids.to_numpy(), "status": status.to_numpy()})
    grouped = frame.groupby("status", sort=True)["member"]
    return {
        str(s): {"members": int(m), "signups": int(n)}
        for s, m, n in zip(grouped.nunique().index, grouped.nunique(), grouped.size(), strict=True)
    }


def prepare_records(
    tables: dict[str, pd.DataFrame],
    stopped: frozenset[str] = frozenset(),
    excluded_statuses: frozenset[str] = frozenset(),
    months: tuple[str, str] = ("", ""),
) -> tuple[pd.DataFrame, dict[str, Any]]:
    """One row per sign-up of a consenting, not stopped, not excluded member in the period, with level-0 values.

    `period` is the month of the sign-up's event ('*' when the event is unknown); it is never released as such
    (the event column is), but a third-party release is k-anonymous within each period and recorded by period.
    """
    members = tables["members"].drop_duplicates("member_id", keep="first").set_index("member_id")
    signups = tables["signups"]
    member_ids = signups["member_id"].astype(str).str.strip()
    # Stop of use (policy 8) comes first: a stopped member is left out whatever their consent says.
    # Compared in the stop list's form, so an id written in lower case or full width is still stopped.
    is_stopped = member_ids.map(member_key).isin(stopped)
    counts: dict[str, Any] = {
        "stopped_members": int(member_ids[is_stopped].nunique()),
        "stopped_signups": int(is_stopped.sum()),
    }
    signups, member_ids = signups[~is_stopped], member_ids[~is_stopped]
    # Only members who agreed to analysis are used; unknown or missing consent counts as no.
    agreed = members["consent_analysis"].fillna("").str.strip().str.lower().isin({"true", "1", "yes", "y"})
    position = members.index.get_indexer(signups["member_id"])
    consenting = (position >= 0) & agreed.to_numpy()[np.maximum(position, 0)]
    counts["excluded_without_consent"] = int((~consenting).sum())
    signups, member_ids, position = signups[consenting], member_ids[consenting], position[consenting]
    # Status: counted always (a withdrawn member is never in a release without the report saying so), left out
    # only when asked. A table without the column cannot honour --exclude-status: that is an error, not a no-op.
    if "status" in members:
        status = members["status"].fillna("").astype(str).str.strip().str.lower().to_numpy()[position]
    elif excluded_statuses:
        raise InputError(
            "members.csv", "has no status column, so --exclude-status cannot be applied", "export the status column"
        )
    else:
        status = np.full(len(position), "", dtype=object)
    status = pd.Series(status, index=signups.index)
    excluded = status.isin(excluded_statuses).to_numpy()
    counts["excluded_by_status"] = _status_counts(member_ids[excluded], status[excluded])
    counts["excluded_by_status_signups"] = int(excluded.sum())
    signups, member_ids, position, status = (
        signups[~excluded],
        member_ids[~excluded],
        position[~excluded],
        status[~excluded],
    )
    events = tables["events"].drop_duplicates("event_id").set_index("event_id")
    event_ids = _per_distinct(signups["event_id"], lambda v: v.str.strip())
    month = event_ids.map(events["starts_at"].astype(str).str[:7]).fillna(STAR)
    month = month.where(month.str.fullmatch(r"\d{4}-\d{2}"), STAR)
    first, last = months
    inside = pd.Series(True, index=signups.index)
    if first or last:
        # An event of unknown date cannot be placed in any period: outside every period that was asked for.
        inside = (month != STAR) & (month >= (first or "0000-00")) & (month <= (last or "9999-99"))
    counts["outside_period"] = int((~inside).sum())
    signups, member_ids, position, status, event_ids, month = (
        x[inside.to_numpy()] for x in (signups, member_ids, position, status, event_ids, month)
    )
    counts["by_status"] = _status_counts(member_ids, status)
    # Member attributes are computed once per member (one reference date for all), then spread to sign-ups.
    attributes = member_attributes(members, reference_date(tables["events"])).iloc[position]
    attributes.index = signups.index
    records = pd.DataFrame(
        {
            "member_id": member_ids,
            "event_id": event_ids,
            **{column: attributes[column] for column in attributes.columns},
            "channel": _per_distinct(signups["channel"], lambda v: v.str.strip().str.lower()),
            "signed_up": _per_distinct(signups["signed_up_at"], day_values),
            SENSITIVE: _per_distinct(signups[SENSITIVE], lambda v: v.str.strip().str.lower()),
            "period": month,
        },
        index=signups.index,
    )
    records = records[
        [
            "member_id",
            "event_id",
            "age_band",
            "area",
            "postal_area",
            "gender",
            "channel",
            "signed_up",
            SENSITIVE,
            "period",
        ]
    ]
    return records.reset_index(drop=True), counts
