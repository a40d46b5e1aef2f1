"""Writers that give the same bytes on every run: CSV, an Excel workbook and a Parquet file of text columns."""

from __future__ import annotations

import csv
import io
import re
import zipfile
from datetime import datetime
from pathlib import Path

import openpyxl
import pyarrow as pa
import pyarrow.parquet as pq


def write_csv(
    path: Path,
    header: tuple[str, ...] | list[str],
    rows: list[list[str]],
    *,
    encoding: str = "utf-8",
    lineterminator: str = "\n",
) -> Path:
    """Write a header and rows as CSV (minimal quoting) in the given encoding and line ending."""
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w", encoding=encoding, newline="") as handle:
        writer = csv.writer(handle, lineterminator=lineterminator)
        writer.writerow(header)
        writer.writerows(rows)
    return path


def write_xlsx(path: Path, header: tuple[str, ...], rows: list[list[str]]) -> Path:
    """Write one sheet named `export`, every cell text and empty strings as empty cells."""
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.title = "export"
    sheet.append(list(header))
    for row in rows:
        sheet.append([value if value else None for value in row])
    for cells in sheet.iter_rows():
        for cell in cells:
            cell.number_format = "@"
    fixed = datetime(2026, 11, 1)
    workbook.properties.creator = "indigo-review sample generator"
    workbook.properties.created = fixed
    buffer = io.BytesIO()
    workbook.save(buffer)
    # openpyxl stamps "modified" with the clock and zip entries with the current time: pin both.
    source = zipfile.ZipFile(io.BytesIO(buffer.getvalue()))
    output = io.BytesIO()
    with zipfile.ZipFile(output, "w", zipfile.ZIP_DEFLATED) as target:
        for name in sorted(source.namelist()):
            content = source.read(name)
            if name == "docProps/core.xml":
                content = re.sub(rb"(<dcterms:(?:created|modified)[^>]*>)[^<]*", rb"\g<1>2026-11-01T00:00:00Z", content)
            info = zipfile.ZipInfo(name, date_time=(1980, 1, 1, 0, 0, 0))
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            target.writestr(info, content)
    path.write_bytes(output.getvalue())
    return path


def write_parquet(path: Path, header: tuple[str, ...], rows: list[list[str]]) -> Path:
    """Write a Parquet file whose columns are all strings."""
    table = pa.table({column: pa.array([row[i] for row in rows], type=pa.string()) for i, column in enumerate(header)})
    pq.write_table(table, path, compression="snappy")
    return path
