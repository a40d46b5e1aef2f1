"""Every table in the data folder, and the rows in each that are one member's, whatever the columns are called.

A disclosure must find the member wherever the society holds them: the members and sign-ups tables, and every
other file below the data folder (a mailing list without a member_id column, a payments workbook, an export,
a JSON file's nested keys), each sheet a table. A row is the member's when it holds one of their strong values
(their member id in any case, width, spacing or zero padding, their e-mail, phone or, with the key, their
pseudonym) or two of their weak ones (name, postal code, address, birth date): the same exact-data match the
scan uses (`indigo_review.registry`), on an index of this one member. A file that cannot be read is listed,
with why, so the answer says what it could not look at; it never stops the request.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import pandas as pd

from ..errors import InputError
from ..formats import SUPPORTED
from ..io import find_table_file, read_table
from ..registry import MemberRegistry, id_form

MEMBERS, EVENTS, SIGNUPS = "members", "events", "signups"


@dataclass
class Tables:
    """The tables of a data folder by name, where each came from, and the files that could not be read."""

    frames: dict[str, pd.DataFrame] = field(default_factory=dict)
    sources: dict[str, str] = field(default_factory=dict)
    unreadable: list[dict[str, str]] = field(default_factory=list)


def table_name(relative: Path, sheet: str, sheets: int) -> str:
    """A name for a table that is also a safe file name: path parts (and the sheet) joined by '__'."""
    parts = [*relative.with_suffix("").parts, *([sheet] if sheets > 1 else [])]
    return "__".join(p.replace("/", "_") for p in parts)


def read_everything(data_dir: str | Path) -> Tables:
    """members and signups (required: an error names them), events when present, and every other file below."""
    data_dir = Path(data_dir)
    tables = Tables()
    required = {}
    for name in (MEMBERS, SIGNUPS):
        path = find_table_file(data_dir, name)
        required[path.resolve()] = name
        tables.frames[name], tables.sources[name] = read_table(path).frame, path.name
        if "member_id" not in tables.frames[name].columns:
            raise InputError(path, "has no member_id column", "export the table with its header")
    for path in sorted(p for p in data_dir.rglob("*") if p.is_file() and not p.name.startswith(".")):
        if path.resolve() in required:
            continue
        relative = path.relative_to(data_dir)
        # `why` in English for request.json; `reason` names it in READING_PROBLEMS, which the report translates.
        if path.suffix.lower() not in SUPPORTED:
            why = f"a {path.suffix or 'typeless'} file"
            tables.unreadable.append({"file": relative.as_posix(), "why": why, "reason": "type"})
            continue
        try:
            table = read_table(path)
        except InputError as exc:
            tables.unreadable.append({"file": relative.as_posix(), "why": exc.problem, "reason": exc.reason})
            continue
        is_events = relative == Path(path.name) and path.stem == EVENTS
        for sheet, frame in table.sheets.items():
            name = EVENTS if is_events and len(table.sheets) == 1 else table_name(relative, sheet, len(table.sheets))
            tables.frames[name], tables.sources[name] = frame, relative.as_posix()
    return tables


def same_member(values: pd.Series, member_id: str) -> pd.Series:
    """Which ids are this member's, written in any case, width, spacing or zero padding."""
    target = id_form(member_id)
    codes, uniques = pd.factorize(values.astype("str"), sort=False)
    mine = np.array([id_form(v) == target for v in uniques], dtype=bool)
    return pd.Series(mine[codes] if len(uniques) else np.zeros(len(values), dtype=bool), index=values.index)


def rows_of(frame: pd.DataFrame, registry: MemberRegistry) -> pd.Series:
    """Which rows are the member's: a strong value of theirs anywhere in the row, or two kinds of weak ones."""
    strong = np.zeros(len(frame), dtype=bool)
    weak: list[set[str]] = [set() for _ in range(len(frame))]
    for column in frame.columns:
        codes, uniques = pd.factorize(frame[column].astype("str"), sort=False)
        texts = [str(u) for u in uniques]
        hits = registry.find_many(texts)
        has_strong = np.array([any(h.strong for h in found) for found in hits], dtype=bool)
        kinds = [{h.kind for h in found if not h.strong} for found in hits]
        if len(uniques):
            strong |= has_strong[codes] & (codes >= 0)
        for row in np.nonzero([bool(kinds[c]) if c >= 0 else False for c in codes])[0]:
            weak[row] |= kinds[codes[row]]
    mine = strong | np.array([len(k) >= 2 for k in weak], dtype=bool)
    return pd.Series(mine, index=frame.index)
