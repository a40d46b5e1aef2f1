"""Write run outputs atomically, and make CSVs safe to open in a spreadsheet."""

from __future__ import annotations

import json
import os
import re
import tempfile
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:  # pandas is imported where a frame is written, so the command line stays light
    import pandas as pd

# A cell starting with one of these is run as a formula by Excel, LibreOffice and Google Sheets.
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r", "\uff1d", "\uff0b", "\uff0d", "\uff20")
_PLAIN_NUMBER = re.compile(r"^[+-]?\d+(\.\d+)?$")


def atomic_write_bytes(path: str | Path, data: bytes) -> Path:
    """Write bytes to path via a temporary file in the same folder and an atomic rename."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".partial")
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return path


def atomic_write_text(path: str | Path, text: str) -> Path:
    """Write UTF-8 text atomically."""
    return atomic_write_bytes(path, text.encode("utf-8"))


def write_json(path: str | Path, data: Any) -> Path:
    """Write JSON (UTF-8, indented, keys in insertion order) atomically."""
    return atomic_write_text(path, json.dumps(data, ensure_ascii=False, indent=2, default=str) + "\n")


def defuse_formula(value: Any) -> Any:
    """Prefix a text cell that a spreadsheet would evaluate with an apostrophe; leave numbers alone."""
    if isinstance(value, str) and value.startswith(_FORMULA_START) and not _PLAIN_NUMBER.match(value):
        return "'" + value
    return value


def defuse_frame(frame: pd.DataFrame) -> pd.DataFrame:
    """A copy of the frame with every text cell and header a spreadsheet would evaluate defused."""
    import numpy as np
    import pandas as pd

    safe = frame.copy()
    safe.columns = [defuse_formula(str(c)) for c in safe.columns]
    for column in safe.columns:
        if safe[column].dtype == object or pd.api.types.is_string_dtype(safe[column]):
            # Defuse each distinct value once: columns repeat few values over many rows.
            codes, uniques = pd.factorize(safe[column], use_na_sentinel=True)
            defused = np.array([defuse_formula(value) for value in uniques], dtype=object)
            safe[column] = np.where(codes >= 0, defused[np.maximum(codes, 0)] if len(defused) else None, safe[column])
    return safe


def write_safe_csv(path: str | Path, frame: pd.DataFrame) -> Path:
    """Write a DataFrame as UTF-8-with-BOM CSV (Excel opens it correctly) with formulas defused."""
    data = defuse_frame(frame).to_csv(index=False, lineterminator="\n")
    return atomic_write_bytes(path, data.encode("utf-8-sig"))


def write_parquet(path: str | Path, frame: pd.DataFrame, metadata: dict[str, str] | None = None) -> Path:
    """Write a DataFrame as Parquet atomically, with optional extra key-value metadata in its schema."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".partial")
    os.close(fd)
    try:
        table = pa.Table.from_pandas(frame, preserve_index=False)
        if metadata:
            extra = {key.encode(): value.encode() for key, value in metadata.items()}
            table = table.replace_schema_metadata({**(table.schema.metadata or {}), **extra})
        pq.write_table(table, tmp)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return path
