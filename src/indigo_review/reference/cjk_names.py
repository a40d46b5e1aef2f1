"""Korean and Chinese personal names by their surnames: 김민준, 이 서연, 王伟, 陳家豪, 欧阳娜娜.

Surnames are kept data: `data/korean_surnames.csv` holds the Korean surnames in Hangul with the most bearers in
Statistics Korea's 2015 census (with their initial-sound variants 리, 림, 로 …); `data/chinese_surnames.csv` holds
the surnames of the Hundred Family Surnames (百家姓, single and compound) in simplified characters with their
traditional forms (written with OpenCC's s2t table, surnames whose form does not change put right by hand).
A name is a surname followed by a given name of one or two syllables (Korean) or characters (Chinese), with or
without a space, in either order (Western order puts the surname last: 민준 김, 玉朵 宇文).
"""

from __future__ import annotations

import csv
import re
from functools import lru_cache
from importlib.resources import files

_HANGUL = re.compile(r"[\uac00-\ud7a3]+")
_HAN = re.compile(r"[\u4e00-\u9fff]+")


def _rows(name: str) -> list[dict[str, str]]:
    with (files(__package__) / "data" / name).open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


@lru_cache(maxsize=1)
def _korean_surnames() -> frozenset[str]:
    return frozenset(row["surname"] for row in _rows("korean_surnames.csv"))


@lru_cache(maxsize=1)
def _chinese_surnames() -> frozenset[str]:
    return frozenset(name for row in _rows("chinese_surnames.csv") for name in (row["simplified"], row["traditional"]))


def is_korean_surname(text: str) -> bool:
    """A Korean surname in Hangul: 김, 이, 남궁."""
    return text in _korean_surnames()


def is_chinese_surname(text: str) -> bool:
    """A Chinese surname in simplified or traditional characters: 王, 陈, 陳, 欧阳, 歐陽."""
    return text in _chinese_surnames()


def _name(parts: list[str], script: re.Pattern, surname, given_max: int) -> bool:
    if not all(script.fullmatch(part) for part in parts):
        return False
    if len(parts) == 2:
        first, second = parts
        return (surname(first) and 1 <= len(second) <= given_max) or (
            surname(second) and len(second) <= 2 and 1 <= len(first) <= given_max
        )
    if len(parts) == 1:
        word = parts[0]
        return any(surname(word[:cut]) and 1 <= len(word) - cut <= given_max for cut in (1, 2) if len(word) > cut)
    return False


def is_korean_name(text: str) -> bool:
    """A Korean name in Hangul: surname and a given name of one or two syllables (김민준, 남궁 민수, 민준 김)."""
    return _name(text.split(), _HANGUL, is_korean_surname, 2)


def is_chinese_name(text: str) -> bool:
    """A Chinese name in Chinese characters: surname and a given name of one or two characters (王伟, 陳 家豪)."""
    return _name(text.replace("\u3000", " ").split(), _HAN, is_chinese_surname, 2)
