"""The auditor's view of the ledger: a table per entry, as formula-safe CSV or a readable HTML report.

Both carry every chain field (sequence number, previous hash, hash), so the auditor can check the chain
without our tool, and the verification result with the head hash to keep for the next audit.
"""

from __future__ import annotations

import io
from datetime import date
from pathlib import Path
from typing import Any

import pandas as pd

from ..output import atomic_write_bytes, defuse_frame
from ..report import Section, write_html_report
from .ledger import COLUMNS, items_text, read_entries
from .verification import verify

# The auditor sees every column of the ledger, in chain order.
AUDIT_COLUMNS = list(COLUMNS)


def _details_text(details: dict[str, Any]) -> str:
    return "; ".join(f"{key}: {value}" for key, value in details.items())


def audit_table(ledger: str | Path, since: date | None = None) -> pd.DataFrame:
    """Entries as text columns for people: ids joined, items as `column (ENTITY, ...)`, details as key: value."""
    frame = read_entries(ledger, since)
    out = frame.copy()
    out["persons"] = frame["persons"].map(" ".join)
    out["items"] = frame["items"].map(items_text)
    out["details"] = frame["details"].map(_details_text)
    return out[AUDIT_COLUMNS]


def csv_text(frame: pd.DataFrame) -> str:
    """The table as CSV text with every cell a spreadsheet would run as a formula defused."""
    buffer = io.StringIO()
    defuse_frame(frame).to_csv(buffer, index=False, lineterminator="\n")
    return buffer.getvalue()


def export_csv(ledger: str | Path, out: str | Path | None = None, since: date | None = None) -> str:
    """Export the ledger as CSV (UTF-8 with BOM when written to a file, for Excel); return the text."""
    text = csv_text(audit_table(ledger, since))
    if out is not None:
        atomic_write_bytes(out, text.encode("utf-8-sig"))
    return text


def export_html(ledger: str | Path, out: str | Path, since: date | None = None) -> Path:
    """Export the ledger as an HTML report: verification and head hash first, then every entry."""
    checked = verify(ledger)
    table = audit_table(ledger, since)
    sections = [
        Section(
            "Chain verification",
            f"{checked.summary}. Keep the head hash somewhere the ledger's users cannot write: "
            "`indigo-review ledger verify --head HASH` shows whether any entry up to it was later rewritten or "
            "removed.",
        ),
        Section(
            "Entries",
            f"{len(table)} entries{' provided on or after ' + since.isoformat() if since else ''}. "
            "Member ids appear only for provisions with consent (APPI Art. 29); refusals keep counts.",
            table,
        ),
    ]
    status = "pass" if checked.complete else ("fail" if not checked.ok else "error")  # error: MACs not checked
    return write_html_report(out, f"indigo-review provision ledger: {Path(ledger).name}", status, sections)
