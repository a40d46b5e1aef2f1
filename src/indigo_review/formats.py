"""The file types the jobs read, by extension: kept apart from `io` so the command line can check paths
without importing pandas."""

from __future__ import annotations

TEXT_FORMATS = {".csv": "csv", ".tsv": "tsv", ".json": "json", ".jsonl": "jsonl", ".ndjson": "jsonl"}
BINARY_FORMATS = {".xlsx": "xlsx", ".xlsm": "xlsx", ".parquet": "parquet", ".pq": "parquet"}
SUPPORTED = sorted({*TEXT_FORMATS, *BINARY_FORMATS})
