"""The society's own members in an export: registry matches (MEMBER_MATCH) and linking codes (LINK_CODE).

A cell's strong registry values (a member id in any form, an e-mail, a phone, the member's internal pseudonym)
are MEMBER_MATCH findings by themselves; its weak values (name, postal code, address, birth date) only beside a
second value of the same member, in the same text or in another column of the same row. A column of opaque
tokens that repeat within the file (hex, UUID, base32, base64) is a linking code: it can re-link rows to one
person whoever holds the key, so every such cell is LINK_CODE. Findings carry the registry positions of the
members they identify, so the job can count them and the release job can check them; reports show counts.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Sequence

import numpy as np
import pandas as pd

from ..registry import Hit, MemberRegistry, confirmed
from .recognizers import Span

MEMBER_MATCH, LINK_CODE = "MEMBER_MATCH", "LINK_CODE"
_OPAQUE = re.compile(
    r"[0-9a-f]{12,64}|[0-9A-F]{12,64}"
    r"|[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}"
    r"|[A-Z2-7]{16,}=*|[A-Za-z0-9_\-]{16,}={0,2}"
)
# Kinds of weak hits whose text the other recognizers found, looked up as names or addresses.
SPAN_ENTITIES = frozenset({"PERSON", "LOCATION"})


def _opaque(value: str) -> bool:
    """A token that means nothing to a person: long hex, a UUID, base32 or base64 with letters and digits."""
    if not _OPAQUE.fullmatch(value):
        return False
    letters, digits = any(c.isalpha() for c in value), any(c.isdigit() for c in value)
    return letters and digits


def is_link_code_column(series: pd.Series) -> bool:
    """A column whose values are opaque tokens (at least 90% of them) and some of which repeat in the file."""
    values = series[series.str.strip() != ""].str.strip()
    if len(values) < 2:
        return False
    counts = values.value_counts()
    shapes = np.fromiter((_opaque(v) for v in counts.index), dtype=bool, count=len(counts))
    opaque_share = float(counts[shapes].sum()) / float(counts.sum())
    return opaque_share >= 0.9 and bool((counts[shapes] >= 2).any())


def link_code_span(text: str) -> Span:
    """The whole cell of a linking-code column."""
    return Span(LINK_CODE, 0, len(text), 0.9)


def value_matches(
    registry: MemberRegistry, texts: Sequence[str], spans: Sequence[Sequence[Span]]
) -> tuple[list[list[tuple[Span, tuple[int, ...]]]], list[list[Hit]]]:
    """For each normalised cell text: its MEMBER_MATCH spans with their members (strong values, and weak ones that
    a second value of the same member in the same text confirms), and its remaining weak hits for the row."""
    looked = [[(s.start, s.end) for s in found if s.entity in SPAN_ENTITIES] for found in spans]
    found_hits = registry.find_many(list(texts), looked)
    matches: list[list[tuple[Span, tuple[int, ...]]]] = []
    weak_left: list[list[Hit]] = []
    for hits in found_hits:
        if not hits:
            matches.append([])
            weak_left.append([])
            continue
        sure = confirmed(hits) if len(hits) > 1 else {m for h in hits if h.strong for m in h.members}
        here, rest = [], []
        for hit in hits:
            members = hit.members if hit.strong else tuple(m for m in hit.members if m in sure)
            if members:
                here.append((Span(MEMBER_MATCH, hit.start, hit.end, 1.0), members))
            else:
                rest.append(hit)
        matches.append(here)
        weak_left.append(rest)
    return matches, weak_left


def row_matches(
    names: Sequence[str],
    factorised: dict[str, tuple[np.ndarray, np.ndarray]],
    weak: dict[str, dict[str, tuple[tuple, ...]]],
    strong: dict[str, dict[str, frozenset[int]]],
) -> list[tuple[int, str, tuple]]:
    """(row in the piece, column, finding) for each weak value that another column of its row confirms: a weak
    value of another kind or a strong value of the same member. `weak[column][key]` holds finalised weak hits
    (kind, score, start, end, evidence, members); `strong[column][key]` the members a cell's strong values name."""
    per_row: dict[int, list[tuple[str, tuple]]] = defaultdict(list)
    strong_rows: dict[int, set[int]] = defaultdict(set)
    for name in names:
        codes, uniques = factorised[name]
        for table, target in ((weak.get(name, {}), "weak"), (strong.get(name, {}), "strong")):
            if not table:
                continue
            flags = np.fromiter((bool(table.get(k)) for k in uniques), dtype=bool, count=len(uniques))
            for row in np.nonzero(flags[codes])[0].tolist():
                found = table[uniques[codes[row]]]
                if target == "weak":
                    per_row[row].extend((name, hit) for hit in found)
                else:
                    strong_rows[row].update(found)
    out: list[tuple[int, str, tuple]] = []
    for row, found in sorted(per_row.items()):
        hits = [Hit(hit[0], 0, 0, hit[5]) for _, hit in found]
        sure = confirmed(hits, strong_rows.get(row, ()))
        if not sure:
            continue
        for name, hit in found:
            members = tuple(m for m in hit[5] if m in sure)
            if members:
                out.append((row, name, (MEMBER_MATCH, 1.0, hit[2], hit[3], hit[4], members)))
    return out


def member_frame(sheet: str, found: list[tuple[int, str, tuple]], row_offset: int) -> pd.DataFrame | None:
    """Row-confirmed MEMBER_MATCH findings as a findings frame (with their members), or None."""
    if not found:
        return None
    rows, names, findings = zip(*found, strict=True)
    entity, score, start, end, evidence, members = zip(*findings, strict=True)
    return pd.DataFrame(
        {
            "sheet": sheet,
            "row": np.asarray(rows, dtype=np.int64) + row_offset,
            "column": list(names),
            "entity": list(entity),
            "score": np.asarray(score, dtype=np.float64),
            "start": np.asarray(start, dtype=np.int64),
            "end": np.asarray(end, dtype=np.int64),
            "evidence": list(evidence),
            "members": list(members),
        }
    )
