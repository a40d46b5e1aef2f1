"""Prepare the members, events and sign-ups tables for the accuracy suites: typed and cross-table columns.

The suites stay declarative JSON; what needs more than one value of a row, another table or a
reference date is derived here, in tested code, as extra columns the suites can state expectations on.
The raw columns are kept unchanged (the failing-records report masks their values), and a derived
column is only added when the raw columns it needs exist, so that a missing column fails its
`expect_column_to_exist` expectation instead of stopping the run.

| table | derived column | meaning |
| --- | --- | --- |
| members | birth_date_value, joined_on_value | the date, NaT when absent or not a valid YYYY-MM-DD date |
| members | age_years | whole years on the reference date; NA for a birth date after it (no age yet) |
| members | duplicate_of | the first member_id with the same normalised name, birth date and phone, else NA |
| events | starts_at_value | the start as a UTC timestamp, NaT when not ISO 8601 |
| events | capacity_value, fee_yen_value | the integer, NA when not a whole number |
| signups | signed_up_at_value | the sign-up time as a UTC timestamp |
| signups | member_found, event_found | whether member_id / event_id exists in members / events |
| signups | event_starts_at_value | the start of the event signed up for (NaT when the event does not exist) |
"""

from __future__ import annotations

from datetime import date

import pandas as pd

from ..reference import age_in_years
from .rules import fold, phone_digits

TABLES = ("members", "events", "signups")
ID_COLUMNS = {"members": "member_id", "events": "event_id", "signups": "signup_id"}


def prepare_tables(tables: dict[str, pd.DataFrame], reference_date: date) -> dict[str, pd.DataFrame]:
    """Copies of the three tables with empty cells as missing values and the derived columns added."""
    members = _blank_to_missing(tables["members"])
    events = _blank_to_missing(tables["events"])
    signups = _blank_to_missing(tables["signups"])
    return {
        "members": prepare_members(members, reference_date),
        "events": prepare_events(events),
        "signups": prepare_signups(signups, members, events),
    }


def _blank_to_missing(frame: pd.DataFrame) -> pd.DataFrame:
    """An empty or blank cell is a missing value, so that not-null expectations see it."""
    # A shallow copy: with pandas copy-on-write, columns without blanks stay shared with the input.
    out = frame.copy(deep=False)
    for column in out.columns:
        values = out[column].astype("str")
        blank = values.str.strip().eq("")
        if blank.any():
            out[column] = values.mask(blank)
    return out


def _dates(values: pd.Series) -> pd.Series:
    return pd.to_datetime(values.str.strip(), format="%Y-%m-%d", errors="coerce")


def _timestamps(values: pd.Series) -> pd.Series:
    return pd.to_datetime(values.str.strip(), format="ISO8601", utc=True, errors="coerce")


def _integers(values: pd.Series) -> pd.Series:
    text = values.str.strip()
    return pd.to_numeric(text.where(text.str.fullmatch(r"[+-]?\d+")), errors="coerce").astype("Int64")


def age_on(birth: pd.Series, reference_date: date) -> pd.Series:
    """Whole years between each birth date and the reference date; NA when missing or after it."""
    ref = pd.Timestamp(reference_date)
    return age_in_years(birth, ref).where(birth <= ref).astype("Int64")


def duplicate_of(members: pd.DataFrame) -> pd.Series:
    """For each member, the first member_id sharing its normalised name, birth date and phone (NA if none)."""
    name = fold(members["name_kanji"]).str.replace(r"\s+", "", regex=True).str.casefold()
    key = pd.DataFrame(
        {"name": name, "birth": members["birth_date"].str.strip(), "phone": phone_digits(members["phone"])}
    )
    complete = key.notna().all(axis=1)
    first = (
        pd.DataFrame({"id": members["member_id"], **key})[complete]
        .sort_values("id", kind="stable")
        .groupby(["name", "birth", "phone"], sort=False)["id"]
        .transform("first")
    )
    result = pd.Series(pd.NA, index=members.index, dtype="str")
    is_later = first != members.loc[first.index, "member_id"]
    result.loc[is_later[is_later].index] = first[is_later]
    return result


def prepare_members(members: pd.DataFrame, reference_date: date) -> pd.DataFrame:
    """Members with parsed dates, age on the reference date and the likely-duplicate link."""
    out = members.copy(deep=False)
    if "birth_date" in out:
        out["birth_date_value"] = _dates(out["birth_date"])
        out["age_years"] = age_on(out["birth_date_value"], reference_date)
    if "joined_on" in out:
        out["joined_on_value"] = _dates(out["joined_on"])
    if {"member_id", "name_kanji", "birth_date", "phone"} <= set(out.columns):
        out["duplicate_of"] = duplicate_of(out)
    return out


def prepare_events(events: pd.DataFrame) -> pd.DataFrame:
    """Events with the start as a timestamp and capacity and fee as integers."""
    out = events.copy(deep=False)
    if "starts_at" in out:
        out["starts_at_value"] = _timestamps(out["starts_at"])
    for column in ("capacity", "fee_yen"):
        if column in out:
            out[f"{column}_value"] = _integers(out[column])
    return out


def prepare_signups(signups: pd.DataFrame, members: pd.DataFrame, events: pd.DataFrame) -> pd.DataFrame:
    """Sign-ups with the sign-up time, whether member and event exist, and when the event starts."""
    out = signups.copy(deep=False)
    if "signed_up_at" in out:
        out["signed_up_at_value"] = _timestamps(out["signed_up_at"])
    if "member_id" in out and "member_id" in members:
        out["member_found"] = out["member_id"].isin(members["member_id"].dropna())
    if "event_id" in out and "event_id" in events:
        out["event_found"] = out["event_id"].isin(events["event_id"].dropna())
        if "starts_at" in events:
            first = events.drop_duplicates("event_id")
            position = pd.Index(first["event_id"]).get_indexer(out["event_id"])
            # allow_fill turns position -1 (no such event) into NaT.
            starts = _timestamps(first["starts_at"]).array.take(position, allow_fill=True)
            out["event_starts_at_value"] = pd.Series(starts, index=out.index)
    return out
