"""Phone columns in any country's format, and numbers a spreadsheet stored with their leading zero lost."""

from __future__ import annotations

from pathlib import Path

import pytest

from indigo_review.reference import parse_phone_cell
from indigo_review.scan import scan_path
from indigo_review.scan.profiles import profile_column

from .test_scan import cells
from .test_values_over_headers import write

UK = ["7700 900123", "+44 20 7946 0958", "020 7946 0958", "(01632) 960868", "+44(0)808 1570812", "7700900123"]


@pytest.mark.parametrize("header", ["Telephone", "Tel.", "Phone No", "Mobile", "Cell", "電話番号", "전화", "电话"])
def test_headers_that_name_a_phone_in_any_language_make_a_phone_column(header: str) -> None:
    assert "PHONE_NUMBER" in profile_column(header, UK).entities


def test_uk_numbers_in_a_telephone_column_are_phones_in_every_row(tmp_path: Path) -> None:
    path = write(tmp_path / "members.csv", ["member", "Telephone"], [[f"U{i}", v] for i, v in enumerate(UK)])
    assert {(row, "Telephone", "PHONE_NUMBER") for row in range(len(UK))} <= cells(scan_path(path, use_ner=False))


@pytest.mark.parametrize("text", ["9012345678", "312345678", "312345678.0", "7700900123", "7.700900123E+09"])
def test_a_number_whose_leading_zero_a_spreadsheet_dropped_is_a_phone_in_a_phone_column(text: str) -> None:
    assert parse_phone_cell(text) is not None


def test_a_rounded_spreadsheet_number_is_not_read_as_a_phone() -> None:
    assert parse_phone_cell("7.7009E+09") is None


def test_a_long_number_that_passes_luhn_in_a_phone_column_is_a_phone_not_a_card(tmp_path: Path) -> None:
    rows = [["U1", "4409098790503"], ["U2", "090-1234-5678"], ["U3", "+44 20 7946 0958"]]
    found = cells(scan_path(write(tmp_path / "phones.csv", ["member", "Telephone"], rows), use_ner=False))
    assert (0, "Telephone", "CREDIT_CARD") not in found and (0, "Telephone", "PHONE_NUMBER") in found


def test_order_numbers_in_an_order_column_are_not_phones(tmp_path: Path) -> None:
    rows = [[f"U{i}", str(7700900123 + i * 7919)] for i in range(20)]
    assert scan_path(write(tmp_path / "orders.csv", ["member", "order_no"], rows), use_ner=False).total_findings == 0
