"""My Number columns by a binomial test on the check digit; postal codes glued to their address or after 〒."""

from __future__ import annotations

from pathlib import Path
from random import Random

import pytest
from stdnum.jp import in_ as stdnum_my_number

from indigo_review.normalise import normalise
from indigo_review.scan import PASS, scan_path
from indigo_review.scan.my_number_columns import chance_tail
from indigo_review.scan.profiles import profile_column
from indigo_review.scan.recognizers import Context
from indigo_review.scan.recognizers.addresses import PostalCodeRecognizer

from .test_scan import cells
from .test_values_over_headers import write


def my_number(rng: Random, valid: bool) -> str:
    body = f"{rng.randint(10**10, 10**11 - 1)}"
    check = stdnum_my_number.calc_check_digit(body)
    return body + (check if valid else str((int(check) + rng.randint(1, 9)) % 10))


def test_the_binomial_tail_matches_the_textbook_values() -> None:
    # P(X >= 8) for X ~ Binomial(20, 0.1) is 4.16e-4; P(X >= 3) for Binomial(10, 0.1) is 0.0702.
    assert chance_tail(8, 20, 0.1) == pytest.approx(4.1564e-4, rel=1e-3)
    assert chance_tail(3, 10, 0.1) == pytest.approx(0.070191, rel=1e-3)


def test_a_my_number_column_two_thirds_valid_beside_a_document_column_gives_my_numbers_only(tmp_path: Path) -> None:
    rng = Random(3)
    documents = ["運転免許証", "個人番号カード", "パスポート", "在留カード"]
    rows = [[f"M{i}", documents[i % 4], my_number(rng, i % 3 != 0)] for i in range(60)]
    result = scan_path(write(tmp_path / "register.csv", ["会員番号", "本人確認書類", "個人番号"], rows), use_ner=False)
    valid = {i for i, row in enumerate(rows) if stdnum_my_number.is_valid(row[2])}
    assert {r for r, c, e in cells(result) if c == "個人番号" and e == "JP_MY_NUMBER"} == valid
    assert not any(e == "JP_DRIVERS_LICENSE" for _, _, e in cells(result))


def test_random_twelve_digit_numbers_under_a_my_number_header_are_not_my_numbers(tmp_path: Path) -> None:
    rng = Random(5)
    rows = [[f"Q{i}", str(rng.randint(10**11, 10**12 - 1))] for i in range(200)]
    assert 10 <= sum(stdnum_my_number.is_valid(r[1]) for r in rows) <= 35  # about one in ten passes by chance
    result = scan_path(write(tmp_path / "orders.csv", ["申込番号", "マイナンバー"], rows), use_ner=False)
    assert result.verdict == PASS


def test_a_headerless_column_mixing_valid_my_numbers_with_look_alikes_keeps_the_valid_ones(tmp_path: Path) -> None:
    rng = Random(7)
    rows = [[str(i), my_number(rng, i % 2 == 0)] for i in range(100)]
    result = scan_path(write(tmp_path / "ids.csv", ["col1", "col2"], rows), use_ner=False)
    assert {r for r, c, e in cells(result) if e == "JP_MY_NUMBER"} == set(range(0, 100, 2))


def test_a_headerless_column_as_valid_as_chance_is_not_a_my_number_column() -> None:
    rng = Random(11)
    values = [my_number(rng, i % 10 == 0) for i in range(200)]
    assert "JP_MY_NUMBER" not in profile_column("col3", values).entities


def test_a_small_my_number_column_keeps_its_header() -> None:
    rng = Random(13)
    assert "JP_MY_NUMBER" in profile_column("個人番号", [my_number(rng, True) for _ in range(4)]).entities


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("252-3156神奈川県相模原市中央区中央2丁目", "252-3156"),
        ("999-9999 東京都港区芝公園4-2-8", "999-9999"),
        ("〒999-9999", "〒999-9999"),
        ("〒9999999東京都港区", "〒9999999"),
    ],
)
def test_a_postal_code_glued_to_its_address_or_after_the_mark_needs_no_listing(text: str, code: str) -> None:
    normalised = normalise(text)
    assert [normalised[s.start : s.end] for s in PostalCodeRecognizer().find(normalised, Context())] == [code]


@pytest.mark.parametrize("text", ["9999999", "999-9999 の在庫あり", "コード9999999"])
def test_a_bare_seven_digit_number_japan_post_does_not_list_is_not_a_postal_code(text: str) -> None:
    assert PostalCodeRecognizer().find(normalise(text), Context()) == []
