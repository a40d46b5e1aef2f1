"""Municipality columns are addresses, event places are not; a row's document type says what its number is."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest
from stdnum.jp import in_ as stdnum_my_number

from indigo_review.scan import BLOCK, PASS, scan_path
from indigo_review.scan.ner import analyse_texts
from indigo_review.scan.profiles import document_entity, profile_column
from indigo_review.scan.recognizers import Context
from indigo_review.scan.recognizers.addresses import LocationRecognizer, is_municipality

CITIES = ["札幌市", "横浜市港北区", "奥多摩町", "松山市", "仙台市宮城野区", "北海道旭川市"]


def write(path: Path, header: list[str], rows: list[list[str]]) -> Path:
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(header)
        writer.writerows(rows)
    return path


def my_number(body: str) -> str:
    return body + stdnum_my_number.calc_check_digit(body)


@pytest.mark.parametrize("text", CITIES)
def test_municipalities_japan_post_lists_are_municipalities(text: str) -> None:
    assert is_municipality(text)


@pytest.mark.parametrize("text", ["東京都", "北海道", "関東", "梅田", "中之島"])
def test_prefectures_regions_and_stations_are_not_municipalities(text: str) -> None:
    assert not is_municipality(text)


@pytest.mark.parametrize("header", ["市区町村", "city", "お住まいの市町村", "col5"])
def test_a_member_city_column_is_a_location_column(header: str) -> None:
    assert "LOCATION" in profile_column(header, CITIES).entities


@pytest.mark.parametrize("header", ["会場", "開催地", "venue", "event city"])
def test_an_event_place_column_of_municipalities_is_not(header: str) -> None:
    assert "LOCATION" not in profile_column(header, CITIES).entities


def test_a_municipality_alone_is_an_address_only_in_a_location_column() -> None:
    recognizer = LocationRecognizer()
    assert recognizer.find("奥多摩町", Context(frozenset({"LOCATION"})))
    assert not recognizer.find("奥多摩町")
    assert not recognizer.find("東京都", Context(frozenset({"LOCATION"})))


@pytest.mark.parametrize("text", ["北海道札幌市で開催します", "神奈川県横浜市にて交流会", "札幌市で開催"])
def test_a_municipality_named_as_an_event_place_in_text_is_not_a_location(ginza, text: str) -> None:
    assert not [s for s in analyse_texts([text])[0] if s.entity == "LOCATION"]
    assert not LocationRecognizer().find(text)


def test_a_city_column_blocks_and_a_venue_city_column_passes(ginza, tmp_path: Path) -> None:
    members = scan_path(write(tmp_path / "m.csv", ["会員区分", "市区町村"], [["一般", c] for c in CITIES]))
    assert members.verdict == BLOCK and len(members.findings) == len(CITIES)
    assert set(members.findings["entity"]) == {"LOCATION"}
    events = scan_path(write(tmp_path / "e.csv", ["イベント", "開催地"], [["交流会", c] for c in CITIES]))
    assert events.verdict == PASS


@pytest.mark.parametrize(
    ("value", "entity"),
    [
        ("運転免許証", "JP_DRIVERS_LICENSE"),
        ("パスポート", "JP_PASSPORT"),
        ("個人番号カード", "JP_MY_NUMBER"),
        ("在留カード", "JP_RESIDENCE_CARD"),
        ("会員証", None),
    ],
)
def test_document_types_name_their_entity(value: str, entity: str | None) -> None:
    assert document_entity(value) == entity


def test_the_document_type_in_the_row_decides_licence_or_my_number(ginza, tmp_path: Path) -> None:
    # Every number below passes the My Number check digit and starts like a licence (commission 10-99).
    numbers = [my_number(f"{n:011d}") for n in range(30_123_456_780, 30_123_456_786)]
    documents = ["運転免許証", "個人番号カード", "運転免許証", "個人番号カード", "運転免許証", "個人番号カード"]
    result = scan_path(
        write(tmp_path / "id.csv", ["確認書類", "番号"], [[d, n] for d, n in zip(documents, numbers, strict=True)])
    )
    entities = dict(zip(result.findings["row"], result.findings["entity"], strict=True))
    assert entities == {i: "JP_DRIVERS_LICENSE" if i % 2 == 0 else "JP_MY_NUMBER" for i in range(6)}


def test_the_same_number_beside_different_documents_is_judged_per_row(ginza, tmp_path: Path) -> None:
    number = my_number("30123456780")
    rows = [
        ["運転免許証", number],
        ["個人番号カード", number],
        ["パスポート", "TK1234567"],
        ["在留カード", "AB12345678CD"],
    ]
    result = scan_path(write(tmp_path / "same.csv", ["書類", "番号"], rows))
    entities = dict(zip(result.findings["row"], result.findings["entity"], strict=True))
    assert entities == {0: "JP_DRIVERS_LICENSE", 1: "JP_MY_NUMBER", 2: "JP_PASSPORT", 3: "JP_RESIDENCE_CARD"}


def test_a_headerless_mostly_valid_my_number_column_is_one_but_a_one_in_eleven_column_is_not() -> None:
    valid = [my_number(f"{n:011d}") for n in range(40_000_000_000, 40_000_000_010)]
    assert "JP_MY_NUMBER" in profile_column("col1", valid).entities
    orders = [f"{n:012d}" for n in range(500_000_000_000, 500_000_000_110)]
    assert "JP_MY_NUMBER" not in profile_column("col1", orders).entities
