"""Generalisation hierarchies for the quasi-identifiers, as data: one table per attribute.

Each hierarchy is a DataFrame whose first column is the most detailed value (level 0) and whose
following columns are ever coarser levels, the last one always "*". Generalising a value to level l
is a lookup in that table, never an if-statement. Values that cannot be read (a missing birth date,
a malformed postal code) are "*" at every level: they carry no detail to protect or to lose.
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from ..reference import PREFECTURES, age_in_years

STAR = "*"
ONLINE = ("web", "social", "email")
OFFLINE = ("mail", "phone", "oral")


@dataclass(frozen=True)
class Hierarchy:
    """A quasi-identifier: its output column and its generalisation table (level 0 first, '*' last)."""

    name: str
    column: str
    table: pd.DataFrame

    @property
    def levels(self) -> list[str]:
        """The level names, most detailed first."""
        return list(self.table.columns)

    @property
    def height(self) -> int:
        """The highest level index."""
        return len(self.table.columns) - 1

    def lookup(self, level: int) -> dict[str, str]:
        """Level-0 value -> value at `level`."""
        return dict(zip(self.table.iloc[:, 0], self.table.iloc[:, level], strict=True))


def _with_star_row(rows: list[list[str]], columns: list[str]) -> pd.DataFrame:
    table = pd.DataFrame(rows, columns=columns)
    star = pd.DataFrame([[STAR] * len(columns)], columns=columns)
    return pd.concat([table, star], ignore_index=True).drop_duplicates(subset=columns[0]).reset_index(drop=True)


# Ages from here on are top-coded (APPI Rules Art. 34(4), idiosyncratic values): an age of 103 is one person.
TOP_AGE = 90


def age_hierarchy() -> Hierarchy:
    """Age in years -> 5-year band -> 10-year band -> 20-year band -> *; 90 and over is one band ('90+')."""
    rows = []
    for start in range(0, TOP_AGE, 5):
        ten = start - start % 10
        twenty = start - start % 20
        twenty_label = f"{twenty}-{twenty + 19}" if twenty + 19 < TOP_AGE - 10 else f"{TOP_AGE - 10}+"
        rows.append([f"{start}-{start + 4}", f"{ten}-{ten + 9}", twenty_label, STAR])
    rows.append([f"{TOP_AGE}+", f"{TOP_AGE}+", f"{TOP_AGE - 10}+", STAR])
    return Hierarchy("age", "age_band", _with_star_row(rows, ["age_5", "age_10", "age_20", "any"]))


def address_hierarchy() -> Hierarchy:
    """Prefecture -> one of the eight regions -> *."""
    rows = [[p.name, p.region, STAR] for p in PREFECTURES]
    return Hierarchy("address", "area", _with_star_row(rows, ["prefecture", "region", "any"]))


def postal_hierarchy() -> Hierarchy:
    """First three digits of the postal code -> first digit -> *."""
    rows = [[f"{n:03d}", f"{n:03d}"[0], STAR] for n in range(1000)]
    return Hierarchy("postal", "postal_area", _with_star_row(rows, ["postal_3", "postal_1", "any"]))


def gender_hierarchy() -> Hierarchy:
    """Gender as recorded -> *."""
    return Hierarchy("gender", "gender", _with_star_row([["F", STAR], ["M", STAR], ["X", STAR]], ["gender", "any"]))


def channel_hierarchy() -> Hierarchy:
    """Collection channel (policy clause 1) -> online / offline -> *."""
    rows = [[c, "online", STAR] for c in ONLINE] + [[c, "offline", STAR] for c in OFFLINE]
    return Hierarchy("channel", "channel", _with_star_row(rows, ["channel", "online_offline", "any"]))


def day_hierarchy(days: pd.Series) -> Hierarchy:
    """Sign-up day (YYYY-MM-DD) -> month -> *; the table covers the days present."""
    values = sorted(v for v in pd.unique(days) if v != STAR)
    rows = [[d, d[:7], STAR] for d in values]
    return Hierarchy("signup_time", "signed_up", _with_star_row(rows, ["day", "month", "any"]))


def attended_hierarchy() -> Hierarchy:
    """Attendance as recorded (true, false, empty for a future event) -> *."""
    return Hierarchy(
        "attended", "attended", _with_star_row([["true", STAR], ["false", STAR], ["", STAR]], ["attended", "any"])
    )


def event_hierarchy(events: pd.DataFrame) -> Hierarchy:
    """Event id -> month the event starts -> *."""
    rows = [[e, str(s)[:7], STAR] for e, s in zip(events["event_id"], events["starts_at"], strict=True)]
    return Hierarchy("event", "event_id", _with_star_row(rows, ["event_id", "event_month", "any"]))


# Level-0 values from the raw columns. Anything unreadable becomes "*".


def age_band_values(birth_dates: pd.Series, on: pd.Series) -> pd.Series:
    """Age at `on` (a date per row) as a 5-year band, 90 and over top-coded; implausible ages become '*'.

    The anonymise job passes one reference date for every row: ages taken at each event's date would let
    a member's linked rows pin their birthday to a window of months.
    """
    birth = pd.to_datetime(birth_dates, errors="coerce", format="%Y-%m-%d")
    when = pd.to_datetime(on, errors="coerce", utc=True).dt.tz_localize(None).dt.normalize()
    age = age_in_years(birth, when)
    ok = age.between(0, 120).fillna(False)
    start = (age.where(ok, 0) // 5 * 5).astype(int)
    bands = start.astype(str) + "-" + (start + 4).astype(str)
    bands = bands.where(start < TOP_AGE, f"{TOP_AGE}+")
    return bands.where(ok, STAR).astype(str)


def postal_3_values(postal_codes: pd.Series) -> pd.Series:
    """First three digits of a 7-digit postal code in any format (〒, full-width, hyphens); else '*'."""
    # NFKC folds full-width digits; everything that is not a digit (〒, hyphens of any kind) is dropped.
    found = postal_codes.astype(str).str.normalize("NFKC").str.replace(r"[^0-9]", "", regex=True)
    return found.str[:3].where(found.str.len() == 7, STAR)


def day_values(timestamps: pd.Series) -> pd.Series:
    """The calendar day of an ISO timestamp as written (local time), or '*'."""
    text = timestamps.astype(str).str.strip()
    day = text.str[:10]
    ok = pd.to_datetime(day, errors="coerce", format="%Y-%m-%d").notna()
    return day.where(ok, STAR)


def in_domain(values: pd.Series, hierarchy: Hierarchy) -> pd.Series:
    """Values outside the hierarchy's level-0 domain become '*'."""
    domain = set(hierarchy.table.iloc[:, 0])
    return values.where(values.isin(domain), STAR)
