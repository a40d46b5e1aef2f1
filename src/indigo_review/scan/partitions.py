"""Partitions: cut the file's sheets into pieces of rows and scan each, in this process or on Dask workers.

A partition is scanned by `scan_partition`, the function a Dask worker runs: it returns findings or a
PartitionFailure, never raises. Results come back in file order either way, and a failed partition
stops the scan (fail closed).
"""

from __future__ import annotations

import uuid
from collections import deque
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import Any

import pandas as pd

from ..errors import IndigoError, ScanFailure
from ..registry import MemberRegistry
from .cells import _Analyser, _Column, _scan_frame
from .planning import _profile
from .profiles import ColumnProfile

# Rows per partition: the unit of work a process (or a Dask worker) scans at a time.
PARTITION_ROWS = 10_000
# On a cluster a file is cut into at least this many partitions per worker, so that no worker waits
# for the last one; never below MIN_PARTITION_ROWS, where a task's own cost would show.
PARTITIONS_PER_WORKER = 4
MIN_PARTITION_ROWS = 1_000


def _partition_rows(rows: int, client: Any) -> int:
    """PARTITION_ROWS in this process; on a cluster, small enough that every worker gets several partitions."""
    if client is None:
        return PARTITION_ROWS
    workers = max(1, len(client.scheduler_info().get("workers", {})))
    return max(MIN_PARTITION_ROWS, min(PARTITION_ROWS, -(-rows // (workers * PARTITIONS_PER_WORKER))))


def _partitions(frames: Iterable[tuple[str, pd.DataFrame]], rows: int) -> Iterator[tuple[str, pd.DataFrame, int]]:
    """(sheet, frame, first row) pieces of at most `rows` rows, in file order; an empty sheet is one piece."""
    for sheet, frame in frames:
        offset = int(frame.index[0]) if len(frame) and isinstance(frame.index, pd.RangeIndex) else 0
        frame = frame.reset_index(drop=True)
        if frame.empty:
            yield sheet, frame, offset
        for start in range(0, len(frame), rows):
            yield sheet, frame.iloc[start : start + rows].reset_index(drop=True), offset + start


# One scan's analyser and column caches per process: in a Dask worker they live across the partitions
# of a scan, so each value is analysed once per worker; a new scan starts them afresh.
_STATE: dict[str, tuple[_Analyser, dict[str, dict[str, _Column]]]] = {}


# A value, not an exception, so it stays here rather than in errors.py: it is returned across the Dask
# boundary precisely so that nothing is raised there; _checked turns it into the ScanFailure.
@dataclass(frozen=True)
class PartitionFailure:
    """A partition that could not be scanned, as a value: a raised error would make Dask log the task's
    arguments, which are the rows of the export. The message names positions only."""

    message: str


def scan_partition(
    scan_id: str,
    sheet: str,
    frame: pd.DataFrame,
    offset: int,
    profiles: dict[str, ColumnProfile],
    use_ner: bool,
    registry: MemberRegistry | None = None,
) -> pd.DataFrame | PartitionFailure:
    """Findings of one partition in row order (row numbers are the file's), judged by the profiles decided for
    the whole file, with the society's members looked up in `registry` when there is one."""
    try:
        return _scan_partition(scan_id, sheet, frame, offset, profiles, use_ner, registry)
    except IndigoError as exc:
        return PartitionFailure(exc.message)
    except Exception as exc:  # its text may quote a cell: only its type, and where
        where = f"sheet '{sheet}' rows {offset}-{offset + len(frame) - 1}"
        return PartitionFailure(f"the scan failed on {where} ({type(exc).__name__})")


def _scan_partition(
    scan_id: str,
    sheet: str,
    frame: pd.DataFrame,
    offset: int,
    profiles: dict[str, ColumnProfile],
    use_ner: bool,
    registry: MemberRegistry | None = None,
) -> pd.DataFrame:
    state = _STATE.get(scan_id)
    if state is None:
        _STATE.clear()
        state = _STATE[scan_id] = (_Analyser(use_ner, registry), {})
    analyser, columns = state
    sheet_columns = columns.setdefault(sheet, {name: _Column(sheet, name, p) for name, p in profiles.items()})
    for name in frame.columns:
        if name not in sheet_columns:
            sheet_columns[name] = _Column(sheet, name, _profile(name, frame[name]))
    return _scan_frame(analyser, sheet_columns, sheet, frame, offset)


def _run(tasks: Iterable[tuple], client: Any) -> Iterator[tuple[str, list[str], int, pd.DataFrame]]:
    """Scan each partition here or on the Dask client's workers; results in file order either way."""
    if client is None:
        for _, args, sheet, columns, rows in tasks:
            yield sheet, columns, rows, _checked(scan_partition(*args))
        return
    from .cluster import run_ordered

    pending: deque[tuple[str, list[str], int]] = deque()

    def submitted() -> Iterator[tuple[str, tuple]]:
        for name, args, sheet, columns, rows in tasks:
            pending.append((sheet, columns, rows))
            yield name, args

    for findings in run_ordered(client, scan_partition, submitted()):
        sheet, columns, rows = pending.popleft()
        yield sheet, columns, rows, _checked(findings)


def _checked(findings: pd.DataFrame | PartitionFailure) -> pd.DataFrame:
    """A partition's findings, or the ScanFailure that stops the release (fail closed)."""
    if isinstance(findings, PartitionFailure):
        raise ScanFailure(None, findings.message, "report it; the file is not released")
    return findings


def scan_partitions(
    frames: Iterable[tuple[str, pd.DataFrame]],
    profiles: dict[str, dict[str, ColumnProfile]],
    rows: int,
    use_ner: bool,
    partition_rows: int | None = None,
    client: Any = None,
    registry: MemberRegistry | None = None,
) -> Iterator[tuple[str, list[str], int, pd.DataFrame]]:
    """(sheet, columns, rows, findings) of each partition in file order; raises when one could not be scanned."""
    scan_id = uuid.uuid4().hex
    # The registry goes to every worker once, not with every partition.
    shared = registry
    if client is not None and registry is not None:
        shared = client.scatter(registry.without_ids(), broadcast=True, hash=False)
    tasks = (
        (
            f"sheet '{sheet}' rows {offset}-{offset + len(frame) - 1}",
            (scan_id, sheet, frame, offset, profiles.get(sheet, {}), use_ner, shared),
            sheet,
            list(frame.columns),
            len(frame),
        )
        for sheet, frame, offset in _partitions(frames, partition_rows or _partition_rows(rows, client))
    )
    yield from _run(tasks, client)


def forget_scan() -> None:
    """Drop this process's analyser and column caches: they hold values of the file just scanned."""
    _STATE.clear()
