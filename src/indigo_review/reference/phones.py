"""Phone numbers of every country, Japanese first, parsed and validated with Google's `phonenumbers`.

One place for every job: the scan asks "is this any phone number?", the accuracy check asks "is this a
well-formed Japanese number?". Both fold full-width digits and dash look-alikes (`normalise`) and read
"+81 (0)90-…", "0081 …" and "内線 12" the same way.

`phonenumbers` knows which Japanese ranges are allocated today; a real export (and our sample) holds
numbers from ranges it does not list, so a Japanese number also counts when its digits fit the national
numbering plan's shape (10-digit fixed lines, 11-digit 050/060/070/080/090, 0120/0570/0800).
"""

from __future__ import annotations

import re

import phonenumbers
from phonenumbers import NumberParseException, PhoneNumber

from ..normalise import normalise

# The Japanese plan by shape, national (0-prefixed) digits.
_JP_PLAN = re.compile(r"0[5-9]0\d{8}|(?:0120|0570)\d{6}|0800\d{7}|0(?!0|[5-9]0|120|800|570)\d{9}")
# A phone field holds digits, an optional leading +, and separators between the digit groups.
_PHONE_SHAPE = re.compile(r"\+?[0-9()\-. ]+")
# "+81 (0)90" keeps the trunk zero in parentheses; phonenumbers wants it dropped.
_TRUNK_ZERO = re.compile(r"^(\+81[ \-.]*)\(0\)[ \-.]*")
# A date in a phone column is a mistake, not a phone, though some plans accept its eight digits.
_ISO_DATE = re.compile(r"\d{4}[\-/.]\d{1,2}[\-/.]\d{1,2}")
_EXTENSION = re.compile(r"(?i)\s*(?:ext\.?|extension|x)\s*\d{1,6}$")
_EXTENSION_WORD = re.compile(r"\s*内線\s*")
# Regions tried, in order, for a number written without a country code once Japan has said no: the
# regions stock Presidio's PhoneRecognizer tries, then other frequent ones.
FOREIGN_REGIONS = ("US", "GB", "DE", "IL", "IN", "CA", "BR", "CN", "FR", "IT", "AU", "KR", "TW", "ES", "NL")


def clean_phone_text(text: str) -> str:
    """Normalised text that phonenumbers reads well: 00 prefix as +, '+81 (0)' as '+81 ', 内線 as ext."""
    # Normalising leaves ASCII as it is; the scan hands over normalised text already.
    text = (text if text.isascii() else normalise(text)).strip()
    if text.startswith("00") and not text.startswith("000"):
        text = "+" + text[2:].lstrip(" -.")
    text = _TRUNK_ZERO.sub(r"\1", text)
    return _EXTENSION_WORD.sub(" ext. ", text)


def _parse(text: str, region: str | None) -> PhoneNumber | None:
    try:
        return phonenumbers.parse(text, region)
    except NumberParseException:
        return None


def national_digits(number: PhoneNumber) -> str:
    """The national significant number with the trunk zero Japanese writing puts in front."""
    return "0" + phonenumbers.national_significant_number(number)


def is_valid_phone(number: PhoneNumber) -> bool:
    """phonenumbers says valid, or a Japanese number whose digits fit the national plan."""
    if number.country_code == 81:
        return bool(_JP_PLAN.fullmatch(national_digits(number))) or phonenumbers.is_valid_number(number)
    return phonenumbers.is_valid_number(number)


def parse_phone(text: str, region: str | None = "JP") -> PhoneNumber | None:
    """The valid phone number `text` holds, read with `region` when it has no country code, else None."""
    cleaned = clean_phone_text(text)
    if not re.search(r"\d", cleaned):
        return None
    number = _parse(cleaned, region if not cleaned.startswith("+") else None)
    return number if number is not None and is_valid_phone(number) else None


def parse_foreign_phone(text: str) -> PhoneNumber | None:
    """A number without country code that is valid in one of FOREIGN_REGIONS (first match), else None."""
    cleaned = clean_phone_text(text)
    for region in FOREIGN_REGIONS:
        number = _parse(cleaned, region)
        if number is not None and phonenumbers.is_valid_number(number):
            return number
    return None


def parse_phone_cell(text: str) -> PhoneNumber | None:
    """A phone column's cell: any region's valid number, Japanese first, then as if '+' were written, then abroad.

    Spreadsheets store phone numbers as numbers and drop the leading zero (9012345678, 312345678.0, 7700900123,
    7.7009E+09 kept whole): such digits count when putting the zero back gives a number of Japan or of another
    country the scan knows, valid or of a length that country's plan allows.
    """
    number = parse_phone(text)
    if number is not None:
        return number
    cleaned = clean_phone_text(text)
    digits = _spreadsheet_digits(cleaned)
    if digits is not None:
        number = parse_phone("0" + digits) or _lost_zero(digits)
        if number is not None:
            return number
    if not _PHONE_SHAPE.fullmatch(_EXTENSION.sub("", cleaned)) or _ISO_DATE.fullmatch(cleaned):
        return None
    if not cleaned.startswith(("+", "0")):
        number = parse_phone("+" + cleaned, None)
        if number is not None:
            return number
    return parse_foreign_phone(cleaned) or _possible_with_country_code(cleaned)


_NUMBER_CELL = re.compile(r"(?P<digits>[1-9]\d{7,11})(?:\.0+)?|(?P<mantissa>[1-9]\.\d{7,11})[eE]\+?(?P<exp>\d{1,2})")


def _spreadsheet_digits(cleaned: str) -> str | None:
    """The digits of a number a spreadsheet stored (312345678, 7700900123.0, 7.700900123E+09), or None."""
    match = _NUMBER_CELL.fullmatch(cleaned)
    if match is None:
        return None
    if match["digits"]:
        return match["digits"]
    whole, fraction = match["mantissa"].split(".")
    # 7.700900123E+09: only when the mantissa kept every digit, so nothing was rounded away.
    return whole + fraction if len(fraction) == int(match["exp"]) else None


def _lost_zero(digits: str) -> PhoneNumber | None:
    """A national number whose trunk zero a spreadsheet dropped, in a region the scan knows: 7700900123 is
    07700 900123 (UK). Valid first; else a length the region's plan allows (drama and new ranges)."""
    candidates = [n for n in (_parse("0" + digits, region) for region in FOREIGN_REGIONS) if n is not None]
    valid = next((n for n in candidates if phonenumbers.is_valid_number(n)), None)
    return valid or next((n for n in candidates if phonenumbers.is_possible_number(n)), None)


def _possible_with_country_code(cleaned: str) -> PhoneNumber | None:
    """A number with a country code and a possible length for that country: in a phone column that is a
    phone, even from a range not (yet) allocated (+1-837-..., UK drama numbers +44 1632 960...)."""
    if not cleaned.startswith("+"):
        return None
    number = _parse(cleaned, None)
    return number if number is not None and phonenumbers.is_possible_number(number) else None


def is_japanese_phone(text: str) -> bool:
    """True for a well-formed Japanese number alone in the text: fixed, mobile, IP, free dial, +81 forms."""
    cleaned = clean_phone_text(text)
    if not _PHONE_SHAPE.fullmatch(cleaned):
        return False
    # Fast path, the same rule: national digits that fit the plan need no parse (most cells of an export).
    digits = re.sub(r"\D", "", cleaned)
    if cleaned.startswith("+81"):
        digits = "0" + digits[2:]
    if (cleaned.startswith("+81") or not cleaned.startswith("+")) and _JP_PLAN.fullmatch(digits):
        return True
    number = parse_phone(cleaned)
    return number is not None and number.country_code == 81 and not number.extension


# A number a spreadsheet stored as a number: 9041423114.0, 9.04E+09.
_STORED_AS_NUMBER = re.compile(r"[+-]?\d+(?:\.\d*)?[eE][+-]?\d+|\d+\.\d*")
# Mobile, IP and 0800 numbers have 11 national digits; the other Japanese numbers 10.
_ELEVEN_DIGITS = re.compile(r"0[5-9]0|0800")


def japanese_phone_defect(text: str) -> str | None:
    """Why a cell is not a Japanese number as written, as a code, or None when it is one.

    Stricter than `is_japanese_phone` (which the scan uses to find phones anywhere): the national form must
    keep its leading 0 (or be written +81 / 0081), so a number whose zero a spreadsheet dropped
    ("phone_leading_zero_lost", 9041423114 or a 9-digit 312345678) or that it stored as a number
    ("phone_stored_as_number", 9.04E+09) is a defect of the record even though the scan still finds it.
    Other codes: phone_not_a_number, phone_not_japanese, phone_too_short, phone_too_long, phone_unknown_prefix.
    """
    cleaned = clean_phone_text(text)
    if _STORED_AS_NUMBER.fullmatch(cleaned):
        return "phone_stored_as_number"
    if not _PHONE_SHAPE.fullmatch(cleaned):
        return "phone_not_a_number"
    digits = re.sub(r"\D", "", cleaned)
    if cleaned.startswith("+"):
        if not cleaned.startswith("+81"):
            return "phone_not_japanese"
        national = "0" + digits[2:]
    elif digits.startswith("0"):
        national = digits
    else:
        national = "0" + digits
        if _JP_PLAN.fullmatch(national) or parse_phone(national) is not None:
            return "phone_leading_zero_lost"
    if digits.startswith("0") or cleaned.startswith("+81"):
        if is_japanese_phone(cleaned):
            return None
        if national.startswith("00"):
            return "phone_unknown_prefix"
    expected = 11 if _ELEVEN_DIGITS.match(national) else 10
    if len(national) < expected:
        return "phone_too_short"
    if len(national) > expected:
        return "phone_too_long"
    return "phone_unknown_prefix"
