"""Unicode normalisation for Japanese text, with a map back to positions in the original string.

Japanese exports mix full-width and half-width forms (０９０－１２３４, ﾔﾏﾀﾞ), ideographic spaces and
a dozen dash look-alikes. Matching runs on the normalised text; findings must point into the original
cell, so every normaliser here can also return, for each output character, the index it came from.
"""

from __future__ import annotations

import re
import unicodedata
from bisect import bisect_right

# Every character that people (or IMEs) type where they mean an ASCII hyphen in numbers and addresses.
HYPHENS = (
    "\u2010\u2011\u2012\u2013\u2014\u2015\u2043\u2212\u2796\u2e3a\u2e3b"
    "\u30fc\u2500\u2501\ufe58\ufe63\uff0d\uff70\u02d7\u058a\u1806"
)
_HYPHEN_CHARS = frozenset(HYPHENS)
# The long-vowel mark ー (and its half-width ｰ) is a hyphen only between digits; inside katakana it is a vowel.
_LONG_VOWELS = {"\u30fc", "\uff70"}
_SPACES = re.compile(r"[\s\u3000]+")
# Half-width voiced marks and combining marks belong to the character before them (ﾀﾞ -> ダ).
_JOINING_MARKS = {"\uff9e", "\uff9f", "\u3099", "\u309a"}


def _is_joining(ch: str) -> bool:
    return ch in _JOINING_MARKS or unicodedata.combining(ch) != 0


def _clusters(text: str) -> list[tuple[int, str]]:
    """Split text into (start, cluster): a base character followed by the marks that join it."""
    clusters: list[tuple[int, str]] = []
    for i, ch in enumerate(text):
        if clusters and _is_joining(ch):
            start, chunk = clusters[-1]
            clusters[-1] = (start, chunk + ch)
        else:
            clusters.append((i, ch))
    return clusters


def _hyphen_for(text: str, i: int, ch: str, end: int) -> str:
    if ch in _LONG_VOWELS:
        before = text[i - 1] if i > 0 else ""
        # The marks joined to ー are dropped with it, so the neighbour that counts is the next cluster's base.
        after = text[end] if end < len(text) else ""
        if _is_digit(before) and _is_digit(after):
            return "-"
        return unicodedata.normalize("NFKC", ch)
    return "-"


def _is_digit(ch: str) -> bool:
    return bool(ch) and unicodedata.normalize("NFKC", ch) in tuple("0123456789")


def normalise_with_offsets(text: str) -> tuple[str, list[int]]:
    """NFKC plus hyphen folding; also return, per output char, its start index in `text` (and len at the end)."""
    out: list[str] = []
    offsets: list[int] = []
    for start, cluster in _clusters(text):
        first = cluster[0]
        piece = (
            _hyphen_for(text, start, first, start + len(cluster))
            if first in _HYPHEN_CHARS
            else unicodedata.normalize("NFKC", cluster)
        )
        out.append(piece)
        offsets.extend([start] * len(piece))
    offsets.append(len(text))
    return "".join(out), offsets


def normalise(text: str) -> str:
    """NFKC (full-width digits, letters and spaces to ASCII, half-width kana to full-width) plus hyphen folding."""
    return normalise_with_offsets(text)[0]


def original_span(offsets: list[int], start: int, end: int) -> tuple[int, int]:
    """Map a [start, end) span in normalised text back to the original text."""
    if end <= start:
        return offsets[start], offsets[start]
    # The original end is where the cluster after the last matched character starts.
    after = bisect_right(offsets, offsets[end - 1])
    return offsets[start], offsets[min(after, len(offsets) - 1)]


def collapse_spaces(text: str) -> str:
    """Fold runs of ASCII or ideographic white space into one ASCII space and strip the ends."""
    return _SPACES.sub(" ", text).strip()


def digits_only(text: str) -> str:
    """Keep only the digits of a string, after folding full-width digits to ASCII."""
    return "".join(ch for ch in normalise(text) if ch.isascii() and ch.isdigit())


def normalise_key(text: str) -> str:
    """A comparison key for names and readings: normalised, no spaces, case-folded."""
    return re.sub(r"\s+", "", normalise(text)).casefold()
