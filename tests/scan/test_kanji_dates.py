"""Birth dates in kanji numerals and dotted, under a birth-date header or with birth words in free text."""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st
from kanjize import number2kanji

from indigo_review.normalise import normalise
from indigo_review.reference import format_era_date
from indigo_review.scan import scan_path
from indigo_review.scan.recognizers import Context
from indigo_review.scan.recognizers.dates import DateOfBirthRecognizer, parse_date

from .test_scan import cells
from .test_values_over_headers import write


def found(text: str, context: Context | None = None) -> list[str]:
    normalised = normalise(text)
    return [normalised[s.start : s.end] for s in DateOfBirthRecognizer().find(normalised, context or Context())]


@pytest.mark.parametrize(
    ("text", "day"),
    [
        ("昭和六十一年十一月九日", date(1986, 11, 9)),
        ("一九八六年十一月九日", date(1986, 11, 9)),
        ("千九百八十六年十一月九日", date(1986, 11, 9)),
        ("平成元年三月三日", date(1989, 3, 3)),
        ("二〇〇一年一月五日", date(2001, 1, 5)),
        ("1976.11.13", date(1976, 11, 13)),
        ("１９７６．１１．１３", date(1976, 11, 13)),
    ],
)
def test_dates_in_kanji_numerals_and_dotted_are_real_dates(text: str, day: date) -> None:
    assert parse_date(normalise(text)) == day


def _kanji_era(day: date) -> str:
    """An era date with every number in kanji, written by kanjize (元 for the first year)."""
    plain = format_era_date(day)
    era, rest = plain[:2], plain[2:]
    year, rest = rest.split("年")
    month, rest = rest.split("月")
    year_text = year if year == "元" else number2kanji(int(year))
    return f"{era}{year_text}年{number2kanji(int(month))}月{number2kanji(int(rest[:-1]))}日"


@given(st.integers(0, 36_000))
def test_era_dates_written_in_kanji_read_back_as_the_same_day(offset: int) -> None:
    day = date(1927, 1, 1) + timedelta(days=offset)
    assert parse_date(_kanji_era(day)) == day


@pytest.mark.parametrize(
    "text", ["誕生日は昭和六十一年十一月九日とのこと", "一九八六年十一月九日生まれ", "昭和56年6月17日生、紹介で入会"]
)
def test_a_birthday_in_free_text_with_birth_words_is_found(text: str) -> None:
    assert len(found(text)) == 1


def test_a_kanji_date_without_birth_words_is_not_a_birth_date() -> None:
    assert found("令和六年十一月九日に入会手続き完了") == []


@pytest.mark.parametrize("header", ["お誕生日", "生年月日", "DOB"])
def test_a_birthday_column_in_kanji_and_dotted_dates_is_found_in_every_row(tmp_path: Path, header: str) -> None:
    values = [
        "昭和六十一年十一月九日",
        "一九七〇年一月二日",
        "1976.11.13",
        "平成元年三月三日",
        "昭和45年5月6日",
        "1980.2.29",
    ]
    path = write(tmp_path / "members.csv", ["会員番号", header], [[f"M{i}", v] for i, v in enumerate(values)])
    assert {(row, header, "DATE_OF_BIRTH") for row in range(len(values))} <= cells(scan_path(path, use_ner=False))


def test_event_dates_in_kanji_under_an_event_header_are_not_birth_dates(tmp_path: Path) -> None:
    values = [f"令和七年{number2kanji(m)}月{number2kanji(d)}日" for m in range(1, 7) for d in (3, 17)]
    path = write(tmp_path / "events.csv", ["開催日", "定員"], [[v, "20"] for v in values])
    assert scan_path(path, use_ner=False).total_findings == 0
