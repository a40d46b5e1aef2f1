"""Japanese-first recognizers, one module per entity family, all Presidio recognizers for language "ja"."""

from __future__ import annotations

from functools import lru_cache

from ..policy import ENTITIES
from .addresses import LocationRecognizer, PostalCodeRecognizer
from .base import NO_CONTEXT, Context, JaPatternRecognizer, Span, has_word
from .cards import CreditCardRecognizer
from .cjk_addresses import CjkAddressRecognizer
from .cjk_names import CjkNameRecognizer
from .contact import JaEmailRecognizer, JaIpRecognizer, JaPhoneRecognizer, ObfuscatedEmailRecognizer
from .dates import DateOfBirthRecognizer
from .ids import (
    DriversLicenseRecognizer,
    MyNumberRecognizer,
    PassportRecognizer,
    PensionNumberRecognizer,
    ResidenceCardRecognizer,
)
from .names import KanaNameRecognizer, RomajiNameRecognizer
from .notes import QuotedNameRecognizer
from .romaji_addresses import RomajiAddressRecognizer
from .western_addresses import WesternAddressRecognizer

__all__ = [
    "ENTITIES",
    "NO_CONTEXT",
    "Context",
    "JaPatternRecognizer",
    "Span",
    "has_word",
    "pattern_recognizers",
]


@lru_cache(maxsize=1)
def pattern_recognizers() -> tuple[JaPatternRecognizer, ...]:
    """One instance of every pattern recognizer, in the order overlaps are resolved (most specific first)."""
    return (
        JaEmailRecognizer(),
        ObfuscatedEmailRecognizer(),
        MyNumberRecognizer(),
        DriversLicenseRecognizer(),
        ResidenceCardRecognizer(),
        PassportRecognizer(),
        PensionNumberRecognizer(),
        CreditCardRecognizer(),
        JaPhoneRecognizer(),
        PostalCodeRecognizer(),
        DateOfBirthRecognizer(),
        JaIpRecognizer(),
        LocationRecognizer(),
        WesternAddressRecognizer(),
        RomajiAddressRecognizer(),
        CjkAddressRecognizer(),
        RomajiNameRecognizer(),
        KanaNameRecognizer(),
        QuotedNameRecognizer(),
        CjkNameRecognizer(),
    )
