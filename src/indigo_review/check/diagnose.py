"""What is wrong with a value, as a defect code (`messages.DEFECTS`), one function per kind of column.

Each function takes one cell (a string) and returns a code, or None when the value has no defect of that
kind. The accuracy rules (`rules.py`) pass a value exactly when its function finds nothing, and the
failing-records report names the same code, so a rule and the words that explain its findings cannot
disagree. `defects` applies a function to a whole column, once per distinct value.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Iterable
from datetime import date, datetime

import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from ..normalise import HYPHENS
from ..reference import (
    PREFECTURE_BY_NAME,
    PREFECTURES,
    has_public_suffix,
    japanese_phone_defect,
    postal_code_exists,
)

Diagnosis = Callable[[str], "str | None"]

_SPACES = " \u3000\t"
# UTF-8 read as Latin-1 or CP1252: a lead byte shown as à..ï, followed by continuation bytes shown as
# C1 controls, Latin-1 symbols or CP1252's typographic characters.
_LATIN1_MOJIBAKE = re.compile(
    "[\u00c2-\u00ef][\u0080-\u00bf\u0152\u0153\u0160\u0161\u0178\u017d\u017e\u0192\u02c6\u02dc\u2013-\u2122]"
)
# UTF-8 read as CP932: kanji followed by half-width katakana (譚ｱ莠ｬ for 東京), which no name or title has.
_CP932_MOJIBAKE = re.compile("[\u4e00-\u9fff][\uff61-\uff9f]")
_HYPHEN_CLASS = "[" + re.escape(HYPHENS) + "]"
_KANA = "[\u30a1-\u30fa\u30fc\u30fb\u30fd\u30fe]+"
_KATAKANA = re.compile(f"(?=.*[\u30a1-\u30fa]){_KANA}(?:[ \u3000]{_KANA})*")
_EMAIL_LOCAL = re.compile(r"[A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]+")
_EMAIL_LABEL = re.compile(r"[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?")
_POSTAL = re.compile(r"〒?\s*(\d{3})-?(\d{4})", re.ASCII)
_ISO_DATE = re.compile(r"(\d{4})-(\d{2})-(\d{2})", re.ASCII)
_LOOSE_DATE = re.compile(r"(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})|(\d{4})(\d{2})(\d{2})|(\d{4})年(\d{1,2})月(\d{1,2})日")
_ERA_DATE = re.compile(r"(明治|大正|昭和|平成|令和|[MTSHR])\s*(\d{1,2}|元)\s*[年./-]")
_ISO_TIME = re.compile(r"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?", re.ASCII)
_ZONE = re.compile(r"Z|[+-]\d{2}:\d{2}", re.ASCII)
_SERIAL = re.compile(r"\d{4,5}(?:\.0+)?")
_NAME_SYMBOLS = re.compile(r"[!-,/:-@\[-`{-~＠＃＄％＆（）＊＋／：；＜＝＞？［］＾＿｛｜｝〒]")
_PREFECTURE_SUFFIXES = ("都", "道", "府", "県")
_PREFECTURE_BY_STEM = {p.name if p.name == "北海道" else p.name[:-1]: p.name for p in PREFECTURES}
_PREFECTURE_BY_LATIN = {p.name_en.casefold(): p.name for p in PREFECTURES}


def nfkc(values: pd.Series) -> pd.Series:
    """NFKC of each value (full-width to ASCII, half-width kana to full-width), in Arrow's C++ kernels."""
    normal = pc.utf8_normalize(pa.array(values.astype("str"), type=pa.large_string()), form="NFKC")
    return pd.Series(normal, index=values.index, dtype="str")


def defects(values: pd.Series, diagnosis: Diagnosis) -> pd.Series:
    """The defect code of every value (NA where none or missing), computed once per distinct value."""
    codes, uniques = pd.factorize(values)
    found = [diagnosis(v) if isinstance(v, str) else None for v in uniques] + [None]
    return pd.Series(pd.array(found, dtype="str").take(codes), index=values.index)


_CONTROL = "[\x00-\x08\x0b-\x1f\x7f-\x9f\u200b-\u200f\u2028-\u202e\u2060-\u2064\ufeff\t\n\r]"
_STRAY = "^[ \u3000\t]|[ \u3000\t]$|  |\u3000\u3000"


def text_defects(values: pd.Series) -> pd.Series:
    """`text_defect` for a whole column, vectorised: NA where the text has none of those defects."""
    text = values.astype("str")
    garbled = text.str.contains("\ufffd", regex=False) | text.str.contains(_LATIN1_MOJIBAKE.pattern, regex=True)
    garbled |= text.str.contains(_CP932_MOJIBAKE.pattern, regex=True)
    codes = pd.Series(pd.NA, index=values.index, dtype="str")
    codes = codes.mask(text.str.contains(_STRAY, regex=True).fillna(False), "stray_space")
    codes = codes.mask(text.str.contains(_CONTROL, regex=True).fillna(False), "control_character")
    return codes.mask(garbled.fillna(False), "encoding_damage")


def text_defect(value: str) -> str | None:
    """Defects any text can have: garbled or control characters, stray spaces."""
    if "\ufffd" in value or _LATIN1_MOJIBAKE.search(value) or _CP932_MOJIBAKE.search(value):
        return "encoding_damage"
    if any(unicodedata.category(ch) in ("Cc", "Cf") for ch in value):
        return "control_character"
    if value != value.strip(_SPACES) or "  " in value or "\u3000\u3000" in value:
        return "stray_space"
    return None


def _folded(value: str) -> str:
    return re.sub(_HYPHEN_CLASS, "-", unicodedata.normalize("NFKC", value))


def email_defect(value: str) -> str | None:
    """An e-mail address's defect: two @, no @, a domain without a dot, full-width characters, ..."""
    found = text_defect(value)
    if found:
        return found
    if not value.isascii():
        folded = unicodedata.normalize("NFKC", value)
        return "full_width" if folded.isascii() and email_defect(folded) is None else "email_bad_character"
    if " " in value:
        return "stray_space"
    if value.count("@") == 0:
        return "email_no_at"
    if value.count("@") > 1:
        return "email_two_at"
    local, domain = value.split("@")
    if not local or not domain:
        return "email_part_missing"
    if local.startswith(".") or local.endswith(".") or ".." in value or domain.startswith(".") or domain.endswith("."):
        return "email_dot_misplaced"
    if not _EMAIL_LOCAL.fullmatch(local) or not re.fullmatch(r"[A-Za-z0-9.-]+", domain):
        return "email_bad_character"
    if "." not in domain:
        return "email_domain_no_dot"
    labels = domain.split(".")
    if not all(_EMAIL_LABEL.fullmatch(label) for label in labels) or not labels[-1].isalpha():
        return "email_bad_domain"
    # A dot lost or a letter slipped in the ending (example.nejp, example.comm) leaves a domain that cannot exist.
    return None if has_public_suffix(domain) else "email_bad_domain"


def phone_defect(value: str) -> str | None:
    """A phone's defect: leading zero lost, stored as a number, wrong length, not Japanese, ..."""
    found = text_defect(value)
    # Spaces between the digit groups are a way of writing a phone; only those around it are stray.
    if found and (found != "stray_space" or value != value.strip(_SPACES)):
        return found
    return japanese_phone_defect(value)


def postal_code_defect(value: str) -> str | None:
    """A postal code's defect: not seven digits, a lost leading zero, or a code Japan Post does not list."""
    found = text_defect(value)
    if found:
        return found
    folded = _folded(value).strip()
    match = _POSTAL.fullmatch(folded)
    if match is None:
        digits = re.sub(r"\D", "", folded)
        if re.fullmatch(r"\d{3}-?\d{3}|\d{6}", folded) and postal_code_exists("0" + digits):
            return "postal_code_leading_zero_lost"
        return "postal_code_wrong_length" if re.fullmatch(r"〒?[\d\-\s]+", folded) else "wrong_format"
    return None if postal_code_exists(match[1] + match[2]) else "postal_code_unlisted"


def prefecture_defect(value: str) -> str | None:
    """A prefecture's defect: missing or wrong 都/道/府/県, Latin letters, stray space, not a prefecture."""
    if value in PREFECTURE_BY_NAME:
        return None
    found = text_defect(value)
    stripped = unicodedata.normalize("NFKC", value).strip()
    if stripped in PREFECTURE_BY_NAME:
        return found or "full_width"
    if stripped in _PREFECTURE_BY_STEM:
        return "prefecture_suffix_missing"
    if stripped[-1:] in _PREFECTURE_SUFFIXES and stripped[:-1] in _PREFECTURE_BY_STEM:
        return "prefecture_wrong_suffix"
    latin = re.sub(r"[-\s]*(?:to|do|fu|ken|prefecture)$", "", stripped.casefold())
    if latin in _PREFECTURE_BY_LATIN or stripped.casefold() in _PREFECTURE_BY_LATIN:
        return "prefecture_in_latin"
    return found or "not_a_prefecture"


def reading_defect(value: str) -> str | None:
    """A reading's defect: hiragana, kanji or Latin letters where katakana belongs (half-width is folded)."""
    found = text_defect(value)
    if found:
        return found
    folded = unicodedata.normalize("NFKC", value).replace("-", "\u30fc")
    if _KATAKANA.fullmatch(folded):
        return None
    if re.search("[\u3041-\u3096]", folded):
        return "reading_hiragana"
    if re.search("[\u4e00-\u9fff\u3400-\u4dbf々]", folded):
        return "reading_kanji"
    if re.search("[A-Za-z]", folded):
        return "reading_latin"
    return "reading_wrong_characters"


def name_defect(value: str) -> str | None:
    """A name's defect: garbled characters, stray spaces, digits or symbols (any script's letters are fine)."""
    found = text_defect(value)
    if found:
        return found
    folded = unicodedata.normalize("NFKC", value)
    if any(ch.isdigit() for ch in folded):
        return "name_has_digits"
    # Apostrophes, hyphens and dots belong to western names (O'Brien, Jean-Luc, J. Smith).
    if _NAME_SYMBOLS.search(folded.replace("'", "").replace("-", "").replace(".", "")):
        return "name_has_symbols"
    return None


def date_defect(value: str) -> str | None:
    """A date's defect: not YYYY-MM-DD, an era date, a spreadsheet serial number, a day that does not exist."""
    found = text_defect(value)
    if found:
        return found
    match = _ISO_DATE.fullmatch(value)
    if match:
        return None if _exists(match[1], match[2], match[3]) else "date_impossible"
    folded = unicodedata.normalize("NFKC", value).strip()
    if folded != value and _ISO_DATE.fullmatch(folded):
        return "full_width"
    if _ERA_DATE.match(folded):
        return "date_era"
    if _SERIAL.fullmatch(folded):
        return "date_serial_number"
    loose = _LOOSE_DATE.fullmatch(folded)
    if loose:
        year, month, day = [part for part in loose.groups() if part is not None]
        return "date_not_iso" if _exists(year, month, day) else "date_impossible"
    return "date_not_iso"


def timestamp_defect(value: str) -> str | None:
    """A timestamp's defect: not ISO 8601, no time zone, a day that does not exist."""
    found = text_defect(value)
    if found:
        return found
    head = _ISO_TIME.match(value)
    if head is None:
        dated = date_defect(value[:10]) if len(value) >= 10 else "timestamp_not_iso"
        return "date_impossible" if dated == "date_impossible" else "timestamp_not_iso"
    if not _exists(value[:4], value[5:7], value[8:10]):
        return "date_impossible"
    rest = value[head.end() :]
    if not rest:
        return "timestamp_no_timezone"
    if not _ZONE.fullmatch(rest):
        return "timestamp_not_iso"
    try:
        datetime.fromisoformat(value)
    except ValueError:
        return "date_impossible"
    return None


def integer_defect(value: str) -> str | None:
    """A whole number's defect: a unit or words (50人), a thousands separator, a decimal, full-width digits."""
    found = text_defect(value)
    if found:
        return found
    if re.fullmatch(r"[+-]?[0-9]+", value):
        return None
    folded = unicodedata.normalize("NFKC", value).strip()
    if re.fullmatch(r"[+-]?\d+", folded):
        return "full_width"
    if re.fullmatch(r"[+-]?\d{1,3}(?:,\d{3})+", folded):
        return "number_with_separator"
    if re.fullmatch(r"[+-]?\d+\.\d+", folded):
        return "not_whole_number"
    if re.search(r"\d", folded):
        return "number_with_unit"
    return "not_whole_number"


def code_defect(allowed: Iterable[str]) -> Diagnosis:
    """A diagnosis for a code list: stray space, wrong letter case or full width of an allowed value, else unlisted."""
    allowed_set = {str(a) for a in allowed}
    folded = {unicodedata.normalize("NFKC", a).casefold(): a for a in allowed_set}

    def diagnose(value: str) -> str | None:
        if value in allowed_set:
            return None
        normal = unicodedata.normalize("NFKC", value)
        if normal.strip(_SPACES) in allowed_set:
            return "stray_space" if normal.strip(_SPACES) != normal else "full_width"
        if normal.strip(_SPACES).casefold() in folded:
            return "wrong_case"
        return text_defect(value) or "not_in_list"

    return diagnose


def _exists(year: str, month: str, day: str) -> bool:
    try:
        date(int(year), int(month), int(day))
    except ValueError:
        return False
    return True
