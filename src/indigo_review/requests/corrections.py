"""A member's correction (policy 8): read the requested changes, validate them with the accuracy rules, and
turn the valid ones into a reviewed change set; the source table is never edited.

The rules are the accuracy checks' own: the corrected row runs through the members suite with the check's
evaluator (`indigo_review.check.broken_rules`), so a correction meets exactly what the nightly check enforces.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path

import pandas as pd

from ..errors import InputError
from ..io import read_table

CHANGE_COLUMNS = ("column", "new_value")
CHANGE_SET_COLUMNS = ["table", "record_id", "column", "before", "after"]
# The society's own keys: a member cannot ask for them to be changed.
NOT_CORRECTABLE = {"member_id"}


@dataclass(frozen=True)
class Verdict:
    """One requested change and the first rule it breaks (empty when valid)."""

    column: str
    new_value: str
    rule: str = ""

    @property
    def valid(self) -> bool:
        """The change passed every rule."""
        return not self.rule


def read_changes(path: str | Path, columns: list[str]) -> pd.DataFrame:
    """The requested changes (CSV `column,new_value`); a bad file or unknown column is an InputError naming the file."""
    path = Path(path)
    frame = read_table(path).frame
    if list(frame.columns) != list(CHANGE_COLUMNS):
        raise InputError(path, "is not a change file", f"its header must be {','.join(CHANGE_COLUMNS)}")
    if frame.empty:
        raise InputError(path, "lists no change", "add one line per corrected item: column,new_value")
    unknown = sorted(set(frame["column"]) - set(columns))
    if unknown:
        raise InputError(path, f"names unknown column {', '.join(unknown)}", f"use one of {', '.join(columns)}")
    if frame["column"].duplicated().any():
        raise InputError(path, "changes one column twice", "keep one line per column")
    return frame.reset_index(drop=True)


def validate_changes(
    member: pd.Series, changes: pd.DataFrame, suites_dir: str | Path, today: date | None = None
) -> list[Verdict]:
    """Each change and the rule it breaks, judged by the members suite itself on the corrected row (a new postal
    code with the new prefecture); a rule the row broke before and that is about another column is not the
    change's doing."""
    from ..check import broken_rules  # deferred: the check package loads Great Expectations

    after = member.astype("str").copy()
    for change in changes.itertuples():
        after[change.column] = change.new_value
    broken = broken_rules("members", after.to_dict(), suites_dir, today or date.today())
    verdicts = []
    for change in changes.itertuples():
        column, value = str(change.column), str(change.new_value)
        rules = [rule for rule, columns in broken.items() if column in columns]
        rule = "member_id_not_correctable" if column in NOT_CORRECTABLE else (rules[0] if rules else "")
        verdicts.append(Verdict(column, value, rule))
    return verdicts


def change_set(member: pd.Series, verdicts: list[Verdict], table: str = "members") -> pd.DataFrame:
    """The reviewed change set: table, record id, column, value before, value after."""
    rows = [
        {
            "table": table,
            "record_id": str(member["member_id"]),
            "column": v.column,
            "before": str(member[v.column]),
            "after": v.new_value,
        }
        for v in verdicts
    ]
    return pd.DataFrame(rows, columns=CHANGE_SET_COLUMNS)


def corrected_rows(member_rows: pd.DataFrame, verdicts: list[Verdict]) -> pd.DataFrame:
    """A copy of the member's rows with the changes applied (the source table stays as it is)."""
    out = member_rows.copy()
    for verdict in verdicts:
        out[verdict.column] = verdict.new_value
    return out
