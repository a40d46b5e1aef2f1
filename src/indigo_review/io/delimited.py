"""CSV and TSV: Arrow's parser once the whole file has decoded strictly, the exact reader (which names the line
of any problem) otherwise, and a chunked reader for files too large to hold at once."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator
from pathlib import Path

import pandas as pd

from ..errors import InputError
from ..formats import TEXT_FORMATS
from .table import frame, header
from .text import detect_encoding


def read_delimited(path: Path, text: str, delimiter: str, raw: bytes = b"", encoding: str = "utf-8") -> pd.DataFrame:
    """A CSV or TSV file's text as one DataFrame of strings; a ragged row or broken quote names its line."""
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
        raise InputError(path, "is empty", "export the table again with a header row", "empty")
    columns = header(path, rows[0])
    body = rows[1:]
    width = len(columns)
    for number, row in enumerate(body):
        if len(row) != width:
            raise InputError(
                path,
                f"data row {number} (line {number + 2}) has {len(row)} fields but the header has {width}",
                "fix the row or quote fields that contain the delimiter",
            )
    return frame(body, columns)


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
    names = [name.strip() or f"column_{i + 1}" for i, name in enumerate(header_rows[0])]
    if len(set(names)) != len(names):
        return None
    body = raw[3:] if encoding == "utf-8-sig" else raw
    try:
        table = pacsv.read_csv(
            pa.BufferReader(body),
            read_options=pacsv.ReadOptions(
                column_names=names,
                skip_rows=1,
                encoding="utf8" if encoding in ("utf-8", "utf-8-sig") else encoding,
            ),
            parse_options=pacsv.ParseOptions(delimiter=delimiter, newlines_in_values=True, ignore_empty_lines=True),
            convert_options=pacsv.ConvertOptions(
                column_types={name: pa.string() for name in names},
                strings_can_be_null=False,
                quoted_strings_can_be_null=False,
                null_values=[],
            ),
        )
    except (pa.ArrowInvalid, pa.ArrowException, UnicodeError):
        return None
    return table.to_pandas().astype("str")


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
                raise InputError(path, "is empty", "export the table again with a header row", "empty")
            columns = header(path, first)
            width = len(columns)
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
                    yield _chunk(batch, columns, number)
                    batch = []
            if batch:
                yield _chunk(batch, columns, number)
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


def _chunk(batch: list[list[str]], columns: list[str], end: int) -> pd.DataFrame:
    chunk = frame(batch, columns)
    chunk.index = range(end - len(batch), end)
    return chunk
