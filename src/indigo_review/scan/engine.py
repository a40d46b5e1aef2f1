"""The release gate: scan every cell of an export for personal data; PASS, BLOCK, or ERROR (fail closed).

Tabular, not cell by cell: each column is profiled (header and values), its distinct values are
analysed once, structured entities are matched and validated on normalised text, and only free-text
values that can hold a name or an address go to GiNZA, in batches. Every cell of every sheet is
examined; large CSVs are read in chunks. Anything that stops a full scan is an ERROR, never a PASS.
"""

from __future__ import annotations

import csv
import hashlib
import os
import re
import time
import uuid
from collections import Counter, deque
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from ..errors import ERRORS_BY_NAME, IndigoError
from ..io import detect_encoding, iter_csv_chunks, read_table
from ..normalise import normalise_with_offsets, original_span
from ..output import defuse_frame
from ..progress import ProgressReporter
from ..reference import PREFECTURES, REGIONS, is_valid_ean13
from .masking import mask
from .ner import Reading, model_text
from .policy import Policy, make_policy
from .profiles import DOCUMENT_TYPES, PROFILE_SAMPLE, ColumnProfile, document_entity, profile_column
from .recognizers import Context, Span, pattern_recognizers
from .recognizers.dates import parse_date
from .recognizers.names import is_kana_reading, looks_like_name

PASS, BLOCK, ERROR = "PASS", "BLOCK", "ERROR"
EXIT_CODES = {PASS: 0, BLOCK: 1, ERROR: 2}
FINDINGS_COLUMNS = ["sheet", "row", "column", "entity", "score", "start", "end", "evidence"]
CHUNK_THRESHOLD_BYTES = 64 * 1024 * 1024
CHUNK_ROWS = 50_000
# Rows per partition: the unit of work a process (or a Dask worker) scans at a time.
PARTITION_ROWS = 10_000
# On a cluster a file is cut into at least this many partitions per worker, so that no worker waits
# for the last one; never below MIN_PARTITION_ROWS, where a task's own cost would show.
PARTITIONS_PER_WORKER = 4
MIN_PARTITION_ROWS = 1_000
_CACHE_LIMIT = 50_000
# The job keeps this many findings in memory for the notebook; findings.csv has all of them.
KEEP_IN_MEMORY = 10_000
# Rows kept from a chunked file to profile its columns: every n-th row, n doubling as the file goes on.
_SAMPLE_ROWS = 20_000
_ROW_KEY = "\x1f"
_JAPANESE = re.compile(r"[\u3041-\u3096\u30a1-\u30fa\u4e00-\u9fff々]")
# Values that are only a prefecture or region name are never personal data; skip NER on them.
_PLACE_NAMES = frozenset(p.name for p in PREFECTURES) | frozenset(REGIONS)
# Entities that may share characters with another finding: a cell with 〒 and an address holds both.
_MAY_OVERLAP = {frozenset({"LOCATION", "JP_POSTAL_CODE"}), frozenset({"LOCATION", "PHONE_NUMBER"})}
_PRIORITY = {
    name: i
    for i, name in enumerate(
        (
            "EMAIL_ADDRESS",
            "JP_MY_NUMBER",
            "JP_DRIVERS_LICENSE",
            "JP_RESIDENCE_CARD",
            "JP_PASSPORT",
            "JP_PENSION_NUMBER",
            "CREDIT_CARD",
            "PHONE_NUMBER",
            "JP_POSTAL_CODE",
            "DATE_OF_BIRTH",
            "IP_ADDRESS",
            "LOCATION",
            "PERSON",
        )
    )
}


class ScanFailure(IndigoError):
    """A scan could not finish (a recognizer failed); the export is not released."""


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

    def column_summary(self) -> pd.DataFrame:
        """One row per scanned column: its profile and its findings per entity (no values)."""
        rows = []
        counts: dict[tuple[str, str], dict[str, int]] = {}
        for (sheet, column, entity), n in self.counts.items():
            counts.setdefault((sheet, column), {})[entity] = n
        for sheet, info in self.sheets.items():
            for column in info["columns"]:
                profile = self.profiles.get((sheet, column))
                found = counts.get((sheet, column), {})
                rows.append(
                    {
                        "sheet": sheet,
                        "column": column,
                        "column says": ", ".join(sorted(profile.entities)) if profile else "",
                        "findings": int(sum(found.values())),
                        "entities found": ", ".join(f"{k} {v}" for k, v in sorted(found.items())),
                        "allowed": self.policy.allows(column, "") or None,
                    }
                )
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


def resolve_overlaps(spans: Sequence[Span]) -> list[Span]:
    """Keep the most specific finding where two overlap (an e-mail over a name inside it), except allowed pairs."""
    ordered = sorted(spans, key=lambda s: (_PRIORITY.get(s.entity, 99), -s.score, -(s.end - s.start), s.start))
    kept: list[Span] = []
    for span in ordered:
        clash = any(
            span.start < other.end
            and other.start < span.end
            and (other.entity == span.entity or frozenset({span.entity, other.entity}) not in _MAY_OVERLAP)
            for other in kept
        )
        if not clash:
            kept.append(span)
    return sorted(kept, key=lambda s: (s.start, s.entity))


def person_cell_span(text: str, profile: ColumnProfile) -> Span | None:
    """In a column of names (by header or by katakana readings) the whole cell is the name."""
    if "PERSON" in profile.entities and (looks_like_name(text) or is_kana_reading(text)):
        return Span("PERSON", 0, len(text), 0.85)
    return None


def _product_code(span: Span, text: str, profile: ColumnProfile) -> bool:
    """A 13-digit number whose GS1 check digit is right is a JAN/EAN product code, not a card (unless the
    column says cards): such a number may pass Luhn too."""
    if span.entity != "CREDIT_CARD" or "CREDIT_CARD" in profile.from_header:
        return False
    return is_valid_ean13(text[span.start : span.end])


def _normalise(value: str) -> tuple[str, list[int]]:
    """normalise_with_offsets, with a fast path: NFKC and hyphen folding leave plain ASCII unchanged."""
    if value.isascii():
        return value, list(range(len(value) + 1))
    return normalise_with_offsets(value)


def _whole_cell(spans: Sequence[Span], text: str) -> bool:
    """A finding already accounts for the whole cell (a name, an address, a date of birth): nothing is left for NER."""
    return any(s.end - s.start == len(text.strip()) for s in spans)


def _needs_ner(text: str, profile: ColumnProfile) -> bool:
    """Free text that can hold a name or address: Japanese characters, not a bare place name."""
    if profile.hex_ids or ("PERSON" in profile.excluded and "LOCATION" in profile.excluded):
        return False
    # A date alone (昭和60年4月12日 has kanji) holds no name: the neural pipes would only confirm that.
    return len(text) >= 2 and text not in _PLACE_NAMES and bool(_JAPANESE.search(text)) and parse_date(text) is None


class _Analyser:
    """Analyses distinct values column by column, with a bounded cache and batched NER."""

    def __init__(self, use_ner: bool = True) -> None:
        self.use_ner = use_ner
        self.recognizers = pattern_recognizers()
        self.ner_cache: dict[str, Reading] = {}

    def structured(self, text: str, profile: ColumnProfile, context: Context) -> list[Span]:
        spans: list[Span] = []
        for recognizer in self.recognizers:
            spans.extend(recognizer.find(text, context))
        person = person_cell_span(text, profile)
        if person is not None:
            spans.append(person)
        return [s for s in spans if not _product_code(s, text, profile)]

    def ner(self, keys: list[str]) -> None:
        """Make sure every model text has its reading in the cache (the cache is emptied first when full)."""
        if len(self.ner_cache) > _CACHE_LIMIT:
            self.ner_cache.clear()
        todo = [k for k in dict.fromkeys(keys) if k not in self.ner_cache]
        if not todo:
            return
        from .ner import read_texts

        for key, reading in zip(todo, read_texts(todo), strict=True):
            self.ner_cache[key] = reading


@dataclass
class _Column:
    sheet: str
    name: str
    profile: ColumnProfile
    cache: dict[str, tuple[Span, ...]] = field(default_factory=dict)


def _profile(sheet: str, name: str, series: pd.Series) -> _Column:
    """Profile a column from its distinct values, taken evenly across the whole column when there are many."""
    values = pd.unique(series[series != ""])
    # profile_column judges PROFILE_SAMPLE values at most: normalise only those.
    if len(values) > PROFILE_SAMPLE:
        values = values[np.linspace(0, len(values) - 1, PROFILE_SAMPLE).astype(int)]
    normalised = [_normalise(v)[0] for v in values]
    return _Column(sheet, name, profile_column(name, normalised))


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


def _row_context(profile: ColumnProfile, document: str) -> Context:
    """The context of one cell of a number column when its row names an identity document."""
    named = document_entity(document) if document else None
    if named is None:
        return profile.context()
    others = set(DOCUMENT_TYPES) - {named}
    # The row's document outranks the column: a licence column can hold numbers that pass the My Number check.
    return Context(frozenset((profile.entities - others) | {named}), frozenset((profile.excluded | others) - {named}))


def _scan_frame(
    analyser: _Analyser, columns: dict[str, _Column], sheet: str, frame: pd.DataFrame, row_offset: int
) -> pd.DataFrame:
    """Findings of one piece of one sheet (FINDINGS_COLUMNS), row by row and column by column."""
    # Free text waiting for the name model, by model text: values that differ only in digits or found values share one.
    pending: dict[str, list[tuple[_Column, str, str, str, list[int], list[Span]]]] = {}
    factorised = {}
    for name in frame.columns:
        if name not in columns:
            columns[name] = _profile(sheet, name, frame[name])
    # A document-type column (運転免許証, 個人番号カード) says what the numbers in its row are.
    document = next((n for n in frame.columns if columns[n].profile.document_types), None)
    for name in frame.columns:
        column = columns[name]
        try:
            by_row = document is not None and name != document and column.profile.id_numbers
            keys = frame[name] + _ROW_KEY + frame[document] if by_row else frame[name]
            codes, uniques = pd.factorize(keys, sort=False)
            uniques = np.asarray(uniques, dtype=object)
            factorised[name] = (codes, uniques)
            context = column.profile.context()
            if len(column.cache) > _CACHE_LIMIT:
                column.cache.clear()
            for key in uniques:
                if key in column.cache:
                    continue
                value, _, named = key.partition(_ROW_KEY) if by_row else (key, "", "")
                if not value.strip():
                    column.cache[key] = ()
                    continue
                text, offsets = _normalise(value)
                cell_context = _row_context(column.profile, named) if by_row else context
                spans = analyser.structured(text, column.profile, cell_context)
                if analyser.use_ner and _needs_ner(text, column.profile) and not _whole_cell(spans, text):
                    pending.setdefault(model_text(text, spans), []).append((column, key, value, text, offsets, spans))
                else:
                    column.cache[key] = _finalise(value, text, offsets, spans)
        except IndigoError:
            raise
        except Exception as exc:  # a recognizer bug must stop the release, naming where, never the value
            raise ScanFailure(
                None, f"a recognizer failed on sheet '{sheet}' column '{name}' ({type(exc).__name__})", "report it"
            ) from None
    if pending:
        try:
            analyser.ner(list(pending))
        except Exception as exc:  # GiNZA failing means free text went unchecked: fail closed
            raise ScanFailure(
                None, f"name recognition failed on sheet '{sheet}' ({type(exc).__name__})", "report it"
            ) from None
        for model, waiting in pending.items():
            reading = analyser.ner_cache[model]
            for column, key, value, text, offsets, spans in waiting:
                extra = [s for s in reading.spans(text) if s.entity not in column.profile.excluded]
                column.cache[key] = _finalise(value, text, offsets, [*spans, *extra])
    parts = [
        _column_findings(sheet, name, *factorised[name], columns[name].cache, row_offset) for name in frame.columns
    ]
    found = pd.concat([p for p in parts if p is not None] or [_EMPTY], ignore_index=True)
    # Columns were gathered one after another; a stable sort on the row keeps them in column order.
    return found.iloc[np.argsort(found["row"].to_numpy(), kind="stable")].reset_index(drop=True)


_EMPTY = pd.DataFrame({c: pd.Series(dtype=object) for c in FINDINGS_COLUMNS}).astype(
    {"row": "int64", "score": "float64", "start": "int64", "end": "int64"}
)


def _column_findings(
    sheet: str, name: str, codes: np.ndarray, uniques: np.ndarray, cache: dict[str, tuple], row_offset: int
) -> pd.DataFrame | None:
    """The findings of one column, rows ascending, from the findings of its distinct values (no loop over rows)."""
    per_value = [cache[key] for key in uniques]
    sizes = np.fromiter(map(len, per_value), dtype=np.int64, count=len(per_value))
    per_row = sizes[codes]
    hit = np.nonzero(per_row)[0]
    if not len(hit):
        return None
    # Value v's findings sit at flat[first[v] : first[v] + sizes[v]]; row r takes those of its value.
    flat = [finding for findings in per_value for finding in findings]
    first = np.cumsum(sizes) - sizes
    counts = per_row[hit]
    total = int(counts.sum())
    index = np.repeat(first[codes[hit]], counts) + np.arange(total) - np.repeat(np.cumsum(counts) - counts, counts)
    entity, score, start, end, evidence = zip(*flat, strict=True)
    return pd.DataFrame(
        {
            "sheet": np.full(total, sheet, dtype=object),
            "row": np.repeat(hit, counts) + row_offset,
            "column": np.full(total, name, dtype=object),
            "entity": np.array(entity, dtype=object)[index],
            "score": np.array(score, dtype=np.float64)[index],
            "start": np.array(start, dtype=np.int64)[index],
            "end": np.array(end, dtype=np.int64)[index],
            "evidence": np.array(evidence, dtype=object)[index],
        }
    )


def _finalise(value: str, text: str, offsets: list[int], spans: list[Span]) -> tuple:
    """Resolve overlaps, map spans to the original cell, and mask the evidence."""
    out = []
    for span in resolve_overlaps(spans):
        start, end = original_span(offsets, span.start, span.end)
        out.append((span.entity, round(span.score, 2), start, end, mask(span.entity, value[start:end])))
    return tuple(out)


@dataclass
class _Plan:
    """What a scan needs before any partition runs: the file's form, its row count and every column's profile."""

    format: str
    encoding: str | None
    rows: int
    profiles: dict[str, dict[str, ColumnProfile]]
    frames: Iterator[tuple[str, pd.DataFrame]]


def _plan(path: Path, chunk_threshold: int, chunk_rows: int) -> _Plan:
    """Read enough of the file to profile every column, once, before the partitions run.

    Large CSV/TSV files come in chunks after a first pass that keeps a sample spread across the whole
    file; other files are read whole and each sheet's columns are profiled from the whole sheet.
    """
    suffix = path.suffix.lower()
    if suffix in (".csv", ".tsv") and path.is_file() and path.stat().st_size > chunk_threshold:
        encoding = detect_encoding(path)
        counted = [0]

        def counting(frames: Iterator[pd.DataFrame]) -> Iterator[pd.DataFrame]:
            for frame in frames:
                counted[0] += len(frame)
                yield frame

        sample = sample_rows(counting(iter_csv_chunks(path, chunk_rows)))
        profiles = (
            {"data": {n: _profile("data", n, sample[n]).profile for n in sample.columns}} if sample is not None else {}
        )
        frames = (("data", frame) for frame in iter_csv_chunks(path, chunk_rows))
        return _Plan(suffix[1:], encoding, counted[0], profiles, frames)
    table = read_table(path)
    profiles = {
        sheet: {name: _profile(sheet, name, frame[name]).profile for name in frame.columns}
        for sheet, frame in table.sheets.items()
    }
    rows = sum(len(frame) for frame in table.sheets.values())
    return _Plan(table.format, table.encoding, rows, profiles, iter(table.sheets.items()))


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


@dataclass(frozen=True)
class PartitionFailure:
    """A partition that could not be scanned, as a value: a raised error would make Dask log the task's
    arguments, which are the rows of the export. The message names positions only."""

    message: str


def scan_partition(
    scan_id: str, sheet: str, frame: pd.DataFrame, offset: int, profiles: dict[str, ColumnProfile], use_ner: bool
) -> pd.DataFrame | PartitionFailure:
    """Findings of one partition in row order (row numbers are the file's), judged by the profiles decided for
    the whole file."""
    try:
        return _scan_partition(scan_id, sheet, frame, offset, profiles, use_ner)
    except IndigoError as exc:
        return PartitionFailure(exc.message)
    except Exception as exc:  # its text may quote a cell: only its type, and where
        where = f"sheet '{sheet}' rows {offset}-{offset + len(frame) - 1}"
        return PartitionFailure(f"the scan failed on {where} ({type(exc).__name__})")


def _scan_partition(
    scan_id: str, sheet: str, frame: pd.DataFrame, offset: int, profiles: dict[str, ColumnProfile], use_ner: bool
) -> pd.DataFrame:
    state = _STATE.get(scan_id)
    if state is None:
        _STATE.clear()
        state = _STATE[scan_id] = (_Analyser(use_ner), {})
    analyser, columns = state
    sheet_columns = columns.setdefault(sheet, {name: _Column(sheet, name, p) for name, p in profiles.items()})
    return _scan_frame(analyser, sheet_columns, sheet, frame, offset)


class _Sink:
    """Collects findings: allowed ones are only counted; the rest are kept, or streamed to findings.csv."""

    def __init__(self, policy: Policy, path: Path | None, keep: int | None) -> None:
        self.policy = policy
        self.allowed: Counter = Counter()
        self.counts: Counter = Counter()
        self.kept: list[pd.DataFrame] = []
        self.size = 0
        self.keep = keep
        self.path = path
        self._handle = None
        if path is not None:
            path.parent.mkdir(parents=True, exist_ok=True)
            self._tmp = path.with_name(f".{path.name}.partial")
            self._handle = self._tmp.open("w", encoding="utf-8-sig", newline="")
            csv.writer(self._handle, lineterminator="\n").writerow(FINDINGS_COLUMNS)

    def add(self, findings: pd.DataFrame) -> None:
        if findings.empty:
            return
        sizes = findings.groupby(["sheet", "column", "entity"], sort=False).size()
        allowed = {(column, entity) for _, column, entity in sizes.index if self.policy.allows(column, entity)}
        for (sheet, column, entity), n in sizes.items():
            if (column, entity) in allowed:
                self.allowed[entity] += int(n)
            else:
                self.counts[(sheet, column, entity)] += int(n)
        if allowed:
            pairs = pd.MultiIndex.from_frame(findings[["column", "entity"]])
            findings = findings[~pairs.isin(list(allowed))]
        if self.keep is None or self.size < self.keep:
            part = findings if self.keep is None else findings.head(self.keep - self.size)
            self.kept.append(part)
            self.size += len(part)
        if self._handle is not None:
            defuse_frame(findings).to_csv(self._handle, header=False, index=False, lineterminator="\n")

    def findings(self) -> pd.DataFrame:
        """The kept findings, in file order."""
        return pd.concat(self.kept, ignore_index=True) if self.kept else _EMPTY.copy()

    def close(self, keep: bool) -> None:
        if self._handle is None:
            return
        self._handle.flush()
        os.fsync(self._handle.fileno())
        self._handle.close()
        if keep:
            os.replace(self._tmp, self.path)
        else:
            self._tmp.unlink(missing_ok=True)


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
) -> ScanResult:
    """Scan an export; never raises for a bad file: the result's verdict is then ERROR (exit 2).

    Every finding goes to `findings_path` (streamed) when given; the result's `findings` holds all of
    them, or the first `keep_findings` when that is set (counts always cover the whole file). With a
    Dask `client` the partitions run on its workers; findings, counts and verdict are the same as here.
    """
    started = time.perf_counter()
    path = Path(path)
    policy = policy or make_policy(allow_columns, allow_entities)
    result = ScanResult(path, ERROR, policy)
    sink = _Sink(policy, Path(findings_path) if findings_path else None, keep_findings)
    ok = False
    try:
        result.sha256 = file_sha256(path) if path.is_file() else ""
        plan = _plan(path, chunk_threshold, chunk_rows)
        result.format, result.encoding = plan.format, plan.encoding
        result.profiles = {(sheet, name): p for sheet, named in plan.profiles.items() for name, p in named.items()}
        # Counts rows for the CLI's progress bar when INDIGO_PROGRESS_FILE is set; otherwise only counts.
        reporter = ProgressReporter(plan.rows, f"scan {path.name}")
        scan_id = uuid.uuid4().hex
        tasks = (
            (
                f"sheet '{sheet}' rows {offset}-{offset + len(frame) - 1}",
                (scan_id, sheet, frame, offset, plan.profiles.get(sheet, {}), use_ner),
                sheet,
                list(frame.columns),
                len(frame),
            )
            for sheet, frame, offset in _partitions(plan.frames, partition_rows or _partition_rows(plan.rows, client))
        )
        for sheet, columns, rows, findings in _run(tasks, client):
            info = result.sheets.setdefault(sheet, {"rows": 0, "columns": [str(c) for c in columns]})
            info["rows"] += rows
            sink.add(findings)
            reporter.advance(rows)
        reporter.finish()
        ok = True
    except IndigoError as exc:
        result.error = exc.message if exc.path else f"{path}: {exc.message}"
        result.error_class = type(exc).__name__ if type(exc).__name__ in ERRORS_BY_NAME else "IndigoError"
    except Exception as exc:  # fail closed on anything unexpected; its text may quote data, so only its type
        result.error = f"{path}: the scan failed unexpectedly ({type(exc).__name__})"
    finally:
        sink.close(keep=True)
        _STATE.clear()  # this process's caches hold values of the file: not kept after its scan
    result.findings = sink.findings()
    result.allowed = sink.allowed
    result.counts = sink.counts
    if ok:
        result.verdict = BLOCK if result.total_findings else PASS
    result.duration_seconds = time.perf_counter() - started
    return result
