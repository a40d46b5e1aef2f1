"""Katakana readings written in romaji (Hepburn), the way members abroad and English records spell names.

The syllable table is data (`data/kana_romaji.csv`); the rules around it are the ones Hepburn adds: a small ッ
doubles the next consonant (ッチ -> tchi), ン is n, and a long-vowel mark repeats the vowel before it
(spellings without the long vowel come from `names.romaji_spellings`).
"""

from __future__ import annotations

import csv
from functools import lru_cache
from pathlib import Path

_DATA = Path(__file__).with_name("data") / "kana_romaji.csv"


@lru_cache(maxsize=1)
def _table() -> dict[str, str]:
    with _DATA.open(encoding="utf-8", newline="") as handle:
        return {row["kana"]: row["romaji"] for row in csv.DictReader(handle)}


def to_katakana(text: str) -> str:
    """Hiragana folded to katakana (たろう -> タロウ); other characters unchanged."""
    return "".join(chr(ord(c) + 0x60) if "\u3041" <= c <= "\u3096" else c for c in text)


def kana_to_romaji(kana: str) -> str:
    """A kana reading in Hepburn romaji, lower case (オガワ ナギサ -> ogawa nagisa); unknown characters kept."""
    table = _table()
    text = to_katakana(kana)
    out: list[str] = []
    double = False
    i = 0
    while i < len(text):
        pair, single = text[i : i + 2], text[i]
        syllable = table.get(pair) if len(pair) == 2 else None
        step = 2 if syllable else 1
        if syllable is None:
            syllable = table.get(single)
        if single == "ッ":
            double, i = True, i + 1
            continue
        if single == "ー":
            vowel = next((c for c in reversed("".join(out)) if c in "aeiou"), "")
            out.append(vowel)
            i += 1
            continue
        if syllable is None:
            out.append(single.lower())
        else:
            out.append(("t" if syllable.startswith("ch") else syllable[0]) + syllable if double else syllable)
        double = False
        i += step
    return "".join(out)
