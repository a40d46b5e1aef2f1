"""Japanese identity numbers: My Number, passport, driver's licence, residence card, basic pension number.

Twelve-digit numbers are everywhere (orders, invoices), and one random 12-digit number in eleven
passes the My Number check digit, so My Number needs both a valid check digit and context; a
12-digit driver's licence number needs licence context. Passport and residence-card numbers have
their own letter-and-digit shapes.
"""

from __future__ import annotations

import re

from presidio_analyzer import Pattern

from ...reference import is_valid_my_number
from .base import NUM_END, NUM_START, Context, JaPatternRecognizer, has_word

_LICENCE_WORDS = ("運転免許", "免許証", "免許番号")
_TWELVE = NUM_START + r"(?P<v>\d{4}[ \-]?\d{4}[ \-]?\d{4})" + NUM_END


class MyNumberRecognizer(JaPatternRecognizer):
    """個人番号 (My Number): 12 digits, valid check digit, and context that says so."""

    ENTITY = "JP_MY_NUMBER"
    PATTERNS = (Pattern("my_number", _TWELVE, 0.6),)
    CONTEXT = ("個人番号", "マイナンバー", "my number", "mynumber", "my_number", "個人番号カード", "individual number")
    NEEDS_CONTEXT = True

    def validate_result(self, pattern_text: str) -> bool:
        """Check digit per the official algorithm."""
        return is_valid_my_number(pattern_text)

    def accept(self, value: str, text: str, context: Context, score: float) -> float | None:
        """Licence context wins over a lucky check digit."""
        if has_word(text, _LICENCE_WORDS) and not has_word(text, self.CONTEXT):
            return None
        return super().accept(value, text, context, score)


class DriversLicenseRecognizer(JaPatternRecognizer):
    """運転免許証番号: 12 digits whose first two name a prefectural public safety commission (10-99)."""

    ENTITY = "JP_DRIVERS_LICENSE"
    PATTERNS = (Pattern("drivers_license", NUM_START + r"(?:第)?(?P<v>\d{12})" + NUM_END, 0.6),)
    CONTEXT = ("運転免許", "免許証", "免許番号", "driver", "drivers", "driving", "licence", "license")
    NEEDS_CONTEXT = True

    def validate_result(self, pattern_text: str) -> bool:
        """Commission codes run from 10 (Hokkaido) upwards; 00-09 never start a licence number."""
        return pattern_text[:2] >= "10"


_PASSPORT_SERIES = {"TK", "TZ", "TR", "TS", "TH", "TT", "TE", "TD", "TC", "MU", "ME", "MZ", "MA", "MB"}


class PassportRecognizer(JaPatternRecognizer):
    """旅券番号: two letters and seven digits; a known Japanese series, or passport context."""

    ENTITY = "JP_PASSPORT"
    PREFILTER = r"[A-Z]{2}\d"
    PATTERNS = (Pattern("passport", r"(?<![0-9A-Za-z])(?P<v>[A-Z]{2}\d{7})(?![0-9A-Za-z])", 0.5),)
    CONTEXT = ("旅券", "パスポート", "passport")

    def validate_result(self, pattern_text: str) -> bool:
        """Shape only; the series is weighed in `accept`."""
        return True

    def accept(self, value: str, text: str, context: Context, score: float) -> float | None:
        """Product codes share the shape: without context only the series Japan issues count."""
        if self.context_says(text, context):
            return min(1.0, score + 0.4)
        if context.rules_out(self.ENTITY) or value[:2] not in _PASSPORT_SERIES:
            return None
        return score


class ResidenceCardRecognizer(JaPatternRecognizer):
    """在留カード番号: two letters, eight digits, two letters (AB12345678CD)."""

    ENTITY = "JP_RESIDENCE_CARD"
    PREFILTER = r"[A-Z]{2}\d"
    PATTERNS = (Pattern("residence_card", r"(?<![0-9A-Za-z])(?P<v>[A-Z]{2}\d{8}[A-Z]{2})(?![0-9A-Za-z])", 0.7),)
    CONTEXT = ("在留カード", "在留", "residence card", "zairyu")

    def validate_result(self, pattern_text: str) -> bool:
        """The shape is distinctive enough on its own."""
        return True


class PensionNumberRecognizer(JaPatternRecognizer):
    """基礎年金番号: 4 + 6 digits (1234-567890) with pension context."""

    ENTITY = "JP_PENSION_NUMBER"
    PATTERNS = (Pattern("pension", NUM_START + r"(?P<v>\d{4}[ \-]?\d{6})" + NUM_END, 0.5),)
    CONTEXT = ("年金", "pension", "基礎年金")
    NEEDS_CONTEXT = True

    def validate_result(self, pattern_text: str) -> bool:
        """Ten digits in the 4-6 grouping."""
        return len(re.sub(r"\D", "", pattern_text)) == 10
