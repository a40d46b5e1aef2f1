"""Japanese municipalities and prefectures as people write them in Latin letters: Minato-ku, NAGOYA SHI, Chūō Ku.

The municipality names are Japan Post's romanised postal code file (KEN_ALL_ROME), kept in
`data/municipalities_romaji.csv` (written by tools/write_romaji_municipalities.py); prefecture names come from
`data/prefectures.csv`. Romanisations differ in long vowels (Chūō, Chuuou, Chuo, Chuoh), in hyphens and case
(Minato-ku, MINATO KU, Minato Ku) and in English words for the suffix (Minato City, Minato Ward): every name is
compared on a folded key that forgets those differences.
"""

from __future__ import annotations

import csv
import re
import unicodedata
from functools import lru_cache
from importlib.resources import files

from .prefectures import PREFECTURES

# The suffix words of a municipality, romaji and English, and what each folds to.
SUFFIXES = {
    "ku": "ku",
    "ward": "ku",
    "shi": "shi",
    "city": "shi",
    "machi": "machi",
    "cho": "machi",
    "chou": "machi",
    "town": "machi",
    "mura": "mura",
    "son": "mura",
    "village": "mura",
    "gun": "gun",
    "district": "gun",
    "county": "gun",
}
_PREFECTURE_SUFFIXES = ("ken", "fu", "to", "prefecture", "pref")
_LONG_VOWELS = (("ou", "o"), ("oo", "o"), ("oh", "o"), ("uu", "u"), ("aa", "a"), ("ii", "i"), ("ee", "e"))


def fold(text: str) -> str:
    """A comparison key: macrons dropped, lower case, hyphens as spaces, long vowels single (Chūō, CHUUOU -> chuo)."""
    plain = "".join(ch for ch in unicodedata.normalize("NFKD", text) if not unicodedata.combining(ch))
    key = re.sub(r"[\s\-‐_']+", " ", plain.casefold()).strip()
    for long, short in _LONG_VOWELS:
        key = key.replace(long, short)
    return key


def _suffix_key(words: list[str]) -> str:
    """'minato ku' from ['minato', 'ward']: the stem folded and the suffix word mapped to its romaji."""
    *stem, suffix = words
    return " ".join([*stem, SUFFIXES.get(suffix, suffix)])


@lru_cache(maxsize=1)
def _municipalities() -> tuple[frozenset[str], frozenset[str]]:
    """(names with their suffix, stems of cities that people write without -shi: Nagoya, Sapporo)."""
    with (files(__package__) / "data" / "municipalities_romaji.csv").open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    named: set[str] = set()
    bare: set[str] = set()
    for row in rows:
        words = fold(row["romaji"]).split()
        # NAGOYA SHI NAKA KU is written Nagoya-shi Naka-ku, Naka-ku or Nagoya; ISHIKARI GUN TOBETSU CHO as
        # Ishikari-gun Tobetsu-cho or Tobetsu-cho.
        parts, current = [], []
        for word in words:
            current.append(word)
            if word in SUFFIXES:
                parts.append(current)
                current = []
        for part in parts:
            named.add(_suffix_key(part))
            if part[-1] == "shi":
                bare.add(" ".join(part[:-1]))
        named.add(" ".join(_suffix_key(p) for p in parts))
    return frozenset(named), frozenset(bare)


def is_romaji_municipality(text: str) -> bool:
    """A municipality Japan Post lists, in Latin letters with its suffix: Minato-ku, NAGOYA SHI, Chūō Ward."""
    words = fold(text).split()
    return len(words) >= 2 and words[-1] in SUFFIXES and _suffix_key(words) in _municipalities()[0]


def is_romaji_municipality_stem(text: str) -> bool:
    """A city Japan Post lists, written without its suffix as people do: Nagoya, Sapporo, Machida."""
    return fold(text) in _municipalities()[1]


@lru_cache(maxsize=1)
def _prefectures() -> frozenset[str]:
    names = {fold(p.name_en) for p in PREFECTURES}
    return frozenset(names | {f"{name} {suffix}" for name in names for suffix in _PREFECTURE_SUFFIXES})


def is_romaji_prefecture(text: str) -> bool:
    """A prefecture in Latin letters: Tokyo, Tokyo-to, Aichi-ken, OSAKA FU, Hokkaido, Kyoto Prefecture."""
    return fold(text) in _prefectures()
