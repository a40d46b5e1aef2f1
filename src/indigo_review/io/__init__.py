"""Read any export into DataFrames of strings, or fail with an InputError that names the file.

One entry point, `read_table`. The reader comes from the extension, and the file's first bytes must agree
(zip, OLE2, Parquet, PDF); the text encoding is detected by strict decoding (BOMs, UTF-8, CP932), never
assumed. Every value stays a string exactly as written, so leading zeros in postal codes, phones and ID
numbers survive. Each DataFrame's index is the 0-based data row (header excluded) and its columns are the
header names (dotted key paths for JSON), so a cell's origin is (sheet, row, column).

The readers, one module per kind: `delimited` (CSV, TSV), `records` (JSON, JSON Lines, Parquet), `workbooks`
(.xlsx, .xlsm, .xls, .ods by calamine), `documents` (.docx), `pdf`, `text` (decoding, plain text); `table`
holds what they share. A file this tool cannot read by its nature (unsupported, encrypted, pictures only,
too large) raises the InputError subclass UnsupportedInput, which a scan may skip explicitly.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from ..errors import InputError, UnsupportedInput
from ..formats import SUPPORTED, TABLE_FORMATS, kind_of
from .delimited import iter_csv_chunks, read_delimited
from .records import flatten_record, parse_json, parse_json_lines, read_parquet, records_frame
from .table import DEFAULT_SHEET, Cell, Table, cell_text
from .text import check_size, decode_text, detect_encoding, read_bytes, read_text_lines
from .workbooks import OLE2_MAGIC, ZIP_MAGIC

__all__ = [
    "Cell",
    "Table",
    "cell_text",
    "decode_text",
    "detect_encoding",
    "find_table_file",
    "flatten_record",
    "iter_csv_chunks",
    "read_dataset",
    "read_table",
]

_PARQUET_MAGIC = b"PAR1"


def read_table(path: str | Path) -> Table:
    """Read an export into DataFrames of strings: CSV, TSV, JSON, JSON Lines, Excel (.xlsx, .xlsm, .xls),
    OpenDocument (.ods), Parquet, Word (.docx), PDF or plain text (.txt)."""
    path = Path(path)
    kind = kind_of(path.suffix)
    if kind is None:
        if not path.exists():
            raise InputError(path, "file not found", "check the path")
        raise UnsupportedInput(
            path, f"unsupported file type '{path.suffix.lower() or '(none)'}'", f"use one of {', '.join(SUPPORTED)}"
        )
    if path.is_file():
        check_size(path, kind)
    raw = read_bytes(path)
    if kind in ("xlsx", "xls", "ods"):
        from .workbooks import read_workbook

        return Table(path, kind, None, read_workbook(path, raw, kind))
    if kind == "parquet":
        return Table(path, kind, None, read_parquet(path, raw))
    if kind == "docx":
        from .documents import read_docx

        return Table(path, kind, None, read_docx(path, raw))
    if kind == "pdf":
        from .pdf import read_pdf

        return Table(path, kind, None, read_pdf(path, raw))
    if raw.startswith((ZIP_MAGIC, _PARQUET_MAGIC, OLE2_MAGIC)):
        raise InputError(path, f"is a binary file, not {kind.upper()} text", "check the file type", "disguised")
    text, encoding = decode_text(path, raw)
    if kind == "txt":
        return Table(path, kind, encoding, read_text_lines(text))
    if kind in ("csv", "tsv"):
        frame = read_delimited(path, text, "," if kind == "csv" else "\t", raw, encoding)
    elif kind == "json":
        frame = records_frame(path, parse_json(path, text))
    else:
        frame = records_frame(path, parse_json_lines(path, text))
    return Table(path, kind, encoding, {DEFAULT_SHEET: frame})


def find_table_file(data_dir: str | Path, name: str) -> Path:
    """Find <name>.<ext> for a table format in data_dir, or raise an InputError naming what is missing."""
    data_dir = Path(data_dir)
    if not data_dir.is_dir():
        raise InputError(data_dir, "is not a folder", "pass the folder that holds members, events and sign-ups")
    found = [data_dir / f"{name}{ext}" for ext in TABLE_FORMATS if (data_dir / f"{name}{ext}").is_file()]
    if not found:
        raise InputError(data_dir / f"{name}.csv", "table not found", f"put {name}.csv (or .xlsx, .parquet) there")
    if len(found) > 1:
        names = ", ".join(p.name for p in found)
        raise InputError(data_dir, f"holds {names}: more than one file for table '{name}'", "keep one")
    return found[0]


def read_dataset(data_dir: str | Path, names: list[str] | tuple[str, ...]) -> dict[str, pd.DataFrame]:
    """Read the named tables (members, events, signups, ...) from a folder as DataFrames of strings."""
    return {name: read_table(find_table_file(data_dir, name)).frame for name in names}
