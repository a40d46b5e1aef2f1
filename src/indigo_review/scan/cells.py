"""Cell analysis: the findings of a piece of a sheet, each distinct value of a column analysed once.

Each value is normalised (full-width forms, hyphen variants) with a map back to its original positions,
matched by the structured recognizers under its column's context (or its row's, where a document-type
column names what the numbers in the row are), and, when it is free text that can hold a name or an
address, read by the name model in batches. Overlapping findings are resolved, mapped back to the cell
and masked; a column's findings are then spread to its rows without a loop over rows.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from ..errors import IndigoError, ScanFailure
from ..normalise import normalise_with_offsets, original_span
from ..reference import PREFECTURES, REGIONS, is_valid_ean13
from ..registry import MemberRegistry
from .masking import mask
from .members import LINK_CODE, MEMBER_MATCH, link_code_span, member_frame, row_matches, value_matches
from .ner import Reading, model_text
from .profiles import DOCUMENT_TYPES, ColumnProfile, document_entity
from .recognizers import Context, Span, pattern_recognizers
from .recognizers.dates import parse_date
from .recognizers.names import is_kana_reading, looks_like_name
from .result import EMPTY_FINDINGS

# Findings kept per column, and name-model readings kept per process, before the cache is emptied.
_CACHE_LIMIT = 50_000
# Joins a value and its row's document type into one key, for numbers read in their row's context.
_ROW_KEY = "\x1f"
_JAPANESE = re.compile(r"[\u3041-\u3096\u30a1-\u30fa\u4e00-\u9fff々]")
# Values that are only a prefecture or region name are never personal data; skip NER on them.
_PLACE_NAMES = frozenset(p.name for p in PREFECTURES) | frozenset(REGIONS)
# Entities that may share characters with another finding: a cell with 〒 and an address holds both.
_MAY_OVERLAP = {frozenset({"LOCATION", "JP_POSTAL_CODE"}), frozenset({"LOCATION", "PHONE_NUMBER"})}
# Facts about the society's own members: they lie over whatever else the value is (an e-mail that is a member's).
_ALONGSIDE = frozenset({MEMBER_MATCH, LINK_CODE})
_PRIORITY = {
    name: i
    for i, name in enumerate(
        (
            "EMAIL_ADDRESS",
            "JP_MY_NUMBER",
            "JP_DRIVERS_LICENSE",
            "JP_RESIDENCE_CARD",
            "JP_PASSPORT",
            "JP_PENSION_NUMBER",
            "CREDIT_CARD",
            "PHONE_NUMBER",
            "JP_POSTAL_CODE",
            "DATE_OF_BIRTH",
            "IP_ADDRESS",
            "LOCATION",
            "PERSON",
        )
    )
}


def resolve_overlaps(spans: Sequence[Span]) -> list[Span]:
    """Keep the most specific finding where two overlap (an e-mail over a name inside it), except allowed pairs."""
    ordered = sorted(spans, key=lambda s: (_PRIORITY.get(s.entity, 99), -s.score, -(s.end - s.start), s.start))
    kept: list[Span] = []
    for span in ordered:
        clash = any(
            span.start < other.end
            and other.start < span.end
            and (
                other.entity == span.entity
                or (
                    frozenset({span.entity, other.entity}) not in _MAY_OVERLAP
                    and not {span.entity, other.entity} & _ALONGSIDE
                )
            )
            for other in kept
        )
        if not clash:
            kept.append(span)
    return sorted(kept, key=lambda s: (s.start, s.entity))


def person_cell_span(text: str, profile: ColumnProfile) -> Span | None:
    """In a column of names (by header or by katakana readings) the whole cell is the name."""
    if "PERSON" in profile.entities and (looks_like_name(text) or is_kana_reading(text)):
        return Span("PERSON", 0, len(text), 0.85)
    return None


def _product_code(span: Span, text: str, profile: ColumnProfile) -> bool:
    """A 13-digit number whose GS1 check digit is right is a JAN/EAN product code, not a card (unless the
    column says cards): such a number may pass Luhn too."""
    if span.entity != "CREDIT_CARD" or "CREDIT_CARD" in profile.from_header:
        return False
    return is_valid_ean13(text[span.start : span.end])


def _normalise(value: str) -> tuple[str, list[int]]:
    """normalise_with_offsets, with a fast path: NFKC and hyphen folding leave plain ASCII unchanged."""
    if value.isascii():
        return value, list(range(len(value) + 1))
    return normalise_with_offsets(value)


def _whole_cell(spans: Sequence[Span], text: str) -> bool:
    """A finding already accounts for the whole cell (a name, an address, a date of birth): nothing is left for NER."""
    return any(s.end - s.start == len(text.strip()) for s in spans)


def _needs_ner(text: str, profile: ColumnProfile) -> bool:
    """Free text that can hold a name or address: Japanese characters, not a bare place name."""
    if profile.hex_ids or ("PERSON" in profile.excluded and "LOCATION" in profile.excluded):
        return False
    # A date alone (昭和60年4月12日 has kanji) holds no name: the neural pipes would only confirm that.
    return len(text) >= 2 and text not in _PLACE_NAMES and bool(_JAPANESE.search(text)) and parse_date(text) is None


class _Analyser:
    """Analyses distinct values column by column, with a bounded cache and batched NER."""

    def __init__(self, use_ner: bool = True, registry: MemberRegistry | None = None) -> None:
        self.use_ner = use_ner
        self.registry = registry
        self.recognizers = pattern_recognizers()
        self.ner_cache: dict[str, Reading] = {}

    def structured(self, text: str, profile: ColumnProfile, context: Context) -> list[Span]:
        spans: list[Span] = [link_code_span(text)] if profile.link_codes else []
        for recognizer in self.recognizers:
            spans.extend(recognizer.find(text, context))
        person = person_cell_span(text, profile)
        if person is not None:
            spans.append(person)
        return [s for s in spans if not _product_code(s, text, profile)]

    def ner(self, keys: list[str]) -> None:
        """Make sure every model text has its reading in the cache (the cache is emptied first when full)."""
        if len(self.ner_cache) > _CACHE_LIMIT:
            self.ner_cache.clear()
        todo = [k for k in dict.fromkeys(keys) if k not in self.ner_cache]
        if not todo:
            return
        from .ner import read_texts

        for key, reading in zip(todo, read_texts(todo), strict=True):
            self.ner_cache[key] = reading


@dataclass
class _Column:
    """One column of a sheet: its profile and the findings of each distinct value analysed so far."""

    sheet: str
    name: str
    profile: ColumnProfile
    cache: dict[str, tuple[tuple, ...]] = field(default_factory=dict)
    # Registry values a row must confirm (weak), and the members a value names by itself (strong), per value.
    weak: dict[str, tuple[tuple, ...]] = field(default_factory=dict)
    strong: dict[str, frozenset[int]] = field(default_factory=dict)


def _row_context(profile: ColumnProfile, document: str) -> Context:
    """The context of one cell of a number column when its row names an identity document."""
    named = document_entity(document) if document else None
    if named is None:
        return profile.context()
    others = set(DOCUMENT_TYPES) - {named}
    # The row's document outranks the column: a licence column can hold numbers that pass the My Number check.
    return Context(frozenset((profile.entities - others) | {named}), frozenset((profile.excluded | others) - {named}))


def _scan_frame(
    analyser: _Analyser, columns: dict[str, _Column], sheet: str, frame: pd.DataFrame, row_offset: int
) -> pd.DataFrame:
    """Findings of one piece of one sheet (FINDINGS_COLUMNS), row by row and column by column.

    `columns` holds a profiled column for every column of the frame.
    """
    # Values analysed in this piece, and free text waiting for the name model by model text: values that differ
    # only in digits or found values share one reading.
    items: list[tuple[_Column, str, str, str, list[int], list[Span]]] = []
    pending: dict[str, list[int]] = {}
    factorised = {}
    # A document-type column (運転免許証, 個人番号カード) says what the numbers in its row are.
    document = next((n for n in frame.columns if columns[n].profile.document_types), None)
    for name in frame.columns:
        column = columns[name]
        try:
            by_row = document is not None and name != document and column.profile.id_numbers
            keys = frame[name] + _ROW_KEY + frame[document] if by_row else frame[name]
            codes, uniques = pd.factorize(keys, sort=False)
            uniques = np.asarray(uniques, dtype=object)
            factorised[name] = (codes, uniques)
            context = column.profile.context()
            if len(column.cache) > _CACHE_LIMIT:
                column.cache.clear()
                column.weak.clear()
                column.strong.clear()
            for key in uniques:
                if key in column.cache:
                    continue
                value, _, named = key.partition(_ROW_KEY) if by_row else (key, "", "")
                if not value.strip():
                    column.cache[key] = ()
                    continue
                text, offsets = _normalise(value)
                cell_context = _row_context(column.profile, named) if by_row else context
                spans = analyser.structured(text, column.profile, cell_context)
                if analyser.use_ner and _needs_ner(text, column.profile) and not _whole_cell(spans, text):
                    pending.setdefault(model_text(text, spans), []).append(len(items))
                items.append((column, key, value, text, offsets, spans))
        except IndigoError:
            raise
        except Exception as exc:  # a recognizer bug must stop the release, naming where, never the value
            raise ScanFailure(
                None, f"a recognizer failed on sheet '{sheet}' column '{name}' ({type(exc).__name__})", "report it"
            ) from None
    if pending:
        try:
            analyser.ner(list(pending))
        except Exception as exc:  # GiNZA failing means free text went unchecked: fail closed
            raise ScanFailure(
                None, f"name recognition failed on sheet '{sheet}' ({type(exc).__name__})", "report it"
            ) from None
        for model, waiting in pending.items():
            reading = analyser.ner_cache[model]
            for number in waiting:
                column, _, _, text, _, spans = items[number]
                spans.extend(s for s in reading.spans(text) if s.entity not in column.profile.excluded)
    _finalise_items(analyser, items, sheet)
    parts = [
        _column_findings(sheet, name, *factorised[name], columns[name].cache, row_offset) for name in frame.columns
    ]
    if analyser.registry is not None:
        weak = {name: columns[name].weak for name in frame.columns}
        strong = {name: columns[name].strong for name in frame.columns}
        parts.append(member_frame(sheet, row_matches(list(frame.columns), factorised, weak, strong), row_offset))
    found = pd.concat([p for p in parts if p is not None] or [EMPTY_FINDINGS], ignore_index=True)
    # Columns were gathered one after another; a stable sort on the row keeps them in column order.
    return found.iloc[np.argsort(found["row"].to_numpy(), kind="stable")].reset_index(drop=True)


def _finalise_items(analyser: _Analyser, items: list[tuple], sheet: str) -> None:
    """Each analysed value's findings into its column's cache, with the registry's matches when there is one."""
    matches: list[list[tuple[Span, tuple[int, ...]]]] = [[] for _ in items]
    weak_hits: list[list] = [[] for _ in items]
    if analyser.registry is not None and items:
        try:
            matches, weak_hits = value_matches(analyser.registry, [i[3] for i in items], [i[5] for i in items])
        except Exception as exc:  # the registry match failing means members went unchecked: fail closed
            raise ScanFailure(
                None, f"the member match failed on sheet '{sheet}' ({type(exc).__name__})", "report it"
            ) from None
    for (column, key, value, text, offsets, spans), found, weak in zip(items, matches, weak_hits, strict=True):
        members = {(s.start, s.end, s.entity): m for s, m in found}
        column.cache[key] = _finalise(value, text, offsets, [*spans, *(s for s, _ in found)], members)
        if found:
            column.strong[key] = frozenset(m for _, ms in found for m in ms)
        if weak:
            spans_back = [(hit, *original_span(offsets, hit.start, hit.end)) for hit in weak]
            column.weak[key] = tuple(
                (hit.kind, 1.0, a, b, mask(MEMBER_MATCH, value[a:b]), hit.members) for hit, a, b in spans_back
            )


def _column_findings(
    sheet: str, name: str, codes: np.ndarray, uniques: np.ndarray, cache: dict[str, tuple], row_offset: int
) -> pd.DataFrame | None:
    """The findings of one column, rows ascending, from the findings of its distinct values (no loop over rows)."""
    per_value = [cache[key] for key in uniques]
    sizes = np.fromiter(map(len, per_value), dtype=np.int64, count=len(per_value))
    per_row = sizes[codes]
    hit = np.nonzero(per_row)[0]
    if not len(hit):
        return None
    # Value v's findings sit at flat[first[v] : first[v] + sizes[v]]; row r takes those of its value.
    flat = [finding for findings in per_value for finding in findings]
    first = np.cumsum(sizes) - sizes
    counts = per_row[hit]
    total = int(counts.sum())
    index = np.repeat(first[codes[hit]], counts) + np.arange(total) - np.repeat(np.cumsum(counts) - counts, counts)
    entity, score, start, end, evidence, members = zip(*flat, strict=True)
    return pd.DataFrame(
        {
            "sheet": np.full(total, sheet, dtype=object),
            "row": np.repeat(hit, counts) + row_offset,
            "column": np.full(total, name, dtype=object),
            "entity": np.array(entity, dtype=object)[index],
            "score": np.array(score, dtype=np.float64)[index],
            "start": np.array(start, dtype=np.int64)[index],
            "end": np.array(end, dtype=np.int64)[index],
            "evidence": np.array(evidence, dtype=object)[index],
            "members": _objects(members)[index],
        }
    )


def _objects(values: Sequence[tuple]) -> np.ndarray:
    """A one-dimensional object array of tuples (numpy would make tuples of equal length a second axis)."""
    out = np.empty(len(values), dtype=object)
    for i, value in enumerate(values):
        out[i] = value
    return out


def _finalise(
    value: str,
    text: str,
    offsets: list[int],
    spans: list[Span],
    members: dict[tuple[int, int, str], tuple[int, ...]] | None = None,
) -> tuple:
    """Resolve overlaps, map spans to the original cell, and mask the evidence; a registry match keeps its members."""
    out = []
    for span in resolve_overlaps(spans):
        start, end = original_span(offsets, span.start, span.end)
        whose = (members or {}).get((span.start, span.end, span.entity), ())
        out.append((span.entity, round(span.score, 2), start, end, mask(span.entity, value[start:end]), whose))
    return tuple(out)
