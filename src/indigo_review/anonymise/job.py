"""The anonymise job end to end: read the tables, anonymise, write, verify the written file, plan, report."""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pandas as pd

from ..errors import EXIT_FAILED, EXIT_PASS
from ..io import read_dataset
from ..output import write_safe_csv
from ..report import Section, write_html_report, write_result
from .kanonymity import Verification
from .planning import PlanningTables, plan, plot_planning
from .pseudonyms import load_key
from .transform import (
    DEFAULT_QUASI_IDENTIFIERS,
    DROPPED_IDENTIFIERS,
    INFORMATION_ITEMS,
    Anonymised,
    AnonymiseSettings,
    anonymise,
    check_columns,
    verify_written,
    write_anonymised,
)

RESULT_NAME = "report.json"


@dataclass
class AnonymiseOutcome:
    """What the notebook shows: the result written to report.json, and the tables behind it."""

    result: dict[str, Any]
    anonymised: Anonymised
    verification: Verification | None
    planning: PlanningTables | None
    plots: dict[str, str] = field(default_factory=dict)

    @property
    def exit_code(self) -> int:
        """0 when k was reached and verified, 1 when not."""
        return int(self.result["exit_code"])


def information_loss(anonymised: Anonymised) -> dict[str, Any]:
    """Generalisation precision loss, discernibility and normalised average class size of the chosen node."""
    best = anonymised.search.best
    kept = max(anonymised.records_in - best.suppressed, 0)
    return {
        "generalisation_precision_loss": round(best.loss, 4),
        "discernibility": best.discernibility,
        "normalised_average_class_size": round(kept / max(best.classes, 1) / anonymised.settings.k, 3),
        "levels_by_attribute": anonymised.levels,
    }


def run_anonymise_job(
    data_dir: str | Path,
    out_dir: str | Path,
    k: int = 5,
    quasi_identifiers: tuple[str, ...] | list[str] = DEFAULT_QUASI_IDENTIFIERS,
    suppression_limit: float = 0.05,
) -> AnonymiseOutcome:
    """Anonymise the sign-ups in data_dir into out_dir and write report.json and report.html; never the key."""
    started = time.perf_counter()
    out_dir = Path(out_dir)
    settings = AnonymiseSettings(k, tuple(quasi_identifiers), suppression_limit)
    settings.validate()
    key = load_key()
    tables = read_dataset(data_dir, ["members", "events", "signups"])
    check_columns(tables, data_dir)
    anonymised = anonymise(tables, key, settings)
    base: dict[str, Any] = {
        "k_requested": k,
        "quasi_identifiers": list(settings.quasi_identifiers),
        "suppression_limit": suppression_limit,
        "records_in": len(tables["signups"]),
        "excluded_without_consent": anonymised.excluded_no_consent,
        "records_considered": anonymised.records_in,
        "key_fingerprint": key.fingerprint,
        "lattice": {"nodes": anonymised.search.nodes, "evaluated": anonymised.search.evaluated},
        "information_loss": information_loss(anonymised),
        "information_items": information_items(anonymised),
        "direct_identifiers_removed": list(DROPPED_IDENTIFIERS),
    }
    if not anonymised.reached:
        reason = (
            f"k={k} is not reachable within the suppression limit: even the most general node leaves "
            f"{anonymised.search.best.suppressed} of {anonymised.records_in} records in classes under k "
            f"(limit {int(suppression_limit * anonymised.records_in)})"
        )
        result = write_result(
            out_dir / RESULT_NAME, "anonymise", EXIT_FAILED, summary=reason, reason=reason, k_reached=None, **base
        )
        _html(out_dir, result, anonymised, None, None, {})
        return AnonymiseOutcome(result, anonymised, None, None)

    paths = write_anonymised(anonymised, out_dir)
    verification = verify_written(paths["parquet"], anonymised)
    planning = plan(anonymised.frame, tables["events"], k)
    for name, table in {"planning_by_event": planning.by_event, **planning.tables}.items():
        write_safe_csv(out_dir / f"{name}.csv", table)
    plots = plot_planning(planning, out_dir, k)
    exit_code = EXIT_PASS if verification.ok else EXIT_FAILED
    summary = (
        f"k={verification.k_reached} reached (requested {k}); {len(anonymised.frame)} records out of "
        f"{anonymised.records_in}, {anonymised.suppressed} suppressed, {anonymised.dropped} dropped"
    )
    result = write_result(
        out_dir / RESULT_NAME,
        "anonymise",
        exit_code,
        summary=summary,
        k_reached=verification.k_reached,
        verified_on=paths["parquet"].name,
        records_out=len(anonymised.frame),
        suppressed=anonymised.suppressed,
        dropped=anonymised.dropped,
        equivalence_classes=verification.classes,
        smallest_classes=verification.smallest_classes,
        l_diversity_attended={
            "l": verification.l_diversity,
            "classes_with_one_outcome": verification.classes_with_one_outcome,
        },
        outputs={name: path.name for name, path in paths.items()},
        duration_seconds=round(time.perf_counter() - started, 2),
        **base,
    )
    _html(out_dir, result, anonymised, verification, planning, plots)
    return AnonymiseOutcome(result, anonymised, verification, planning, plots)


def information_items(anonymised: Anonymised) -> dict[str, str]:
    """The information items the written table holds (APPI: to be made public)."""
    return {column: INFORMATION_ITEMS[column] for column in anonymised.frame.columns}


def _html(
    out_dir: Path,
    result: dict[str, Any],
    anonymised: Anonymised,
    verification: Verification | None,
    planning: PlanningTables | None,
    plots: dict[str, str],
) -> None:
    loss = result["information_loss"]
    sections = [
        Section("Summary", result["summary"]),
        Section(
            "Guarantee",
            "Every equivalence class on the quasi-identifiers holds sign-ups of at least k distinct members, "
            "recomputed from the written Parquet file.",
            pd.DataFrame(
                [
                    {"measure": "k requested", "value": result["k_requested"]},
                    {"measure": "k reached (verified)", "value": result.get("k_reached")},
                    {"measure": "records considered", "value": result["records_considered"]},
                    {"measure": "excluded (no consent to analysis)", "value": result["excluded_without_consent"]},
                    {"measure": "suppressed (quasi-identifiers blanked)", "value": result.get("suppressed")},
                    {"measure": "dropped", "value": result.get("dropped")},
                    {"measure": "generalisation precision loss", "value": loss["generalisation_precision_loss"]},
                    {"measure": "discernibility", "value": loss["discernibility"]},
                    {"measure": "lattice nodes evaluated", "value": result["lattice"]["evaluated"]},
                ]
            ),
        ),
        Section(
            "Generalisation levels",
            table=pd.DataFrame([{"attribute": a, "level": lv} for a, lv in loss["levels_by_attribute"].items()]),
        ),
        Section(
            "Information items in the anonymised data",
            "Published as APPI asks for anonymously processed information.",
            pd.DataFrame([{"column": c, "meaning": m} for c, m in result["information_items"].items()]),
        ),
    ]
    if verification is not None:
        sections.append(Section("Smallest equivalence classes", table=pd.DataFrame(verification.smallest_classes)))
        sections.append(
            Section(
                "l-diversity of attended",
                f"l = {verification.l_diversity}; {verification.classes_with_one_outcome} classes have a single "
                "outcome (everyone attended, or no one did).",
            )
        )
    if planning is not None:
        sections.append(Section("Planning overview", table=planning.overview))
        sections.append(Section("By event", table=planning.by_event))
        for name, table in planning.tables.items():
            sections.append(Section(name.replace("_", " "), table=table))
        for title, file_name in plots.items():
            sections.append(Section(title, image=file_name))
    status = "pass" if result["exit_code"] == 0 else "fail"
    write_html_report(out_dir / "report.html", "indigo-review anonymise", status, sections)
