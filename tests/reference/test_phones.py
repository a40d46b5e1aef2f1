"""reference.phones: one phone rule for every job, Japanese first, any country via Google's phonenumbers."""

from __future__ import annotations

import pytest

from indigo_review.reference import is_japanese_phone, parse_foreign_phone, parse_phone, parse_phone_cell


@pytest.mark.parametrize(
    "text",
    [
        "03-1234-5678",
        "０９０－１２３４－５６７８",
        "090ー1234ー5678",
        "060-1234-5678",
        "+81 (0)90-1234-5678",
        "+81-90-1234-5678",
        "0081 90 1234 5678",
        "(0568)12-3456",
        "0120-123-456",
        "0570-123-456",
        "0800-123-4567",
        "050-1234-5678",
    ],
)
def test_japanese_numbers_in_every_plan_and_writing_are_japanese_phones(text: str) -> None:
    assert is_japanese_phone(text)


@pytest.mark.parametrize(
    "text",
    ["070-4806-239", "03-1234-56789", "0901234567", "+1 555 123 4567", "+44 20 7946 0958", "電話なし", "00-1234-5678"],
)
def test_short_long_foreign_and_non_numbers_are_not_japanese_phones(text: str) -> None:
    assert not is_japanese_phone(text)


def test_a_number_in_a_range_phonenumbers_does_not_list_still_counts_by_the_plan() -> None:
    # 011-402-xxxx fits the 10-digit fixed-line plan; phonenumbers' range table does not list it.
    assert is_japanese_phone("011-402-8373")


@pytest.mark.parametrize(
    ("text", "country"),
    [("+44 20 7946 0958", 44), ("+1 (212) 555-0123", 1), ("0044 20 7946 0958", 44), ("+33 1 42 68 53 00", 33)],
)
def test_numbers_with_a_country_code_parse_to_that_country(text: str, country: int) -> None:
    number = parse_phone(text)
    assert number is not None and number.country_code == country


def test_an_extension_is_kept_and_naisen_reads_as_an_extension() -> None:
    assert parse_phone("+1 (212) 555-0123 ext. 123").extension == "123"
    assert parse_phone("03-1234-5678 内線 45").extension == "45"


@pytest.mark.parametrize(("text", "region"), [("(415) 555-0132", "US"), ("020 7946 0958", "GB"), ("13812345678", "CN")])
def test_foreign_national_numbers_are_read_in_their_region(text: str, region: str) -> None:
    import phonenumbers

    number = parse_foreign_phone(text)
    assert number is not None and phonenumbers.region_code_for_number(number) == region


@pytest.mark.parametrize("text", ["9012345678", "312345678", "9012345678.0", "44 20 7946 0958", "(212) 555-0123"])
def test_a_phone_column_cell_counts_after_a_spreadsheet_dropped_the_zero_or_the_plus(text: str) -> None:
    assert parse_phone_cell(text) is not None


@pytest.mark.parametrize("text", ["12345", "2025-08-22", "1234567.5", "abc"])
def test_a_phone_column_cell_that_is_no_number_is_not_a_phone(text: str) -> None:
    assert parse_phone_cell(text) is None
