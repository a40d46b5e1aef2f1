"""The scan job: run the engine on one export and write findings.csv, scan.json and report.html."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

import pandas as pd

from ..errors import ERRORS_BY_NAME, IndigoError
from ..report import Section, write_html_report, write_result
from .engine import ERROR, KEEP_IN_MEMORY, ScanResult, scan_path
from .policy import load_policy, make_policy


def raise_for_error(result: ScanResult) -> None:
    """Re-raise an ERROR verdict as the IndigoError it came from, so the CLI prints one line and exits 2."""
    if result.verdict == ERROR:
        raise ERRORS_BY_NAME.get(result.error_class, IndigoError)(None, result.error or "the scan did not finish")


def write_report(result: ScanResult, out_dir: str | Path) -> Path:
    """report.html: verdict, counts per entity and column, masked findings, allow-list; no raw values."""
    sections = [Section("Verdict", f"{result.verdict}: {result.summary}")]
    if result.verdict != ERROR:
        counts = pd.DataFrame(
            [{"entity": k, "findings": v} for k, v in result.counts_by_entity().items()], columns=["entity", "findings"]
        )
        sections.append(Section("Findings per entity", "", counts))
        sections.append(
            Section("Columns", "What each column's header and values say, and what was found.", result.column_summary())
        )
        shown = result.findings.head(500)
        sections.append(
            Section(
                "Findings (masked evidence)",
                f"First {len(shown)} of {result.total_findings}; all in findings.csv.",
                shown,
            )
        )
    policy = result.policy
    sections.append(
        Section(
            "Allow-list",
            f"columns: {', '.join(policy.allow_columns) or '(none)'}; "
            f"entities: {', '.join(policy.allow_entities) or '(none)'}; "
            f"allowed findings: {sum(result.allowed.values())}",
        )
    )
    sections.append(
        Section(
            "File",
            f"{result.path.name} · SHA-256 {result.sha256} · {result.format} "
            f"{result.encoding or ''} · {result.rows} rows · {result.duration_seconds:.1f} s",
        )
    )
    return write_html_report(
        Path(out_dir) / "report.html",
        f"indigo-review scan: {result.path.name}",
        {"PASS": "pass", "BLOCK": "block"}.get(result.verdict, "error"),
        sections,
    )


def run_scan(
    path: str | Path,
    out_dir: str | Path,
    allow_columns: Iterable[str] = (),
    allow_entities: Iterable[str] = (),
    policy_path: str | Path | None = None,
) -> ScanResult:
    """The scan job: scan into out_dir, write findings.csv, scan.json and report.html, return the result."""
    out_dir = Path(out_dir)
    policy = make_policy(allow_columns, allow_entities)
    if policy_path:
        extra = load_policy(policy_path)
        policy = make_policy(
            (*policy.allow_columns, *extra.allow_columns), (*policy.allow_entities, *extra.allow_entities)
        )
    result = scan_path(path, policy=policy, findings_path=out_dir / "findings.csv", keep_findings=KEEP_IN_MEMORY)
    write_report(result, out_dir)
    write_result(out_dir / "scan.json", "scan", result.exit_code, status=result.verdict.lower(), **result.to_json())
    return result
