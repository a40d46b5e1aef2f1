"""Dates the Japanese way: the era table (`data/eras.csv`), era dates both ways, and age in whole years."""

from __future__ import annotations

import csv
from datetime import date
from importlib.resources import files

import pandas as pd


def _load_eras() -> tuple[tuple[str, str, date], ...]:
    with (files(__package__) / "data" / "eras.csv").open(encoding="utf-8", newline="") as handle:
        return tuple(
            (row["era"], row["letter"], date.fromisoformat(row["first_day"])) for row in csv.DictReader(handle)
        )


_ERA_ROWS = _load_eras()
# First day of each era; year N of an era is (first year - 1 + N).
ERAS: dict[str, date] = {name: first for name, _, first in _ERA_ROWS}
ERA_LETTERS: dict[str, str] = {letter: name for name, letter, _ in _ERA_ROWS}


def era_to_date(era: str, year: int, month: int, day: int) -> date | None:
    """The Gregorian date of an era date (昭和, 34, 4, 23 -> 1959-04-23), or None if it does not exist."""
    era = ERA_LETTERS.get(era, era)
    first = ERAS.get(era)
    if first is None or year < 1:
        return None
    try:
        result = date(first.year - 1 + year, month, day)
    except ValueError:
        return None
    later = [start for start in ERAS.values() if start > first]
    if result < first or (later and result >= min(later)):
        return None
    return result


def format_era_date(day: date) -> str:
    """A date written as a Japanese era date such as 昭和60年4月12日 (元年 for the first year)."""
    name, first = next((name, first) for name, first in reversed(ERAS.items()) if day >= first)
    year = day.year - first.year + 1
    return f"{name}{'元' if year == 1 else year}年{day.month}月{day.day}日"


def age_on(birth: date, day: date) -> int:
    """Age in whole years on a day: the birthday counts from its own date."""
    return day.year - birth.year - ((day.month, day.day) < (birth.month, birth.day))


def age_in_years(births: pd.Series, on: pd.Series | pd.Timestamp) -> pd.Series:
    """`age_on` for whole columns of datetimes (NaT gives NA); `on` is a column or one timestamp."""
    when = on if isinstance(on, pd.Series) else pd.Series(on, index=births.index)
    years = when.dt.year - births.dt.year
    before_birthday = (when.dt.month < births.dt.month) | (
        (when.dt.month == births.dt.month) & (when.dt.day < births.dt.day)
    )
    return (years - before_birthday.astype(int)).where(births.notna() & when.notna()).astype("Int64")
