"""Check digits of the numbers people carry, My Number (個人番号) and payment cards (Luhn), and of the
product codes (EAN/JAN-13) that share their shape; python-stdnum does the arithmetic."""

from __future__ import annotations

import re

from stdnum import ean, luhn
from stdnum.jp import in_ as my_number

_TWELVE = re.compile(r"\d{12}")
_THIRTEEN = re.compile(r"\d{13}")


def my_number_check_digit(first_eleven: str) -> int:
    """The check digit of a My Number from its first 11 digits (Cabinet Office ordinance, art. 5)."""
    return int(my_number.calc_check_digit(first_eleven))


def is_valid_my_number(text: str) -> bool:
    """12 digits (spaces or hyphens between groups allowed) whose last digit is the check digit."""
    digits = re.sub(r"[\s\-]", "", text)
    return bool(_TWELVE.fullmatch(digits)) and my_number.calc_check_digit(digits[:11]) == digits[11]


def is_valid_ean13(text: str) -> bool:
    """A 13-digit product code (EAN-13, JAN) whose GS1 check digit is right; spaces and hyphens allowed."""
    digits = re.sub(r"[\s\-]", "", text)
    return bool(_THIRTEEN.fullmatch(digits)) and ean.calc_check_digit(digits[:12]) == digits[12]


def luhn_valid(number: str) -> bool:
    """True when the digits of a card number pass the Luhn check."""
    digits = "".join(ch for ch in number if ch.isdigit())
    return bool(digits) and luhn.checksum(digits) == 0
