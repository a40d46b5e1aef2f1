"""Japanese addresses written in Latin letters in Western order: found with their postal code, prose left out."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from indigo_review.normalise import normalise
from indigo_review.scan.recognizers import Context
from indigo_review.scan.recognizers.addresses import PostalCodeRecognizer
from indigo_review.scan.recognizers.romaji_addresses import RomajiAddressRecognizer


def found(recognizer, text: str, context: Context | None = None) -> list[str]:
    normalised = normalise(text)
    return [normalised[s.start : s.end] for s in recognizer.find(normalised, context or Context())]


@pytest.mark.parametrize(
    "text",
    [
        "2-9-11 Hakkin, Minato-ku, Nagoya 930-3332, Japan",
        "2-9-11 SHIROGANE MINATO-KU TOKYO 108-0072 JAPAN",
        "Shirogane 2-9-11, Minatoku, Tokyo, Japan 1080072",
        "2-chome 9-11 Shirogane, Minato City, Tokyo 108-0072, Japan",
        "Sunny Heights 305, 2-9-11 Hakkin, Chūō-ku, Nagoya 930-3332",
        "2-9-11 Hakkin\nMinato-ku, Nagoya 930-3332\nJapan",
    ],
)
def test_a_romanised_japanese_address_is_found_whole(text: str) -> None:
    assert found(RomajiAddressRecognizer(), text) == [normalise(text)]


def test_a_postal_code_japan_post_does_not_list_is_found_inside_a_romanised_address() -> None:
    assert found(PostalCodeRecognizer(), "2-9-11 Hakkin, Minato-ku, Nagoya 9303332, Japan") == ["9303332"]


def test_prose_around_an_address_in_a_note_is_left_out() -> None:
    text = "Redeliver to 2-9-11 Shirogane, Minato-ku, Tokyo 108-0072, Japan after 6pm."
    assert found(RomajiAddressRecognizer(), text) == ["2-9-11 Shirogane, Minato-ku, Tokyo 108-0072, Japan"]


def test_a_listed_city_written_without_shi_counts_with_japan_and_a_number() -> None:
    assert found(RomajiAddressRecognizer(), "Hakkin 2-9, Nagoya, Japan") == ["Hakkin 2-9, Nagoya, Japan"]


@pytest.mark.parametrize(
    "text",
    [
        "The seminar is held in Minato-ku, Tokyo.",
        "Compatible with Model 2-3, Sun City edition",
        "Apt 4, Jersey City, NJ 07302",
        "Version 2.10.4 released on 2025-11-03 in Sun City",
    ],
)
def test_a_municipality_named_in_prose_or_a_foreign_city_is_not_a_japanese_address(text: str) -> None:
    assert found(RomajiAddressRecognizer(), text) == []


def test_in_an_address_column_a_romanised_municipality_alone_is_the_address() -> None:
    column = Context(frozenset({"LOCATION"}))
    assert found(RomajiAddressRecognizer(), "Minato-ku, Tokyo", column) == ["Minato-ku, Tokyo"]


_STEMS = st.sampled_from(["Minato", "Setagaya", "Naka", "Aoba", "Higashi-Murayama", "Kita", "Okutama", "Kamikawa"])
_SUFFIXES = st.sampled_from(["-ku", " Ku", "-KU", "-shi", " City", "-machi", "-cho", " Town", "-mura", " Ward"])
_TOWNS = st.from_regex(r"[A-Z][a-z]{3,9}", fullmatch=True)


@settings(max_examples=60, deadline=None)
@given(
    _TOWNS,
    _STEMS,
    _SUFFIXES,
    st.sampled_from(["Tokyo", "Aichi-ken", "Osaka", "Hokkaido"]),
    st.tuples(st.integers(1, 9), st.integers(1, 40), st.integers(1, 30)),
    st.from_regex(r"[0-9]{3}-?[0-9]{4}", fullmatch=True),
)
def test_romanised_addresses_of_any_town_and_municipality_are_found_with_their_postal_code(
    town: str, stem: str, suffix: str, prefecture: str, number: tuple[int, int, int], postal: str
) -> None:
    chome = "-".join(map(str, number))
    text = f"{chome} {town}, {stem}{suffix}, {prefecture} {postal}, Japan"
    assert found(RomajiAddressRecognizer(), text) == [text]
    assert postal in found(PostalCodeRecognizer(), text)
