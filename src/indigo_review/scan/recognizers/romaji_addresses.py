"""LOCATION for Japanese addresses written in Latin letters, in Western order, as on shipping labels and English
member records: `2-9-11 Hakkin, Minato-ku, Nagoya 930-3332, Japan`.

An address is a run of address-like parts (separated by commas or line breaks; no lower-case prose word inside)
around a municipality: a capitalised name with a municipality suffix (-ku, -shi, -machi, -cho, -mura, -son,
-gun, or Ward, City, Town, Village), or a name Japan Post's romanised file lists with it (Minatoku) or as a
city people write without -shi (Nagoya). The run counts when it also holds what only a Japanese address has:
a chome-ban-go number (2-9-11, 2-chome 9-11) or a 7-digit postal code (930-3332, 9303332); or, written with
`Japan` or a prefecture, a municipality Japan Post lists. In an address column the municipality alone is enough.
A postal code inside such a run is a JP_POSTAL_CODE (the postal code recognizer asks `in_romaji_address`).
Prose around the address (`Redeliver to … after 6pm.`) stays out of the span.
"""

from __future__ import annotations

import re

from presidio_analyzer import Pattern

from ...reference import (
    ROMAJI_SUFFIXES,
    is_romaji_municipality,
    is_romaji_municipality_stem,
    is_romaji_prefecture,
)
from .base import NO_CONTEXT, Context, JaPatternRecognizer, Span

_SUFFIX = "|".join(sorted((*ROMAJI_SUFFIXES, "chō"), key=len, reverse=True))
_NAME = r"[A-ZĀĒĪŌŪ][A-Za-zĀĒĪŌŪāēīōū']*"
# Minato-ku, Minato Ku, MINATO-KU, Higashi-Murayama-shi, Chūō Ward; the suffix in any case.
_MUNICIPALITY = re.compile(rf"(?<![A-Za-z])(?P<m>{_NAME}(?:[- ]{_NAME})?)[- ](?i:{_SUFFIX})(?![A-Za-z])")
# Minatoku, Nagoyashi: one word, counted only when Japan Post lists it.
_GLUED = re.compile(r"(?<![A-Za-z])[A-Z][a-z]+(?:ku|shi|machi|cho|mura|son)(?![A-Za-z])")
_WORD = re.compile(r"(?<![A-Za-z])[A-Z][A-Za-z]+(?![A-Za-z])")
# 2-9-11, 1-2, 12-3-405 (not a date: 2025-11-03), 2-chome 9-11, 3 Chome.
_STREET = re.compile(
    r"(?<![\w\-])(?!(?:19|20)\d\d-\d{1,2}-\d{1,2}(?!\d))\d{1,4}(?:-\d{1,4}){1,3}(?![\w\-])"
    r"|(?<![\w\-])\d{1,2}[- ]?(?i:ch[oō]u?me)(?![A-Za-z])"
)
_CHOME_BAN_GO = re.compile(
    r"(?<![\w\-])(?!(?:19|20)\d\d-\d{1,2}-\d{1,2}(?!\d))\d{1,4}-\d{1,4}-\d{1,4}(?![\w\-])"
    r"|(?<![\w\-])\d{1,2}[- ]?(?i:ch[oō]u?me)(?![A-Za-z])"
)
_POSTAL = re.compile(r"(?<![\w\-])〒? ?(?P<code>\d{3}-?\d{4})(?![\w\-])")
_JAPAN = re.compile(r"(?<![A-Za-z])(?i:japan|nippon)(?![A-Za-z])")
# Cheap tests first: a suffix word, Japan, a word that may end in a glued suffix; or a capitalised word (a city
# people write without -shi, such as Nagoya) beside a chome-ban-go number or a postal code.
_PREFILTER = re.compile(rf"(?i:(?<![a-z])(?:{_SUFFIX}|japan)(?![a-z]))|[a-z](?:ku|shi|machi|cho|mura|son)\b")
_CAPITALISED = re.compile(r"[A-Z][a-z]{2}|[A-Z]{3}")
_PART_SEPARATOR = re.compile(r"[,\n;，、]")
# Lower-case words an address may hold (2-chome, ban, go, Aza); any other lower-case word is prose.
_ADDRESS_WORDS = frozenset(
    (*ROMAJI_SUFFIXES, "chome", "chōme", "ban", "banchi", "go", "gō", "aza", "oaza", "ken", "fu")
)
_TOKEN = re.compile(r"\S+")
_ADDRESSY = re.compile(r"[0-9〒#(\[]|[A-ZĀĒĪŌŪ]|[\u3041-\u30ff\u4e00-\u9fff]")


def _address_token(token: str) -> bool:
    """A token an address can hold: a number, a capitalised or Japanese word, or an address word (2-chome, ku)."""
    bare = token.strip(".,()[]")
    return bool(bare) and (bool(_ADDRESSY.match(bare)) or bare.casefold() in _ADDRESS_WORDS)


def _parts(text: str) -> list[tuple[int, int]]:
    """[start, end) of each part between separators, blanks trimmed."""
    parts, start = [], 0
    for match in [*_PART_SEPARATOR.finditer(text), None]:
        end = match.start() if match else len(text)
        chunk = text[start:end]
        left = len(chunk) - len(chunk.lstrip())
        right = len(chunk.rstrip())
        if right > left:
            parts.append((start + left, start + right))
        start = match.end() if match else end
    return parts


def _address_start(text: str, start: int, end: int) -> int:
    """Where the address-like tokens just before `end` begin (after any prose before them), `end` if none."""
    first = end
    for token in reversed(list(_TOKEN.finditer(text, start, end))):
        if not _address_token(token.group(0)):
            break
        first = token.start()
    return first


def _address_end(text: str, start: int, end: int) -> int:
    """Where the address-like tokens just after `start` end (before any prose after them), `start` if none."""
    last = start
    for token in _TOKEN.finditer(text, start, end):
        if not _address_token(token.group(0)):
            break
        last = token.end()
    return start + len(text[start:last].rstrip("."))


def _anchors(text: str) -> list[tuple[int, int, bool]]:
    """(start, end, listed) of every municipality in the text; listed when Japan Post's file has it."""
    found = [(m.start(), m.end(), _listed(m)) for m in _MUNICIPALITY.finditer(text)]
    found += [(m.start(), m.end(), True) for m in _GLUED.finditer(text) if _glued_listed(m.group(0))]
    found += [(m.start(), m.end(), True) for m in _WORD.finditer(text) if is_romaji_municipality_stem(m.group(0))]
    return found


def _listed(match: re.Match) -> bool:
    """Japan Post lists the municipality, its stem read as one word or two (Hakkin Minato-ku: Minato-ku)."""
    whole = match.group(0)
    return is_romaji_municipality(whole) or is_romaji_municipality(
        whole[match.start("m") - match.start() :].split(" ", 1)[-1]
    )


def _glued_listed(word: str) -> bool:
    for suffix in ("machi", "mura", "shi", "cho", "son", "ku"):
        if word.casefold().endswith(suffix) and len(word) > len(suffix) + 1:
            return is_romaji_municipality(f"{word[: -len(suffix)]} {suffix}")
    return False


def find_romaji_addresses(text: str, column_says_address: bool = False) -> tuple[tuple[int, int], ...]:
    """[start, end) of each romanised Japanese address in normalised text."""
    if not _PREFILTER.search(text) and not (
        _CAPITALISED.search(text) and (_CHOME_BAN_GO.search(text) or _POSTAL.search(text))
    ):
        return ()
    parts = _parts(text)
    found: list[tuple[int, int]] = []
    for start, end, listed in _anchors(text):
        if any(a <= start < b for a, b in found):
            continue
        index = next((i for i, (a, b) in enumerate(parts) if a <= start < b), None)
        if index is None:
            continue
        span = _extent(text, parts, index, (start, end))
        region = text[span[0] : span[1]]
        # A chome-ban-go number or a 7-digit code only a Japanese address has; 1-2 alone is any number.
        strong = bool(_CHOME_BAN_GO.search(region) or _POSTAL.search(region))
        japanese = bool(_JAPAN.search(region)) or any(
            is_romaji_prefecture(text[a:b].strip(".")) for a, b in parts if span[0] <= a and b <= span[1]
        )
        if strong or (japanese and (listed or _STREET.search(region))) or column_says_address:
            found.append(span)
    return tuple(sorted(set(found)))


def _extent(text: str, parts: list[tuple[int, int]], index: int, anchor: tuple[int, int]) -> tuple[int, int]:
    """The run of address-like tokens and parts around the anchor: prose before or after it stays out."""
    part_start, part_end = parts[index]
    start = _address_start(text, part_start, anchor[0])
    end = _address_end(text, anchor[1], part_end)
    first, last = index, index
    # Whole parts before and after belong to the address; a part with prose in it ends the run there.
    while start == parts[first][0] and first > 0:
        first -= 1
        start = _address_start(text, *parts[first])
        if start == parts[first][1]:
            start = parts[first + 1][0]
            break
    while end == parts[last][1] and last + 1 < len(parts):
        last += 1
        end = _address_end(text, *parts[last])
        if end == parts[last][0]:
            end = parts[last - 1][1]
            break
    return start, end


def in_romaji_address(text: str, match: re.Match) -> bool:
    """The postal code matched in `text` lies inside a romanised Japanese address there."""
    start, end = match.start("v"), match.end("v")
    return any(a <= start and end <= b for a, b in find_romaji_addresses(text))


class RomajiAddressRecognizer(JaPatternRecognizer):
    """Japanese addresses in Latin letters, Western order: 2-9-11 Hakkin, Minato-ku, Nagoya 930-3332, Japan."""

    ENTITY = "LOCATION"
    PREFILTER = r"[A-Za-z]{2}"
    PATTERNS = (Pattern("romaji_municipality", _MUNICIPALITY.pattern, 0.85),)

    def validate_result(self, pattern_text: str) -> bool:
        """Checked by `find`, which needs the parts around the municipality."""
        return True

    def find(self, text: str, context: Context = NO_CONTEXT) -> list[Span]:
        """Address spans; in an address column a municipality with its surroundings is enough."""
        if context.rules_out(self.ENTITY) or not self._prefilter.search(text):
            return []
        spans = find_romaji_addresses(text, context.says(self.ENTITY))
        return [Span(self.ENTITY, a, b, 0.85) for a, b in spans]
