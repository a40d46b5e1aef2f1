"""Check digits against python-stdnum, an oracle written by other people from the same published rules."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st
from stdnum import ean
from stdnum import luhn as stdnum_luhn
from stdnum.jp import in_ as stdnum_my_number

from indigo_review.reference import is_valid_ean13, is_valid_my_number, luhn_valid, my_number_check_digit

DIGITS = st.text(alphabet="0123456789", min_size=1, max_size=19)


def test_my_number_check_digit_matches_the_published_example() -> None:
    assert my_number_check_digit("12345678901") == 8


@given(st.text(alphabet="0123456789", min_size=11, max_size=11))
def test_my_number_check_digit_agrees_with_stdnum(first_eleven: str) -> None:
    assert str(my_number_check_digit(first_eleven)) == stdnum_my_number.calc_check_digit(first_eleven)


@given(st.text(alphabet="0123456789", min_size=12, max_size=12))
def test_my_number_validity_agrees_with_stdnum(number: str) -> None:
    assert is_valid_my_number(number) == stdnum_my_number.is_valid(number)


def test_my_number_accepts_groups_separated_by_spaces_or_hyphens() -> None:
    assert is_valid_my_number("1234 5678 9018") and is_valid_my_number("1234-5678-9018")


@given(DIGITS)
def test_luhn_agrees_with_stdnum(number: str) -> None:
    assert luhn_valid(number) == stdnum_luhn.is_valid(number)


def test_jan_codes_with_a_right_gs1_check_digit_are_product_codes() -> None:
    for body in ("490123456789", "450000000001", "978477414164"):
        assert is_valid_ean13(body + ean.calc_check_digit(body))
        wrong = str((int(ean.calc_check_digit(body)) + 1) % 10)
        assert not is_valid_ean13(body + wrong)
    assert not is_valid_ean13("123456789012")
