"""Check digits of the numbers people carry: My Number (個人番号) and payment cards (Luhn)."""

from __future__ import annotations

import re


def my_number_check_digit(first_eleven: str) -> int:
    """The check digit of a My Number from its first 11 digits (Cabinet Office ordinance, art. 5)."""
    total = 0
    for n in range(1, 12):
        weight = n + 1 if n <= 6 else n - 5
        total += weight * int(first_eleven[11 - n])
    remainder = total % 11
    return 0 if remainder <= 1 else 11 - remainder


def is_valid_my_number(text: str) -> bool:
    """12 digits (spaces or hyphens between groups allowed) whose last digit is the check digit."""
    digits = re.sub(r"[\s\-]", "", text)
    return bool(re.fullmatch(r"\d{12}", digits)) and my_number_check_digit(digits[:11]) == int(digits[11])


def luhn_valid(number: str) -> bool:
    """True when the digits of a card number pass the Luhn check."""
    digits = [int(ch) for ch in number if ch.isdigit()]
    total = 0
    for i, digit in enumerate(reversed(digits)):
        if i % 2 == 1:
            digit *= 2
            if digit > 9:
                digit -= 9
        total += digit
    return bool(digits) and total % 10 == 0
