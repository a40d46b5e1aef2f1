"""One record checked by its table's suite: the rules the nightly check would fail it on.

A member's correction (policy 8) must meet the same accuracy rules as the nightly check. Rather than read
the suite JSON again and re-implement its rules, the one corrected record runs through the same evaluator:
the same prepared columns, the same Great Expectations suite, on a frame of one row. Rules between records
(unique ids, likely duplicates, sign-ups against events) cannot fail on one row; every rule about the record
itself can. A suite that names an unknown expectation type is a SuiteError, never a pass (`suites.load_suite`).
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from pathlib import Path

import pandas as pd

from .coverage import raw_columns
from .job import validate_tables
from .prepare import TABLES, prepare_tables
from .suites import load_suite

__all__ = ["broken_rules", "raw_columns"]


def broken_rules(table: str, record: Mapping[str, str], suites_dir: str | Path, as_of: date) -> dict[str, set[str]]:
    """Each rule of the table's suite that the record breaks, with the raw columns the rule is about."""
    suite = load_suite(Path(suites_dir) / f"{table}.json", table)
    frames = {name: pd.DataFrame() for name in TABLES}
    frames[table] = pd.DataFrame([dict(record)], dtype="str")
    prepared = prepare_tables(frames, as_of)
    summary, _ = validate_tables(prepared, {table: suite}, as_of)
    failed = set(summary.loc[~summary["passed"], "rule"])
    return {e.rule: raw_columns(e) for e in suite.expectations if e.rule in failed}
