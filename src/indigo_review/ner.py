"""GiNZA (ja_ginza) for names and addresses in free text: loaded once, run in batches.

Only the pipes that names need run: the tokenizer's morphological analysis (人名 tags), tok2vec and
the named-entity recogniser. The dependency parser and bunsetu pipes are disabled. GiNZA's labels are
mapped to the shared vocabulary: Person -> PERSON; Postal_Address, City, County -> LOCATION when the
text around it is an address at municipality level or finer.
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import lru_cache
from typing import TYPE_CHECKING

from .recognizers.addresses import find_addresses
from .recognizers.base import Span
from .recognizers.names import person_spans

if TYPE_CHECKING:
    from spacy.language import Language

MODEL = "ja_ginza"
LABELS = {"Person": "PERSON", "Postal_Address": "LOCATION", "City": "LOCATION", "County": "LOCATION"}
_UNNEEDED_PIPES = ("parser", "compound_splitter", "bunsetu_recognizer", "attribute_ruler", "lemmatizer")
BATCH_SIZE = 256


@lru_cache(maxsize=1)
def load_nlp() -> Language:
    """The GiNZA pipeline with the pipes names do not need left out; loaded once per process."""
    import spacy

    return spacy.load(MODEL, exclude=list(_UNNEEDED_PIPES))


def analyse_texts(texts: Sequence[str], batch_size: int = BATCH_SIZE) -> list[list[Span]]:
    """PERSON and LOCATION spans for each normalised text, via one batched nlp.pipe."""
    nlp = load_nlp()
    results: list[list[Span]] = []
    for text, doc in zip(texts, nlp.pipe(texts, batch_size=batch_size), strict=True):
        spans = person_spans(doc)
        for ent in doc.ents:
            if LABELS.get(ent.label_) == "LOCATION":
                for start, end in find_addresses(text[ent.start_char :]):
                    spans.append(Span("LOCATION", ent.start_char + start, ent.start_char + end, 0.7))
        results.append(spans)
    return results
