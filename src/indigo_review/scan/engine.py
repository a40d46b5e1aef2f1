"""The release gate: scan every cell of an export for personal data; PASS, BLOCK, or ERROR (fail closed).

Tabular, not cell by cell: each column is profiled (header and values), its distinct values are
analysed once, structured entities are matched and validated on normalised text, and only free-text
values that can hold a name or an address go to GiNZA, in batches. Every cell of every sheet is
examined; large CSVs are read in chunks. Anything that stops a full scan is an ERROR, never a PASS.

This module orchestrates; the steps live beside it: `planning` reads the file and decides the column
profiles, `partitions` cuts it into partitions and runs them here or on Dask, `cells` analyses the
cells of a partition, `sink` collects the findings and `result` is what the scan returns.
"""

from __future__ import annotations

import time
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from ..errors import ERRORS_BY_NAME, IndigoError
from ..progress import ProgressReporter
from ..registry import MemberRegistry
from .partitions import forget_scan, scan_partitions
from .planning import CHUNK_ROWS, CHUNK_THRESHOLD_BYTES, _plan
from .policy import Policy, make_policy
from .result import BLOCK, ERROR, PASS, ScanResult, file_sha256
from .sink import _Sink


def scan_path(
    path: str | Path,
    allow_columns: Iterable[str] = (),
    allow_entities: Iterable[str] = (),
    *,
    policy: Policy | None = None,
    findings_path: str | Path | None = None,
    keep_findings: int | None = None,
    use_ner: bool = True,
    chunk_threshold: int = CHUNK_THRESHOLD_BYTES,
    chunk_rows: int = CHUNK_ROWS,
    partition_rows: int | None = None,
    client: Any = None,
    registry: MemberRegistry | None = None,
) -> ScanResult:
    """Scan an export; never raises for a bad file: the result's verdict is then ERROR (exit 2).

    Every finding goes to `findings_path` (streamed) when given; the result's `findings` holds all of
    them, or the first `keep_findings` when that is set (counts always cover the whole file). With a
    Dask `client` the partitions run on its workers; findings, counts and verdict are the same as here.
    With a member `registry`, the society's own members are found too (MEMBER_MATCH) and their ids kept in
    the result's `members` (in memory only).
    """
    started = time.perf_counter()
    path = Path(path)
    policy = policy or make_policy(allow_columns, allow_entities)
    result = ScanResult(path, ERROR, policy)
    sink = _Sink(policy, Path(findings_path) if findings_path else None, keep_findings)
    ok = False
    # Phases and rows for the CLI's progress bar when INDIGO_PROGRESS_FILE is set; otherwise only counts.
    reporter = ProgressReporter(0, f"{path.name}: reading")
    try:
        reporter.phase(f"{path.name}: reading")
        result.sha256 = file_sha256(path) if path.is_file() else ""
        plan = _plan(path, chunk_threshold, chunk_rows, lambda phase: reporter.phase(f"{path.name}: {phase}"))
        result.format, result.encoding = plan.format, plan.encoding
        result.profiles = {(sheet, name): p for sheet, named in plan.profiles.items() for name, p in named.items()}
        reporter.phase(f"{path.name}: scanning", plan.rows)
        partitions = scan_partitions(plan.frames, plan.profiles, plan.rows, use_ner, partition_rows, client, registry)
        for sheet, columns, rows, findings in partitions:
            info = result.sheets.setdefault(sheet, {"rows": 0, "columns": [str(c) for c in columns]})
            info["rows"] += rows
            sink.add(findings)
            reporter.advance(rows)
        reporter.finish()
        ok = True
    except IndigoError as exc:
        result.error = exc.message if exc.path else f"{path}: {exc.message}"
        result.error_class = type(exc).__name__ if type(exc).__name__ in ERRORS_BY_NAME else "IndigoError"
        result.reason = exc.problem
        result.reason_code = getattr(exc, "reason", "")
    except Exception as exc:  # fail closed on anything unexpected; its text may quote data, so only its type
        result.error = f"{path}: the scan failed unexpectedly ({type(exc).__name__})"
    finally:
        sink.close(keep=True)
        forget_scan()  # this process's caches hold values of the file: not kept after its scan
    result.findings = sink.findings()
    result.allowed = sink.allowed
    result.counts = sink.counts
    if registry is not None:
        result.registry = registry.describe()
        result.members = frozenset(registry.member_ids[m] for m in sink.members)
    if ok:
        result.verdict = BLOCK if result.total_findings else PASS
    result.duration_seconds = time.perf_counter() - started
    return result
