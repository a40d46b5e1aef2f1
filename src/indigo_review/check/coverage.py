"""Coverage: every column of the schema and the rules on it, so a column nobody checks cannot go unnoticed.

The schema is the check's own statement of the three tables (design.md, "Sample data"). A rule covers the
raw columns it names and, for a rule on a derived column, the raw columns that column is computed from
(`prepare.DERIVED`); a rule that only asks whether the column exists covers nothing.
"""

from __future__ import annotations

import pandas as pd

from .messages import NO_RULE
from .prepare import DERIVED
from .suites import Suite, SuiteExpectation

SCHEMA: dict[str, tuple[str, ...]] = {
    "members": (
        "member_id",
        "name_kanji",
        "name_kana",
        "email",
        "phone",
        "postal_code",
        "prefecture",
        "address",
        "birth_date",
        "gender",
        "joined_on",
        "consent_analysis",
        "consent_third_party",
        "status",
    ),
    "events": ("event_id", "title", "category", "venue_prefecture", "starts_at", "capacity", "fee_yen"),
    "signups": ("signup_id", "event_id", "member_id", "signed_up_at", "channel", "attended", "comment"),
}
_EXISTENCE = "expect_column_to_exist"


def raw_columns(expectation: SuiteExpectation) -> set[str]:
    """The raw columns of the table an expectation is about (a derived column is about what it is computed from)."""
    columns: set[str] = set()
    for name in expectation.columns:
        columns.update(DERIVED.get(name, (name,)))
    if expectation.evidence:
        columns.add(expectation.evidence)
    return columns


def coverage(suites: dict[str, Suite]) -> pd.DataFrame:
    """One row per schema column (and per other column a suite checks): table, column, the rules, how many."""
    rows = []
    for table, suite in suites.items():
        rules: dict[str, list[str]] = {column: [] for column in SCHEMA.get(table, ())}
        for expectation in suite.expectations:
            if expectation.type == _EXISTENCE:
                continue
            for column in sorted(raw_columns(expectation)):
                rules.setdefault(column, []).append(expectation.rule)
        rows += [
            {"table": table, "column": column, "rules": ", ".join(names) or NO_RULE, "count": len(names)}
            for column, names in rules.items()
        ]
    return pd.DataFrame(rows, columns=["table", "column", "rules", "count"])


def uncovered(table: pd.DataFrame) -> list[str]:
    """`table.column` of every column without a rule."""
    return [f"{r.table}.{r.column}" for r in table[table["count"] == 0].itertuples()]
