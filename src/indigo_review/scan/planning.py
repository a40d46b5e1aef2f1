"""Planning a scan: read the file (whole, or large CSVs in chunks) and decide every column's profile once.

The profiles are decided for the whole file before any partition runs, so every partition, here or on
a Dask worker, judges a column the same way.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pandas as pd

from ..io import detect_encoding, iter_csv_chunks, read_table
from .cells import _normalise
from .members import is_link_code_column
from .profiles import PROFILE_SAMPLE, ColumnProfile, profile_column

CHUNK_THRESHOLD_BYTES = 64 * 1024 * 1024
CHUNK_ROWS = 50_000
# Rows kept from a chunked file to profile its columns: every n-th row, n doubling as the file goes on.
_SAMPLE_ROWS = 20_000


def _profile(name: str, series: pd.Series) -> ColumnProfile:
    """Profile a column from its distinct values, taken evenly across the whole column when there are many."""
    values = pd.unique(series[series != ""])
    # profile_column judges PROFILE_SAMPLE values at most: normalise only those.
    if len(values) > PROFILE_SAMPLE:
        values = values[np.linspace(0, len(values) - 1, PROFILE_SAMPLE).astype(int)]
    normalised = [_normalise(v)[0] for v in values]
    profile = profile_column(name, normalised)
    profile.link_codes = is_link_code_column(series)
    return profile


def sample_rows(frames: Iterable[pd.DataFrame], limit: int = _SAMPLE_ROWS) -> pd.DataFrame | None:
    """A bounded, deterministic sample spread across the whole file: rows whose number is a multiple of a
    stride that doubles whenever more than `limit` rows are kept (frames carry the file's row numbers)."""
    stride = 1
    kept: list[pd.DataFrame] = []
    size = 0
    for frame in frames:
        part = frame[np.asarray(frame.index) % stride == 0]
        kept.append(part)
        size += len(part)
        while size > limit:
            stride *= 2
            kept = [k[np.asarray(k.index) % stride == 0] for k in kept]
            size = sum(len(k) for k in kept)
    return pd.concat(kept) if kept else None


@dataclass
class _Plan:
    """What a scan needs before any partition runs: the file's form, its row count and every column's profile."""

    format: str
    encoding: str | None
    rows: int
    profiles: dict[str, dict[str, ColumnProfile]]
    frames: Iterator[tuple[str, pd.DataFrame]]


def _plan(path: Path, chunk_threshold: int, chunk_rows: int, on_phase: Callable[[str], None] | None = None) -> _Plan:
    """Read enough of the file to profile every column, once, before the partitions run.

    Large CSV/TSV files come in chunks after a first pass that keeps a sample spread across the whole
    file; other files are read whole and each sheet's columns are profiled from the whole sheet.
    `on_phase` hears when reading ends and profiling starts (the progress bar's phases).
    """
    on_phase = on_phase or (lambda phase: None)
    suffix = path.suffix.lower()
    if suffix in (".csv", ".tsv") and path.is_file() and path.stat().st_size > chunk_threshold:
        encoding = detect_encoding(path)
        counted = [0]

        def counting(frames: Iterator[pd.DataFrame]) -> Iterator[pd.DataFrame]:
            for frame in frames:
                counted[0] += len(frame)
                yield frame

        sample = sample_rows(counting(iter_csv_chunks(path, chunk_rows)))
        on_phase("profiling")
        profiles = {"data": {n: _profile(n, sample[n]) for n in sample.columns}} if sample is not None else {}
        frames = (("data", frame) for frame in iter_csv_chunks(path, chunk_rows))
        return _Plan(suffix[1:], encoding, counted[0], profiles, frames)
    table = read_table(path)
    on_phase("profiling")
    profiles = {
        sheet: {name: _profile(name, frame[name]) for name in frame.columns} for sheet, frame in table.sheets.items()
    }
    rows = sum(len(frame) for frame in table.sheets.values())
    return _Plan(table.format, table.encoding, rows, profiles, iter(table.sheets.items()))
