"""PERSON in Latin letters and hiragana: kept name data decides, with two parts or an honorific in free text."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

from indigo_review.scan import BLOCK, PASS, scan_path
from indigo_review.scan.ner import analyse_texts
from indigo_review.scan.recognizers.names import is_name_value, kana_person_spans, romaji_person_spans


def found(text: str) -> set[str]:
    return {text[s.start : s.end] for s in romaji_person_spans(text)}


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("Taro Yamada will attend", "Taro Yamada"),
        ("Contact YAMADA Taro about the venue", "YAMADA Taro"),
        ("Signed: Yamada T.", "Yamada T."),
        ("Tour guide Ken Ito joined late", "Ken Ito"),
        ("Please call Mr. Yamada tomorrow", "Yamada"),
        ("Ms. Smith sent the form", "Smith"),
        ("Yamada-san called", "Yamada"),
        ("Smith様より連絡", "Smith"),
    ],
)
def test_romaji_and_western_names_in_free_text_are_found(text: str, name: str) -> None:
    assert name in found(text)


@pytest.mark.parametrize(
    "text",
    [
        "Yamada called",  # one part without an honorific
        "Spring Walking Tour at Osaka Castle",
        "Meet at Umeda Station",
        "Yamada Shoji Co., Ltd. sponsors the fair",
        "Follow @indigo_official and #indiGO",
        "John Smith",  # a Western name without an honorific is only a name in a name column
    ],
)
def test_places_companies_handles_and_single_parts_in_free_text_are_not_names(text: str) -> None:
    assert found(text) == set()


@pytest.mark.parametrize("text", ["Taro Yamada", "YAMADA Taro", "Yamada, Taro", "Yamada T.", "やまだ たろう"])
def test_a_cell_holding_only_a_full_name_is_a_name_value(text: str) -> None:
    assert is_name_value(text)


def test_a_romaji_name_column_and_a_hiragana_reading_column_block(ginza, tmp_path: Path) -> None:
    path = tmp_path / "r.csv"
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(["col1", "col2", "name"])
        writer.writerows(
            [
                ["Taro Yamada", "やまだ たろう", "John Smith"],
                ["Hanako Sato", "さとう はなこ", "Mary Jones"],
                ["SUZUKI Ichiro", "すずき いちろう", "Yamada"],
            ]
        )
    result = scan_path(path)
    assert result.verdict == BLOCK
    found_cells = set(zip(result.findings["row"], result.findings["column"], strict=True))
    assert found_cells == {(r, c) for r in range(3) for c in ("col1", "col2", "name")}
    assert set(result.findings["entity"]) == {"PERSON"}


@pytest.mark.parametrize(
    "text",
    [
        "田中食品有限会社の協賛",
        "株式会社ソラテックさんより納品",
        "梅田駅に集合",
        "中之島で開催",
        "徳川家康の講座",
        "受付担当が対応",
        "事務局長より挨拶",
    ],
)
def test_companies_stations_historical_figures_and_roles_in_japanese_text_are_not_names(ginza, text: str) -> None:
    assert not [s for s in analyse_texts([text])[0] if s.entity == "PERSON"]


def test_a_column_of_company_and_place_names_passes(ginza, tmp_path: Path) -> None:
    path = tmp_path / "c.csv"
    values = ["田中食品有限会社", "梅田", "中之島", "受付担当", "事務局長", "@indigo_official", "#indiGO"]
    path.write_text("remarks\n" + "\n".join(values) + "\n", encoding="utf-8")
    assert scan_path(path).verdict == PASS


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("やまだ たろう様より連絡", "やまだ たろう"),
        ("連絡: さとう はなこ", "さとう はなこ"),
        ("やまだたろう様", "やまだたろう"),
        ("たなかさんに連絡", "たなか"),
    ],
)
def test_name_readings_in_kana_in_free_text_are_found(text: str, name: str) -> None:
    assert name in {text[s.start : s.end] for s in kana_person_spans(text)}


@pytest.mark.parametrize("text", ["かみさまに祈る", "みなさまへ", "おかあさんと参加", "わーくしょっぷ の ごあんない"])
def test_kana_words_with_honorifics_that_name_no_one_are_not_names(text: str) -> None:
    assert kana_person_spans(text) == []
