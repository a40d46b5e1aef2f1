"""Helpers for the release tests: sample members by consent, small files built from them, ledger entries."""

from __future__ import annotations

import csv
import json
from datetime import UTC, datetime
from pathlib import Path

import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq

from indigo_review.release import Provision, append

from ..conftest import SAMPLE

EXPORTS = SAMPLE / "exports"


def sample_members() -> list[dict[str, str]]:
    """The committed sample members table."""
    with (SAMPLE / "members.csv").open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def member_ids(consent: str, n: int) -> list[str]:
    """The first n sample member ids whose consent_third_party is `consent` ("true"/"false")."""
    return [m["member_id"] for m in sample_members() if m["consent_third_party"] == consent][:n]


def write_member_file(
    path: Path, ids: list[str], columns: tuple[str, ...] = ("member_id", "name_kanji", "email")
) -> Path:
    """A venue list: the given sample members' rows with the given columns, as UTF-8 CSV."""
    by_id = {m["member_id"]: m for m in sample_members()}
    pd.DataFrame([{c: by_id[i][c] for c in columns} for i in ids]).to_csv(path, index=False)
    return path


def raw_values(ids: list[str], columns: tuple[str, ...] = ("name_kanji", "email")) -> set[str]:
    """The personal values of these sample members that must never reach a report or the ledger."""
    by_id = {m["member_id"]: m for m in sample_members()}
    return {by_id[i][c] for i in ids for c in columns if len(by_id[i][c]) >= 4}


def clean_planning_rows(n: int = 30) -> pd.DataFrame:
    """The first rows of the sample's clean planning export (no personal data)."""
    return pd.read_csv(EXPORTS / "planning_export.csv", dtype=str, keep_default_na=False).head(n)


def anonymise_output(folder: Path, release: str | None) -> Path:
    """A crafted anonymise run folder: a clean CSV with report.json beside it declaring `release` (or nothing)."""
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / "anonymised_signups.csv"
    clean_planning_rows().to_csv(path, index=False)
    report = {"job": "anonymise", "status": "pass", "exit_code": 0, "k_reached": 5}
    if release is not None:
        report["release"] = release
    (folder / "report.json").write_text(json.dumps(report), encoding="utf-8")
    return path


def anonymised_parquet(path: Path, metadata: dict | str | None) -> Path:
    """A clean Parquet file whose key-value metadata `indigo_review` holds `metadata` (JSON) or nothing."""
    table = pa.Table.from_pandas(clean_planning_rows(), preserve_index=False)
    if metadata is not None:
        text = metadata if isinstance(metadata, str) else json.dumps(metadata)
        table = table.replace_schema_metadata({**(table.schema.metadata or {}), b"indigo_review": text.encode()})
    pq.write_table(table, path)
    return path


def record(ledger: Path, when: datetime | None = None, **fields) -> dict:
    """Append one released provision with consent (defaults filled in) at `when`."""
    values = {
        "outcome": "released",
        "basis": "consent",
        "recipient": "会場運営株式会社",
        "file_name": "venue.csv",
        "file_sha256": "a" * 64,
        "scan_verdict": "BLOCK",
        "persons": ["M000001"],
        "person_count": 1,
        "items": [{"column": "name_kanji", "entities": ["PERSON"]}],
        **fields,
    }
    return append(ledger, Provision(**values), when or datetime.now(UTC))
