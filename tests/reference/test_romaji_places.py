"""Japan Post's romanised municipality names, and the ways people write them and the prefectures in Latin letters."""

from __future__ import annotations

import csv
from importlib.resources import files

import pytest

from indigo_review.reference.romaji_places import (
    fold,
    is_romaji_municipality,
    is_romaji_municipality_stem,
    is_romaji_prefecture,
)


def test_the_romaji_table_lists_every_municipality_with_a_whole_suffix() -> None:
    with (files("indigo_review.reference") / "data" / "municipalities_romaji.csv").open(encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    assert len(rows) > 1800
    assert {row["romaji"].split()[-1] for row in rows} == {"SHI", "KU", "CHO", "MACHI", "MURA", "SON"}


@pytest.mark.parametrize("text", ["Minato-ku", "MINATO KU", "Minato Ku", "Minato Ward", "Nagoya-shi", "Chūō-ku"])
def test_municipalities_are_known_in_every_usual_romanisation(text: str) -> None:
    assert is_romaji_municipality(text)


@pytest.mark.parametrize("text", ["Okutama-machi", "Tobetsu-cho", "Ishikari-gun", "Shinshinotsu Village"])
def test_towns_villages_and_districts_are_known(text: str) -> None:
    assert is_romaji_municipality(text)


@pytest.mark.parametrize("text", ["Springfield City", "Shibuya", "Minato", "Baker-ku"])
def test_unlisted_names_and_names_without_a_suffix_are_not_municipalities(text: str) -> None:
    assert not is_romaji_municipality(text)


def test_cities_people_write_without_shi_are_known_by_their_stem() -> None:
    assert is_romaji_municipality_stem("Nagoya")
    assert not is_romaji_municipality_stem("Minato")


@pytest.mark.parametrize("text", ["Tokyo", "Tokyo-to", "Aichi-ken", "OSAKA FU", "Hokkaido", "Kyoto Prefecture"])
def test_prefectures_are_known_with_and_without_their_suffix(text: str) -> None:
    assert is_romaji_prefecture(text)


def test_long_vowels_fold_to_one_key() -> None:
    assert fold("Chūō") == fold("CHUUOU") == fold("Chuoh") == "chuo"
