"""The scan's result model: the verdicts, the findings' columns, and ScanResult with its summaries."""

from __future__ import annotations

import hashlib
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pandas as pd

from .policy import Policy
from .profiles import ColumnProfile

PASS, BLOCK, ERROR = "PASS", "BLOCK", "ERROR"
EXIT_CODES = {PASS: 0, BLOCK: 1, ERROR: 2}
FINDINGS_COLUMNS = ["sheet", "row", "column", "entity", "score", "start", "end", "evidence"]
# No findings, with the dtypes findings have: what a partition or a sink without findings gives.
EMPTY_FINDINGS = pd.DataFrame({c: pd.Series(dtype=object) for c in FINDINGS_COLUMNS}).astype(
    {"row": "int64", "score": "float64", "start": "int64", "end": "int64"}
)


@dataclass
class ScanResult:
    """The outcome of scanning one export: verdict, findings (masked) and what was scanned."""

    path: Path
    verdict: str
    policy: Policy
    sha256: str = ""
    format: str = ""
    encoding: str | None = None
    sheets: dict[str, dict[str, Any]] = field(default_factory=dict)
    findings: pd.DataFrame = field(default_factory=lambda: pd.DataFrame(columns=FINDINGS_COLUMNS))
    allowed: Counter = field(default_factory=Counter)
    # Counts over every finding; `findings` may hold only the first ones when they are streamed to a file.
    counts: Counter = field(default_factory=Counter)
    profiles: dict[tuple[str, str], ColumnProfile] = field(default_factory=dict)
    duration_seconds: float = 0.0
    error: str | None = None
    error_class: str = "IndigoError"
    # The member registry the scan looked members up in (where from, how many; never values), and the ids of
    # the members the file holds: for the release job and the ledger only, never written by the scan.
    registry: dict[str, Any] | None = None
    members: frozenset[str] = frozenset()
    # The problem alone (no path, no hint) when the file could not be scanned: what a list of files shows.
    reason: str = ""
    reason_code: str = ""  # its kind, a key of errors.READING_PROBLEMS, so that a report can say it in Japanese

    @property
    def exit_code(self) -> int:
        """0 PASS, 1 BLOCK, 2 ERROR."""
        return EXIT_CODES[self.verdict]

    @property
    def rows(self) -> int:
        """Data rows over all sheets."""
        return sum(info["rows"] for info in self.sheets.values())

    @property
    def columns(self) -> int:
        """Columns over all sheets."""
        return sum(len(info["columns"]) for info in self.sheets.values())

    @property
    def total_findings(self) -> int:
        """Findings over the whole file (not allowed by the policy)."""
        return sum(self.counts.values())

    def counts_by_entity(self) -> dict[str, int]:
        """Findings per entity."""
        totals: Counter = Counter()
        for (_, _, entity), n in self.counts.items():
            totals[entity] += n
        return dict(sorted(totals.items()))

    def counts_by_column(self) -> dict[str, dict[str, int]]:
        """Findings per sheet/column and entity; the key is 'column' for one-sheet files, else 'sheet/column'."""
        out: dict[str, dict[str, int]] = {}
        multi = len(self.sheets) > 1
        for (sheet, column, entity), n in sorted(self.counts.items()):
            out.setdefault(f"{sheet}/{column}" if multi else str(column), {})[str(entity)] = int(n)
        return out

    def column_findings(self) -> Iterator[tuple[str, str, ColumnProfile | None, dict[str, int]]]:
        """(sheet, column, its profile, its findings per entity) of every scanned column, in the file's order."""
        counts: dict[tuple[str, str], dict[str, int]] = {}
        for (sheet, column, entity), n in self.counts.items():
            counts.setdefault((sheet, column), {})[entity] = n
        for sheet, info in self.sheets.items():
            for column in info["columns"]:
                yield sheet, column, self.profiles.get((sheet, column)), counts.get((sheet, column), {})

    def column_summary(self) -> pd.DataFrame:
        """One row per scanned column: its profile and its findings per entity (no values)."""
        rows = [
            {
                "sheet": sheet,
                "column": column,
                "column says": ", ".join(sorted(profile.entities)) if profile else "",
                "findings": int(sum(found.values())),
                "entities found": ", ".join(f"{k} {v}" for k, v in sorted(found.items())),
                "allowed": self.policy.allows(column, "") or None,
            }
            for sheet, column, profile, found in self.column_findings()
        ]
        frame = pd.DataFrame(rows, columns=["sheet", "column", "column says", "findings", "entities found", "allowed"])
        frame["allowed"] = frame["allowed"].fillna(False).astype(bool)
        return frame

    @property
    def summary(self) -> str:
        """One line for the CLI and the report."""
        if self.verdict == ERROR:
            return f"scan could not finish: {self.error}"
        if self.verdict == PASS:
            extra = f" ({sum(self.allowed.values())} allowed findings)" if self.allowed else ""
            return f"no personal data found in {self.rows} rows x {self.columns} columns{extra}"
        counts = ", ".join(f"{k} {v}" for k, v in self.counts_by_entity().items())
        return f"{self.total_findings} findings in {self.rows} rows: {counts}"

    def to_json(self) -> dict[str, Any]:
        """The fields of scan.json after the common ones."""
        return {
            "verdict": self.verdict,
            "summary": self.summary,
            "file": self.path.name,
            "sha256": self.sha256,
            "format": self.format,
            "encoding": self.encoding,
            "rows": self.rows,
            "columns": self.columns,
            "sheets": self.sheets,
            "findings": self.total_findings,
            "counts_by_entity": self.counts_by_entity(),
            "counts_by_column": self.counts_by_column(),
            "allow_list": {
                "allow_columns": list(self.policy.allow_columns),
                "allow_entities": list(self.policy.allow_entities),
                "unknown_columns": sorted(
                    set(self.policy.allow_columns) - {c for i in self.sheets.values() for c in i["columns"]}
                ),
            },
            "allowed_findings": dict(sorted(self.allowed.items())),
            "member_registry": self.registry,
            "members_matched": len(self.members),
            "duration_seconds": round(self.duration_seconds, 3),
            "error": self.error,
        }


def file_sha256(path: Path) -> str:
    """SHA-256 of the file's bytes, read in blocks."""
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()
