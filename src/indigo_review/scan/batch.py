"""Several exports in one run: the verdict over all of them (which files a run scans: `files`).

The run's verdict is the worst scanned file's: any ERROR makes it ERROR (exit 2), else any BLOCK makes it
BLOCK (exit 1), else PASS. Files not scanned are listed with their reason (`skipped`); a run that scanned
nothing at all is an ERROR, never a PASS.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pandas as pd

from .result import BLOCK, ERROR, EXIT_CODES, FINDINGS_COLUMNS, PASS, ScanResult

_WORST_FIRST = {ERROR: 0, BLOCK: 1, PASS: 2}
# The error class of a file the scan cannot read by its nature (unsupported, encrypted, pictures only, too
# large, unreadable): the one kind of ERROR that --skip-unsupported turns into a listed skip.
SKIPPABLE = "UnsupportedInput"
SKIP_HINT = "pass --skip-unsupported to list such files as skipped and scan the rest"


@dataclass(frozen=True)
class SkippedFile:
    """A file the run did not scan, and why: `metadata` (an operating-system or editor file, never an export),
    `unsupported` (a file the scan cannot read) or `unreadable` (a broken link, a folder that cannot be listed),
    the last two skipped only because the run was told to."""

    label: str
    path: Path
    kind: str
    reason: str
    sha256: str = ""
    reason_code: str = ""  # a key of errors.READING_PROBLEMS for a file the scan cannot read

    def to_json(self) -> dict[str, Any]:
        """The file as listed in scan.json."""
        return {
            "label": self.label,
            "file": self.path.name,
            "kind": self.kind,
            "reason": self.reason,
            "reason_code": self.reason_code,
            "sha256": self.sha256,
        }


@dataclass
class ScanBatch:
    """The outcome of one scan run over one or more exports."""

    results: list[ScanResult] = field(default_factory=list)
    labels: list[str] = field(default_factory=list)
    skipped: list[SkippedFile] = field(default_factory=list)

    def add(self, label: str, result: ScanResult) -> None:
        """A scanned file (or one that could not be scanned: an ERROR)."""
        self.results.append(result)
        self.labels.append(label)

    @property
    def verdict(self) -> str:
        """The worst verdict over the scanned files; ERROR when none was scanned."""
        return min((r.verdict for r in self.results), key=_WORST_FIRST.__getitem__, default=ERROR)

    @property
    def exit_code(self) -> int:
        """2 if any file is ERROR, else 1 if any BLOCKs, else 0."""
        return EXIT_CODES[self.verdict]

    @property
    def total_findings(self) -> int:
        """Findings over all files."""
        return sum(r.total_findings for r in self.results)

    @property
    def summary(self) -> str:
        """One line for the CLI and the report."""
        skipped = f"; {len(self.skipped)} not scanned ({self._skipped_kinds()})" if self.skipped else ""
        if not self.results:
            return f"nothing was scanned{skipped}"
        if len(self.results) == 1:
            return self.results[0].summary + skipped
        tally = Counter(r.verdict for r in self.results)
        parts = ", ".join(f"{tally[v]} {v}" for v in (ERROR, BLOCK, PASS) if tally[v])
        return f"{len(self.results)} files: {parts}; {self.total_findings} findings{skipped}"

    def _skipped_kinds(self) -> str:
        tally = Counter(s.kind for s in self.skipped)
        return ", ".join(f"{n} {kind}" for kind, n in sorted(tally.items()))

    def error_line(self) -> str:
        """Why the run is an ERROR, in one line naming the file (and how many more there are)."""
        if not self.results:
            return f"nothing was scanned: every file was skipped ({self._skipped_kinds() or 'none found'})"
        failed = [r for r in self.results if r.verdict == ERROR]
        if not failed:
            return ""
        first = failed[0].error or f"{failed[0].path}: the scan did not finish"
        line = first if len(failed) == 1 else f"{len(failed)} files could not be scanned in full; the first: {first}"
        if all(r.error_class == SKIPPABLE for r in failed) and len(self.results) + len(self.skipped) > 1:
            line += f"; {SKIP_HINT}"
        return line

    def counts_by_entity(self) -> dict[str, int]:
        """Findings per entity over all files."""
        totals: Counter = Counter()
        for result in self.results:
            totals.update(result.counts_by_entity())
        return dict(sorted(totals.items()))

    def files(self) -> pd.DataFrame:
        """One row per file, worst first: verdict, rows, findings and the one-line summary."""
        rows = [
            {
                "file": label,
                "verdict": r.verdict,
                "rows": r.rows,
                "findings": r.total_findings,
                "summary": r.summary,
            }
            for label, r in zip(self.labels, self.results, strict=True)
        ]
        frame = pd.DataFrame(rows, columns=["file", "verdict", "rows", "findings", "summary"])
        order = frame["verdict"].map(_WORST_FIRST)
        return frame.assign(_order=order).sort_values(["_order", "file"], kind="stable").drop(columns="_order")

    @property
    def findings(self) -> pd.DataFrame:
        """The findings kept in memory, with the file they are in as the first column."""
        frames = [r.findings.assign(file=label) for label, r in zip(self.labels, self.results, strict=True)]
        columns = ["file", *FINDINGS_COLUMNS]
        return pd.concat(frames, ignore_index=True)[columns] if frames else pd.DataFrame(columns=columns)

    def skipped_files(self) -> pd.DataFrame:
        """One row per file not scanned: its name, what kind of file it is and why."""
        rows = [{"file": s.label, "kind": s.kind, "reason": s.reason} for s in self.skipped]
        return pd.DataFrame(rows, columns=["file", "kind", "reason"])

    def not_scanned(self) -> list[tuple[str, str]]:
        """(file, why) of every file not scanned in full: the skipped ones and the ERRORs, in name order."""
        listed = [(s.label, f"skipped ({s.kind}): {s.reason}") for s in self.skipped]
        listed += [
            (label, f"ERROR: {r.reason or r.error or 'the scan did not finish'}")
            for label, r in zip(self.labels, self.results, strict=True)
            if r.verdict == ERROR
        ]
        return sorted(listed)

    def worst(self) -> ScanResult:
        """The result of the file that decided the verdict."""
        return min(self.results, key=lambda r: _WORST_FIRST[r.verdict])

    def to_json(self) -> dict[str, Any]:
        """The fields of scan.json after the common ones: the run's verdict, totals, and each file's own."""
        files = []
        for label, result in zip(self.labels, self.results, strict=True):
            files.append({"label": label, **result.to_json()})
        return {
            "verdict": self.verdict,
            "summary": self.summary,
            "files_scanned": len(self.results),
            "files_skipped": len(self.skipped),
            "rows": sum(r.rows for r in self.results),
            "findings": self.total_findings,
            "counts_by_entity": self.counts_by_entity(),
            "files": sorted(files, key=lambda f: (_WORST_FIRST[f["verdict"]], f["label"])),
            "skipped": [s.to_json() for s in sorted(self.skipped, key=lambda s: s.label)],
        }
