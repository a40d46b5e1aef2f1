"""Prepare the members, events and sign-ups tables for the accuracy suites: typed and cross-table columns.

The suites stay declarative JSON; what needs more than one value of a row, another table or a
reference date is derived here, in tested code, as extra columns the suites can state expectations on.
The raw columns are kept unchanged (the failing-records report masks their values), and a derived
column is only added when the raw columns it needs exist, so that a missing column fails its
`expect_column_to_exist` expectation instead of stopping the run. `DERIVED` names the raw columns each
derived column is computed from: the coverage table and a member's correction read it.

The reference date (`as_of`) is the only "today": a run with the same data and date gives the same findings.
An event has happened by the reference date when it started before that day began in Japan.

| table | derived column | meaning |
| --- | --- | --- |
| members | birth_date_value, joined_on_value | the date, NaT when absent or not a valid YYYY-MM-DD date |
| members | age_years | whole years on the reference date; NA for a birth date after it (no age yet) |
| members | birth_days_after_as_of, joined_days_after_as_of | days from the reference date (positive: after it) |
| members | joined_age_years | whole years on the day of joining (NA when joined before birth) |
| members | duplicate_of | the earliest member_id record linkage finds the same person under (`linkage.py`), else NA |
| events | starts_at_value | the start as a UTC timestamp, NaT when not ISO 8601 |
| events | starts_at_year, starts_days_after_as_of | the start's year (JST) and whole days after the reference date |
| events | capacity_value, fee_yen_value | the integer, NA when not a whole number |
| events | signups_per_place, attended_per_place | sign-ups and attendances (attended = true) per place of capacity |
| signups | signed_up_at_value | the sign-up time as a UTC timestamp |
| signups | signed_up_days_after_as_of | days from the reference date to the sign-up's day in Japan (positive: after) |
| signups | member_found, event_found | whether member_id / event_id exists in members / events |
| signups | event_starts_at_value | the start of the event signed up for (NaT when the event does not exist) |
| signups | signed_before_joining | the sign-up's day in Japan is before the day its member joined |
| signups | attendance_before_event | attendance recorded for an event that has not happened by the reference date |
| signups | attendance_missing | no attendance for an event held over ATTENDANCE_GRACE_DAYS before the reference date |
"""

from __future__ import annotations

from datetime import date

import pandas as pd

from ..reference import age_in_years
from .linkage import PAIR_COLUMNS, duplicate_of, duplicate_pairs

TABLES = ("members", "events", "signups")
ID_COLUMNS = {"members": "member_id", "events": "event_id", "signups": "signup_id"}
DUPLICATE_PAIRS = "member_pairs"
JST = "Asia/Tokyo"
# Attendance is recorded within a week of an event; a nightly check does not ask for last night's yet.
ATTENDANCE_GRACE_DAYS = 7
_LINKED = ("name_kanji", "name_kana", "birth_date", "email", "phone", "postal_code", "address")
# The raw columns each derived column is computed from (coverage table; a correction's columns).
DERIVED: dict[str, tuple[str, ...]] = {
    "birth_date_value": ("birth_date",),
    "joined_on_value": ("joined_on",),
    "age_years": ("birth_date",),
    "birth_days_after_as_of": ("birth_date",),
    "joined_days_after_as_of": ("joined_on",),
    "signed_up_days_after_as_of": ("signed_up_at",),
    "joined_age_years": ("birth_date", "joined_on"),
    "duplicate_of": _LINKED,
    "starts_at_value": ("starts_at",),
    "starts_at_year": ("starts_at",),
    "starts_days_after_as_of": ("starts_at",),
    "capacity_value": ("capacity",),
    "fee_yen_value": ("fee_yen",),
    "signups_per_place": ("capacity", "event_id"),
    "attended_per_place": ("capacity", "event_id"),
    "signed_up_at_value": ("signed_up_at",),
    "signed_before_joining": ("signed_up_at", "member_id"),
    "member_found": ("member_id",),
    "event_found": ("event_id",),
    "event_starts_at_value": ("event_id",),
    "attendance_before_event": ("attended", "event_id"),
    "attendance_missing": ("attended", "event_id"),
}


def prepare_tables(tables: dict[str, pd.DataFrame], reference_date: date) -> dict[str, pd.DataFrame]:
    """Copies of the three tables with empty cells as missing values and the derived columns added, and under
    DUPLICATE_PAIRS the likely duplicate members record linkage finds (member_id, duplicate_of, score, agreeing).
    """
    members = prepare_members(_blank_to_missing(tables["members"]), reference_date)
    events = _blank_to_missing(tables["events"])
    signups = _blank_to_missing(tables["signups"])
    pairs = pd.DataFrame(columns=PAIR_COLUMNS)
    if {"member_id", *_LINKED} <= set(members.columns):
        pairs = duplicate_pairs(members)
        members["duplicate_of"] = duplicate_of(pairs, members["member_id"])
    return {
        "members": members,
        "events": prepare_events(events, signups, reference_date),
        "signups": prepare_signups(signups, members, events, reference_date),
        DUPLICATE_PAIRS: pairs,
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
    return pd.to_numeric(text.where(text.str.fullmatch(r"[+-]?[0-9]+")), errors="coerce").astype("Int64")


def age_on(birth: pd.Series, reference_date: date) -> pd.Series:
    """Whole years between each birth date and the reference date; NA when missing or after it."""
    ref = pd.Timestamp(reference_date)
    return age_in_years(birth, ref).where(birth <= ref).astype("Int64")


def _start_of_day(day: date) -> pd.Timestamp:
    """The moment the reference day begins in Japan, in UTC (the timestamps' zone)."""
    return pd.Timestamp(day).tz_localize(JST).tz_convert("UTC")


def _japan_day(moments: pd.Series) -> pd.Series:
    """The calendar day (naive midnight) in Japan of each UTC timestamp (Japan keeps UTC+9 all year)."""
    return (moments.dt.tz_localize(None) + pd.Timedelta(hours=9)).dt.floor("D")


def _days_after(days: pd.Series, reference_date: date) -> pd.Series:
    """Whole days from the reference date to each day (naive midnights); positive after it, NA when missing.

    A whole number the suites compare with 0: GX compares datetime columns with a date parameter value by
    value (seconds for millions of rows), integers at once."""
    return ((days - pd.Timestamp(reference_date)) // pd.Timedelta(days=1)).astype("Int64")


def _positions(keys: pd.Series, table: pd.DataFrame, key: str) -> tuple[pd.Series, pd.Index]:
    """For each key, the position of the table's first row with it (-1 where none), and those rows' labels."""
    first = ~table[key].duplicated() & table[key].notna()
    return pd.Series(pd.Index(table.loc[first, key]).get_indexer(keys), index=keys.index), table.index[first]


def _take(values: pd.Series, rows: pd.Index, position: pd.Series) -> pd.Series:
    """values at the found rows, aligned to the keys (NaT/NA where a key found none)."""
    # allow_fill turns position -1 (no such key) into the missing value.
    return pd.Series(values.loc[rows].array.take(position.to_numpy(), allow_fill=True), index=position.index)


def prepare_members(members: pd.DataFrame, reference_date: date) -> pd.DataFrame:
    """Members with parsed dates, age on the reference date and on the day of joining."""
    out = members.copy(deep=False)
    if "birth_date" in out:
        out["birth_date_value"] = _dates(out["birth_date"])
        out["age_years"] = age_on(out["birth_date_value"], reference_date)
        out["birth_days_after_as_of"] = _days_after(out["birth_date_value"], reference_date)
    if "joined_on" in out:
        out["joined_on_value"] = _dates(out["joined_on"])
        out["joined_days_after_as_of"] = _days_after(out["joined_on_value"], reference_date)
    if {"birth_date_value", "joined_on_value"} <= set(out.columns):
        birth, joined = out["birth_date_value"], out["joined_on_value"]
        out["joined_age_years"] = age_in_years(birth, joined).where(birth <= joined).astype("Int64")
    return out


def prepare_events(events: pd.DataFrame, signups: pd.DataFrame, reference_date: date) -> pd.DataFrame:
    """Events with the start as a timestamp, capacity and fee as integers, and sign-ups and attendance per place."""
    out = events.copy(deep=False)
    if "starts_at" in out:
        out["starts_at_value"] = _timestamps(out["starts_at"])
        out["starts_at_year"] = out["starts_at_value"].dt.tz_convert(JST).dt.year.astype("Int64")
        ahead = (out["starts_at_value"] - _start_of_day(reference_date)) // pd.Timedelta(days=1)
        out["starts_days_after_as_of"] = ahead.astype("Int64")
    for column in ("capacity", "fee_yen"):
        if column in out:
            out[f"{column}_value"] = _integers(out[column])
    if {"event_id", "capacity"} <= set(out.columns) and "event_id" in signups:
        places = out["capacity_value"].astype("Float64")
        counts = signups["event_id"].value_counts()
        out["signups_per_place"] = out["event_id"].map(counts).fillna(0).astype("Float64") / places
        if "attended" in signups:
            came = signups.loc[signups["attended"].eq("true").fillna(False), "event_id"].value_counts()
            out["attended_per_place"] = out["event_id"].map(came).fillna(0).astype("Float64") / places
    return out


def prepare_signups(
    signups: pd.DataFrame, members: pd.DataFrame, events: pd.DataFrame, reference_date: date
) -> pd.DataFrame:
    """Sign-ups with the sign-up time and day, whether member and event exist, when the event starts and the
    member joined, and whether attendance is recorded where the reference date says it cannot or must be."""
    out = signups.copy(deep=False)
    if "signed_up_at" in out:
        out["signed_up_at_value"] = _timestamps(out["signed_up_at"])
        signed_on = _japan_day(out["signed_up_at_value"])
        out["signed_up_days_after_as_of"] = _days_after(signed_on, reference_date)
    # One hash lookup per key column serves both "does it exist" and the joined value (5M sign-ups).
    if "member_id" in out and "member_id" in members:
        position, rows = _positions(out["member_id"], members, "member_id")
        out["member_found"] = position >= 0
        if "joined_on" in members and "signed_up_at" in out:
            joined = members["joined_on_value"] if "joined_on_value" in members else _dates(members["joined_on"])
            # A flag, not two columns of dates: five million sign-ups hold it in 5 MB, not 80.
            out["signed_before_joining"] = (signed_on < _take(joined, rows, position)).fillna(False)
    if "event_id" in out and "event_id" in events:
        position, rows = _positions(out["event_id"], events, "event_id")
        out["event_found"] = position >= 0
        if "starts_at" in events:
            starts = _take(_timestamps(events["starts_at"]), rows, position)
            out["event_starts_at_value"] = starts
            if "attended" in out:
                began = _start_of_day(reference_date)
                recorded = out["attended"].notna()
                out["attendance_before_event"] = recorded & (starts >= began).fillna(False)
                overdue = starts < began - pd.Timedelta(days=ATTENDANCE_GRACE_DAYS)
                out["attendance_missing"] = ~recorded & overdue.fillna(False)
    return out
