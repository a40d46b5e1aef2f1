"""Address, postal code and prefecture agree, by Japan Post: the municipality and town an address starts with
are the ones its postal code covers, in the prefecture the record names.

The address column holds the address after the prefecture (大阪市都島区都島北通3-10-6); one that starts with a
prefecture is read after it, and that prefecture must be the record's. Municipalities are compared in every
way people write them (`reference.written_forms`: 奥多摩町 for 西多摩郡奥多摩町), towns after folding what
addresses write differently from Japan Post's table: digits for kanji numerals (北48条東 for 北四十八条東),
ヶ/ケ/が, 大字 and 字. Most rows are judged by a vectorised comparison with the postal code's own places;
only the rest are explained one by one (which municipality the address names, and where it lies).
"""

from __future__ import annotations

import re
import unicodedata

import pandas as pd

from ..reference import (
    PREFECTURE_BY_NAME,
    municipalities,
    places_of_postal_code,
    prefecture_prefix,
    prefectures_of_municipality,
    written_forms,
)
from .diagnose import nfkc, text_defect, text_defects

_KANJI_DIGITS = {"〇": 0, "一": 1, "二": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}
_KANJI_NUMBER = re.compile("[〇一二三四五六七八九十百]+(?=[条丁線番地区号]|$)")
_SMALL_KE = str.maketrans({"ケ": "ヶ", "ヵ": "ヶ", "が": "ヶ", "ガ": "ヶ", "之": "の", "ノ": "の"})
_VILLAGE_PREFIX = re.compile("^(?:大字|字)")
_LONGEST_MUNICIPALITY = 12


def _kanji_number(match: re.Match[str]) -> str:
    """四十八 -> 48, 百二 -> 102; a run of digits alone (二〇) is read digit by digit."""
    text, total, current = match[0], 0, 0
    if "十" not in text and "百" not in text:
        return "".join(str(_KANJI_DIGITS[ch]) for ch in text)
    for ch in text:
        if ch == "百":
            total += (current or 1) * 100
            current = 0
        elif ch == "十":
            total += (current or 1) * 10
            current = 0
        else:
            current = _KANJI_DIGITS[ch]
    return str(total + current)


def fold_place(text: str) -> str:
    """An address or town folded for comparison: NFKC, kanji numerals before 条/丁目/番地 as digits, ヶ/ケ/が as one."""
    folded = unicodedata.normalize("NFKC", text).replace(" ", "").replace("\u3000", "")
    return _KANJI_NUMBER.sub(_kanji_number, folded).translate(_SMALL_KE)


def _town_core(town: str) -> str:
    """The part of Japan Post's town name an address starts with: before 、 or a bracket, without 地割 numbers."""
    core = re.split("[、(（〜~]", fold_place(town))[0]
    return re.sub(r"\d+地割.*$", "", core)


def _own_forms(municipality: str) -> frozenset[str]:
    """The municipality as a whole, with and without its district (郡): not the city alone of a ward (大阪市)."""
    forms = {municipality, municipality.split("郡", 1)[1] if "郡" in municipality[:-1] else municipality}
    return frozenset(fold_place(form) for form in forms & (written_forms(municipality) | {municipality}))


def _places(digits: str) -> tuple[tuple[str, frozenset[str], str], ...]:
    """(prefecture, written forms of the municipality, town core) of each place a postal code covers."""
    return tuple((p, _own_forms(c), _town_core(t)) for p, c, t in places_of_postal_code(digits))


def _municipality_at_start(address: str) -> str | None:
    """The longest municipality name Japan Post lists that the folded address starts with."""
    names = _folded_municipalities()
    for size in range(min(len(address), _LONGEST_MUNICIPALITY), 1, -1):
        if address[:size] in names:
            return names[address[:size]]
    return None


_FOLDED: dict[str, str] = {}


def _folded_municipalities() -> dict[str, str]:
    if not _FOLDED:
        _FOLDED.update({fold_place(name): name for name in municipalities()})
    return _FOLDED


def address_defect(address: str, postal_digits: str | None, prefecture: str | None) -> str | None:
    """Why an address does not agree with its postal code and prefecture (a defect code), or None."""
    found = text_defect(address)
    if found:
        return found
    folded = fold_place(address)
    named = prefecture if prefecture in PREFECTURE_BY_NAME else None
    written_prefecture = prefecture_prefix(folded)
    if written_prefecture:
        if named and written_prefecture != named:
            return "address_prefecture_differs"
        folded = folded[len(written_prefecture) :]
        named = named or written_prefecture
    places = _places(postal_digits) if postal_digits else ()
    for _, forms, town in places:
        for form in sorted(forms, key=len, reverse=True):
            if folded.startswith(form):
                rest = _VILLAGE_PREFIX.sub("", folded[len(form) :])
                if not town or rest.startswith(town) or folded[len(form) :].startswith(town):
                    return None
    if places and any(folded.startswith(form) for _, forms, _ in places for form in forms):
        return "town_not_of_postal_code"
    municipality = _municipality_at_start(folded)
    if municipality is None:
        return "city_unknown"
    where = prefectures_of_municipality(municipality)
    expected = {p for p, _, _ in places} or ({named} if named else set())
    if expected and not where & expected:
        return "city_of_another_prefecture"
    return "city_not_of_postal_code" if places else None


def _expected_starts(digits: pd.Series) -> pd.Series:
    """The municipality and town the postal code's first place starts an address with (NA for unlisted codes)."""
    unique = digits.dropna().unique()
    lookup = {}
    for code in unique:
        places = places_of_postal_code(code)
        if places:
            _, city, town = places[0]
            lookup[code] = unicodedata.normalize("NFKC", city + re.split("[、(（〜~]", town)[0])
    return digits.map(lookup)


def address_defects(addresses: pd.Series, postal_digits: pd.Series, prefectures: pd.Series) -> pd.Series:
    """`address_defect` for whole columns; NA where the address agrees (or is missing: another rule says so).

    Addresses written as Japan Post writes the postal code's place pass a vectorised comparison; the others
    are judged one distinct (address, postal code, prefecture) at a time.
    """
    addresses = addresses.astype("str")
    prefectures = prefectures.astype("str")
    codes = pd.Series(pd.NA, index=addresses.index, dtype="str")
    present = addresses.notna()
    if not present.any():
        return codes
    folded = nfkc(addresses[present])
    expected = _expected_starts(postal_digits[present].astype("str"))
    own = prefectures[present]
    clean = text_defects(addresses[present]).isna()
    agrees = [
        ok and isinstance(e, str) and (a.startswith(e) or (isinstance(p, str) and a.startswith(p + e)))
        for a, e, p, ok in zip(folded, expected, own, clean, strict=True)
    ]
    rest = present.copy()
    rest[present] = ~pd.Series(agrees, index=folded.index)
    if not rest.any():
        return codes
    key = pd.DataFrame({"a": addresses[rest], "p": postal_digits[rest].astype("str"), "f": prefectures[rest]})
    unique = key.drop_duplicates()
    found = {
        (a, p, f): address_defect(a, p if isinstance(p, str) else None, f if isinstance(f, str) else None)
        for a, p, f in unique.itertuples(index=False)
    }
    codes[rest] = [found[(a, p, f)] for a, p, f in key.itertuples(index=False)]
    return codes
