"""The stop list (policy 8): members who asked the society to stop using their data.

One CSV file (`member_id,added_on,request_id`), shared by three jobs: the member-request job adds to it,
the anonymise job leaves the listed members out, and the release job refuses a file that contains one.
Its path comes from an option, else `INDIGO_STOP_LIST`, else `runs/stop_list.csv`. A missing file at the
default path means nobody has asked yet; a path named explicitly must exist, so that a typo never
silently releases a stopped member's data.
"""

from __future__ import annotations

import csv
import io
import os
from datetime import date
from pathlib import Path

from .errors import InputError
from .output import atomic_write_text

STOP_LIST_ENV = "INDIGO_STOP_LIST"
DEFAULT_STOP_LIST = Path("runs") / "stop_list.csv"
COLUMNS = ("member_id", "added_on", "request_id")


def stop_list_path(path: str | Path | None = None) -> tuple[Path, bool]:
    """The stop list to use and whether it was named (option or environment) rather than defaulted."""
    if path:
        return Path(path), True
    if os.environ.get(STOP_LIST_ENV):
        return Path(os.environ[STOP_LIST_ENV]), True
    return DEFAULT_STOP_LIST, False


def _read_rows(path: Path) -> list[dict[str, str]]:
    try:
        text = path.read_text(encoding="utf-8-sig")
    except UnicodeDecodeError as exc:
        raise InputError(
            path, "the stop list is not UTF-8 text", "restore it from the request log or a backup"
        ) from exc
    except OSError as exc:
        raise InputError(
            path, f"the stop list cannot be read ({exc.strerror})", "check the path and permissions"
        ) from exc
    reader = csv.DictReader(io.StringIO(text))
    if reader.fieldnames is None or "member_id" not in reader.fieldnames:
        raise InputError(path, "the stop list has no member_id column", f"its header must be {','.join(COLUMNS)}")
    return [row for row in reader if (row.get("member_id") or "").strip()]


def read_stop_list(path: str | Path | None = None) -> frozenset[str]:
    """Member ids whose use is stopped; empty when the default file does not exist yet."""
    resolved, named = stop_list_path(path)
    if not resolved.exists():
        if named:
            raise InputError(resolved, "the stop list does not exist", f"give the right path or unset {STOP_LIST_ENV}")
        return frozenset()
    return frozenset(row["member_id"].strip() for row in _read_rows(resolved))


def add_to_stop_list(
    member_id: str, request_id: str, path: str | Path | None = None, added_on: date | None = None
) -> Path:
    """Add a member to the stop list (once; adding again keeps the first entry); the file is rewritten atomically."""
    resolved, _ = stop_list_path(path)
    rows = _read_rows(resolved) if resolved.exists() else []
    if all(row["member_id"].strip() != member_id for row in rows):
        rows.append(
            {"member_id": member_id, "added_on": (added_on or date.today()).isoformat(), "request_id": request_id}
        )
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=COLUMNS, extrasaction="ignore", lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)
    return atomic_write_text(resolved, out.getvalue())
