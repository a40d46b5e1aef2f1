"""Normalised forms of a member's values, one function per kind, for one value or a column of them.

The index (`index.py`) is built and looked up with the same forms, so a value written any way a person writes
it lands on the same key: member ids without case, width, spacing or zero padding; phones as international
digits; names without spaces, kana as katakana, romaji in one spelling; dates in ISO form.
"""

from __future__ import annotations

import re
import unicodedata
from datetime import date

import numpy as np
import pandas as pd

from ..reference import era_to_date, to_katakana

SPACE = re.compile(r"[\s\u3000・･.,]+")
HEX = re.compile(r"(?<![0-9a-fA-F])[0-9a-f]{16}(?![0-9a-fA-F])")
DATE = re.compile(r"(?:(明治|大正|昭和|平成|令和)(\d{1,2}|元)|(\d{4}))[年/.\-](\d{1,2})[月/.\-](\d{1,2})日?")
_HYPHENS = re.compile(r"[\-‐‑‒–—―−ー－]")
_POSTAL_SHAPE = re.compile(r"〒?\s*\d{3}-?\d{4}")
_ID = r"([A-Za-z]{1,2})[ \-]?0*(\d{1,8})"
_KATAKANA = {code: code + 0x60 for code in range(0x3041, 0x3097)}


def fold(text: str) -> str:
    """NFKC (full width to ASCII, half-width kana to full width), trimmed."""
    text = str(text)
    return text.strip() if text.isascii() else unicodedata.normalize("NFKC", text).strip()


def id_form(text: str) -> str | None:
    """A member id in one form whatever its case, width, spacing or zero padding (M000123, m123 -> M123)."""
    match = re.fullmatch(_ID, fold(text))
    return f"{match.group(1).upper()}{int(match.group(2))}" if match else None


def phone_form(text: str) -> str | None:
    """International digits of a phone (81 + national number for Japan); a Japanese number that lost its
    leading zero in a spreadsheet gives the same digits."""
    raw = fold(text)
    digits = re.sub(r"\D", "", raw)
    if raw.startswith("+") or digits.startswith("00"):
        digits = digits.lstrip("0")
        return digits if 9 <= len(digits) <= 15 else None
    if digits.startswith("0") and len(digits) in (10, 11):
        return "81" + digits[1:]
    if len(digits) in (9, 10) and digits[0] in "123456789":
        return "81" + digits  # the leading zero a spreadsheet drops
    return digits if 9 <= len(digits) <= 15 else None


ROMAJI_VARIANTS = (("ou", "o"), ("oo", "o"), ("uu", "u"), ("oh", "o"), ("mb", "nb"), ("mp", "np"), ("mm", "nm"))


def romaji_key(letters: str) -> str:
    """One form for the ways people write one romaji name: Satou, Sato, Satoh; Homma, Honma."""
    key = letters.casefold()
    for long, short in ROMAJI_VARIANTS:
        key = key.replace(long, short)
    return key


def name_form(text: str) -> str:
    """A name without spaces or dots, kana as katakana; a name in Latin letters in its romaji key."""
    form = to_katakana(SPACE.sub("", fold(text))).casefold()
    return romaji_key(form) if form.isascii() and form.isalpha() else form


def address_form(text: str) -> str:
    """An address without spaces, with every hyphen look-alike as '-' and 丁目/番地/番/号 as written."""
    return _HYPHENS.sub("-", SPACE.sub("", fold(text)))


def date_form(text: str) -> str | None:
    """A date in ISO form from ISO, slashed, dotted, 年月日 or era writing (昭和60年4月12日); None if not one."""
    match = DATE.fullmatch(fold(text).replace(" ", ""))
    return _date_from(match) if match else None


def _date_from(match: re.Match) -> str | None:
    era, era_year, year, month, day = match.groups()
    try:
        if era:
            found = era_to_date(era, 1 if era_year == "元" else int(era_year), int(month), int(day))
            return found.isoformat() if found else None
        return date(int(year), int(month), int(day)).isoformat()
    except ValueError:
        return None


def postal_form(text: str) -> str | None:
    """Seven postal digits, from 123-4567, 〒1234567 or full width; None for anything else."""
    folded = fold(text)
    return (_POSTAL_SHAPE.fullmatch(folded) and re.sub(r"\D", "", folded)) or None


# Whole columns at once: pandas string methods, each form the same as the function for one value above.


def fold_all(values: pd.Series) -> pd.Series:
    """fold() of every value."""
    return values.astype("str").str.normalize("NFKC").str.strip()


def id_forms(folded: pd.Series) -> pd.Series:
    """id_form() of every folded value (missing where it is no id)."""
    parts = folded.str.extract(f"^{_ID}$")
    number = parts[1].str.lstrip("0")
    return parts[0].str.upper() + number.where(number != "", "0")


def phone_forms(folded: pd.Series) -> pd.Series:
    """phone_form() of every folded value (missing where it is no phone)."""
    digits = folded.str.replace(r"\D", "", regex=True)
    length = digits.str.len()
    plus = folded.str.startswith("+") | digits.str.startswith("00")
    international = digits.str.lstrip("0")
    zero = digits.str.startswith("0")
    out = pd.Series(np.nan, index=folded.index, dtype=object)
    rules = [
        (plus & international.str.len().between(9, 15), international),
        (~plus & zero & length.isin([10, 11]), "81" + digits.str[1:]),
        (~plus & ~zero & length.isin([9, 10]), "81" + digits),
        (~plus & ~(zero & length.isin([10, 11])) & ~(~zero & length.isin([9, 10])) & length.between(9, 15), digits),
    ]
    for mask, value in reversed(rules):
        out = out.mask(mask, value)
    return out


def name_forms(folded: pd.Series) -> pd.Series:
    """name_form() of every folded value."""
    form = folded.str.replace(SPACE.pattern, "", regex=True).str.translate(_KATAKANA).str.casefold()
    latin = form.str.fullmatch(r"[a-z]+", na=False)
    key = form
    for long, short in ROMAJI_VARIANTS:
        key = key.str.replace(long, short, regex=False)
    return form.mask(latin, key)


def address_forms(folded: pd.Series) -> pd.Series:
    """address_form() of every folded value."""
    return folded.str.replace(SPACE.pattern, "", regex=True).str.replace(_HYPHENS.pattern, "-", regex=True)


def postal_forms(folded: pd.Series) -> pd.Series:
    """postal_form() of every folded value (missing where it is no postal code)."""
    return folded.str.replace(r"\D", "", regex=True).where(folded.str.fullmatch(_POSTAL_SHAPE.pattern, na=False))


def per_distinct(values: pd.Series, form) -> pd.Series:
    """A scalar form of every value, computed once per distinct value (dates, romaji: few distinct values)."""
    codes, uniques = pd.factorize(values.to_numpy(dtype=object), sort=False)
    done = np.array([form(v) if v else None for v in uniques] + [None], dtype=object)
    return pd.Series(done[codes], index=values.index)  # code -1 (missing) takes the trailing None
