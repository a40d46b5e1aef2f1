"""report.html of a scan: the verdict and what to do about it first, then the files worst first (each linked to
its own part of the page), the findings per item with an embedded chart, each file's columns and its first
findings (masked), the files not scanned and the allow-list; in Japanese or English. No raw value."""

from __future__ import annotations

import shlex
from collections.abc import Callable
from pathlib import Path

import pandas as pd

from ..errors import READING_PROBLEMS
from ..i18n import N_, translator
from ..report import Section, Verdict, write_html_report
from ..vocabulary import ENTITY_LABELS
from .batch import ScanBatch, SkippedFile
from .policy import Policy
from .result import ERROR, PASS, ScanResult

REPORT_NAME = "report.html"
CHART = "findings_per_item.png"
SHOWN_FINDINGS = 200
COLUMNS = {
    "file": N_("file"),
    "verdict": N_("verdict"),
    "rows": N_("rows"),
    "findings": N_("findings"),
    "members": N_("members of the society"),
    "item": N_("item of personal data"),
    "column": N_("column"),
    "judged as": N_("the column holds (header and values)"),
    "found": N_("found"),
    "sheet": N_("sheet or page"),
    "row": N_("row"),
    "evidence": N_("evidence (masked)"),
    "kind": N_("kind"),
    "reason": N_("why it was not scanned"),
}
# The machine-readable result, written after report.html (report.py links it all the same).
RESULT_NAME = "scan.json"
LINKS = ((N_("machine-readable result"), RESULT_NAME), (N_("findings (masked)"), "findings.csv"))
LINKS += ((N_("executed notebook"), "notebook.ipynb"),)


def _entities(names, t: Callable[..., str]) -> str:
    return ", ".join(t(ENTITY_LABELS.get(n, n)) for n in sorted(names)) or "—"


def _why(skipped: SkippedFile, t: Callable[..., str]) -> str:
    """Why a file was not scanned, in the reader's language: its kind of problem when it has one (the English
    problem may name sizes or pages, which the catalogue cannot hold), else the listing's own reason."""
    code = READING_PROBLEMS.get(skipped.reason_code) if skipped.reason_code else None
    if code is not None and t(code) != code:
        return t(code)
    return t(skipped.reason)


def _anchor(number: int) -> str:
    return f"file-{number + 1}"


def plot_counts(counts: dict[str, int], path: Path, t: Callable[..., str]) -> Path:
    """A bar chart of findings per item of personal data, as a PNG beside the report."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt
    import matplotlib_fontja  # noqa: F401  (Japanese labels)

    labels = [t(ENTITY_LABELS.get(k, k)) for k in counts] or [t("none")]
    values = list(counts.values()) or [0]
    figure, axis = plt.subplots(figsize=(7, 0.45 * len(labels) + 1.2))
    axis.barh(labels[::-1], values[::-1], color="#c0392b")
    axis.set_xlabel(t("findings"))
    axis.set_title(t("Findings per item of personal data"))
    figure.tight_layout()
    figure.savefig(path, dpi=110)
    plt.close(figure)
    return path


def _verdict(batch: ScanBatch, policy: Policy, t: Callable[..., str], command: str) -> Verdict:
    files = len(batch.results)
    members = sum(len(r.members) for r in batch.results)
    if batch.verdict == ERROR:
        return Verdict(
            "error",
            t("The scan could not read everything, so nothing may be released: {error}", error=batch.error_line()),
            steps=[
                t("Fix or replace the file named above (save it again, remove its password), then scan again."),
                t("If the file is not an export at all, move it out of the folder or scan with --skip-unsupported."),
            ],
            commands=[command],
        )
    # Without the registry a member id under another header, or a member's e-mail, is not known as a member's.
    registered = any(r.registry for r in batch.results)
    unregistered = (
        []
        if registered
        else [
            t(
                "The society's own members were not looked for (no member registry): scan again with --members DIR, "
                "or set the workspace's data folder once with indigo-review workspace set --data DIR."
            )
        ]
    )
    if batch.verdict == PASS:
        return Verdict(
            "pass",
            t(
                "No personal data was found in {files} file(s): {rows} rows were read in full.",
                files=files,
                rows=sum(r.rows for r in batch.results),
            ),
            steps=[
                *unregistered,
                t("The file may go to a third party as anonymous data: release it, so the ledger records it."),
            ],
            commands=["indigo-review release FILE --to RECIPIENT --basis anonymous"],
        )
    counts = batch.counts_by_entity()
    columns = sorted({c for r in batch.results for (_, c, _) in r.counts})
    allow = " ".join(f"--allow-column {shlex.quote(str(c))}" for c in columns[:3])
    headline = (
        t(
            "Personal data was found: {findings} finding(s) in {files} file(s), {members} of them the society's own "
            "member(s). The file may not go out as it is.",
            findings=batch.total_findings,
            files=files,
            members=members,
        )
        if registered
        else t(
            "Personal data was found: {findings} finding(s) in {files} file(s). The file may not go out as it is.",
            findings=batch.total_findings,
            files=files,
        )
    )
    return Verdict(
        "block",
        headline,
        why=t("Found: {items}.", items=_entities(counts, t)),
        steps=[
            t("Remove the columns listed below from the export and scan it again."),
            t(
                "If the recipient may receive personal data (a contractor, a law, consent), release it on that legal "
                "basis: the release job records it in the ledger."
            ),
            t(
                "If a column is known to hold no personal data (a venue's phone), allow it explicitly with "
                "--allow-column; the allow-list is recorded."
            ),
            *unregistered,
        ],
        commands=[
            f"{command} {allow}".strip(),
            "indigo-review release FILE --to RECIPIENT --basis outsourcing --contract REF",
        ],
    )


def _file_sections(number: int, label: str, result: ScanResult, t: Callable[..., str]) -> list[Section]:
    facts = t(
        "{verdict} · {rows} rows · {columns} columns · {format} · SHA-256 {sha}",
        verdict=t(result.verdict),
        rows=f"{result.rows:,}",
        columns=result.columns,
        format=result.format or "—",
        sha=result.sha256[:16] + "…" if result.sha256 else "—",
    )
    sections = [Section(label, facts, anchor=_anchor(number), note=result.error or "")]
    if result.verdict == ERROR:
        return sections
    rows = [
        {
            "sheet": sheet,
            "column": column,
            "judged as": _entities(profile.entities, t) if profile else "—",
            "found": ", ".join(f"{t(ENTITY_LABELS.get(e, e))} {n:,}" for e, n in sorted(hits.items())) or "—",
        }
        for sheet, column, profile, hits in result.column_findings()
    ]
    table = pd.DataFrame(rows, columns=["sheet", "column", "judged as", "found"])
    if len(result.sheets) == 1:
        table = table.drop(columns="sheet")
    sections.append(Section(t("Columns"), t("What each column's header and values say, and what was found."), table))
    shown = result.findings.head(SHOWN_FINDINGS)
    if len(shown):
        shown = shown.assign(item=shown["entity"].map(lambda e: t(ENTITY_LABELS.get(e, e))))
        # A sheet or page is named only where the file has several (a CSV's one "sheet" is just its data).
        where = ["sheet"] if len(result.sheets) > 1 else []
        table = shown[[*where, "row", "column", "item", "evidence"]].copy()
        table["row"] = table["row"] + 1  # a person counts rows from 1, below the header
        sections.append(
            Section(
                t("First findings (masked)"),
                t(
                    "The first {shown} of {total}; every finding is in findings.csv (rows counted from 1 below the "
                    "header).",
                    shown=len(shown),
                    total=f"{result.total_findings:,}",
                ),
                table,
            )
        )
    return sections


def write_scan_report(batch: ScanBatch, policy: Policy, out_dir: str | Path, lang: str, command: str) -> Verdict:
    """Write report.html (and its chart) for a scan run; its verdict (the command line says its headline)."""
    out_dir = Path(out_dir)
    t = translator(lang)
    counts = batch.counts_by_entity()
    sections = []
    if len(batch.results) > 1 or batch.skipped:
        overview = batch.files().reset_index(drop=True)
        overview["verdict"] = overview["verdict"].map(t)
        overview["file"] = [f"{name}" for name in overview["file"]]
        sections.append(
            Section(
                t("Files, worst first"),
                t("Each file's own part of this page follows, in this order."),
                overview[["file", "verdict", "rows", "findings"]],
            )
        )
    if counts:
        plot_counts(counts, out_dir / CHART, t)
        table = pd.DataFrame([{"item": t(ENTITY_LABELS.get(k, k)), "findings": v} for k, v in counts.items()])
        sections.append(Section(t("Findings per item of personal data"), "", table, image=CHART))
    order = batch.files()["file"].tolist()
    by_label = dict(zip(batch.labels, batch.results, strict=True))
    for number, label in enumerate(order):
        sections.extend(_file_sections(number, label, by_label[label], t))
    if batch.skipped:
        skipped = pd.DataFrame([{"file": s.label, "kind": t(s.kind), "reason": _why(s, t)} for s in batch.skipped])
        sections.append(
            Section(
                t("Files not scanned"),
                t("Nothing in these files was looked at: release none of them as scanned."),
                skipped,
            )
        )
    allowed = sum(sum(r.allowed.values()) for r in batch.results)
    sections.append(
        Section(
            t("Allow-list"),
            t(
                "Columns: {columns}. Items: {items}. Findings allowed: {allowed}.",
                columns=", ".join(policy.allow_columns) or "—",
                items=_entities(policy.allow_entities, t),
                allowed=allowed,
            ),
        )
    )
    registry = next((r.registry for r in batch.results if r.registry), None)
    sections.append(
        Section(
            t("The society's own members"),
            t(
                "Looked up in the member registry {source} ({members} members): {matched} member(s) found."
                if registry
                else "No member registry was given: the society's own member ids were not looked for. "
                "Give --members DIR or set the workspace's data folder.",
                source=Path(str((registry or {}).get("source", ""))).name,
                members=(registry or {}).get("members", 0),
                matched=sum(len(r.members) for r in batch.results),
            ),
        )
    )
    scanned = len(batch.results)
    name = batch.results[0].path.name if scanned == 1 and not batch.skipped else None
    title = t("Scan of {name}", name=name) if name else t("Scan of {n} files", n=scanned + len(batch.skipped))
    verdict = _verdict(batch, policy, t, command)
    links = [(t(label), href) for label, href in LINKS]
    write_html_report(out_dir / REPORT_NAME, title, verdict, sections, lang, links, COLUMNS, (RESULT_NAME,))
    return verdict


# The kinds of file not scanned (SkippedFile.kind), as the report shows them.
SKIP_KINDS = (N_("metadata"), N_("unsupported"), N_("unreadable"), N_("none"))
