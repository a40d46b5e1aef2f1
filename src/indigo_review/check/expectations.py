"""Great Expectations 1.x custom expectations for Japanese member records, where GX has no built-in one.

Importing this module registers these expectations (GX registers a class when it is defined), so a
suite JSON can name them by type:

- `expect_column_values_to_be_japanese_phone_number`: after folding full-width digits and dash
  look-alikes, a 10-digit landline or an 11-digit 050/060/070/080/090/0800 number written with its
  leading 0 (or +81); a number that lost its 0 or was stored as a number fails;
- `expect_column_values_to_be_katakana_reading`: katakana, long-vowel mark, middle dot and spaces only
  (half-width kana accepted);
- `expect_column_values_to_be_japanese_postal_code`: seven digits (〒, hyphen, full-width forms
  accepted) that exist in Japan Post's data;
- `expect_column_pair_values_postal_code_to_match_prefecture`: the postal code (column_A) lies in the
  prefecture (column_B);
- `expect_column_values_to_be_person_name`: letters of any script and single spaces; no digits, symbols,
  garbled (mis-decoded) or control characters;
- `expect_column_values_to_be_email_address`: one @, the usual characters, a domain ending in a public
  suffix that exists (offline Public Suffix List), so `example.nejp` fails as well as `x@@example.com`;
- `expect_column_values_to_be_clean_text`: no garbled or control characters, no stray spaces;
- `expect_multicolumn_values_address_to_match_postal_code`: column_list [address, postal_code,
  prefecture]: the municipality and town the address starts with are the postal code's (Japan Post), in
  the named prefecture (`places.py`).

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
from great_expectations.expectations.expectation import (  # noqa: E402
    ColumnMapExpectation,
    ColumnPairMapExpectation,
    MulticolumnMapExpectation,
)
from great_expectations.expectations.metrics import ColumnMapMetricProvider, column_condition_partial  # noqa: E402
from great_expectations.expectations.metrics.map_metric_provider import (  # noqa: E402
    ColumnPairMapMetricProvider,
    MulticolumnMapMetricProvider,
    column_pair_condition_partial,
)
from great_expectations.expectations.metrics.map_metric_provider.multicolumn_condition_partial import (  # noqa: E402
    multicolumn_condition_partial,
)

from .rules import (  # noqa: E402
    address_matches_postal_code,
    is_clean_text,
    is_email,
    is_japanese_phone,
    is_katakana_reading,
    is_known_postal_code,
    is_name,
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
        return is_katakana_reading(column)


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


class ColumnValuesPersonName(ColumnMapMetricProvider):
    """Metric: each value reads as a person's name."""

    condition_metric_name = "column_values.indigo_person_name"

    @column_condition_partial(engine=PandasExecutionEngine)
    def _pandas(cls, column: pd.Series, **kwargs: object) -> pd.Series:
        return is_name(column)


class ColumnValuesEmailAddress(ColumnMapMetricProvider):
    """Metric: each value is an e-mail address that can exist."""

    condition_metric_name = "column_values.indigo_email_address"

    @column_condition_partial(engine=PandasExecutionEngine)
    def _pandas(cls, column: pd.Series, **kwargs: object) -> pd.Series:
        return is_email(column)


class ColumnValuesCleanText(ColumnMapMetricProvider):
    """Metric: each value is text without garbled or control characters or stray spaces."""

    condition_metric_name = "column_values.indigo_clean_text"

    @column_condition_partial(engine=PandasExecutionEngine)
    def _pandas(cls, column: pd.Series, **kwargs: object) -> pd.Series:
        return is_clean_text(column)


class MulticolumnValuesAddressMatchesPostalCode(MulticolumnMapMetricProvider):
    """Metric: the address (first column) starts with the postal code's (second) place, in the prefecture (third)."""

    condition_metric_name = "multicolumn_values.indigo_address_matches_postal_code"
    condition_domain_keys = ("batch_id", "table", "column_list", "row_condition", "condition_parser", "ignore_row_if")

    @multicolumn_condition_partial(engine=PandasExecutionEngine)
    def _pandas(cls, column_list: pd.DataFrame, **kwargs: object) -> pd.Series:
        address, postal_code, prefecture = (column_list.iloc[:, i] for i in range(3))
        return address_matches_postal_code(address, postal_code, prefecture)


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


class ExpectColumnValuesToBePersonName(ColumnMapExpectation):
    """Expect each value to read as a person's name: letters of any script, no digits, symbols or garbling."""

    map_metric: ClassVar[str] = "column_values.indigo_person_name"
    success_keys: ClassVar[tuple[str, ...]] = ("mostly",)


class ExpectColumnValuesToBeEmailAddress(ColumnMapExpectation):
    """Expect each value to be an e-mail address that can exist: one @, a domain ending in a public suffix."""

    map_metric: ClassVar[str] = "column_values.indigo_email_address"
    success_keys: ClassVar[tuple[str, ...]] = ("mostly",)


class ExpectColumnValuesToBeCleanText(ColumnMapExpectation):
    """Expect each value to be text without garbled or control characters and without stray spaces."""

    map_metric: ClassVar[str] = "column_values.indigo_clean_text"
    success_keys: ClassVar[tuple[str, ...]] = ("mostly",)


class ExpectMulticolumnValuesAddressToMatchPostalCode(MulticolumnMapExpectation):
    """Expect the address's municipality and town to be the postal code's, in the named prefecture (Japan Post).

    column_list is [address, postal_code, prefecture]; rows missing any of them are left to the not-null rules.
    """

    ignore_row_if: Literal["all_values_are_missing", "any_value_is_missing", "never"] = "any_value_is_missing"
    map_metric: ClassVar[str] = "multicolumn_values.indigo_address_matches_postal_code"
    success_keys: ClassVar[tuple[str, ...]] = ("column_list", "ignore_row_if", "mostly")


CUSTOM_EXPECTATIONS: tuple[type, ...] = (
    ExpectColumnValuesToBeJapanesePhoneNumber,
    ExpectColumnValuesToBeKatakanaReading,
    ExpectColumnValuesToBeJapanesePostalCode,
    ExpectColumnPairValuesPostalCodeToMatchPrefecture,
    ExpectColumnValuesToBePersonName,
    ExpectColumnValuesToBeEmailAddress,
    ExpectColumnValuesToBeCleanText,
    ExpectMulticolumnValuesAddressToMatchPostalCode,
)
