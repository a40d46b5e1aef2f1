"""Kanji numerals: both ways of writing them, 元 for the first year, and positions kept when folded to digits."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st
from kanjize import number2kanji

from indigo_review.normalise import original_span
from indigo_review.reference import fold_kanji_numerals, kanji_to_int


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("六十一", 61),
        ("十一", 11),
        ("九", 9),
        ("十", 10),
        ("一九八六", 1986),
        ("千九百八十六", 1986),
        ("二〇〇一", 2001),
    ],
)
def test_kanji_numerals_are_read_with_units_and_digit_by_digit(text: str, value: int) -> None:
    assert kanji_to_int(text) == value


def test_the_first_year_of_an_era_is_one() -> None:
    assert kanji_to_int("元") == 1


@pytest.mark.parametrize("text", ["十十", "一二十", "百千", "〇十", "", "年"])
def test_malformed_numerals_are_no_number(text: str) -> None:
    assert kanji_to_int(text) is None


# kanjize writes the numeral: a writer that is not the reader under test.
@given(st.integers(min_value=1, max_value=9999))
def test_numerals_with_units_read_back_as_kanjize_wrote_them(value: int) -> None:
    assert kanji_to_int(number2kanji(value)) == value


@given(st.integers(min_value=1900, max_value=2099))
def test_years_written_digit_by_digit_read_back(value: int) -> None:
    written = "".join("〇一二三四五六七八九"[int(d)] for d in str(value))
    assert kanji_to_int(written) == value


def test_folding_writes_digits_and_keeps_the_way_back_to_the_text() -> None:
    text = "誕生日は昭和六十一年十一月九日です"
    folded, offsets = fold_kanji_numerals(text)
    assert folded == "誕生日は昭和61年11月9日です"
    start = folded.index("昭和")
    end = folded.index("日で") + 1
    assert text[slice(*original_span(offsets, start, end))] == "昭和六十一年十一月九日"


def test_text_without_kanji_numerals_is_returned_as_it_is() -> None:
    assert fold_kanji_numerals("1976.11.13")[0] == "1976.11.13"
