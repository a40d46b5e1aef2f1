"""The file types the jobs read, by extension, and the limits on reading them: kept apart from `io` so that the
command line and the scan's file listing can check paths without importing pandas.

Tables (CSV, TSV, JSON, JSON Lines, Excel, OpenDocument, Parquet) hold one table per sheet; documents (Word,
PDF, plain text) are read as sheets of text lines and tables, so the scan can look into them, but no job takes
one as a data table.
"""

from __future__ import annotations

import re

TEXT_FORMATS = {
    ".csv": "csv",
    ".tsv": "tsv",
    ".json": "json",
    ".jsonl": "jsonl",
    ".ndjson": "jsonl",
    ".txt": "txt",
    ".md": "txt",
}
BINARY_FORMATS = {
    ".xlsx": "xlsx",
    ".xlsm": "xlsx",
    ".xls": "xls",
    ".ods": "ods",
    ".parquet": "parquet",
    ".pq": "parquet",
    ".docx": "docx",
    ".pdf": "pdf",
}
SUPPORTED = sorted({*TEXT_FORMATS, *BINARY_FORMATS})
# What a data table (members, events, sign-ups) may be stored as: a document is never one.
DOCUMENT_KINDS = frozenset({"txt", "docx", "pdf"})
TABLE_FORMATS = sorted(s for s, k in {**TEXT_FORMATS, **BINARY_FORMATS}.items() if k not in DOCUMENT_KINDS)

MIB = 1024 * 1024
# A file read whole is held in memory as Python strings, several times its size on disk (a workbook or a
# document expands much more than text: its XML is compressed). Larger files are refused by name, never
# half-read. The scan reads CSV and TSV over 64 MB in chunks, so for it those have no limit.
READ_LIMIT_BYTES = {
    "xlsx": 100 * MIB,
    "xls": 100 * MIB,
    "ods": 100 * MIB,
    "docx": 100 * MIB,
    "pdf": 100 * MIB,
    "parquet": 512 * MIB,
    "csv": 512 * MIB,
    "tsv": 512 * MIB,
    "json": 512 * MIB,
    "jsonl": 512 * MIB,
    "txt": 512 * MIB,
}

# Files an operating system or an editor leaves beside the real ones: never an export, always listed as
# skipped (an Office lock file `~$name.xlsx` holds the name of whoever has the workbook open, not its data).
_METADATA = re.compile(
    r"^(\.DS_Store|\._.*|Thumbs\.db|ehthumbs\.db|desktop\.ini|\.directory|~\$.*|\.~lock\..*#|Icon\r)$", re.IGNORECASE
)


def kind_of(suffix: str) -> str | None:
    """The reader for a file extension (".xlsx" -> "xlsx"), or None when no reader supports it."""
    suffix = suffix.lower()
    return TEXT_FORMATS.get(suffix) or BINARY_FORMATS.get(suffix)


def is_metadata_file(name: str) -> bool:
    """True for operating-system and editor files (.DS_Store, Thumbs.db, desktop.ini, ~$ and .~lock files)."""
    return bool(_METADATA.match(name))
