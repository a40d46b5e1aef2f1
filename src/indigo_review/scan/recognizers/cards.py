"""CREDIT_CARD: 13 to 19 digits that pass Luhn and start like a card brand; masked cards are not cards."""

from __future__ import annotations

import re

from presidio_analyzer import Pattern

from ...reference import luhn_valid
from .base import NUM_END, NUM_START, JaPatternRecognizer

# Issuer prefixes: Visa 4, Mastercard 51-55 and 2221-2720, Amex 34/37, JCB 35, Diners 30/36/38/39,
# Discover 6011/64/65, UnionPay 62.
_BRANDS = re.compile(r"4|5[1-5]|2(?:2[2-9]|[3-6]\d|7[01]|720)|3[47]|35|3[0689]|6011|6[245]")


class CreditCardRecognizer(JaPatternRecognizer):
    """Card numbers written plain or in groups; ****-****-****-1234 has too few digits to match."""

    ENTITY = "CREDIT_CARD"
    PATTERNS = (Pattern("card", NUM_START + r"(?P<v>\d(?:[ \-]?\d){12,18})" + NUM_END, 0.7),)
    CONTEXT = ("カード", "card", "クレジット", "credit", "決済", "visa", "mastercard", "jcb", "amex")
    NEGATIVE_CONTEXT = ("注文番号", "order", "伝票", "受付番号", "問合せ番号", "tracking", "会員番号", "pseudonym")

    def validate_result(self, pattern_text: str) -> bool:
        """13-19 digits, a card brand's prefix, and Luhn."""
        digits = re.sub(r"\D", "", pattern_text)
        return 13 <= len(digits) <= 19 and bool(_BRANDS.match(digits)) and luhn_valid(digits)
