"""Records: JSON arrays and JSON Lines flattened to dotted key paths, and Parquet columns as text."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pandas as pd

from ..errors import InputError
from .table import DEFAULT_SHEET, cell_text, frame, header

_PARQUET_MAGIC = b"PAR1"


def _no_duplicate_keys(path: Path):
    def hook(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
        keys = [key for key, _ in pairs]
        if len(keys) != len(set(keys)):
            duplicate = next(key for key in keys if keys.count(key) > 1)
            raise InputError(path, f"has a JSON object with the key '{duplicate}' twice", "remove the duplicate")
        return dict(pairs)

    return hook


def parse_json(path: Path, text: str) -> list[Any]:
    """A JSON array of records; anything else is an InputError naming the line and column."""
    try:
        data = json.loads(text, object_pairs_hook=_no_duplicate_keys(path))
    except json.JSONDecodeError as exc:
        raise InputError(
            path, f"is not valid JSON (line {exc.lineno}, column {exc.colno}: {exc.msg})", "fix the JSON"
        ) from None
    if not isinstance(data, list):
        raise InputError(path, "is JSON but not an array of records", "export a list of objects: [{...}, {...}]")
    return data


def parse_json_lines(path: Path, text: str) -> list[Any]:
    """One JSON record per non-blank line; a bad line is an InputError naming it."""
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


def records_frame(path: Path, records: list[Any]) -> pd.DataFrame:
    """Records as one DataFrame: a column per key path, in order of first appearance."""
    columns_seen: dict[str, None] = {}
    rows: list[dict[str, Any]] = []
    for number, record in enumerate(records):
        if not isinstance(record, dict):
            raise InputError(path, f"record {number} is not a JSON object", "every record must be {...}")
        try:
            flat = flatten_record(record)
        except ValueError as exc:
            raise InputError(path, f"record {number} has the key path '{exc}' twice", "rename the keys") from None
        for key in flat:
            columns_seen.setdefault(key, None)
        rows.append(flat)
    columns = list(columns_seen)
    header(path, columns)
    body = [[cell_text(row.get(column)) for column in columns] for row in rows]
    return frame(body, columns)


def read_parquet(path: Path, raw: bytes) -> dict[str, pd.DataFrame]:
    """A Parquet file as one sheet of strings."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    if not (raw.startswith(_PARQUET_MAGIC) and raw.endswith(_PARQUET_MAGIC)):
        raise InputError(path, "is not a complete Parquet file (truncated or damaged)", "write the export again")
    try:
        arrow = pq.read_table(pa.BufferReader(raw))
    except Exception as exc:  # any parser failure on an untrusted file means it is damaged
        raise InputError(path, f"is a corrupt Parquet file ({type(exc).__name__})", "write the export again") from None
    columns = header(path, arrow.column_names)
    values = {name: [cell_text(v) for v in arrow.column(i).to_pylist()] for i, name in enumerate(columns)}
    return {DEFAULT_SHEET: pd.DataFrame(values, columns=columns, dtype=object).astype("str")}
