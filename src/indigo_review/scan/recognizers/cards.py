"""CREDIT_CARD: every brand stock Presidio accepts, 12 to 19 digits that pass Luhn; masked cards are not cards.

Brands by first digits: UATP 1 (15 digits), JCB 2131/1800 (15 digits), Mastercard 2221-2720 and 51-55,
Amex 34/37, JCB 35, Diners 30/36/38/39 (14 digits), Visa 4, Dankort 5019, Maestro 50/56-69, Discover
6011/64/65, UnionPay 62. In a card column (header or values say card) Luhn and length are enough: issuers
add prefixes faster than any list. Luhn comes from python-stdnum, an independent implementation.
"""

from __future__ import annotations

import re

from presidio_analyzer import Pattern
from stdnum import luhn

from .base import Context, JaPatternRecognizer

_BRANDS = re.compile(r"2(?:2[2-9]|[3-6]\d|7[01]|720)|3|4|5|6")
# UATP cards start with 1, old JCB cards with 2131 or 1800; all have exactly 15 digits.
_FIFTEEN = re.compile(r"1\d{14}|2131\d{11}")


# Grouped 4-4-4-4(-3), Amex/Diners 4-6-5/4-6-4, or plain. Cards may stand side by side, separated by a
# space ("4012888888881881 4012-8888-8888-1881"), so only a hyphen or a letter glued on rules a match out.
_CARD = (
    r"(?<![0-9A-Za-z])(?<![0-9]-)(?P<v>\d{4}(?P<sep>[ \-])\d{4}(?P=sep)\d{4}(?P=sep)\d{1,7}"
    r"|\d{4}(?P<sep2>[ \-])\d{6}(?P=sep2)\d{4,5}|\d{12,19})(?![0-9A-Za-z])(?!-\d)"
)


def has_card_brand(digits: str) -> bool:
    """The digits start like a known card brand (and have that brand's length where it is fixed)."""
    return bool(_FIFTEEN.fullmatch(digits)) or (12 <= len(digits) <= 19 and bool(_BRANDS.match(digits)))


def is_card_number(digits: str) -> bool:
    """12-19 digits with a card brand's prefix that pass the Luhn check."""
    return has_card_brand(digits) and luhn.is_valid(digits)


class CreditCardRecognizer(JaPatternRecognizer):
    """Card numbers written plain or in groups; ****-****-****-1234 has too few digits to match."""

    ENTITY = "CREDIT_CARD"
    PATTERNS = (Pattern("card", _CARD, 0.7),)
    CONTEXT = ("カード", "card", "クレジット", "credit", "決済", "visa", "mastercard", "jcb", "amex", "maestro")
    NEGATIVE_CONTEXT = ("注文番号", "order", "伝票", "受付番号", "問合せ番号", "tracking", "会員番号", "pseudonym")

    def validate_result(self, pattern_text: str) -> bool:
        """12-19 digits that pass Luhn."""
        digits = re.sub(r"\D", "", pattern_text)
        return 12 <= len(digits) <= 19 and luhn.is_valid(digits)

    def accept(self, value: str, text: str, context: Context, score: float) -> float | None:
        """Outside a card column a card brand's prefix is needed; 12 digits need card words (My Numbers)."""
        digits = re.sub(r"\D", "", value)
        if not context.says(self.ENTITY) and not has_card_brand(digits):
            return None
        if len(digits) == 12 and not self.context_says(text, context):
            return None
        return super().accept(value, text, context, score)
