"""The check's HTML report: the verdict (what is wrong, what to fix, the command that checks again), then what
is wrong by kind of defect, the failing records (shapes only), likely duplicates, the coverage table, every
expectation and the trend. Its words come from `messages`, in Japanese or English."""

from __future__ import annotations

import shlex
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import pandas as pd

from ..i18n import N_, translator
from ..report import Section, Verdict, write_html_report
from .findings import by_defect
from .messages import COLUMNS, SECTIONS, TEXTS, TITLE

DATA_DOCS = "data_docs"
REPORT_NAME = "report.html"
RESULT_NAME = "results.json"
SHOWN_FAILING = 200
_FAILED_COLUMNS = ["table", "rule", "column", "checked", "unexpected_count", "unexpected_percent", "error"]
LINKS = (
    (N_("Data Docs: every rule in words and its result"), f"{DATA_DOCS}/index.html"),
    (N_("failing records (masked)"), "failing_records.csv"),
    (N_("likely duplicates"), "duplicates.csv"),
    (N_("machine-readable result"), RESULT_NAME),
    (N_("executed notebook"), "notebook.ipynb"),
)


@dataclass(frozen=True)
class CheckFigures:
    """What the verdict needs besides the results: the reference date, the command that reruns the check, the tables."""

    as_of: date
    command: str
    tables: int


def failing_by_rule(failing: pd.DataFrame) -> pd.DataFrame:
    """How many findings and distinct records each rule has."""
    if failing.empty:
        return pd.DataFrame(columns=["table", "rule", "findings", "records"])
    return (
        failing.groupby(["table", "rule"], sort=True)
        .agg(findings=("row", "size"), records=("record_id", "nunique"))
        .reset_index()
    )


def command_line(data: str, as_of: date, suites: str = "") -> str:
    """The command that checks the same tables again as of the same day."""
    words = ["indigo-review", "check", "--data", shlex.quote(data), "--as-of", as_of.isoformat()]
    if suites:
        words += ["--suites", shlex.quote(suites)]
    return " ".join(words)


def check_verdict(
    summary: pd.DataFrame,
    failing: pd.DataFrame,
    duplicates: pd.DataFrame,
    figures: CheckFigures,
    t: Callable[..., str],
) -> Verdict:
    """PASS when every expectation passed; else FAIL, with the commonest defects and what to fix first."""
    total = len(summary)
    failed = int((~summary["passed"]).sum()) if total else 0
    as_of = figures.as_of.isoformat()
    if not failed:
        return Verdict(
            "pass",
            t(
                "All {total} accuracy rules passed on {tables} tables as of {as_of}.",
                total=total,
                tables=figures.tables,
                as_of=as_of,
            ),
            steps=[t("Nothing to fix. The check runs again on its schedule; the trend below shows every run.")],
            commands=[figures.command],
        )
    records = failing.drop_duplicates(["table", "record_id"]).shape[0] if len(failing) else 0
    kinds = failing.groupby("description").size().sort_values(ascending=False, kind="stable").head(3)
    why = t("Commonest: {kinds}.", kinds="; ".join(f"{text} ({n})" for text, n in kinds.items())) if len(kinds) else ""
    steps = [
        t(
            "Correct the records listed in failing_records.csv (record id, rule, what is wrong; values masked) "
            "in the membership system, not in the export."
        )
    ]
    if len(duplicates):
        steps.append(
            t(
                "Look at the {pairs} likely duplicate pair(s) in duplicates.csv and merge those that are one person.",
                pairs=len(duplicates),
            )
        )
    if len(failing) < failed:
        steps.append(t("A rule that failed without a record (an error, a missing column) is in the table of failures."))
    steps.append(t("Run the check again as of the same day: it must pass before the data is used for planning."))
    return Verdict(
        "fail",
        t(
            "{records} record(s) need fixing: {failed} of {total} accuracy rules failed as of {as_of}.",
            records=records,
            failed=failed,
            total=total,
            as_of=as_of,
        ),
        why=why,
        steps=steps,
        commands=[figures.command],
    )


def write_report(
    run_dir: Path,
    verdict: Verdict,
    summary: pd.DataFrame,
    failing: pd.DataFrame,
    duplicates: pd.DataFrame,
    covered: pd.DataFrame,
    lang: str,
) -> Path:
    """Write report.html into the run folder."""
    t = translator(lang)
    # The failures at a glance; the suite file, GX type and `mostly` of each stay in "All expectations".
    failed = summary.loc[~summary["passed"], [c for c in _FAILED_COLUMNS if c in summary.columns]]

    def table(frame: pd.DataFrame) -> pd.DataFrame | None:
        return frame if len(frame) else None

    sections = [
        Section(t(SECTIONS["failed"]), "" if len(failed) else t(TEXTS["none"]), table(failed)),
        Section(t(SECTIONS["by_defect"]), "" if len(failing) else t(TEXTS["none"]), table(by_defect(failing))),
        Section(t(SECTIONS["by_rule"]), "", table(failing_by_rule(failing))),
        Section(t(SECTIONS["failing"]), t(TEXTS["failing"]), table(failing.head(SHOWN_FAILING))),
        Section(t(SECTIONS["duplicates"]), t(TEXTS["duplicates" if len(duplicates) else "none"]), table(duplicates)),
        Section(t(SECTIONS["coverage"]), t(TEXTS["coverage"]), covered),
        Section(t(SECTIONS["all"]), "", summary),
        Section(t(SECTIONS["trend"]), t(TEXTS["trend"]), image="trend.png"),
    ]
    links = [(t(label), href) for label, href in LINKS]
    return write_html_report(run_dir / REPORT_NAME, t(TITLE), verdict, sections, lang, links, COLUMNS, (RESULT_NAME,))
