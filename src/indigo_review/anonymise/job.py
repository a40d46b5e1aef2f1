"""The anonymise job end to end: read the tables, anonymise, write, verify the written file, plan, report."""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pandas as pd

from ..contract import Outcome
from ..errors import EXIT_FAILED, EXIT_PASS, ParameterError
from ..io import read_dataset
from ..keys import load_key
from ..output import write_safe_csv
from ..report import Section, write_html_report, write_result
from ..stop_list import read_stop_list
from ..workspace import Workspace
from .appi import information_items, rule_34
from .hierarchies import STAR
from .planning import PlanningTables, plan, plot_planning
from .settings import AnonymiseSettings
from .transform import (
    DROPPED_IDENTIFIERS,
    Anonymised,
    WrittenCheck,
    anonymise,
    check_columns,
    release_metadata,
    verify_written,
    write_anonymised,
)

RESULT_NAME = "report.json"
BANNERS = {
    "internal": "INTERNAL USE ONLY (仮名加工情報, pseudonymously processed information): keyed pseudonyms link each "
    "member's sign-ups. This data may not be given to a third party.",
    "third-party": "THIRD-PARTY RELEASE (匿名加工情報, anonymously processed information): no code links a row to a "
    "member, and every combination of released values is shared by at least k members. Publish the "
    "information items below before or when providing it.",
}


@dataclass
class AnonymiseOutcome:
    """What the notebook shows (the job's `Outcome.detail`): the result's fields, and the tables behind them."""

    result: dict[str, Any]
    anonymised: Anonymised
    verification: WrittenCheck | None
    planning: PlanningTables | None
    plots: dict[str, str] = field(default_factory=dict)

    @property
    def banner(self) -> str:
        """The line shown on top of every report of this release kind."""
        return BANNERS[self.anonymised.settings.release]


def information_loss(anonymised: Anonymised, check: WrittenCheck | None = None) -> dict[str, Any]:
    """ARX-style loss (suppression counted, priorities weighted), per attribute, discernibility and class size."""
    best = anonymised.search.best
    return {
        "loss": round(best.loss, 4),
        "loss_by_attribute": anonymised.loss_by_attribute,
        "priority_weights": anonymised.weights,
        "discernibility": best.discernibility,
        "normalised_average_class_size_in_members": None
        if check is None
        else check.verification.normalised_average_class_size,
        "levels_by_attribute": anonymised.levels,
    }


def run(settings: AnonymiseSettings, out_dir: str | Path) -> Outcome:
    """Anonymise the sign-ups in `settings.data` into out_dir and write report.json and report.html; never the key."""
    started = time.perf_counter()
    out_dir = Path(out_dir)
    settings.validate()
    if not settings.data:
        raise ParameterError(None, "no data folder given", "pass --data the folder that holds the tables")
    k, release, suppression_limit = settings.k, settings.release, settings.suppression_limit
    data_dir = settings.data
    workspace = Workspace.locate(settings.workspace)
    # Third-party data carries no pseudonym, so it needs no key; internal data cannot be made without one.
    key = load_key(default_file=workspace.key_file) if release == "internal" else None
    stop_list = read_stop_list(workspace)
    stopped = stop_list.members
    tables = read_dataset(data_dir, ["members", "events", "signups"])
    check_columns(tables, data_dir)
    anonymised = anonymise(tables, key, settings, stopped)
    base: dict[str, Any] = {
        "release": release,
        "release_note": BANNERS[release],
        "k_requested": k,
        "quasi_identifiers": list(settings.protected),
        "priority": list(settings.priority) or "default",
        "suppression_limit": suppression_limit,
        "records_in": len(tables["signups"]),
        "stopped_members_left_out": anonymised.stopped_members,
        "stopped_signups_left_out": anonymised.stopped_signups,
        "excluded_without_consent": anonymised.excluded_no_consent,
        "records_considered": anonymised.records_in,
        "lattice": {"nodes": anonymised.search.nodes, "evaluated": anonymised.search.evaluated},
        "direct_identifiers_removed": list(DROPPED_IDENTIFIERS),
    }
    if key is not None:
        base["key_fingerprint"] = key.fingerprint
    if not anonymised.reached:
        reason = (
            f"k={k} is not reachable within the suppression limit: even the most general node leaves "
            f"{anonymised.search.best.suppressed} of {anonymised.records_in} records in classes under k "
            f"(limit {int(suppression_limit * anonymised.records_in)})"
        )
        result = {"summary": reason, "reason": reason, "k_reached": None, **base}
        result["information_loss"] = information_loss(anonymised)
        _html(out_dir, {**result, "exit_code": EXIT_FAILED}, None, None, {})
        detail = AnonymiseOutcome(result, anonymised, None, None)
        return write_result(
            out_dir / RESULT_NAME,
            "anonymise",
            EXIT_FAILED,
            stores=[stop_list.read],
            settings=settings,
            detail=detail,
            **result,
        )

    paths = write_anonymised(anonymised, out_dir)
    check = verify_written(paths["parquet"], anonymised)
    written = pd.read_parquet(paths["parquet"])
    verification = check.verification
    if not check.ok:
        # A file that failed its own verification must not lie where a release could pick it up.
        for path in paths.values():
            path.unlink(missing_ok=True)
    planning = plan(written, tables["events"], k)
    for name, table in planning.all_tables().items():
        write_safe_csv(out_dir / f"{name}.csv", table)
    plots = plot_planning(planning, out_dir, k)
    exit_code = EXIT_PASS if check.ok else EXIT_FAILED
    summary = (
        f"{release} release: k={verification.k_reached} reached (requested {k}); {verification.records} records "
        f"out of {anonymised.records_in}, {anonymised.suppressed} suppressed, {anonymised.dropped} dropped; "
        f"{check.protection['share_unique']:.1%} of members unique"
    )
    fields: dict[str, Any] = {
        "k_reached": verification.k_reached,
        "verified_on": paths["parquet"].name,
        "verified_columns": check.columns,
        "records_out": verification.records,
        "suppressed": anonymised.suppressed,
        "suppressed_rows_in_file": int(written[check.columns].eq(STAR).all(axis=1).sum()) if check.columns else 0,
        "dropped": anonymised.dropped,
        "equivalence_classes": verification.classes,
        "smallest_classes": verification.smallest_classes,
        "protection_per_member": check.protection,
        "l_diversity_attended_past_events": {
            "l": verification.l_diversity,
            "classes_with_one_outcome": verification.classes_with_one_outcome,
        },
        "information_loss": information_loss(anonymised, check),
        "information_items": information_items(written, anonymised.levels, anonymised.released_columns),
        "parquet_metadata": release_metadata(anonymised),
    }
    if release == "third-party":
        fields["relinking_columns"] = check.relinking_columns
        fields["appi_rule_34"] = rule_34(
            written,
            k,
            anonymised.levels,
            anonymised.suppressed,
            anonymised.dropped,
            float(check.protection["share_unique"]),  # type: ignore[arg-type]
        )
    fields["planning_cells_hidden"] = planning.hidden_cells
    fields["outputs"] = {name: path.name for name, path in paths.items() if path.exists()}
    if not check.ok:
        fields["reason"] = "the written file failed verification; it was removed and must not be released"
    fields["duration_seconds"] = round(time.perf_counter() - started, 2)
    result = {"summary": summary, **fields, **base}
    _html(out_dir, {**result, "exit_code": exit_code}, verification.smallest_classes, planning, plots)
    detail = AnonymiseOutcome(result, anonymised, check, planning, plots)
    return write_result(
        out_dir / RESULT_NAME,
        "anonymise",
        exit_code,
        stores=[stop_list.read],
        settings=settings,
        detail=detail,
        **result,
    )


def _html(
    out_dir: Path,
    result: dict[str, Any],
    smallest: list[dict] | None,
    planning: PlanningTables | None,
    plots: dict[str, str],
) -> None:
    loss = result["information_loss"]
    protection = result.get("protection_per_member", {})
    sections = [
        Section(f"Release kind: {result['release']}", result["release_note"]),
        Section("Summary", result["summary"]),
        Section(
            "Guarantee",
            "Every equivalence class on the verified columns holds sign-ups of at least k distinct members, "
            "recomputed from the written Parquet file.",
            pd.DataFrame(
                [
                    {"measure": "k requested", "value": result["k_requested"]},
                    {"measure": "k reached (verified)", "value": result.get("k_reached")},
                    {"measure": "verified columns", "value": ", ".join(result.get("verified_columns", []))},
                    {"measure": "records considered", "value": result["records_considered"]},
                    {"measure": "stopped members left out (policy 8)", "value": result["stopped_members_left_out"]},
                    {"measure": "excluded (no consent to analysis)", "value": result["excluded_without_consent"]},
                    {"measure": "suppressed (quasi-identifiers blanked)", "value": result.get("suppressed")},
                    {"measure": "dropped", "value": result.get("dropped")},
                    {"measure": "loss (suppression counted)", "value": loss["loss"]},
                    {"measure": "discernibility", "value": loss["discernibility"]},
                    {"measure": "lattice nodes evaluated", "value": result["lattice"]["evaluated"]},
                ]
            ),
        ),
        Section(
            "Protection per member",
            "Share of members whose rows (per row, or linked by pseudonym: their set of events, their set of rows) "
            "are shared by fewer than k members.",
            pd.DataFrame([{"measure": key, "value": value} for key, value in protection.items()]),
        ),
        Section(
            "Generalisation levels and loss",
            table=pd.DataFrame(
                [
                    {"attribute": a, "level": lv, "loss": loss["loss_by_attribute"].get(a)}
                    for a, lv in loss["levels_by_attribute"].items()
                ]
            ),
        ),
    ]
    if "information_items" in result:
        sections.append(
            Section(
                "Information items in the anonymised data (APPI Art. 43(3))",
                "Generated from the written file's columns and their generalisation levels.",
                pd.DataFrame(result["information_items"]),
            )
        )
    if "appi_rule_34" in result:
        sections.append(
            Section(
                "APPI Enforcement Rules Art. 34: the five standards",
                table=pd.DataFrame(
                    [
                        {
                            "standard": r["standard"],
                            "ja": r["ja"],
                            "done": r["done"],
                            "columns": ", ".join(r["columns"]),
                        }
                        for r in result["appi_rule_34"]
                    ]
                ),
            )
        )
    if smallest is not None:
        sections.append(Section("Smallest equivalence classes", table=pd.DataFrame(smallest)))
        ldiv = result["l_diversity_attended_past_events"]
        sections.append(
            Section(
                "l-diversity of attended (past events only)",
                f"l = {ldiv['l']}; {ldiv['classes_with_one_outcome']} classes have a single outcome "
                "(everyone attended, or no one did).",
            )
        )
    if planning is not None:
        sections.append(Section("Planning overview", table=planning.overview))
        for name, table in planning.tables.items():
            sections.append(Section(name.replace("_", " "), table=table))
        for title, file_name in plots.items():
            sections.append(Section(title, image=file_name))
    status = "pass" if result["exit_code"] == 0 else "fail"
    title = f"indigo-review anonymise ({result['release']})"
    write_html_report(out_dir / "report.html", title, status, sections)
