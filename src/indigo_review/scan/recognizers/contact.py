"""EMAIL_ADDRESS, PHONE_NUMBER and IP_ADDRESS for Japanese text.

Presidio's stock patterns use \\b, which treats Japanese characters as word characters, so an address
written straight after Japanese text (メールはtaro@example.jp) is cut wrongly or missed. These patterns
bound ASCII tokens explicitly and run on normalised text (＠ and full-width digits fold to ASCII).
"""

from __future__ import annotations

import ipaddress
import re
from functools import lru_cache

import tldextract
from presidio_analyzer import Pattern

from .base import NUM_END, NUM_START, Context, JaPatternRecognizer, has_word


@lru_cache(maxsize=1)
def offline_tldextract() -> tldextract.TLDExtract:
    """tldextract on its bundled public-suffix snapshot: no download, no cache written."""
    return tldextract.TLDExtract(suffix_list_urls=(), cache_dir=None, fallback_to_snapshot=True)


def has_public_suffix(domain: str) -> bool:
    """True when the domain ends in a registrable name under a known public suffix (offline)."""
    parts = offline_tldextract()(domain)
    return bool(parts.suffix) and bool(parts.domain)


class JaEmailRecognizer(JaPatternRecognizer):
    """E-mail addresses, including the full-width ＠ form and addresses glued to Japanese text."""

    ENTITY = "EMAIL_ADDRESS"
    PREFILTER = "@"
    PATTERNS = (
        Pattern(
            "email",
            r"(?<![A-Za-z0-9._%+\-])(?P<v>[A-Za-z0-9_%+\-](?:[A-Za-z0-9._%+\-]{0,62}[A-Za-z0-9_%+\-])?"
            r"@(?:[A-Za-z0-9](?:[A-Za-z0-9\-]{0,61}[A-Za-z0-9])?\.)+[A-Za-z]{2,24})(?![A-Za-z0-9\-])",
            0.9,
        ),
    )
    CONTEXT = ("メール", "mail", "e-mail", "email", "連絡先", "アドレス")

    def validate_result(self, pattern_text: str) -> bool:
        """The domain must end in a real public suffix (checked offline)."""
        local, _, domain = pattern_text.rpartition("@")
        return ".." not in local and has_public_suffix(domain)


# Japanese numbering plan, after +81 is turned back into a leading 0.
_MOBILE = re.compile(r"0[5789]0\d{8}")  # 050 IP phones, 070/080/090 mobiles: 11 digits
_FREE_DIAL = re.compile(r"(0120|0570)\d{6}|0800\d{7}")
_FIXED = re.compile(r"0[1-9]\d{8}")  # area code and subscriber number: 10 digits


def japanese_phone_digits(text: str) -> str | None:
    """The national (0-prefixed) digits of a Japanese phone number as written, or None."""
    digits = re.sub(r"\D", "", text)
    if text.lstrip().startswith("+"):
        if not digits.startswith("81"):
            return None
        digits = digits[2:]
        # "+81 (0)90 ..." keeps a trunk zero in parentheses; "+81-90-..." drops it.
        digits = digits if digits.startswith("0") else "0" + digits
    return digits


def is_japanese_phone(text: str) -> bool:
    """True for numbers in the Japanese plans: fixed lines, 050/070/080/090, 0120/0800/0570, +81 forms."""
    digits = japanese_phone_digits(text)
    if digits is None:
        return False
    if _MOBILE.fullmatch(digits) or _FREE_DIAL.fullmatch(digits):
        return True
    # A 10-digit number starting 050/070/080/090 or 0120/0800 is a short mobile or service number, not fixed.
    return bool(_FIXED.fullmatch(digits)) and not re.match(r"0[5789]0|0120|0800|0570", digits)


class JaPhoneRecognizer(JaPatternRecognizer):
    """Japanese phone numbers in any common writing: 090-1234-5678, 09012345678, (03)1234-5678, +81-90-..."""

    ENTITY = "PHONE_NUMBER"
    PATTERNS = (
        Pattern(
            "jp_phone",
            NUM_START + r"(?<!\+)(?P<v>(?:\+81[ \-]?(?:\(0\)[ \-]?)?[1-9]|\(0\d{1,4}\)|0)[\d \-()]{7,14}\d)" + NUM_END,
            0.7,
        ),
    )
    CONTEXT = ("電話", "tel", "phone", "携帯", "連絡先", "fax", "mobile")
    NEGATIVE_CONTEXT = ("注文番号", "order")

    def validate_result(self, pattern_text: str) -> bool:
        """Digits fit a Japanese numbering plan and the separators group them like a phone number."""
        if not is_japanese_phone(pattern_text):
            return False
        groups = [g for g in re.split(r"[ \-()]+", pattern_text.replace("+81", "")) if g]
        return len(groups) <= 4 and all(len(g) <= 11 for g in groups)


class JaIpRecognizer(JaPatternRecognizer):
    """IPv4 and IPv6 addresses; dotted version strings (アプリ1.2.10.4, header アプリ版) are not."""

    ENTITY = "IP_ADDRESS"
    PREFILTER = r"\d[.:]|:[0-9A-Fa-f]"
    PATTERNS = (
        Pattern("ipv4", r"(?<![0-9A-Za-z.])(?P<v>\d{1,3}(?:\.\d{1,3}){3})(?![0-9A-Za-z]|\.\d)", 0.6),
        Pattern("ipv6", r"(?<![0-9A-Za-z:])(?P<v>[0-9A-Fa-f]{0,4}(?::[0-9A-Fa-f]{0,4}){2,7})(?![0-9A-Za-z:])", 0.6),
    )
    CONTEXT = ("ip", "ipアドレス", "接続元", "アクセス元", "申込元", "送信元", "ホスト", "host", "address")
    NEGATIVE_CONTEXT = ("版", "バージョン", "version", "ver", "v", "アプリ", "app", "build", "ビルド", "release")

    def validate_result(self, pattern_text: str) -> bool:
        """A syntactically valid address; IPv6 must have hex groups (not a time like 12:30:00)."""
        try:
            address = ipaddress.ip_address(pattern_text)
        except ValueError:
            return False
        return address.version == 4 or pattern_text.count(":") >= 2

    def accept(self, value: str, text: str, context: Context, score: float) -> float | None:
        """Without IP context, four small numbers (1.2.10.4) are more likely a version than an address."""
        positive = self.context_says(text, context)
        if not positive and (context.rules_out(self.ENTITY) or has_word(text, self.NEGATIVE_CONTEXT)):
            return None
        if not positive and ":" not in value and int(value.split(".")[0]) < 10:
            return None
        return min(1.0, score + 0.3) if positive else score
