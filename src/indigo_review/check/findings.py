"""Findings a person can act on: each failing record with its rule, the kind of defect and the value's shape.

The defect kind comes from the expectation: `meta.diagnose` names the diagnosis (`rules.DIAGNOSES`) that
reads it off the value, `meta.defect` gives a fixed kind (or the fallback when a diagnosis finds nothing),
and an expectation that says neither gets its type's usual kind (a not-null rule finds `missing`, a code
list is diagnosed for stray spaces, letter case and full width, ...). The value itself never leaves:
`masked_value` is its shape (`shapes.py`), and only the society's own ids are shown as they are.
"""

from __future__ import annotations

from typing import Any

import pandas as pd

from .messages import describe
from .rules import diagnose_columns
from .shapes import shape_of
from .suites import SuiteExpectation

FAILING_COLUMNS = [
    "table",
    "record_id",
    "row",
    "rule",
    "expectation",
    "column",
    "defect",
    "description",
    "masked_value",
    "detail",
]
# Columns that hold the society's own identifiers, not personal data: shown as they are.
ID_LIKE = frozenset({"member_id", "event_id", "signup_id", "duplicate_of"})
# The diagnosis an expectation type implies when its meta names none.
_TYPE_DIAGNOSIS = {
    "expect_column_values_to_be_japanese_phone_number": "phone",
    "expect_column_values_to_be_katakana_reading": "reading",
    "expect_column_values_to_be_japanese_postal_code": "postal_code",
    "expect_column_pair_values_postal_code_to_match_prefecture": "postal_code_prefecture",
    "expect_column_values_to_be_person_name": "name",
    "expect_column_values_to_be_clean_text": "text",
    "expect_column_values_to_be_email_address": "email",
    "expect_multicolumn_values_address_to_match_postal_code": "address",
    "expect_column_values_to_be_in_set": "code",
    "expect_column_values_to_match_regex": "text",
}
# The defect an expectation type's findings have when nothing more specific is known.
_TYPE_DEFECT = {
    "expect_column_values_to_not_be_null": "missing",
    "expect_column_values_to_be_unique": "repeated_value",
    "expect_compound_columns_to_be_unique": "repeated_key",
    "expect_column_values_to_be_in_set": "not_in_list",
    "expect_column_values_to_be_between": "out_of_range",
    "expect_column_pair_values_a_to_be_greater_than_b": "out_of_order",
}


def defect_codes(expectation: SuiteExpectation, frame: pd.DataFrame, index: pd.Index) -> pd.Series:
    """The defect code of each failing row."""
    fixed = expectation.meta.get("defect") or _TYPE_DEFECT.get(expectation.type, "wrong_format")
    # A fixed kind in meta wins over the type's usual diagnosis; an explicit diagnosis wins over both.
    name = expectation.meta.get("diagnose") or (
        None if "defect" in expectation.meta else _TYPE_DIAGNOSIS.get(expectation.type)
    )
    if name is None or (
        expectation.type == "expect_column_values_to_not_be_null" and "diagnose" not in expectation.meta
    ):
        return pd.Series(fixed, index=index, dtype="str")
    columns = expectation.columns if name in ("address", "postal_code_prefecture") else [_evidence(expectation)]
    if not set(columns) <= set(frame.columns):
        return pd.Series(fixed, index=index, dtype="str")
    rows = frame.loc[index]
    codes = diagnose_columns(name, rows, columns, dict(expectation.kwargs))
    return codes.fillna(fixed).astype("str")


def _evidence(expectation: SuiteExpectation) -> str:
    return expectation.evidence or expectation.column or ""


def failing_records(
    table: str, id_column: str, expectation: SuiteExpectation, frame: pd.DataFrame, rows: list[Any], details: Any = None
) -> pd.DataFrame:
    """One row per failing record: where it is, the rule, the defect kind in code and words, the value's shape."""
    index = pd.Index([r for r in rows if not isinstance(r, dict)])
    evidence = _evidence(expectation) if _evidence(expectation) in frame.columns else None
    values = frame.loc[index, evidence] if evidence else pd.Series("", index=index)
    shown = values.astype("str") if evidence in ID_LIKE else values.map(lambda v: shape_of(v, evidence or ""))
    codes = defect_codes(expectation, frame, index)
    detail = frame.loc[index, id_column].map(details) if details is not None and id_column in frame else ""
    return pd.DataFrame(
        {
            "table": table,
            "record_id": frame.loc[index, id_column].to_numpy() if id_column in frame else "",
            "row": index.to_numpy(),
            "rule": expectation.rule,
            "expectation": expectation.type,
            "column": evidence or "",
            "defect": codes.to_numpy(),
            "description": codes.map(describe).to_numpy(),
            "masked_value": shown.fillna("").to_numpy(),
            "detail": pd.Series(detail, index=index).fillna("").to_numpy() if details is not None else "",
        },
        columns=FAILING_COLUMNS,
    )


def by_defect(failing: pd.DataFrame) -> pd.DataFrame:
    """How many findings and records each kind of defect has, per table and rule."""
    if failing.empty:
        return pd.DataFrame(columns=["table", "rule", "defect", "description", "findings", "records"])
    return (
        failing.groupby(["table", "rule", "defect", "description"], sort=True)
        .agg(findings=("row", "size"), records=("record_id", "nunique"))
        .reset_index()
    )
