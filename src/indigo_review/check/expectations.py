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
from GX (`rules.py`). Missing values are left to `expect_column_values_to_not_be_null`; GX skips them here.
"""

from __future__ import annotations

import logging
import os
from typing import ClassVar, Literal

# GX must never phone home nor chatter in a scheduler's log; the variable is read when GX is imported.
os.environ["GX_ANALYTICS_ENABLED"] = "false"
logging.getLogger("great_expectations").setLevel(logging.CRITICAL)

import pandas as pd  # noqa: E402
from great_expectations.execution_engine import PandasExecutionEngine  # noqa: E402
from great_expectations.expectations.expectation import ColumnMapExpectation, ColumnPairMapExpectation  # noqa: E402
from great_expectations.expectations.metrics import ColumnMapMetricProvider, column_condition_partial  # noqa: E402
from great_expectations.expectations.metrics.map_metric_provider import (  # noqa: E402
    ColumnPairMapMetricProvider,
    column_pair_condition_partial,
)

from .rules import (  # noqa: E402
    is_japanese_phone,
    is_katakana_reading,
    is_known_postal_code,
    on_unique,
    postal_code_matches_prefecture,
)


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
