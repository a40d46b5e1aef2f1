"""Read any export into DataFrames of strings, or fail with an InputError that names the file.

One entry point, `read_table`. The format comes from the file's first bytes (zip, Parquet, OLE2) and,
for text, from its extension; the text encoding is detected by strict decoding (BOMs, UTF-8, CP932),
never assumed. Every value stays a string exactly as written, so leading zeros in postal codes, phones
and ID numbers survive. Each DataFrame's index is the 0-based data row (header excluded) and its
columns are the header names (dotted key paths for JSON), so a cell's origin is (sheet, row, column).
"""

from __future__ import annotations

import csv
import io
import json
import math
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date, datetime, time
from pathlib import Path
from typing import Any

import pandas as pd

from .errors import InputError
from .formats import BINARY_FORMATS, SUPPORTED, TEXT_FORMATS

_ZIP_MAGIC = b"PK\x03\x04"
_PARQUET_MAGIC = b"PAR1"
_OLE2_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_DEFAULT_SHEET = "data"
# Control characters other than tab, CR and LF do not occur in real text exports.
_CONTROL = {chr(c) for c in range(32) if chr(c) not in "\t\r\n"} | {"\x7f"}


@dataclass(frozen=True)
class Cell:
    """One cell and where it came from."""

    sheet: str
    row: int
    column: str
    value: str


@dataclass
class Table:
    """An export read in full: one DataFrame of strings per sheet (one sheet for non-Excel files)."""

    path: Path
    format: str
    encoding: str | None
    sheets: dict[str, pd.DataFrame] = field(default_factory=dict)

    @property
    def rows(self) -> int:
        """Data rows over all sheets."""
        return sum(len(df) for df in self.sheets.values())

    @property
    def frame(self) -> pd.DataFrame:
        """The only sheet; for files that have one."""
        if len(self.sheets) != 1:
            raise InputError(self.path, f"has {len(self.sheets)} sheets", "pick one from Table.sheets")
        return next(iter(self.sheets.values()))

    def cells(self) -> Iterator[Cell]:
        """Every non-empty cell of every sheet, with its origin."""
        for sheet, df in self.sheets.items():
            for column in df.columns:
                for row, value in enumerate(df[column].tolist()):
                    if value:
                        yield Cell(sheet, row, column, value)


def read_table(path: str | Path) -> Table:
    """Read a CSV, TSV, Excel, Parquet, JSON or JSON Lines export into DataFrames of strings."""
    path = Path(path)
    raw = _read_bytes(path)
    head = raw[:8]
    suffix = path.suffix.lower()
    if suffix not in TEXT_FORMATS and suffix not in BINARY_FORMATS:
        raise InputError(path, f"unsupported file type '{suffix or '(none)'}'", f"use one of {', '.join(SUPPORTED)}")
    if head.startswith(_OLE2_MAGIC):
        raise InputError(
            path,
            "is a password-protected workbook or a legacy .xls file",
            "remove the password or save it as .xlsx, then run again",
        )
    if suffix in BINARY_FORMATS:
        kind = BINARY_FORMATS[suffix]
        if kind == "xlsx":
            return Table(path, "xlsx", None, _read_xlsx(path, raw))
        return Table(path, "parquet", None, _read_parquet(path, raw))
    if head.startswith((_ZIP_MAGIC, _PARQUET_MAGIC)):
        raise InputError(path, f"is a binary file, not {TEXT_FORMATS[suffix].upper()} text", "check the file type")
    text, encoding = decode_text(path, raw)
    kind = TEXT_FORMATS[suffix]
    if kind in ("csv", "tsv"):
        frame = _read_delimited(path, text, "," if kind == "csv" else "\t", raw, encoding)
    elif kind == "json":
        frame = _records_frame(path, _parse_json(path, text))
    else:
        frame = _records_frame(path, _parse_json_lines(path, text))
    return Table(path, kind, encoding, {_DEFAULT_SHEET: frame})


def _read_bytes(path: Path) -> bytes:
    if not path.exists():
        raise InputError(path, "file not found", "check the path")
    if path.is_dir():
        raise InputError(path, "is a directory, not a file", "name one export file")
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise InputError(path, f"cannot be read ({exc.strerror})", "check its permissions") from None
    if not raw.strip():
        raise InputError(path, "is empty", "export the table again; a valid file has at least a header row")
    return raw


def decode_text(path: Path, raw: bytes) -> tuple[str, str]:
    """Decode bytes as UTF-8 (with or without BOM), UTF-16 with BOM, or CP932; return text and encoding."""
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        candidates = ["utf-16"]
    elif raw.startswith(b"\xef\xbb\xbf"):
        candidates = ["utf-8-sig"]
    else:
        if b"\x00" in raw:
            line = raw[: raw.index(b"\x00")].count(b"\n") + 1
            raise InputError(path, f"contains NUL bytes (line {line})", "this is a binary file or a damaged export")
        _reject_binary(path, raw[:65536].decode("latin-1"))
        candidates = ["utf-8", "cp932"]
    failure: UnicodeDecodeError | None = None
    for encoding in candidates:
        try:
            text = raw.decode(encoding)
        except UnicodeDecodeError as exc:
            # Keep the first failure's position: it is usually the most telling.
            failure = failure or exc
            continue
        _reject_binary(path, text)
        return text, encoding
    assert failure is not None
    line = raw[: failure.start].count(b"\n") + 1
    raise InputError(
        path,
        f"cannot be decoded as {' or '.join(candidates)} (first bad byte at line {line})",
        "save it as UTF-8 (or CP932 from Excel) and run again",
    )


def _reject_binary(path: Path, text: str) -> None:
    sample = text[:65536]
    controls = sum(ch in _CONTROL for ch in sample)
    if "\x00" in sample or controls > max(2, len(sample) // 1000):
        raise InputError(path, "looks like binary data, not text", "check that this is the export you meant")


def _read_delimited(path: Path, text: str, delimiter: str, raw: bytes = b"", encoding: str = "utf-8") -> pd.DataFrame:
    fast = _read_delimited_arrow(text, delimiter, raw, encoding) if raw else None
    if fast is not None:
        return fast
    # The exact reader: slower, but it names the line of any problem (ragged row, broken quote).
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, strict=True)
    try:
        rows = [row for row in reader if row]
    except csv.Error as exc:
        raise InputError(
            path, f"is not valid delimited text at line {reader.line_num} ({exc})", "fix the quoting"
        ) from None
    if not rows:
        raise InputError(path, "is empty", "export the table again with a header row")
    header = _header(path, rows[0])
    body = rows[1:]
    width = len(header)
    for number, row in enumerate(body):
        if len(row) != width:
            raise InputError(
                path,
                f"data row {number} (line {number + 2}) has {len(row)} fields but the header has {width}",
                "fix the row or quote fields that contain the delimiter",
            )
    return _frame(body, header)


def _read_delimited_arrow(text: str, delimiter: str, raw: bytes, encoding: str) -> pd.DataFrame | None:
    """Parse with Arrow's CSV reader (a fraction of the time and memory); None means "use the exact reader"."""
    import pyarrow as pa
    import pyarrow.csv as pacsv

    first_line = text.split("\n", 1)[0].rstrip("\r")
    header_rows = list(csv.reader([first_line], delimiter=delimiter))
    # Only a plain one-line header is handed to Arrow; anything unusual goes to the exact reader.
    if not first_line.strip() or '"' in first_line or not header_rows:
        return None
    # Arrow closes a quote left open at the end of the file; an odd number of quotes means a cut or
    # broken file, and the exact reader must say so.
    if text.count('"') % 2:
        return None
    header = [name.strip() or f"column_{i + 1}" for i, name in enumerate(header_rows[0])]
    if len(set(header)) != len(header):
        return None
    body = raw[3:] if encoding == "utf-8-sig" else raw
    try:
        table = pacsv.read_csv(
            pa.BufferReader(body),
            read_options=pacsv.ReadOptions(
                column_names=header,
                skip_rows=1,
                encoding="utf8" if encoding in ("utf-8", "utf-8-sig") else encoding,
            ),
            parse_options=pacsv.ParseOptions(delimiter=delimiter, newlines_in_values=True, ignore_empty_lines=True),
            convert_options=pacsv.ConvertOptions(
                column_types={name: pa.string() for name in header},
                strings_can_be_null=False,
                quoted_strings_can_be_null=False,
                null_values=[],
            ),
        )
    except (pa.ArrowInvalid, pa.ArrowException, UnicodeError):
        return None
    return table.to_pandas().astype("str")


def _header(path: Path, names: list[Any]) -> list[str]:
    header = [str(name).strip() if name is not None else "" for name in names]
    header = [name or f"column_{i + 1}" for i, name in enumerate(header)]
    seen: set[str] = set()
    for name in header:
        if name in seen:
            raise InputError(path, f"has duplicate column name '{name}'", "rename one of the columns")
        seen.add(name)
    return header


def _frame(rows: list[list[str]], header: list[str]) -> pd.DataFrame:
    return pd.DataFrame(rows, columns=header, dtype=object).astype("str")


def cell_text(value: Any) -> str:
    """Render a typed value (Excel, Parquet, JSON) as the text a person would see; None is ''."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float):
        if math.isnan(value):
            return ""
        return str(int(value)) if value.is_integer() and abs(value) < 1e15 else repr(value)
    if isinstance(value, datetime):
        return value.isoformat(sep=" ") if value.time() != time(0) else value.date().isoformat()
    if isinstance(value, (date, time)):
        return value.isoformat()
    if isinstance(value, (list, dict)):
        return json.dumps(value, ensure_ascii=False, sort_keys=True)
    if isinstance(value, bytes):
        return value.decode("utf-8", errors="replace")
    return str(value)


def _read_xlsx(path: Path, raw: bytes) -> dict[str, pd.DataFrame]:
    import openpyxl  # deferred: only Excel inputs pay for the import

    if not raw.startswith(_ZIP_MAGIC):
        raise InputError(path, "is not a valid .xlsx workbook", "open it in Excel and save it again as .xlsx")
    try:
        book = openpyxl.load_workbook(io.BytesIO(raw), read_only=True, data_only=True)
    except Exception as exc:  # any parser failure on an untrusted workbook means it is damaged
        raise InputError(
            path, f"is a corrupt .xlsx workbook ({type(exc).__name__})", "open it in Excel and save it again"
        ) from None
    sheets: dict[str, pd.DataFrame] = {}
    try:
        for sheet in book.worksheets:
            rows = [[cell_text(v) for v in row] for row in sheet.iter_rows(values_only=True)]
            sheets[sheet.title] = _sheet_frame(path, sheet.title, rows)
    except Exception as exc:  # any parser failure on an untrusted workbook means it is damaged
        raise InputError(
            path, f"has a sheet that cannot be read in full ({type(exc).__name__})", "save the workbook again"
        ) from None
    finally:
        book.close()
    if not sheets:
        raise InputError(path, "has no sheets", "export the table again")
    return sheets


def _sheet_frame(path: Path, sheet: str, rows: list[list[str]]) -> pd.DataFrame:
    while rows and not any(rows[-1]):
        rows.pop()
    if not rows:
        return pd.DataFrame()
    header_cells = list(rows[0])
    while header_cells and not header_cells[-1]:
        header_cells.pop()
    header = _header(Path(f"{path} [sheet {sheet}]"), header_cells)
    width = len(header)
    body = []
    for number, row in enumerate(rows[1:]):
        if any(row[width:]):
            raise InputError(
                path,
                f"sheet '{sheet}' data row {number} has values beyond the {width} header columns",
                "give every column a header",
            )
        body.append((list(row[:width]) + [""] * width)[:width])
    return _frame(body, header)


def _read_parquet(path: Path, raw: bytes) -> dict[str, pd.DataFrame]:
    import pyarrow as pa
    import pyarrow.parquet as pq

    if not (raw.startswith(_PARQUET_MAGIC) and raw.endswith(_PARQUET_MAGIC)):
        raise InputError(path, "is not a complete Parquet file (truncated or damaged)", "write the export again")
    try:
        arrow = pq.read_table(pa.BufferReader(raw))
    except Exception as exc:  # any parser failure on an untrusted file means it is damaged
        raise InputError(path, f"is a corrupt Parquet file ({type(exc).__name__})", "write the export again") from None
    header = _header(path, arrow.column_names)
    columns = {name: [cell_text(v) for v in arrow.column(i).to_pylist()] for i, name in enumerate(header)}
    frame = pd.DataFrame(columns, columns=header, dtype=object).astype("str")
    return {_DEFAULT_SHEET: frame}


def _no_duplicate_keys(path: Path):
    def hook(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
        keys = [key for key, _ in pairs]
        if len(keys) != len(set(keys)):
            duplicate = next(key for key in keys if keys.count(key) > 1)
            raise InputError(path, f"has a JSON object with the key '{duplicate}' twice", "remove the duplicate")
        return dict(pairs)

    return hook


def _parse_json(path: Path, text: str) -> list[Any]:
    try:
        data = json.loads(text, object_pairs_hook=_no_duplicate_keys(path))
    except json.JSONDecodeError as exc:
        raise InputError(
            path, f"is not valid JSON (line {exc.lineno}, column {exc.colno}: {exc.msg})", "fix the JSON"
        ) from None
    if not isinstance(data, list):
        raise InputError(path, "is JSON but not an array of records", "export a list of objects: [{...}, {...}]")
    return data


def _parse_json_lines(path: Path, text: str) -> list[Any]:
    records = []
    hook = _no_duplicate_keys(path)
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        try:
            records.append(json.loads(line, object_pairs_hook=hook))
        except json.JSONDecodeError as exc:
            raise InputError(path, f"line {number} is not valid JSON ({exc.msg})", "fix that line") from None
    return records


def flatten_record(record: dict[str, Any], prefix: str = "") -> dict[str, Any]:
    """Flatten nested objects (and arrays) into dotted key paths: {"a": {"b": 1}, "c": [2]} -> a.b, c.0."""
    flat: dict[str, Any] = {}
    items = record.items() if isinstance(record, dict) else enumerate(record)
    for key, value in items:
        name = f"{prefix}{key}"
        nested = flatten_record(value, f"{name}.") if isinstance(value, (dict, list)) and value else {name: value}
        for nested_key, nested_value in nested.items():
            if nested_key in flat:
                raise ValueError(nested_key)
            flat[nested_key] = nested_value
    return flat


def _records_frame(path: Path, records: list[Any]) -> pd.DataFrame:
    header: dict[str, None] = {}
    rows: list[dict[str, Any]] = []
    for number, record in enumerate(records):
        if not isinstance(record, dict):
            raise InputError(path, f"record {number} is not a JSON object", "every record must be {...}")
        try:
            flat = flatten_record(record)
        except ValueError as exc:
            raise InputError(path, f"record {number} has the key path '{exc}' twice", "rename the keys") from None
        for key in flat:
            header.setdefault(key, None)
        rows.append(flat)
    columns = list(header)
    _header(path, columns)
    body = [[cell_text(row.get(column)) for column in columns] for row in rows]
    return _frame(body, columns)


def find_table_file(data_dir: str | Path, name: str) -> Path:
    """Find <name>.<ext> for a supported extension in data_dir, or raise an InputError naming what is missing."""
    data_dir = Path(data_dir)
    if not data_dir.is_dir():
        raise InputError(data_dir, "is not a folder", "pass the folder that holds members, events and sign-ups")
    found = [data_dir / f"{name}{ext}" for ext in SUPPORTED if (data_dir / f"{name}{ext}").is_file()]
    if not found:
        raise InputError(data_dir / f"{name}.csv", "table not found", f"put {name}.csv (or .xlsx, .parquet) there")
    if len(found) > 1:
        names = ", ".join(p.name for p in found)
        raise InputError(data_dir, f"holds {names}: more than one file for table '{name}'", "keep one")
    return found[0]


def read_dataset(data_dir: str | Path, names: list[str] | tuple[str, ...]) -> dict[str, pd.DataFrame]:
    """Read the named tables (members, events, signups, ...) from a folder as DataFrames of strings."""
    return {name: read_table(find_table_file(data_dir, name)).frame for name in names}


_PREFIX_BYTES = 1 << 20


def detect_encoding(path: str | Path) -> str:
    """The encoding of a text file, detected from its first megabyte exactly as `read_table` does."""
    path = Path(path)
    if not path.is_file():
        raise InputError(path, "file not found", "check the path")
    with path.open("rb") as handle:
        prefix = handle.read(_PREFIX_BYTES)
        more = bool(handle.read(1))
    if not prefix.strip():
        raise InputError(path, "is empty", "export the table again; a valid file has at least a header row")
    if more and b"\n" in prefix:
        # Cut at a line end so that a multi-byte character is never split (0x0A is never a trail byte).
        prefix = prefix[: prefix.rindex(b"\n") + 1]
    return decode_text(path, prefix)[1]


def iter_csv_chunks(path: str | Path, rows: int = 100_000) -> Iterator[pd.DataFrame]:
    """Read a large CSV/TSV in DataFrames of at most `rows` rows (index = data row), with bounded memory.

    The encoding is detected from the first megabyte exactly as `read_table` does; a byte that does not
    decode anywhere later, a broken quote, a NUL byte or a ragged row raises an InputError naming the line.
    """
    path = Path(path)
    suffix = path.suffix.lower()
    if TEXT_FORMATS.get(suffix) not in ("csv", "tsv"):
        raise InputError(path, "chunked reading is for CSV and TSV files", "use read_table")
    encoding = detect_encoding(path)
    delimiter = "," if TEXT_FORMATS[suffix] == "csv" else "\t"
    with path.open("r", encoding=encoding, errors="strict", newline="") as handle:
        reader = csv.reader(handle, delimiter=delimiter, strict=True)
        try:
            first = next((row for row in reader if row), None)
            if first is None:
                raise InputError(path, "is empty", "export the table again with a header row")
            header = _header(path, first)
            width = len(header)
            batch: list[list[str]] = []
            number = 0
            for row in reader:
                if not row:
                    continue
                if len(row) != width:
                    raise InputError(
                        path,
                        f"data row {number} (line {reader.line_num}) has {len(row)} fields but the header has {width}",
                        "fix the row or quote fields that contain the delimiter",
                    )
                batch.append(row)
                number += 1
                if len(batch) == rows:
                    yield _chunk(batch, header, number)
                    batch = []
            if batch:
                yield _chunk(batch, header, number)
        except UnicodeDecodeError:
            raise InputError(
                path,
                f"cannot be decoded as {encoding} after line {reader.line_num}",
                "save the whole file in one encoding (UTF-8, or CP932 from Excel) and run again",
            ) from None
        except csv.Error as exc:
            raise InputError(
                path, f"is not valid delimited text at line {reader.line_num} ({exc})", "fix the quoting"
            ) from None


def _chunk(batch: list[list[str]], header: list[str], end: int) -> pd.DataFrame:
    frame = _frame(batch, header)
    frame.index = range(end - len(batch), end)
    return frame
