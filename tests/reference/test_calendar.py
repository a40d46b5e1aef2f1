"""The era calendar and ages: the table in data/eras.csv, era dates both ways, birthdays counted on the day."""

from __future__ import annotations

from datetime import date

import pandas as pd
import pytest
from hypothesis import given
from hypothesis import strategies as st

from indigo_review.reference import age_in_years, age_on, era_to_date, format_era_date


@pytest.mark.parametrize(
    ("day", "text"),
    [
        (date(1985, 4, 12), "昭和60年4月12日"),
        (date(1989, 1, 7), "昭和64年1月7日"),
        (date(1989, 1, 8), "平成元年1月8日"),
        (date(2019, 4, 30), "平成31年4月30日"),
        (date(2019, 5, 1), "令和元年5月1日"),
        (date(1926, 12, 24), "大正15年12月24日"),
    ],
)
def test_era_dates_are_written_as_japan_writes_them(day: date, text: str) -> None:
    assert format_era_date(day) == text


def test_era_dates_outside_their_era_do_not_exist() -> None:
    assert era_to_date("昭和", 65, 1, 1) is None
    assert era_to_date("平成", 1, 1, 7) is None
    assert era_to_date("S", 60, 2, 30) is None


@given(st.dates(min_value=date(1912, 7, 30), max_value=date(2100, 12, 31)))
def test_an_era_date_reads_back_as_the_same_day(day: date) -> None:
    text = format_era_date(day)
    era, rest = text[:2], text[2:]
    year, rest = rest.split("年")
    month, rest = rest.split("月")
    assert era_to_date(era, 1 if year == "元" else int(year), int(month), int(rest.rstrip("日"))) == day


def test_age_counts_the_birthday_itself() -> None:
    assert age_on(date(2000, 11, 25), date(2026, 11, 25)) == 26
    assert age_on(date(2000, 11, 26), date(2026, 11, 25)) == 25


@given(st.dates(min_value=date(1900, 1, 1), max_value=date(2030, 1, 1)), st.dates(min_value=date(1900, 1, 1)))
def test_column_ages_equal_one_at_a_time_ages(birth: date, day: date) -> None:
    got = age_in_years(pd.Series(pd.to_datetime([birth])), pd.Series(pd.to_datetime([day])))
    assert got.iloc[0] == age_on(birth, day)


def test_a_missing_birth_date_has_no_age() -> None:
    got = age_in_years(pd.Series(pd.to_datetime([None, "2000-01-01"])), pd.Timestamp("2026-01-01"))
    assert got.isna().tolist() == [True, False]
