"""The sample's fixed clock: "today" is a constant, so ages, attendance and future events never move."""

from __future__ import annotations

from datetime import date, datetime, timedelta, timezone
from random import Random

JST = timezone(timedelta(hours=9))
# A fixed "today" so that ages, attendance and future events never depend on the clock.
REFERENCE_DATE = date(2026, 11, 1)
REFERENCE_DATETIME = datetime(2026, 11, 1, tzinfo=JST)


def _add_years(day: date, years: int) -> date:
    try:
        return day.replace(year=day.year + years)
    except ValueError:  # 29 February in a non-leap year
        return day.replace(year=day.year + years, day=28) + timedelta(days=1)


def _random_day(rng: Random, first: date, last: date) -> date:
    return first + timedelta(days=rng.randint(0, (last - first).days))
