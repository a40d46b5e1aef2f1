"""The anonymise job's HTML report: what an insider or a recipient can learn first, then the guarantee and tables."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pandas as pd

from ..report import Section, write_html_report
from .planning import PlanningTables


def _rows(values: dict[str, Any]) -> pd.DataFrame:
    return pd.DataFrame([{"measure": key, "value": str(value)} for key, value in values.items()])


def write_report(
    out_dir: Path,
    result: dict[str, Any],
    smallest: list[dict] | None,
    planning: PlanningTables | None,
    plots: dict[str, str],
    dp: dict[str, Any] | None = None,
) -> None:
    """Write report.html: the measured risk on top, then the guarantee, loss, classes and planning tables."""
    loss = result["information_loss"]
    protection = result.get("protection_per_member", {})
    sections = [
        Section(f"Release kind: {result['release']}", result["release_note"]),
        Section("Summary", result["summary"]),
    ]
    if result.get("risk_statement"):
        sections.append(Section("What someone can learn from this file (measured)", result["risk_statement"]))
    if result.get("insider_risk"):
        sections.append(
            Section("Insider risk (internal file, linked by pseudonym)", table=_rows(result["insider_risk"]))
        )
    if result.get("release_history"):
        history = result["release_history"]
        text = (
            f"Population '{history['population']}': {history['earlier_releases']} earlier release(s); periods reused "
            f"unchanged: {', '.join(history['reused_periods']) or 'none'}; new periods: "
            f"{', '.join(history['new_periods']) or 'none'}. Each earlier release sharing a period was compared "
            "class by class (the difference attack); none may isolate fewer than k members."
        )
        comparisons = pd.DataFrame(history["comparisons"]) if history["comparisons"] else None
        sections.append(Section("Release history and the comparison attack", text, comparisons))
    status = result.get("members_by_status")
    if status:
        rows = [{"status": s or "(none)", **v, "released": True} for s, v in status["released"].items()]
        rows += [{"status": s or "(none)", **v, "released": False} for s, v in status["excluded"].items()]
        sections.append(
            Section("Members by status", "Members of every status not excluded are in the file.", pd.DataFrame(rows))
        )
    sections += [
        Section(
            "Guarantee",
            "Every equivalence class on the verified columns holds sign-ups of at least k distinct members, "
            "recomputed from the written Parquet file.",
            pd.DataFrame(
                [
                    {"measure": "k requested", "value": result["k_requested"]},
                    {"measure": "k reached (verified)", "value": result.get("k_reached")},
                    {"measure": "verified columns", "value": ", ".join(result.get("verified_columns", []))},
                    {"measure": "records considered", "value": result.get("records_considered")},
                    {"measure": "stopped members left out (policy 8)", "value": result.get("stopped_members_left_out")},
                    {"measure": "excluded (no consent to analysis)", "value": result.get("excluded_without_consent")},
                    {"measure": "suppressed (quasi-identifiers blanked)", "value": result.get("suppressed")},
                    {"measure": "dropped", "value": result.get("dropped")},
                    {"measure": "loss (suppression counted)", "value": loss["loss"]},
                    {"measure": "discernibility", "value": loss["discernibility"]},
                    {"measure": "lattice nodes evaluated", "value": result.get("lattice", {}).get("evaluated")},
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
        measured = result.get("attribute_disclosure") or {}
        if measured:
            sections.append(
                Section(
                    "Attribute disclosure: attendance outcome",
                    f"Every released class shows at least l={measured['l']} distinct past outcomes, or its outcomes "
                    "are withheld ('*'). Guessing advantage: accuracy of guessing each member's outcome as their "
                    "class's most common released outcome, minus the base rate (always guessing the most common).",
                    _rows(measured),
                )
            )
    if dp:
        sections.append(
            Section(
                "Differentially private planning tables: the error to expect",
                f"ε={dp['epsilon_spent']} spent from population '{dp['population']}' ({dp['spent_this_year']} of "
                f"{dp['budget_per_year']} this year). Mean absolute error of each published table against the true "
                "counts, and relative to the mean true cell. This report stays inside: ship only the dp_*.csv tables.",
                pd.DataFrame(dp["error"]),
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
