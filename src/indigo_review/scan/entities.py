"""Personal data in free-text values, one value at a time: the scan's recognizers and NER outside a table scan.

For jobs that must find names, phones and e-mail addresses inside a comment (the member-request job)
and then mask some of them: spans are positions in the original text, overlaps resolved as the scan does.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from ..normalise import normalise_with_offsets, original_span
from .cells import resolve_overlaps
from .recognizers import NO_CONTEXT, Span, pattern_recognizers

_JAPANESE = re.compile(r"[\u3041-\u3096\u30a1-\u30fa\u4e00-\u9fff々]")


def find_entities_in(texts: Sequence[str], use_ner: bool = True) -> list[list[Span]]:
    """The spans of personal data in each text, positions in the original text; NER runs in one batch."""
    prepared = [normalise_with_offsets(text) for text in texts]
    found: list[list[Span]] = [
        [span for recognizer in pattern_recognizers() for span in recognizer.find(normalised, NO_CONTEXT)]
        for normalised, _ in prepared
    ]
    todo = [i for i, (normalised, _) in enumerate(prepared) if use_ner and _JAPANESE.search(normalised)]
    if todo:
        from .ner import analyse_texts

        # As in the scan, the name model reads each text with the values the rules found blanked.
        texts = [prepared[i][0] for i in todo]
        for i, spans in zip(todo, analyse_texts(texts, found=[found[i] for i in todo]), strict=True):
            found[i].extend(spans)
    results = []
    for (_, offsets), spans in zip(prepared, found, strict=True):
        mapped = []
        for span in resolve_overlaps(spans):
            start, end = original_span(offsets, span.start, span.end)
            mapped.append(Span(span.entity, start, end, span.score))
        results.append(mapped)
    return results


def find_entities(text: str, use_ner: bool = True) -> list[Span]:
    """The spans of personal data (entity, start, end, score) in one text, positions in the original text."""
    return find_entities_in([text], use_ner)[0]
