"""A member's correction (policy 8): read the requested changes, validate them with the accuracy rules, and
turn the valid ones into a reviewed change set; the source table is never edited.

The rules are the ones the accuracy checks enforce: the members suite's own rules (formats, value sets,
presence; `expectations/members.json`, by rule name) and the plain rule functions the check job publishes
(`indigo_review.check.rules`: Japanese phone, katakana reading, postal code exists and matches the prefecture).
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import pandas as pd

from ..errors import InputError
from ..io import read_table
from ..reference import age_on

CHANGE_COLUMNS = ("column", "new_value")
CHANGE_SET_COLUMNS = ["table", "record_id", "column", "before", "after"]
# The society's own keys: a member cannot ask for them to be changed.
NOT_CORRECTABLE = {"member_id"}
_AGE_BOUNDS = (15, 110)
# Custom expectation types of the suite, and the check job's rule function behind each.
_RULE_FUNCTIONS = {
    "expect_column_values_to_be_katakana_reading": "is_katakana_reading",
    "expect_column_values_to_be_japanese_phone_number": "is_japanese_phone",
    "expect_column_values_to_be_japanese_postal_code": "is_known_postal_code",
}
_PAIR_POSTAL_PREFECTURE = "expect_column_pair_values_postal_code_to_match_prefecture"


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


def load_member_rules(suites_dir: str | Path) -> list[dict]:
    """The members suite's expectations (plain GX suite JSON)."""
    path = Path(suites_dir) / "members.json"
    try:
        return list(json.loads(path.read_text(encoding="utf-8"))["expectations"])
    except (OSError, ValueError, KeyError, TypeError) as exc:
        raise InputError(path, f"the members suite cannot be read ({type(exc).__name__})", "pass --suites") from None


def _rule(item: dict) -> str:
    return str(item.get("meta", {}).get("rule", item.get("type", "")))


def _column_rule_fails(item: dict, value: str) -> bool:
    """True when the value breaks one column expectation of the suite (types this job can evaluate)."""
    from .. import check  # deferred: the check package loads Great Expectations

    kind, kwargs = item["type"], item["kwargs"]
    if kind == "expect_column_values_to_not_be_null":
        return not value.strip()
    if kind == "expect_column_values_to_match_regex":
        return re.search(kwargs["regex"], value) is None
    if kind == "expect_column_values_to_be_in_set":
        return value not in kwargs["value_set"]
    if kind in _RULE_FUNCTIONS:
        return not bool(getattr(check.rules, _RULE_FUNCTIONS[kind])(pd.Series([value]))[0])
    return False


def _date_rule(column: str, value: str, birth: str, today: date) -> str:
    """birth_date and joined_on are checked as the suite checks their derived columns."""
    try:
        day = date.fromisoformat(value)
    except ValueError:
        return f"{column}_is_date"
    if column == "birth_date":
        if day > today:
            return "birth_date_not_future"
        if not _AGE_BOUNDS[0] <= age_on(day, today) <= _AGE_BOUNDS[1]:
            return "age_within_bounds"
    if column == "joined_on":
        try:
            if day <= date.fromisoformat(birth):
                return "joined_after_birth"
        except ValueError:
            pass
    return ""


def validate_changes(
    member: pd.Series, changes: pd.DataFrame, rules: list[dict], today: date | None = None
) -> list[Verdict]:
    """Each change and the first rule it breaks, judged on the corrected row (new postal code with new prefecture)."""
    from .. import check  # deferred: the check package loads Great Expectations

    today = today or date.today()
    after = member.copy()
    for change in changes.itertuples():
        after[change.column] = change.new_value
    verdicts = []
    for change in changes.itertuples():
        column, value = str(change.column), str(change.new_value)
        broken = "member_id_not_correctable" if column in NOT_CORRECTABLE else ""
        for item in rules:
            if broken:
                break
            if item["kwargs"].get("column") == column and _column_rule_fails(item, value):
                broken = _rule(item)
            elif item["type"] == _PAIR_POSTAL_PREFECTURE and column in (
                item["kwargs"]["column_A"],
                item["kwargs"]["column_B"],
            ):
                postal = pd.Series([str(after[item["kwargs"]["column_A"]])])
                prefecture = pd.Series([str(after[item["kwargs"]["column_B"]])])
                if not bool(check.rules.postal_code_matches_prefecture(postal, prefecture)[0]):
                    broken = _rule(item)
        if not broken and column in ("birth_date", "joined_on"):
            broken = _date_rule(column, value, str(after.get("birth_date", "")), today)
        verdicts.append(Verdict(column, value, broken))
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
