"""GiNZA (ja_ginza) for names and addresses in free text: loaded once, run in batches.

Two stages. Every text first goes through GiNZA's tokenizer (SudachiPy morphological analysis, which
tags surnames and given names 人名); that is cheap. Only texts with a Japanese proper noun or an
honorific, the texts that can hold a name, then go through the neural pipes (tok2vec and the entity
recogniser) with `nlp.pipe` in batches; the parser, morphologizer and bunsetu pipes are never loaded.
The model reads a text with its digits folded and the values the rules found blanked (`model_text`), so
templated remarks that differ only in a number or an e-mail address are read once.
GiNZA's labels are mapped to the shared vocabulary: Person -> PERSON (with the same rules against
companies, titles and famous figures as the tags); Postal_Address, City, County -> LOCATION when the
text there is an address at municipality level or finer.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import TYPE_CHECKING

from presidio_analyzer import EntityRecognizer, RecognizerResult

from ..normalise import normalise_with_offsets, original_span
from .recognizers.addresses import find_addresses
from .recognizers.base import Span, presidio_result
from .recognizers.names import HONORIFICS, entity_person_spans, person_spans

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc

MODEL = "ja_ginza"
LABELS = {"Person": "PERSON", "Postal_Address": "LOCATION", "City": "LOCATION", "County": "LOCATION"}
_UNNEEDED_PIPES = (
    "parser",
    "compound_splitter",
    "bunsetu_recognizer",
    "morphologizer",
    "attribute_ruler",
    "lemmatizer",
)
BATCH_SIZE = 256
_BLOCK = 2048
# GiNZA entity labels (Sekine's extended named entities) of places and organisations: a lone surname
# GiNZA labels so (梅田 City, 中之島 Railroad) names a place, not a person.
_PLACE_LABELS = (
    "City",
    "County",
    "Province",
    "Country",
    "GPE",
    "Domestic_Region",
    "Location",
    "Railroad",
    "Station",
    "Road",
    "Line",
    "Facility",
    "Airport",
    "Port",
    "Park",
    "Spa",
    "Mountain",
    "River",
    "Lake",
    "Island",
    "Bridge",
    "Theater",
    "Museum",
    "School",
    "Company",
    "Organization",
    "Worship_Place",
    "Sports_Facility",
    "Car_Stop",
)
# A name right after these is a company's name: 株式会社ソラテックさん.
_COMPANY_BEFORE = ("株式会社", "有限会社", "合同会社", "合資会社", "合名会社", "(株)", "(有)", "㈱", "㈲", "法人")


@lru_cache(maxsize=1)
def load_nlp() -> Language:
    """The GiNZA pipeline with the pipes names do not need left out; loaded once per process."""
    import spacy

    return spacy.load(MODEL, exclude=list(_UNNEEDED_PIPES))


def japanese_words(texts: Sequence[str]) -> set[str]:
    """The texts GiNZA's dictionary reads as one Japanese word that is no name (陶芸, 高校, 金融): a Chinese
    name is two words there (王|伟, 陳家|豪), a name (李|欣), or a word the dictionary does not know (张伟)."""
    nlp = load_nlp()
    words = set()
    for text in texts:
        tokens = list(nlp.make_doc(text))
        if len(tokens) == 1 and "人名" not in tokens[0].tag_ and _known(tokens[0]):
            words.add(text)
    return words


def _known(token) -> bool:
    """The dictionary knows the word: its reading is kana, not the characters themselves (as for unknown words)."""
    reading = token.morph.get("Reading")
    return bool(reading) and reading[0] != token.text


def may_hold_name(doc: Doc, text: str) -> bool:
    """A proper noun the tags do not already call a person's name: the entity recogniser may find one.

    Tokens tagged 人名 are decided by the tag rules, and place names inside an address are the
    address; what is left (unknown proper nouns, a common noun before an honorific) goes to the NER.
    """
    has_address = bool(find_addresses(text))
    tokens = list(doc)
    for i, token in enumerate(tokens):
        if token.text.isascii() or "人名" in token.tag_:
            continue
        if token.tag_.startswith("名詞-固有名詞") and not (has_address and "地名" in token.tag_):
            return True
        if i + 1 < len(tokens) and tokens[i + 1].text in HONORIFICS and token.tag_.startswith("名詞"):
            return True
    return False


def _lone_surname(doc: Doc) -> bool:
    """A surname with no given name and no honorific: it may be a place (梅田), so the recogniser decides."""
    tokens = list(doc)
    for i, token in enumerate(tokens):
        if not token.tag_.endswith("人名-姓"):
            continue
        before = tokens[i - 1] if i else None
        after = tokens[i + 1] if i + 1 < len(tokens) else None
        if (before is None or "人名" not in before.tag_) and (
            after is None or ("人名" not in after.tag_ and after.text not in HONORIFICS)
        ):
            return True
    return False


def _not_a_person(span: Span, text: str, doc: Doc) -> bool:
    """A PERSON span that is a company (株式会社ソラテックさん) or that GiNZA labels as a place (梅田)."""
    if span.entity != "PERSON":
        return False
    if text[: span.start].rstrip().endswith(_COMPANY_BEFORE):
        return True
    honoured = text[span.end :].startswith(tuple(HONORIFICS))
    return not honoured and any(
        ent.start_char <= span.start
        and span.end <= ent.end_char
        and ent.label_.startswith(_PLACE_LABELS)
        and "人名-名" not in "".join(t.tag_ for t in ent)
        for ent in doc.ents
    )


@dataclass(frozen=True)
class Reading:
    """What GiNZA says of one model text: the PERSON spans, and where each place entity starts."""

    persons: tuple[Span, ...]
    places: tuple[int, ...]

    def spans(self, text: str) -> list[Span]:
        """PERSON and LOCATION spans in `text`, the normalised text the model text was made from.

        A place entity is an address only where the address rules, run on the real text, find one.
        """
        spans = list(self.persons)
        for start in self.places:
            for a, b in find_addresses(text[start:]):
                spans.append(Span("LOCATION", start + a, start + b, 0.7))
        return spans


_FOLD_DIGITS = str.maketrans("0123456789", "0000000000")
BLANK = "_"


def model_text(text: str, found: Sequence[Span] = ()) -> str:
    """The text the name model reads: digits folded to 0 and values the rules already found blanked.

    Names hold no ASCII digits, and a found value (an e-mail, a My Number) is already a finding, so
    neither changes which names the text holds; texts that differ only there (マイナンバー 1234... 提出済み)
    then share one model text and one reading. Same length, so positions carry over.
    """
    folded = text.translate(_FOLD_DIGITS)
    if not found:
        return folded
    chars = list(folded)
    for span in found:
        chars[span.start : span.end] = BLANK * (span.end - span.start)
    return "".join(chars)


def read_texts(texts: Sequence[str], batch_size: int = BATCH_SIZE) -> list[Reading]:
    """GiNZA's reading of each model text: tokenizer for all, the entity recogniser in batches for some."""
    results: list[Reading] = []
    # Docs are heavy; hold only one block of them at a time so memory stays bounded on large files.
    for block in range(0, len(texts), _BLOCK):
        results.extend(_read_block(texts[block : block + _BLOCK], batch_size))
    return results


def _read_block(texts: Sequence[str], batch_size: int) -> list[Reading]:
    nlp = load_nlp()
    docs = [nlp.make_doc(text) for text in texts]
    candidates = [i for i, doc in enumerate(docs) if may_hold_name(doc, texts[i]) or _lone_surname(doc)]
    for i, doc in zip(candidates, nlp.pipe([docs[i] for i in candidates], batch_size=batch_size), strict=True):
        docs[i] = doc
    results: list[Reading] = []
    for text, doc in zip(texts, docs, strict=True):
        persons = [s for s in person_spans(doc) + entity_person_spans(doc) if not _not_a_person(s, text, doc)]
        places = [ent.start_char for ent in doc.ents if LABELS.get(ent.label_) == "LOCATION"]
        results.append(Reading(tuple(persons), tuple(places)))
    return results


def analyse_texts(
    texts: Sequence[str], batch_size: int = BATCH_SIZE, found: Sequence[Sequence[Span]] | None = None
) -> list[list[Span]]:
    """PERSON and LOCATION spans for each normalised text; `found` holds what the rules found in each."""
    keys = [model_text(text, found[i] if found else ()) for i, text in enumerate(texts)]
    unique = list(dict.fromkeys(keys))
    readings = dict(zip(unique, read_texts(unique, batch_size), strict=True))
    return [readings[key].spans(text) for key, text in zip(keys, texts, strict=True)]


class GinzaPersonRecognizer(EntityRecognizer):
    """Presidio recognizer for PERSON in Japanese text, with GiNZA loaded once per process."""

    def __init__(self) -> None:
        super().__init__(
            supported_entities=["PERSON", "LOCATION"], name="GinzaPersonRecognizer", supported_language="ja"
        )

    def load(self) -> None:
        """GiNZA is loaded lazily, once per process, by `load_nlp`."""

    def analyze(self, text: str, entities: list[str], nlp_artifacts=None) -> list[RecognizerResult]:
        """Names and addresses in the text, positions in the original text."""
        normalised, offsets = normalise_with_offsets(text)
        return [
            presidio_result(self, span.entity, *original_span(offsets, span.start, span.end), span.score)
            for span in analyse_texts([normalised])[0]
            if not entities or span.entity in entities
        ]


def registry():
    """A presidio RecognizerRegistry for "ja" holding every indigo-review recognizer."""
    from presidio_analyzer import RecognizerRegistry

    from .recognizers import pattern_recognizers

    reg = RecognizerRegistry(supported_languages=["ja"])
    for recognizer in (*pattern_recognizers(), GinzaPersonRecognizer()):
        reg.add_recognizer(recognizer)
    return reg
