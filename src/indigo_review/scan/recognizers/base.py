"""What every indigo-review recognizer shares: Presidio's PatternRecognizer shape, run on normalised text.

A recognizer is a presidio `PatternRecognizer` (PATTERNS, CONTEXT, `validate_result`) registered for
Japanese, so it plugs into an `AnalyzerEngine`. The tabular engine calls `find(text, context)` directly
on normalised cell text: it matches the same patterns, validates the value, then asks `accept` whether
the context (the column header, the column's values, words in the cell) allows the finding.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import ClassVar

from presidio_analyzer import AnalysisExplanation, Pattern, PatternRecognizer, RecognizerResult

from ...normalise import normalise_with_offsets, original_span


@dataclass(frozen=True)
class Span:
    """One finding inside a text: entity, [start, end) and a confidence score."""

    entity: str
    start: int
    end: int
    score: float


@dataclass(frozen=True)
class Context:
    """What is known about a cell besides its text: entities its column is known to hold or to exclude."""

    entities: frozenset[str] = field(default_factory=frozenset)
    excluded: frozenset[str] = field(default_factory=frozenset)

    def says(self, entity: str) -> bool:
        """The column (header or values) says it holds this entity."""
        return entity in self.entities

    def rules_out(self, entity: str) -> bool:
        """The column (header) says it holds something else that looks like this entity."""
        return entity in self.excluded


NO_CONTEXT = Context()


def presidio_result(recognizer, entity: str, start: int, end: int, score: float) -> RecognizerResult:
    """A RecognizerResult with the explanation and metadata Presidio's context enhancer expects."""
    return RecognizerResult(
        entity,
        start,
        end,
        score,
        analysis_explanation=AnalysisExplanation(
            recognizer=recognizer.name, original_score=score, textual_explanation="indigo-review rules"
        ),
        recognition_metadata={
            RecognizerResult.RECOGNIZER_NAME_KEY: recognizer.name,
            RecognizerResult.RECOGNIZER_IDENTIFIER_KEY: recognizer.id,
        },
    )


_ASCII_WORD = re.compile(r"[a-z0-9]")


def has_word(text: str, words: Iterable[str]) -> bool:
    """True when normalised `text` holds one of `words`; ASCII words must stand alone (zip is not ip)."""
    lowered = text.casefold()
    for word in words:
        if _ASCII_WORD.match(word):
            if re.search(rf"(?<![a-z]){re.escape(word)}(?![a-z])", lowered):
                return True
        elif word in lowered:
            return True
    return False


# Boundaries for numbers inside Japanese text: no letter or digit on either side, and not a piece of a
# longer hyphen- or space-separated number.
NUM_START = r"(?<![0-9A-Za-z])(?<![0-9][\- ])"
NUM_END = r"(?![0-9A-Za-z])(?![\- ][0-9])"


class JaPatternRecognizer(PatternRecognizer):
    """A PatternRecognizer for Japanese text that normalises first and applies context rules."""

    ENTITY: ClassVar[str]
    PATTERNS: ClassVar[tuple[Pattern, ...]]
    CONTEXT: ClassVar[tuple[str, ...]] = ()
    # Words that mean a look-alike (an order number, a version string) rather than this entity.
    NEGATIVE_CONTEXT: ClassVar[tuple[str, ...]] = ()
    NEEDS_CONTEXT: ClassVar[bool] = False
    # A cheap test a text must pass before the patterns run (most cells hold no digit, no @).
    PREFILTER: ClassVar[str | None] = r"\d"

    def __init__(self) -> None:
        super().__init__(
            supported_entity=self.ENTITY,
            name=type(self).__name__,
            supported_language="ja",
            patterns=list(self.PATTERNS),
            context=list(self.CONTEXT),
        )
        self._compiled = [(pattern.score, re.compile(pattern.regex)) for pattern in self.PATTERNS]
        self._prefilter = re.compile(self.PREFILTER) if self.PREFILTER else None

    def find(self, text: str, context: Context = NO_CONTEXT) -> list[Span]:
        """Validated findings in normalised text, given what the column says."""
        spans: list[Span] = []
        if self._prefilter is not None and not self._prefilter.search(text):
            return spans
        for score, regex in self._compiled:
            for match in regex.finditer(text):
                group = "v" if "v" in regex.groupindex else 0
                value = match.group(group)
                if not self.validate_result(value):
                    continue
                final = self.accept(value, text, context, score)
                if final is not None:
                    spans.append(Span(self.ENTITY, match.start(group), match.end(group), final))
        return spans

    def context_says(self, text: str, context: Context) -> bool:
        """The column or the words in the cell name this entity."""
        return context.says(self.ENTITY) or has_word(text, self.CONTEXT)

    def accept(self, value: str, text: str, context: Context, score: float) -> float | None:
        """The final score of a valid value in its context, or None when the context rules it out."""
        positive = self.context_says(text, context)
        if not positive and (context.rules_out(self.ENTITY) or has_word(text, self.NEGATIVE_CONTEXT)):
            return None
        if self.NEEDS_CONTEXT and not positive:
            return None
        return min(1.0, score + 0.3) if positive else score

    def analyze(self, text: str, entities: list[str], nlp_artifacts=None, regex_flags=None) -> list[RecognizerResult]:
        """Presidio entry point: the same rules as `find`, with positions in the original text."""
        if entities and self.ENTITY not in entities:
            return []
        normalised, offsets = normalise_with_offsets(text)
        results = []
        for span in self.find(normalised):
            start, end = original_span(offsets, span.start, span.end)
            results.append(presidio_result(self, self.ENTITY, start, end, span.score))
        return results
