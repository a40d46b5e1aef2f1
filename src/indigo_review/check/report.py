"""The check's HTML report: the verdict, what is wrong by kind of defect, the failing records (shapes only),
likely duplicates, the coverage table, every expectation and the trend. Its words come from `messages`."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pandas as pd

from ..errors import EXIT_PASS
from ..report import Section, write_html_report
from .findings import by_defect
from .messages import SECTIONS, TEXTS, TITLE

DATA_DOCS = "data_docs"


def failing_by_rule(failing: pd.DataFrame) -> pd.DataFrame:
    """How many findings and distinct records each rule has."""
    if failing.empty:
        return pd.DataFrame(columns=["table", "rule", "findings", "records"])
    return (
        failing.groupby(["table", "rule"], sort=True)
        .agg(findings=("row", "size"), records=("record_id", "nunique"))
        .reset_index()
    )


def write_report(
    run_dir: Path,
    exit_code: int,
    text: str,
    as_of: date,
    summary: pd.DataFrame,
    failing: pd.DataFrame,
    duplicates: pd.DataFrame,
    covered: pd.DataFrame,
) -> Path:
    """Write report.html into the run folder."""
    status = "pass" if exit_code == EXIT_PASS else "fail"
    failed = summary[~summary["passed"]]

    def table(frame: pd.DataFrame) -> pd.DataFrame | None:
        return frame if len(frame) else None

    sections = [
        Section(
            SECTIONS["result"],
            TEXTS["result"].format(summary=text, as_of=as_of.isoformat(), docs=f"{DATA_DOCS}/index.html"),
        ),
        Section(SECTIONS["failed"], "" if len(failed) else TEXTS["none"], table(failed)),
        Section(SECTIONS["by_defect"], "" if len(failing) else TEXTS["none"], table(by_defect(failing))),
        Section(SECTIONS["by_rule"], "", table(failing_by_rule(failing))),
        Section(SECTIONS["failing"], TEXTS["failing"], table(failing.head(200))),
        Section(SECTIONS["duplicates"], TEXTS["duplicates"] if len(duplicates) else TEXTS["none"], table(duplicates)),
        Section(SECTIONS["coverage"], TEXTS["coverage"], covered),
        Section(SECTIONS["all"], "", summary),
        Section(SECTIONS["trend"], TEXTS["trend"], image="trend.png"),
    ]
    return write_html_report(run_dir / "report.html", TITLE, status, sections)
