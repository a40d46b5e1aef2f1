"""Japanese personal names as kept data: surnames and given names in kanji, hiragana and romaji.

The lists come from the `japanese-personal-name-dataset` package (MIT; 1,999 surnames with estimated
population, reading and romaji; about 9,000 given-name readings with romaji and kanji spellings), read
once per process from the CSV files it ships; nothing is downloaded. The package writes romaji the
word-processor way (satou, yuuki); people write Sato, Satoh, Satou, Yuki, so each romaji name is kept
in those spellings too.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

_KATAKANA = re.compile(r"[\u30a1-\u30f6]")
_SPACES = re.compile(r"[\s\u3000・]+")
# Given names are written with one to four characters; surnames the dataset lists have at most four.
_MAX_GIVEN = 4


@dataclass(frozen=True)
class _Names:
    surname_kanji: frozenset[str]
    surname_readings: frozenset[str]
    surname_romaji: frozenset[str]
    given_kanji: frozenset[str]
    given_readings: frozenset[str]
    given_romaji: frozenset[str]


def romaji_spellings(romaji: str) -> set[str]:
    """The ways people write one romaji name: satou -> satou, sato, satoh; honma -> honma, homma."""
    base = romaji.strip().lower()
    plain = base.replace("ou", "o").replace("uu", "u").replace("oo", "o")
    spellings = {base, plain, base.replace("ou", "oh"), base.replace("oo", "oh")}
    spellings |= {s.replace("nb", "mb").replace("np", "mp").replace("nm", "mm") for s in list(spellings)}
    return {s for s in spellings if s}


def to_hiragana(text: str) -> str:
    """Katakana folded to hiragana (タロウ -> たろう); other characters unchanged."""
    return _KATAKANA.sub(lambda m: chr(ord(m.group(0)) - 0x60), text)


@lru_cache(maxsize=1)
def _names() -> _Names:
    from japanese_personal_name_dataset import load_dataset

    men, women, last = load_dataset(include_last_names=True)
    given_kanji: set[str] = set()
    given_romaji: set[str] = set()
    for table in (men, women):
        for entry in table.values():
            given_kanji.update(entry["kanji"])
            given_romaji |= romaji_spellings(entry["en"])
    surname_romaji: set[str] = set()
    for entry in last.values():
        surname_romaji |= romaji_spellings(entry["en"])
    return _Names(
        surname_kanji=frozenset(last),
        surname_readings=frozenset(entry["reading"] for entry in last.values()),
        surname_romaji=frozenset(surname_romaji),
        given_kanji=frozenset(k for k in given_kanji if len(k) <= _MAX_GIVEN),
        given_readings=frozenset(men) | frozenset(women),
        given_romaji=frozenset(given_romaji),
    )


def is_japanese_surname_romaji(word: str) -> bool:
    """A Japanese surname in Latin letters, any case: Yamada, YAMADA, Sato, Satoh."""
    return word.lower() in _names().surname_romaji


def is_japanese_given_name_romaji(word: str) -> bool:
    """A Japanese given name in Latin letters, any case: Taro, Tarou, Yuki, Yuuki."""
    return word.lower() in _names().given_romaji


def is_surname_kanji(text: str) -> bool:
    """One of the surnames the dataset lists, in kanji: 佐藤, 山田."""
    return text in _names().surname_kanji


def is_given_name_kanji(text: str) -> bool:
    """A kanji spelling of a given name the dataset lists: 太郎, 花子."""
    return text in _names().given_kanji


def is_surname_reading(kana: str) -> bool:
    """A surname's reading in hiragana or katakana: やまだ, ヤマダ."""
    return to_hiragana(kana) in _names().surname_readings


def is_given_name_reading(kana: str) -> bool:
    """A given name's reading in hiragana or katakana: たろう, タロウ."""
    return to_hiragana(kana) in _names().given_readings


def is_name_reading(text: str) -> bool:
    """A full name's reading, surname first, with or without a space: やまだ たろう, ヤマダタロウ."""
    parts = [p for p in _SPACES.split(to_hiragana(text.strip())) if p]
    names = _names()
    if len(parts) == 2:
        return parts[0] in names.surname_readings and parts[1] in names.given_readings
    if len(parts) == 1:
        word = parts[0]
        return any(
            word[:i] in names.surname_readings and word[i:] in names.given_readings for i in range(2, len(word) - 1)
        )
    return False


def is_kanji_name(text: str) -> bool:
    """A full name in kanji, surname first, with or without a space: 山田 太郎, 佐藤花子."""
    parts = [p for p in _SPACES.split(text.strip()) if p]
    names = _names()
    if len(parts) == 2:
        return parts[0] in names.surname_kanji and parts[1] in names.given_kanji
    if len(parts) == 1:
        word = parts[0]
        return any(word[:i] in names.surname_kanji and word[i:] in names.given_kanji for i in range(1, len(word)))
    return False
