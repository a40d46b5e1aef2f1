"""Several exports in one run: the verdict over all of them (which files a run scans: `files`).

The run's verdict is the worst file's: any ERROR makes it ERROR (exit 2), else any BLOCK
makes it BLOCK (exit 1), else PASS.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from typing import Any

import pandas as pd

from .result import BLOCK, ERROR, EXIT_CODES, FINDINGS_COLUMNS, PASS, ScanResult

_WORST_FIRST = {ERROR: 0, BLOCK: 1, PASS: 2}


@dataclass
class ScanBatch:
    """The outcome of one scan run over one or more exports."""

    results: list[ScanResult] = field(default_factory=list)
    labels: list[str] = field(default_factory=list)

    @property
    def verdict(self) -> str:
        """The worst verdict over the files."""
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
        if len(self.results) == 1:
            return self.results[0].summary
        tally = Counter(r.verdict for r in self.results)
        parts = ", ".join(f"{tally[v]} {v}" for v in (ERROR, BLOCK, PASS) if tally[v])
        return f"{len(self.results)} files: {parts}; {self.total_findings} findings"

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
            "rows": sum(r.rows for r in self.results),
            "findings": self.total_findings,
            "counts_by_entity": self.counts_by_entity(),
            "files": sorted(files, key=lambda f: (_WORST_FIRST[f["verdict"]], f["label"])),
        }
