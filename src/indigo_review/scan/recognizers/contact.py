"""EMAIL_ADDRESS, PHONE_NUMBER and IP_ADDRESS for Japanese (and any other) text.

Presidio's stock patterns use \\b, which treats Japanese characters as word characters, so an address
written straight after Japanese text (メールはtaro@example.jp) is cut wrongly or missed. These patterns
bound ASCII tokens explicitly and run on normalised text (＠ and full-width digits fold to ASCII).
"""

from __future__ import annotations

import ipaddress
import re
from collections.abc import Callable
from functools import lru_cache

import tldextract
from presidio_analyzer import Pattern

from ...reference import is_japanese_phone, parse_foreign_phone, parse_phone, parse_phone_cell
from .base import NO_CONTEXT, Context, JaPatternRecognizer, Span, has_word


@lru_cache(maxsize=1)
def offline_tldextract() -> tldextract.TLDExtract:
    """tldextract on its bundled public-suffix snapshot: no download, no cache written."""
    return tldextract.TLDExtract(suffix_list_urls=(), cache_dir=None, fallback_to_snapshot=True)


def has_public_suffix(domain: str) -> bool:
    """True when the domain ends in a registrable name under a known public suffix (offline)."""
    parts = offline_tldextract()(domain)
    return bool(parts.suffix) and bool(parts.domain)


# Domain labels may be internationalised: Unicode letters (пример.рф, 例え.jp) or punycode (xn--p1ai).
_LABEL = r"[^\W_](?:[\w\-]{0,61}[^\W_])?"
# The top-level domain: ASCII (an ASCII TLD right before Japanese text ends there: example.jpまで),
# punycode, or Unicode letters.
_TLD = r"(?:[A-Za-z]{2,24}(?![A-Za-z0-9\-])|xn--[A-Za-z0-9\-]{2,59}|[^\W\d_]{2,24})"


class JaEmailRecognizer(JaPatternRecognizer):
    """E-mail addresses: full-width ＠, addresses glued to Japanese text, internationalised domains."""

    ENTITY = "EMAIL_ADDRESS"
    PREFILTER = "@"
    PATTERNS = (
        Pattern(
            "email",
            r"(?<![A-Za-z0-9._%+\-])(?P<v>[A-Za-z0-9_%+\-](?:[A-Za-z0-9._%+\-]{0,62}[A-Za-z0-9_%+\-])?"
            r"@(?:" + _LABEL + r"\.)+" + _TLD + r")(?![\-])",
            0.9,
        ),
    )
    CONTEXT = ("メール", "mail", "e-mail", "email", "連絡先", "アドレス")

    def validate_result(self, pattern_text: str) -> bool:
        """The domain must end in a real public suffix (checked offline, Unicode or punycode)."""
        return is_email_address(pattern_text)


def is_email_address(text: str) -> bool:
    """local@domain with no empty dot-separated part in the local part and a domain under a public suffix."""
    local, _, domain = text.rpartition("@")
    return ".." not in local and has_public_suffix(domain)


# Addresses written so that robots miss them: taro (at) example.jp, taro [at] example [dot] jp, taro（アット）….
_AT = r"\s*[(\[{<]\s*(?i:at|アット|あっと)\s*[)\]}>]\s*"
_DOT = r"(?:\s*[(\[{<]\s*(?i:dot|ドット)\s*[)\]}>]\s*|\.)"
_OBFUSCATED = re.compile(
    r"(?<![A-Za-z0-9._%+\-])(?P<v>[A-Za-z0-9_%+\-](?:[A-Za-z0-9._%+\-]{0,62}[A-Za-z0-9_%+\-])?"
    + _AT
    + r"(?:[A-Za-z0-9](?:[A-Za-z0-9\-]{0,61}[A-Za-z0-9])?"
    + _DOT
    + r")+[A-Za-z]{2,24})(?![A-Za-z0-9\-])"
)


class ObfuscatedEmailRecognizer(JaPatternRecognizer):
    """E-mail addresses with the @ and dots spelt out: taro (at) example.jp, taro [at] example [dot] jp."""

    ENTITY = "EMAIL_ADDRESS"
    PREFILTER = r"[(\[{<]\s*(?i:at|アット|あっと)\s*[)\]}>]"
    PATTERNS = (Pattern("obfuscated_email", _OBFUSCATED.pattern, 0.8),)
    CONTEXT = JaEmailRecognizer.CONTEXT

    def validate_result(self, pattern_text: str) -> bool:
        """Read back as an address, the domain ends in a real public suffix."""
        address = re.sub(_DOT, ".", re.sub(_AT, "@", pattern_text))
        return is_email_address(address)


# A run of digit groups with single separators: "090-1234-5678", "+1 (212) 555-0123", "(0776)21-2345",
# "+81 (0)90 ...", "212.555.0123"; then an optional extension. Runs never start inside a longer number.
_GROUP = r"(?:\(\d{1,5}\)|\d+)"
_PHONE_RUN = re.compile(
    r"(?<![0-9A-Za-z+])(?<![0-9][\-.])"
    r"(?P<v>(?:\+ ?)?" + _GROUP + r"(?:(?:[ \-./]|(?<=\))|[ \-.]?(?=\())" + _GROUP + r")*)"
    r"(?P<ext>\s*(?i:ext\.?|extension|x|内線)\s*\d{1,6})?"
    r"(?![0-9A-Za-z])"
)
# North American grouping, (212) 555-0123 or 212-555-0123: phone-shaped enough to need no context word.
_NANP_SHAPE = re.compile(r"\(\d{3}\) ?\d{3}[ \-.]\d{4}|\d{3}[\-.]\d{3}[\-.]\d{4}")
# "my number is ..." means a phone number in English free text.
_NUMBER_IS = re.compile(r"(?i)\bnumber(?: is|:)")
_MAX_TOKENS = 6


class JaPhoneRecognizer(JaPatternRecognizer):
    """Phone numbers of every country, Japanese first (reference.phones, Google's phonenumbers).

    Found without context: Japanese numbers in any writing (090-1234-5678, (03)1234-5678, +81 (0)90...),
    numbers with a country code (+44 20 7946 0958, 0044 ...), North American groupings. A number valid only
    in another country's national plan (020 7946 0958, 13812345678) needs a phone word or a phone column.
    In a phone column the whole cell is read as a phone of any region, also when a spreadsheet dropped its
    leading zero.
    """

    ENTITY = "PHONE_NUMBER"
    PATTERNS = (Pattern("phone_run", _PHONE_RUN.pattern, 0.7),)
    CONTEXT = (
        "電話",
        "tel",
        "phone",
        "telephone",
        "携帯",
        "連絡先",
        "fax",
        "mobile",
        "cell",
        "call",
        "内線",
        "ext",
    )
    # An order number, or a card number that failed its check ("my credit card number is ...").
    NEGATIVE_CONTEXT = ("注文番号", "order", "card", "credit", "カード", "クレジット")

    def context_says(self, text: str, context: Context) -> bool:
        """The column or a phone word in the cell (one compiled pattern: this runs on most cells with digits)."""
        return context.says(self.ENTITY) or bool(_PHONE_WORDS.search(text.casefold()))

    def find(self, text: str, context: Context = NO_CONTEXT) -> list[Span]:
        """Phone numbers in normalised text, given what the column says."""
        if not _DIGITS.search(text):
            return []
        if context.says(self.ENTITY):
            cell = text.strip()
            if is_japanese_phone(cell) or parse_phone_cell(cell) is not None:
                start = text.index(cell)
                return [Span(self.ENTITY, start, start + len(cell), 1.0)]
        spans: list[Span] = []
        known: list[bool] = []

        def weak() -> bool:
            # Asked only for numbers that are neither Japanese nor country-coded: most cells never pay for it.
            if not known:
                known.append(self.context_says(text, context) or bool(_NUMBER_IS.search(text)))
            return known[0]

        for match in _PHONE_RUN.finditer(text):
            for start, end in self._numbers(text, match, weak):
                score = self.accept(text[start:end], text, context, 0.7)
                if score is not None:
                    spans.append(Span(self.ENTITY, start, end, score))
        return spans

    def _numbers(self, text: str, match: re.Match, weak: Callable[[], bool]) -> list[tuple[int, int]]:
        """(start, end) of the numbers in one run: the whole run, else its longest valid part."""
        start, end = match.start("v"), match.end("v")
        ext_end = match.end("ext") if match.group("ext") else end
        if _is_phone(text[start:end], weak):
            # The extension belongs to the number: "+1 212 555 0123 ext. 12", "03-1234-5678 内線 123".
            return [(start, ext_end)]
        # "2025-08-22 090-1234-5678" is one run; try its space-separated parts, longest first.
        tokens = [(m.start() + start, m.end() + start) for m in re.finditer(r"\S+", text[start:end])]
        if len(tokens) < 2 or len(tokens) > _MAX_TOKENS:
            return []
        found: list[tuple[int, int]] = []
        taken = 0
        for size in range(len(tokens) - 1, 0, -1):
            for first in range(len(tokens) - size + 1):
                a, b = tokens[first][0], tokens[first + size - 1][1]
                if a >= taken and _is_phone(text[a:b], weak):
                    found.append((a, b))
                    taken = b
        return found


_DIGITS = re.compile(r"\d{3}")
# JaPhoneRecognizer.CONTEXT as one pattern, with has_word's rule: ASCII words stand alone.
_PHONE_WORDS = re.compile(
    "|".join(rf"(?<![a-z]){re.escape(w)}(?![a-z])" if w.isascii() else re.escape(w) for w in JaPhoneRecognizer.CONTEXT)
)
# A date is not a phone number, whatever plan its digits fit.
_DATE_SHAPE = re.compile(r"\d{4}[\-/.]\d{1,2}[\-/.]\d{1,2}|\d{1,2}[\-/.]\d{1,2}[\-/.]\d{4}")
_DOTTED_QUAD = re.compile(r"\d{1,3}(?:\.\d{1,3}){3}")


def _is_ipv4(candidate: str) -> bool:
    """A valid dotted-quad IPv4 address (77.8.69.198): an IP address even beside a phone word, never a phone."""
    if not _DOTTED_QUAD.fullmatch(candidate):
        return False
    try:
        ipaddress.IPv4Address(candidate)
    except ValueError:  # 03.123.45.67 (a leading zero) is not an address: it may be a phone
        return False
    return True


def _grouped_like_a_phone(candidate: str) -> bool:
    """At most four digit groups of at most 11 digits (not a list of short numbers)."""
    groups = [g for g in re.split(r"[ \-.()/]+", candidate) if g]
    return len(groups) <= 4 and all(len(g) <= 11 for g in groups)


def _is_phone(candidate: str, weak: Callable[[], bool]) -> bool:
    """A number on its own: Japanese, or with a country code, or foreign-national with a phone word."""
    digits = sum(ch.isdigit() for ch in candidate)
    if not 7 <= digits <= 20:
        return False
    body = candidate.lstrip("(")
    if _DATE_SHAPE.fullmatch(candidate) or _is_ipv4(candidate):
        return False
    if body.startswith(("+", "00")):
        return parse_phone(candidate, None) is not None
    if body.startswith("0"):
        if is_japanese_phone(candidate):
            return _grouped_like_a_phone(candidate)
        number = parse_phone(candidate)
        if number is not None and number.country_code == 81:
            return _grouped_like_a_phone(candidate)
    if _NANP_SHAPE.fullmatch(candidate) or weak():
        return parse_foreign_phone(candidate) is not None
    return False


_IPV4 = r"\d{1,3}(?:\.\d{1,3}){3}"


class JaIpRecognizer(JaPatternRecognizer):
    """IPv4 and IPv6 addresses (zone, CIDR prefix, embedded IPv4 included in the span); dotted version strings
    (アプリ1.2.10.4, header アプリ版) are not."""

    ENTITY = "IP_ADDRESS"
    PREFILTER = r"\d\.|:[0-9A-Fa-f:]"
    PATTERNS = (
        Pattern(
            "ipv4",
            r"(?<![0-9A-Za-z.])(?P<v>" + _IPV4 + r"(?:/(?:3[0-2]|[12]?\d)(?![0-9]))?)(?![0-9A-Za-z])",
            0.6,
        ),
        Pattern(
            "ipv6",
            r"(?<![0-9A-Za-z:])(?P<v>[0-9A-Fa-f:]*:[0-9A-Fa-f:]*(?:" + _IPV4 + r")?(?:%[0-9A-Za-z]+)?"
            r"(?:/(?:12[0-8]|1[01]\d|[1-9]?\d)(?![0-9]))?)(?![0-9A-Za-z:%]|\.\d)",
            0.6,
        ),
    )
    CONTEXT = ("ip", "ipアドレス", "接続元", "アクセス元", "申込元", "送信元", "ホスト", "host", "address")
    NEGATIVE_CONTEXT = ("版", "バージョン", "version", "ver", "v", "アプリ", "app", "build", "ビルド", "release")

    def validate_result(self, pattern_text: str) -> bool:
        """A valid address (with its zone); IPv6 must have two colons (not a time like 12:30)."""
        address = pattern_text.split("/")[0]
        try:
            parsed = ipaddress.ip_address(address)
        except ValueError:
            return False
        return parsed.version == 4 or address.count(":") >= 2

    def accept(self, value: str, text: str, context: Context, score: float) -> float | None:
        """Without IP context, four small numbers (1.2.10.4) are more likely a version than an address.

        0.0.0.0 (any address) and a CIDR prefix are never version strings.
        """
        positive = self.context_says(text, context)
        if not positive and (context.rules_out(self.ENTITY) or has_word(text, self.NEGATIVE_CONTEXT)):
            return None
        network = "/" in value or value == "0.0.0.0"
        if not positive and ":" not in value and not network and int(value.split(".")[0]) < 10:
            return None
        return min(1.0, score + 0.3) if positive else score
