"""Whether a file is an anonymise output, and which of the two APPI release kinds it declares.

The anonymise job says so in two places: `report.json` beside the file (`"release"`), and, for Parquet,
the file's key-value metadata under `indigo_review` (JSON with `"release"`), which travels with the
file when it is copied away from its run folder. An anonymise output that does not say "third-party"
counts as internal (仮名加工情報, pseudonymously processed information): it may not leave the society.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..errors import InputError
from ..vocabulary import PARQUET_METADATA_KEY

THIRD_PARTY = "third-party"
INTERNAL = "internal"
METADATA_KEY = PARQUET_METADATA_KEY.encode()
REPORT_NAME = "report.json"


@dataclass(frozen=True)
class AnonymiseOrigin:
    """An anonymise output: where it said what it is, and the release kind it declares (or internal)."""

    source: str
    release: str
    declared: bool
    information_items: dict[str, Any] = field(default_factory=dict)

    @property
    def third_party(self) -> bool:
        """True only for an output that declares itself a third-party (匿名加工情報) release."""
        return self.release == THIRD_PARTY


def _release_kind(value: Any) -> tuple[str, bool]:
    # Anything but an explicit "third-party" is internal: the safe reading of a missing or odd field.
    if value is None:
        return INTERNAL, False
    return (THIRD_PARTY, True) if str(value).strip().lower() == THIRD_PARTY else (INTERNAL, True)


def _parquet_metadata(path: Path) -> dict[str, Any] | None:
    if path.suffix.lower() != ".parquet":
        return None
    import pyarrow.parquet as pq

    try:
        metadata = pq.read_schema(path).metadata or {}
    except Exception:  # an unreadable Parquet file is the scan's to report (ERROR), not ours
        return None
    if METADATA_KEY not in metadata:
        return None
    try:
        value = json.loads(metadata[METADATA_KEY].decode("utf-8"))
    except (UnicodeDecodeError, ValueError):
        return {}
    return value if isinstance(value, dict) else {}


def _report_beside(path: Path) -> dict[str, Any] | None:
    report = path.parent / REPORT_NAME
    if not report.is_file() or report.resolve() == path.resolve():
        return None
    try:
        value = json.loads(report.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, ValueError):
        raise InputError(
            report,
            "a report.json beside the file cannot be read, so it is unknown whether the file is an anonymise output",
            "restore the run folder, or move the file out of it if it is not an anonymise output",
        ) from None
    return value if isinstance(value, dict) and value.get("job") == "anonymise" else None


def anonymise_origin(path: str | Path) -> AnonymiseOrigin | None:
    """The file's anonymise origin from its Parquet metadata or the report.json beside it; None if neither."""
    path = Path(path)
    metadata = _parquet_metadata(path)
    report = _report_beside(path)
    if metadata is not None:
        release, declared = _release_kind(metadata.get("release"))
        items = (report or {}).get("information_items") or {}
        return AnonymiseOrigin("Parquet metadata 'indigo_review'", release, declared, items)
    if report is not None:
        release, declared = _release_kind(report.get("release"))
        items = report.get("information_items") or {}
        return AnonymiseOrigin(f"{REPORT_NAME} beside the file", release, declared, items)
    return None
