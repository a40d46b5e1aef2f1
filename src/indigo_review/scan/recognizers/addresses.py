"""JP_POSTAL_CODE and LOCATION (an address at municipality level or finer).

A postal code counts when Japan Post lists it or when postal context (〒, 郵便番号, postal, zip) says
so; a plain 7-digit number also needs context, because product and campaign codes share the shape.
An address counts when it names a municipality Japan Post lists (松山市, 仙台市宮城野区, 奥多摩町)
together with its prefecture or with a street part (town, 丁目, 番地, digits), or alone in a member's
city column (市区町村). A prefecture or region alone, a venue (松山市民会館) or an event place (札幌市で
開催) is not a person's address.
"""

from __future__ import annotations

import re

from presidio_analyzer import Pattern, RecognizerResult

from ...normalise import normalise_with_offsets, original_span
from ...reference import PREFECTURES, municipalities, postal_code_exists, towns_of
from .base import NO_CONTEXT, Context, JaPatternRecognizer, Span, has_word, presidio_result
from .romaji_addresses import in_romaji_address


class PostalCodeRecognizer(JaPatternRecognizer):
    """〒790-0852, 790-0852, 7900852 (with context), full-width forms via normalisation.

    A code after 〒, or written straight before the address it belongs to (252-3156神奈川県相模原市…), or inside
    a romanised Japanese address (…, Nagoya 930-3332, Japan) is a postal code even when Japan Post does not list
    it: a mistyped code is still the member's. A bare code needs Japan Post's word (and a hyphen) or context.
    """

    ENTITY = "JP_POSTAL_CODE"
    PATTERNS = (Pattern("postal", r"(?<![0-9A-Za-z\-])(?P<v>(?:〒 ?)?\d{3}-?\d{4})(?![0-9A-Za-z])(?!-\d)", 0.6),)
    CONTEXT = ("〒", "郵便番号", "郵便", "postal", "zip", "postcode", "post code", "zipcode", "送付先")
    NEGATIVE_CONTEXT = ("商品", "product", "campaign", "キャンペーン", "クーポン", "coupon", "sku", "品番", "注文")

    def validate_result(self, pattern_text: str) -> bool:
        """Seven digits."""
        return len(re.sub(r"\D", "", pattern_text)) == 7

    def find(self, text: str, context: Context = NO_CONTEXT) -> list[Span]:
        """Postal codes; a code glued to the address after it, or in a romanised address, needs no listing."""
        spans: list[Span] = []
        if not self._prefilter.search(text):
            return spans
        for _, regex in self._compiled:
            for match in regex.finditer(text):
                value = match.group("v")
                if not self.validate_result(value):
                    continue
                score = self.accept(value, text, context, 0.6)
                if score is None and (_address_follows(text, match.end("v")) or in_romaji_address(text, match)):
                    score = 0.85
                if score is not None:
                    spans.append(Span(self.ENTITY, match.start("v"), match.end("v"), score))
        return spans

    def accept(self, value: str, text: str, context: Context, score: float) -> float | None:
        """〒 or postal context: accept; a hyphenated code Japan Post lists: accept; plain digits: context only."""
        digits = re.sub(r"\D", "", value)
        exists = postal_code_exists(digits)
        if value.startswith("〒") or self.context_says(text, context):
            return 0.95 if exists else 0.7
        if context.rules_out(self.ENTITY) or has_word(text, self.NEGATIVE_CONTEXT):
            return None
        return score if exists and "-" in value else None


def _address_follows(text: str, end: int) -> bool:
    """An address starts right after the code (one space at most): a prefecture or a municipality Japan Post lists."""
    start = end + 1 if text[end : end + 1] in (" ", "\u3000") else end
    if _PREFECTURE_RE.match(text, start):
        return True
    names = municipalities()
    return any(
        text[start : start + size] in names
        for size in range(2, _MAX_MUNICIPALITY + 1)
        if _MUNICIPALITY_END.match(text, start + size - 1)
    )


_PREFECTURE_NAMES = sorted((p.name for p in PREFECTURES), key=len, reverse=True)
_PREFECTURE_RE = re.compile("|".join(_PREFECTURE_NAMES))
_MUNICIPALITY_END = re.compile(r"[市区町村]")
_MUNICIPALITY_ANY = re.compile(r"[市区町村郡]")
# What may follow a municipality in a street address: town names, numbers, 丁目/番地/号, hyphens.
_STREET = re.compile(r"[^\s、。,，;；:：!?！？「」『』()（）\[\]にへをでまはがと]{0,30}")
_STREET_NUMBER = re.compile(r"\d|丁目|番地|番|号|[一二三四五六七八九十]+丁目")
# A municipality followed by one of these is a venue or an institution, not someone's address.
_VENUE_AFTER = (
    "役所",
    "役場",
    "民会館",
    "民ホール",
    "文化会館",
    "会館",
    "ホール",
    "体育館",
    "公民館",
    "図書館",
    "駅",
    "立",
    "民",
    "内",
    "議会",
    "教育委員会",
    "主催",
    "周辺",
    "近郊",
    "在住",
    # An event place, not someone's address: 札幌市で開催, 横浜市にて.
    "で開催",
    "にて",
    "開催",
    "会場",
)
_MAX_MUNICIPALITY = 12


def municipality_spans(text: str) -> list[tuple[int, int]]:
    """[start, end) spans of municipality names Japan Post lists; 仙台市 + 宮城野区 merge into one."""
    names = municipalities()
    candidates: list[tuple[int, int]] = []
    for match in _MUNICIPALITY_END.finditer(text):
        end = match.end()
        for start in range(max(0, end - _MAX_MUNICIPALITY), end - 1):
            if text[start:end] in names:
                candidates.append((start, end))
                break
    merged: list[tuple[int, int]] = []
    for start, end in sorted(candidates):
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
        else:
            merged.append((start, end))
    return merged


def find_addresses(text: str) -> list[tuple[int, int]]:
    """Spans of addresses at municipality level or finer in normalised text."""
    found: list[tuple[int, int]] = []
    for start, end in municipality_spans(text):
        if found and start < found[-1][1]:
            continue
        tail = text[end:]
        # 名古屋市南区内田橋, 山口市駅通り, 鳥取市立川町: a town of that municipality, not a venue (市内, 市立).
        if tail.startswith(_VENUE_AFTER) and not any(tail.startswith(town) for town in towns_of(text[start:end])):
            continue
        prefecture = None
        for match in _PREFECTURE_RE.finditer(text, max(0, start - 4), start):
            if match.end() == start:
                prefecture = match.start()
        street = _STREET.match(tail)
        street_text = street.group(0) if street else ""
        if prefecture is None and not _STREET_NUMBER.search(street_text):
            continue
        found.append((start if prefecture is None else prefecture, end + len(street_text)))
    return found


def is_municipality(text: str) -> bool:
    """A municipality Japan Post lists, alone or after its prefecture: 札幌市, 横浜市港北区, 東京都奥多摩町."""
    text = text.strip()
    match = _PREFECTURE_RE.match(text)
    rest = text[match.end() :].strip() if match else text
    return bool(rest) and rest in municipalities()


def is_address(text: str) -> bool:
    """A cell of an address column that is more than a prefecture or region name."""
    if find_addresses(text):
        return True
    stripped = _PREFECTURE_RE.sub("", text).strip()
    return bool(stripped) and bool(re.search(r"[市区町村郡]", stripped)) and bool(_STREET_NUMBER.search(stripped))


_LATIN_PLACE = re.compile(r"[A-Z][A-Za-z'.\-]*(?: [A-Za-z'.\-]+){0,4}")
_NO_PLACE = frozenset({"none", "unknown", "n/a", "na", "tbd", "null", "nil", "-"})


class LocationRecognizer(JaPatternRecognizer):
    """Addresses: a listed municipality with its prefecture or a street part; a whole cell of an address column."""

    ENTITY = "LOCATION"
    PATTERNS = (Pattern("municipality", r"[市区町村]", 0.7),)
    CONTEXT = ("住所", "address", "送付先", "所在地", "現住所", "居所", "住まい")

    def validate_result(self, pattern_text: str) -> bool:
        """Checked by `find`, which needs the whole text."""
        return True

    def find(self, text: str, context: Context = NO_CONTEXT) -> list[Span]:
        """Address spans; in an address or municipality column the whole cell is the address."""
        if context.rules_out(self.ENTITY):
            return []
        # A member abroad: in a city or address column a place name in Latin letters (Springfield, Lake Jo)
        # is their municipality; Japan Post cannot list it.
        if context.says(self.ENTITY) and _LATIN_PLACE.fullmatch(text) and text.casefold() not in _NO_PLACE:
            return [Span(self.ENTITY, 0, len(text), 0.8)]
        if not _MUNICIPALITY_ANY.search(text):
            return []
        if context.says(self.ENTITY) and (is_address(text) or is_municipality(text)):
            return [Span(self.ENTITY, 0, len(text), 0.9)]
        return [Span(self.ENTITY, start, end, 0.75) for start, end in find_addresses(text)]

    def analyze(self, text: str, entities: list[str], nlp_artifacts=None, regex_flags=None) -> list[RecognizerResult]:
        """Presidio entry point, positions in the original text."""
        if entities and self.ENTITY not in entities:
            return []
        normalised, offsets = normalise_with_offsets(text)
        return [
            presidio_result(self, self.ENTITY, *original_span(offsets, span.start, span.end), span.score)
            for span in self.find(normalised)
        ]
