"""What every reader returns: a Table of DataFrames of strings, one per sheet, and the helpers that build them."""

from __future__ import annotations

import json
import math
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from pathlib import Path
from typing import Any

import pandas as pd

from ..errors import InputError

DEFAULT_SHEET = "data"
# Floats holding a whole number below this are written without ".0": every such integer is exact in a double.
_EXACT_INTEGERS = 2**53


@dataclass(frozen=True)
class Cell:
    """One cell and where it came from."""

    sheet: str
    row: int
    column: str
    value: str


@dataclass
class Table:
    """An export read in full: one DataFrame of strings per sheet (one sheet for a CSV, JSON or Parquet file)."""

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


def header(path: Path, names: list[Any]) -> list[str]:
    """Column names from a header row: trimmed, blanks named column_N; a duplicate is an error naming it."""
    names = [str(name).strip() if name is not None else "" for name in names]
    names = [name or f"column_{i + 1}" for i, name in enumerate(names)]
    seen: set[str] = set()
    for name in names:
        if name in seen:
            raise InputError(path, f"has duplicate column name '{name}'", "rename one of the columns")
        seen.add(name)
    return names


def unique_header(names: list[Any]) -> list[str]:
    """Column names for a table inside a document, whose first row nobody wrote as a header: blanks are
    column_N and a repeated name gets _2, _3 (a document's table is read, never refused, for its header)."""
    out: list[str] = []
    for i, name in enumerate(names):
        base = " ".join(str(name or "").split()) or f"column_{i + 1}"
        candidate, n = base, 1
        while candidate in out:
            n += 1
            candidate = f"{base}_{n}"
        out.append(candidate)
    return out


def frame(rows: list[list[str]], columns: list[str]) -> pd.DataFrame:
    """A DataFrame of strings; the index is the 0-based data row."""
    return pd.DataFrame(rows, columns=columns, dtype=object).astype("str")


def cell_text(value: Any) -> str:
    """Render a typed value (Excel, Parquet, JSON) as the text a person would see; None is ''."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float):
        if math.isnan(value):
            return ""
        # Spreadsheet readers give every number as a float: 42.0 is the 42 a person typed, and a 16-digit
        # number keeps its digits rather than becoming 1.234e+15.
        return str(int(value)) if value.is_integer() and abs(value) < _EXACT_INTEGERS else repr(value)
    if isinstance(value, datetime):
        return value.isoformat(sep=" ") if value.time() != time(0) else value.date().isoformat()
    if isinstance(value, (date, time)):
        return value.isoformat()
    if isinstance(value, timedelta):
        return str(value)
    if isinstance(value, (list, dict)):
        return json.dumps(value, ensure_ascii=False, sort_keys=True)
    if isinstance(value, bytes):
        return value.decode("utf-8", errors="replace")
    return str(value)


def sheet_frame(path: Path, sheet: str, rows: list[list[str]]) -> pd.DataFrame:
    """A spreadsheet's sheet: first row the header, trailing empty rows dropped; a value beyond the header's
    last column is an error (it would have no column name to be reported under)."""
    while rows and not any(rows[-1]):
        rows.pop()
    if not rows:
        return pd.DataFrame()
    header_cells = list(rows[0])
    while header_cells and not header_cells[-1]:
        header_cells.pop()
    columns = header(Path(f"{path} [sheet {sheet}]"), header_cells)
    width = len(columns)
    body = []
    for number, row in enumerate(rows[1:]):
        if any(row[width:]):
            raise InputError(
                path,
                f"sheet '{sheet}' data row {number} has values beyond the {width} header columns",
                "give every column a header",
            )
        body.append((list(row[:width]) + [""] * width)[:width])
    return frame(body, columns)


def document_table(rows: list[list[str]]) -> pd.DataFrame:
    """A table found in a document (Word, PDF): its first row names the columns, ragged rows are padded; empty
    rows are kept, so that data row N is the table's row N + 2 as a person counts them."""
    while rows and not any(rows[-1]):
        rows = rows[:-1]
    if not rows:
        return pd.DataFrame()
    width = max(len(row) for row in rows)
    padded = [(list(row) + [""] * width)[:width] for row in rows]
    return frame(padded[1:], unique_header(padded[0]))


def lines_frame(lines: list[str], column: str = "text") -> pd.DataFrame:
    """Text as one column, one row per line or paragraph, so a finding's row is the line's number (0-based)."""
    return frame([[line] for line in lines], [column])
