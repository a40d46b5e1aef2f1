"""Japanese personal names as kept data (japanese-personal-name-dataset), checked against the sample's own lists."""

from __future__ import annotations

import csv
from importlib import resources

import pytest

from indigo_review.reference import (
    is_given_name_reading,
    is_japanese_given_name_romaji,
    is_japanese_surname_romaji,
    is_kanji_name,
    is_name_reading,
    is_surname_kanji,
    is_surname_reading,
)
from indigo_review.reference.names import romaji_spellings, to_hiragana


def _sample_table(name: str) -> list[dict[str, str]]:
    text = resources.files("indigo_review.sample").joinpath("data", name).read_text("utf-8")
    return list(csv.DictReader(text.splitlines()))


SURNAMES = _sample_table("surnames.csv")
GIVEN = _sample_table("given_names.csv")


def test_every_surname_of_the_sample_list_is_known_in_kanji_kana_and_romaji() -> None:
    # The sample generator's list was typed by someone else from other sources.
    assert all(is_surname_kanji(row["kanji"]) for row in SURNAMES)
    assert all(is_surname_reading(row["kana"]) for row in SURNAMES)
    assert all(is_japanese_surname_romaji(row["romaji"]) for row in SURNAMES)


def test_nearly_every_given_name_of_the_sample_list_is_known_by_reading_and_romaji() -> None:
    readings = sum(is_given_name_reading(row["kana"]) for row in GIVEN) / len(GIVEN)
    romaji = sum(is_japanese_given_name_romaji(row["romaji"]) for row in GIVEN) / len(GIVEN)
    assert readings >= 0.95 and romaji >= 0.95


@pytest.mark.parametrize(("written", "expected"), [("satou", "sato"), ("satou", "satoh"), ("honma", "homma")])
def test_romaji_is_kept_in_the_spellings_people_use(written: str, expected: str) -> None:
    assert expected in romaji_spellings(written)


def test_romaji_names_are_matched_in_any_case() -> None:
    assert is_japanese_surname_romaji("YAMADA") and is_japanese_surname_romaji("Satoh")
    assert is_japanese_given_name_romaji("Taro") and is_japanese_given_name_romaji("yuki")


@pytest.mark.parametrize("word", ["Smith", "Spring", "Lecture", "Tokyo", "Official"])
def test_english_words_and_big_cities_are_not_japanese_surnames(word: str) -> None:
    assert not is_japanese_surname_romaji(word)


@pytest.mark.parametrize("text", ["やまだ たろう", "ヤマダ タロウ", "さとうはなこ", "たなか　ひろし"])
def test_full_name_readings_in_hiragana_or_katakana(text: str) -> None:
    assert is_name_reading(text)


@pytest.mark.parametrize("text", ["わーくしょっぷ", "おしらせ", "やまだ", "おはなし かい"])
def test_words_and_lone_surnames_are_not_full_name_readings(text: str) -> None:
    assert not is_name_reading(text)


@pytest.mark.parametrize("text", ["山田太郎", "佐藤 花子", "高橋　健太"])
def test_full_names_in_kanji(text: str) -> None:
    assert is_kanji_name(text)


@pytest.mark.parametrize("text", ["田中食品", "梅田", "中之島", "事務局長", "受付担当"])
def test_companies_places_and_roles_are_not_kanji_names(text: str) -> None:
    assert not is_kanji_name(text)


def test_katakana_folds_to_hiragana() -> None:
    assert to_hiragana("ヤマダ タロウ") == "やまだ たろう"
