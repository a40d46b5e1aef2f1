"""Data Docs of a check run, offline: an index (the verdict and one row per suite) and, per table, every rule in
words with its result, the kinds of defect it found and their counts. Never a value of a record.

Great Expectations' own site builder links Bootstrap, jQuery and Vega from CDNs (a page that, opened on a
machine without the network, loses its layout and tells a third party each time it is read), and shows the
unexpected values themselves. These pages are built from the run's counts instead, by the report renderer every
other report uses: one file each, no script, nothing fetched, in Japanese or English. Beside each page,
`<table>.json` holds the same results for a program: counts and defect codes, never a value.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any

import pandas as pd

from ..i18n import N_, translator
from ..output import atomic_write_text
from ..report import Section, Verdict, write_html_report
from .suites import Suite, SuiteExpectation

INDEX = "index.html"
REPORT = "../report.html"  # written once the Data Docs are, so that it can link them
COLUMNS = {
    "table": N_("data table"),
    "suite": N_("suite"),
    "rows": N_("rows"),
    "rules": N_("rules"),
    "failed": N_("failed"),
    "page": N_("page"),
    "rule": N_("rule"),
    "asks": N_("what the rule asks"),
    "result": N_("result"),
    "checked": N_("checked"),
    "unexpected": N_("unexpected"),
    "found": N_("what was wrong (findings)"),
    "type": N_("expectation type"),
}
INDEX_COLUMNS = ["table", "suite", "rows", "rules", "failed", "page"]
RULE_COLUMNS = ["rule", "asks", "result", "checked", "unexpected", "found", "type"]
# Words for a rule whose suite gives none, by expectation type; `{column}` and the kwargs fill them in.
_GENERATED = {
    "expect_column_to_exist": N_("The table has a column {column}."),
    "expect_column_values_to_not_be_null": N_("Every record has a value in {column}."),
    "expect_column_values_to_be_unique": N_("No two records share a value of {column}."),
    "expect_column_values_to_match_regex": N_("{column} is written in the expected format."),
    "expect_column_values_to_be_in_set": N_("{column} is one of the allowed values."),
    "expect_column_values_to_be_between": N_("{column} lies between {min_value} and {max_value}."),
    "expect_column_pair_values_a_to_be_greater_than_b": N_("{column_A} is not before {column_B}."),
    "expect_compound_columns_to_be_unique": N_("No two records share the same {column_list}."),
}
_OTHER = N_("{column}: {type}.")


def rule_in_words(expectation: SuiteExpectation, t: Callable[..., str], lang: str) -> str:
    """What a rule asks of a record: the suite's own words, else words made from its type and arguments."""
    given = expectation.description(lang)
    if given:
        return given
    values: dict[str, Any] = {k: v for k, v in expectation.kwargs.items() if isinstance(v, str | int | float)}
    values.setdefault("min_value", "—")
    values.setdefault("max_value", "—")
    values["column"] = expectation.column or "—"
    values["column_list"] = ", ".join(expectation.kwargs.get("column_list") or [])
    values["type"] = expectation.type
    template = t(_GENERATED.get(expectation.type, _OTHER))
    try:
        return template.format(**values)
    except (KeyError, IndexError):
        return t(_OTHER).format(column=values["column"], type=expectation.type)


def _found(failing: pd.DataFrame) -> dict[str, list[tuple[str, str, int]]]:
    """Per rule: (defect code, description, findings) of what its failing records had, commonest first."""
    if failing.empty:
        return {}
    counts = failing.groupby(["rule", "defect", "description"], sort=False).size().reset_index(name="n")
    counts = counts.sort_values(["rule", "n", "defect"], ascending=[True, False, True], kind="stable")
    return {
        rule: [(r.defect, r.description, int(r.n)) for r in part.itertuples(index=False)]
        for rule, part in counts.groupby("rule", sort=False)
    }


def _page_rows(
    suite: Suite, summary: pd.DataFrame, failing: pd.DataFrame, t: Callable[..., str], lang: str
) -> tuple[pd.DataFrame, list[dict[str, Any]]]:
    results = {row["rule"]: row for row in summary.to_dict(orient="records")}
    found = _found(failing)
    shown, machine = [], []
    for expectation in suite.expectations:
        row = results.get(expectation.rule, {})
        kinds = found.get(expectation.rule, [])
        passed = bool(row.get("passed", False))
        unexpected = int(row.get("unexpected_count", 0) or 0)
        percent = float(row.get("unexpected_percent", 0.0) or 0.0)
        shown.append(
            {
                "rule": expectation.rule,
                "asks": rule_in_words(expectation, t, lang),
                "result": t("passed") if passed else (row.get("error") or t("failed")),
                "checked": int(row.get("checked", 0) or 0),
                "unexpected": f"{unexpected:,} ({percent:.2f}%)" if unexpected else "0",
                "found": "; ".join(f"{text} ({code}): {n:,}" for code, text, n in kinds) or "—",
                "type": expectation.type,
            }
        )
        machine.append(
            {
                "rule": expectation.rule,
                "type": expectation.type,
                "kwargs": expectation.kwargs,
                "success": passed,
                "element_count": int(row.get("checked", 0) or 0),
                "unexpected_count": unexpected,
                "unexpected_percent": percent,
                "mostly": row.get("mostly", 1.0),
                "error": row.get("error", ""),
                "defects": {code: n for code, _, n in kinds},
            }
        )
    return pd.DataFrame(shown, columns=RULE_COLUMNS), machine


def write_data_docs(
    docs_dir: Path,
    suites: Mapping[str, Suite],
    rows: Mapping[str, int],
    summary: pd.DataFrame,
    failing: pd.DataFrame,
    verdict: Verdict,
    lang: str,
) -> Path:
    """Write data_docs/: one page and one JSON per table, then the index that links them; return the index."""
    t = translator(lang)
    docs_dir.mkdir(parents=True, exist_ok=True)
    index_rows = []
    for table, suite in suites.items():
        mine = summary[summary["table"] == table]
        shown, machine = _page_rows(suite, mine, failing[failing["table"] == table], t, lang)
        failed = int((~mine["passed"]).sum())
        head = t("{table}: {failed} of {total} rules failed.", table=table, failed=failed, total=len(mine))
        page_verdict = Verdict("fail" if failed else "pass", head)
        sections = [Section(t("Rules of the {table} suite ({file})", table=table, file=suite.path.name), "", shown)]
        links = ((t("all suites"), f"{INDEX}#suites"), (t("the check's report"), REPORT))
        title = t("Data Docs: {table}", table=table)
        write_html_report(docs_dir / f"{table}.html", title, page_verdict, sections, lang, links, COLUMNS, (REPORT,))
        document = {"suite": suite.name, "file": suite.path.name, "rows": int(rows.get(table, 0)), "results": machine}
        atomic_write_text(docs_dir / f"{table}.json", json.dumps(document, ensure_ascii=False, indent=2) + "\n")
        index_rows.append(
            {
                "table": table,
                "suite": suite.path.name,
                "rows": int(rows.get(table, 0)),
                "rules": len(mine),
                "failed": failed,
                "page": f"{table}.html",
            }
        )
    sections = [
        Section(
            t("Suites"),
            t("Each page lists every rule in words, its result and the kinds of defect found; never a value."),
            pd.DataFrame(index_rows, columns=INDEX_COLUMNS),
            anchor="suites",
        )
    ]
    links = tuple((t("Data Docs: {table}", table=table), f"{table}.html") for table in suites)
    links += ((t("the check's report"), REPORT),)
    return write_html_report(docs_dir / INDEX, t("Data Docs"), verdict, sections, lang, links, COLUMNS, (REPORT,))
