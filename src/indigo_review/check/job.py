"""The accuracy checks job: run the GX suites on members, events and sign-ups and write what a person can act on.

Flow: load the suites (a broken one stops the run, exit 2), read the tables (a missing or unreadable
one stops the run, exit 2), derive the prepared columns and the likely duplicate members (record
linkage), validate each table with its suite in an ephemeral GX 1.x context, then write into the run
folder: offline Data Docs (`docs.py`), `summary.csv` (per expectation), `failing_records.csv` (record
id, rule, defect kind, masked value), `duplicates.csv`, `coverage.csv`, `results.json`, `report.html`,
a trend chart; and append the run to the history database. Exit 0 when every expectation passed (honouring
`mostly`), 1 when any failed. Every time-relative rule is judged as of one reference date (`--as-of`,
default today in Japan), recorded in results.json: the same data and date give the same findings.

Raw values never leave this module: GX's results carry unexpected values; only their counts and the
defect kinds found go on (into the summary, Data Docs and the report), and the failing records keep
only the shape of each value (`shapes.py`). Words for people follow the run's language (`--lang`).

pandas 3 note: GX 1.24 parses a date bound such as "2026-11-25" into `datetime.date`, which pandas 3
refuses to compare with a Timestamp; the reference date is therefore passed as a midnight datetime
string ("2026-11-25T00:00:00"), which GX parses into a `datetime`.

Speed note: GX hashes every pandas batch under 1 GB to fingerprint it; that marker is not needed here
and costs seconds and half a gigabyte on millions of rows, so `_context` switches it off.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import pandas as pd

from ..contract import Outcome
from ..errors import EXIT_FAILED, EXIT_PASS, ParameterError
from ..i18n import N_, resolve_lang, translator
from ..io import read_dataset
from ..output import write_safe_csv
from ..report import write_result
from ..resources import expectations_dir
from ..workspace import Workspace
from . import expectations as _gx_quiet  # noqa: F401  (sets GX_ANALYTICS_ENABLED before GX is imported)
from .coverage import coverage, uncovered
from .docs import write_data_docs
from .findings import FAILING_COLUMNS, by_defect, failing_records
from .history import HistoryRow, append_history, plot_trend, read_history
from .messages import TEXTS, describe
from .prepare import DUPLICATE_PAIRS, ID_COLUMNS, TABLES, prepare_tables
from .report import DATA_DOCS, RESULT_NAME, CheckFigures, check_verdict, command_line, write_report
from .settings import CheckSettings
from .shapes import shape_of
from .suites import Suite, load_suites

JST = ZoneInfo("Asia/Tokyo")
_MISSING_COLUMN = "does not exist"


@dataclass
class CheckOutcome:
    """What the notebook shows (the job's `Outcome.detail`): expectations, failing records, the history."""

    summary: pd.DataFrame
    failing: pd.DataFrame
    history: pd.DataFrame = field(default_factory=pd.DataFrame)
    duplicates: pd.DataFrame = field(default_factory=pd.DataFrame)
    coverage: pd.DataFrame = field(default_factory=pd.DataFrame)


def mask_value(value: Any, column: str = "") -> str:
    """The value's shape (its characters by class, `x@@x.x`), never the value; empty for a missing value."""
    return shape_of(value, column)


def resolve_reference_date(reference_date: str | date | None) -> date:
    """The day "today" means for birth dates and ages: the given ISO date, or today in Japan."""
    if reference_date is None:
        return datetime.now(JST).date()
    if isinstance(reference_date, date):
        return reference_date
    try:
        return date.fromisoformat(str(reference_date))
    except ValueError:
        raise ParameterError(None, "reference_date is not a YYYY-MM-DD date", "pass e.g. 2026-11-01") from None


def _context() -> Any:
    import great_expectations as gx
    from great_expectations.data_context.types.base import ProgressBarsConfig
    from great_expectations.execution_engine import pandas_execution_engine

    # GX fingerprints every in-memory batch under 1 GB by hashing all of it (seconds and ~0.5 GB for five
    # million sign-ups); the fingerprint is only a marker in the result, so it is switched off.
    pandas_execution_engine.HASH_THRESHOLD = 0

    context = gx.get_context(mode="ephemeral")
    context.enable_analytics(False)
    context.variables.progress_bars = ProgressBarsConfig(globally=False, metric_calculations=False)
    return context


def validate_tables(
    prepared: dict[str, pd.DataFrame],
    suites: dict[str, Suite],
    reference_date: date,
    lang: str = "en",
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Validate each prepared table with its suite; return the per-expectation summary and the failing records."""
    pairs = prepared.get(DUPLICATE_PAIRS)
    details = _duplicate_details(pairs, translator(lang)) if pairs is not None and len(pairs) else None
    import great_expectations as gx

    context = _context()
    source = context.data_sources.add_pandas("indigo")
    parameters = {"reference_date": f"{reference_date.isoformat()}T00:00:00"}
    summaries: list[dict[str, Any]] = []
    failing: list[pd.DataFrame] = []
    for table, suite in suites.items():
        frame = prepared[table]
        batch = source.add_dataframe_asset(table).add_batch_definition_whole_dataframe(f"{table}_all")
        gx_suite = context.suites.add(
            gx.ExpectationSuite(name=suite.name, expectations=[e.config() for e in suite.expectations])
        )
        definition = context.validation_definitions.add(
            gx.ValidationDefinition(name=f"check_{table}", data=batch, suite=gx_suite)
        )
        results = definition.run(
            batch_parameters={"dataframe": frame},
            expectation_parameters=parameters,
            result_format={"result_format": "COMPLETE", "partial_unexpected_count": 0},
        )
        # GX does not keep suite order; each result finds its expectation by the rule name in its meta.
        by_rule = {r.expectation_config.meta["rule"]: r for r in results.results}
        for expectation in suite.expectations:
            outcome = by_rule[expectation.rule]
            rows = outcome.result.get("unexpected_index_list") or []
            summaries.append(_summary_row(table, suite, expectation, outcome, frame))
            found = None
            if rows:
                found = failing_records(table, ID_COLUMNS[table], expectation, frame, rows, details)
                failing.append(found)
    summary = pd.DataFrame(summaries)
    records = pd.concat(failing, ignore_index=True) if failing else pd.DataFrame(columns=FAILING_COLUMNS)
    return summary, records.sort_values(["table", "row", "rule"], kind="stable", ignore_index=True)


def _summary_row(table: str, suite: Suite, expectation: Any, outcome: Any, frame: pd.DataFrame) -> dict[str, Any]:
    result = outcome.result or {}
    error = _error_text(outcome.exception_info)
    mostly = expectation.kwargs.get("mostly", 1.0)
    return {
        "table": table,
        "suite": suite.path.name,
        "rule": expectation.rule,
        "expectation": expectation.type,
        "column": expectation.column or "",
        "passed": bool(outcome.success),
        "checked": int(result.get("element_count", len(frame)) or 0),
        "unexpected_count": int(result.get("unexpected_count", 0) or 0),
        "unexpected_percent": round(float(result.get("unexpected_percent", 0.0) or 0.0), 4),
        "mostly": mostly,
        "error": error,
    }


def _error_text(info: Any) -> str:
    """Why GX could not evaluate an expectation: a missing column is named, other messages are hidden."""
    if not info:
        return ""
    entries = info.values() if all(isinstance(v, dict) for v in info.values()) else [info]
    for entry in entries:
        if entry.get("raised_exception"):
            message = str(entry.get("exception_message") or "")
            if _MISSING_COLUMN in message and message.count('"') == 2:
                return message.replace("Error: ", "").replace(" in BatchData", "")
            return "could not be evaluated (details hidden: they may quote data)"
    return ""


def _duplicate_details(pairs: pd.DataFrame, t: Callable[..., str]) -> dict[str, str]:
    """For each later member of a likely duplicate pair: the earlier id, the score and the fields that agree."""
    first = pairs.sort_values(["member_id", "duplicate_of"]).drop_duplicates("member_id")
    said = N_("likely the same as {member} (match probability {score}; fields that agree: {fields})")
    return {
        row.member_id: t(said, member=row.duplicate_of, score=f"{row.score:.4f}", fields=row.agreeing)
        for row in first.itertuples(index=False)
    }


def run(settings: CheckSettings, out_dir: str | Path) -> Outcome:
    """Run the accuracy job end to end and write its outputs into out_dir (and its rows into the history)."""
    settings.validate()
    run_dir = Path(out_dir)
    run_dir.mkdir(parents=True, exist_ok=True)
    day = resolve_reference_date(settings.as_of or None)
    suites = load_suites(settings.suites or expectations_dir())
    prepared = prepare_tables(read_dataset(settings.data, list(TABLES)), day)
    workspace = Workspace.locate(settings.workspace)
    lang = resolve_lang(settings.lang, workspace.settings())
    t = translator(lang)
    summary, failing = validate_tables(prepared, suites, day, lang)
    failing["description"] = failing["defect"].map(lambda code: t(describe(code)))
    exit_code = EXIT_PASS if summary["passed"].all() else EXIT_FAILED
    duplicates = prepared[DUPLICATE_PAIRS]
    covered = coverage(suites)

    write_safe_csv(run_dir / "summary.csv", summary)
    write_safe_csv(run_dir / "failing_records.csv", failing)
    write_safe_csv(run_dir / "duplicates.csv", duplicates)
    write_safe_csv(run_dir / "coverage.csv", covered)
    run_at = datetime.now(UTC).isoformat(timespec="seconds")
    stored = append_history(workspace, _history_rows(run_at, run_dir, suites, summary, failing, prepared))
    history = read_history(workspace)
    plot_trend(history, run_dir / "trend.png")

    failed = summary[~summary["passed"]]
    records = failing.drop_duplicates(["table", "record_id"]).shape[0]
    counts = {"passed": len(summary) - len(failed), "total": len(summary), "records": records}
    text = (TEXTS["some_failed"] if len(failed) else TEXTS["all_passed"]).format(**counts, findings=len(failing))
    rows = {table: len(prepared[table]) for table in suites}
    suites_result = {
        table: {
            "file": str(suite.path),
            "rows": rows[table],
            "evaluated": int((summary["table"] == table).sum()),
            "unsuccessful": int(((summary["table"] == table) & ~summary["passed"]).sum()),
            "passed": bool(summary.loc[summary["table"] == table, "passed"].all()),
        }
        for table, suite in suites.items()
    }
    figures = CheckFigures(day, command_line(settings.data, day, settings.suites), len(suites))
    verdict = check_verdict(summary, failing, duplicates, figures, t)
    write_data_docs(run_dir / DATA_DOCS, suites, rows, summary, failing, verdict, lang)
    write_report(run_dir, verdict, summary, failing, duplicates, covered, lang)
    return write_result(
        run_dir / RESULT_NAME,
        "check",
        exit_code,
        summary=text,
        stores=[stored],
        settings=settings,
        detail=CheckOutcome(summary, failing, history, duplicates, covered),
        lang=lang,
        headline=verdict.headline,
        as_of=day.isoformat(),
        reference_date=day.isoformat(),
        suites=suites_result,
        failed_rules=[f"{r.table}.{r.rule}" for r in failed.itertuples()],
        failing_records=len(failing),
        defects=by_defect(failing).to_dict(orient="records"),
        duplicates=duplicates.to_dict(orient="records"),
        coverage=covered.to_dict(orient="records"),
        uncovered_columns=uncovered(covered),
        data_docs=f"{DATA_DOCS}/index.html",
        expectations=summary.to_dict(orient="records"),
    )


def _history_rows(
    run_at: str,
    run_dir: Path,
    suites: dict[str, Suite],
    summary: pd.DataFrame,
    failing: pd.DataFrame,
    prepared: dict[str, pd.DataFrame],
) -> list[HistoryRow]:
    rows = []
    for table, suite in suites.items():
        mine = summary[summary["table"] == table]
        records = failing.loc[failing["table"] == table, "record_id"].nunique()
        rows.append(
            HistoryRow(
                run_at=run_at,
                run_dir=str(run_dir.resolve()),
                suite=suite.name,
                passed=bool(mine["passed"].all()),
                rows=len(prepared[table]),
                evaluated=len(mine),
                successful=int(mine["passed"].sum()),
                unsuccessful=int((~mine["passed"]).sum()),
                failing_records=int(records),
            )
        )
    return rows
