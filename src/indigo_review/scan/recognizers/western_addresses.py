"""LOCATION for US and UK street addresses, by rules (no model, nothing downloaded).

A street address is a house number, a capitalised street name and a street type (1600 Amphitheatre
Parkway, 221B Baker Street), optionally followed by a unit, a city, and a US state with ZIP code or a UK
postcode; a US "City, ST 12345" line and a UK postcode with address context count on their own. A
country or city name alone is not an address (GiNZA's place names are the Japanese half's business).

Why rules rather than a library: `usaddress` parses a string it is told is an address (it does not find
one in free text) and knows no UK; `pyap` finds US/CA/UK addresses but has had no release since 2020.
"""

from __future__ import annotations

import re

from presidio_analyzer import Pattern

from .base import NO_CONTEXT, Context, JaPatternRecognizer, Span

STREET_TYPES = (
    "Street",
    "St",
    "Avenue",
    "Ave",
    "Road",
    "Rd",
    "Boulevard",
    "Blvd",
    "Lane",
    "Ln",
    "Drive",
    "Dr",
    "Court",
    "Ct",
    "Place",
    "Pl",
    "Parkway",
    "Pkwy",
    "Way",
    "Terrace",
    "Ter",
    "Circle",
    "Cir",
    "Highway",
    "Hwy",
    "Square",
    "Sq",
    "Close",
    "Crescent",
    "Gardens",
    "Grove",
    "Row",
    "Mews",
    "Walk",
    "Hill",
    "Trail",
    "Plaza",
    "Alley",
    "Embankment",
)
# The states, DC and Puerto Rico, as USPS abbreviates them.
US_STATES = tuple(
    re.findall(
        r"[A-Z]{2}",
        "AL AK AZ AR CA CO CT DE DC FL GA HI ID IL IN IA KS KY LA ME MD MA MI MN MS MO MT NE NV NH NJ NM NY NC ND "
        "OH OK OR PA RI SC SD TN TX UT VT VA WA WV WI WY PR",
    )
)

_WORD = r"[A-Z][A-Za-z'\-]+"
_STREET = (
    r"\d{1,6}[A-Za-z]?(?:-\d{1,6})?,? (?:[NSEW]\.? )?(?:" + _WORD + r" ){1,4}"
    r"(?:" + "|".join(sorted(STREET_TYPES, key=len, reverse=True)) + r")\.?(?![A-Za-z])"
)
_UNIT = r"(?:,? (?:Apt|Apartment|Suite|Ste|Unit|Flat|Floor|Fl|#)\.? ?#?[0-9A-Za-z\-]{1,6})?"
_CITY = r"(?:" + _WORD + r" ){0,3}" + _WORD
_STATE_ZIP = r",? (?:" + "|".join(US_STATES) + r")\.?,? \d{5}(?:-\d{4})?(?!\d)"
_US_TAIL = r",? " + _CITY + _STATE_ZIP
# Royal Mail's postcode shape: outward code (area, district) and inward code.
UK_POSTCODE = r"[A-Z]{1,2}\d[A-Z\d]? ?\d[ABD-HJLNP-UW-Z]{2}"
_UK_TAIL = r"(?:,? " + _CITY + r"){0,2},? " + UK_POSTCODE + r"(?![A-Za-z0-9])"
_CITY_TAIL = r",? " + _CITY + r"(?=$|[,.;)\n]| [A-Z]{2,}\b)"


class WesternAddressRecognizer(JaPatternRecognizer):
    """US and UK street addresses, US 'City, ST ZIP' lines and UK postcodes with address context."""

    ENTITY = "LOCATION"
    PATTERNS = (
        Pattern("us_street", r"(?<![0-9A-Za-z])(?P<v>" + _STREET + _UNIT + _US_TAIL + r")", 0.85),
        Pattern("uk_street", r"(?<![0-9A-Za-z])(?P<v>" + _STREET + _UNIT + _UK_TAIL + r")", 0.85),
        Pattern("street_city", r"(?<![0-9A-Za-z])(?P<v>" + _STREET + _UNIT + _CITY_TAIL + r")", 0.7),
        Pattern("street", r"(?<![0-9A-Za-z])(?P<v>" + _STREET + _UNIT + r")", 0.6),
        Pattern("us_city_state_zip", r"(?<![0-9A-Za-z])(?P<v>" + _CITY + _STATE_ZIP + r")", 0.6),
        Pattern("uk_postcode", r"(?<![0-9A-Za-z])(?P<v>" + UK_POSTCODE + r")(?![A-Za-z0-9])", 0.5),
    )
    CONTEXT = ("address", "street", "postcode", "post code", "zip", "home", "lives at", "住所", "送付先")
    # ASCII street addresses need a digit and a capital letter next to each other's words.
    PREFILTER = r"\d.*[A-Z]|[A-Z].*\d"

    def validate_result(self, pattern_text: str) -> bool:
        """The patterns carry the whole rule; nothing further to check."""
        return True

    def find(self, text: str, context: Context = NO_CONTEXT) -> list[Span]:
        """The patterns' findings, keeping only the longest where one lies inside another."""
        spans = super().find(text, context)
        spans.sort(key=lambda s: (s.start, -(s.end - s.start)))
        kept: list[Span] = []
        for span in spans:
            if not any(k.start <= span.start and span.end <= k.end for k in kept):
                kept.append(span)
        return kept

    def accept(self, value: str, text: str, context: Context, score: float) -> float | None:
        """A lone UK postcode needs address context; a street address or a US ZIP line stands on its own."""
        positive = self.context_says(text, context)
        if re.fullmatch(UK_POSTCODE, value) and not positive:
            return None
        return min(1.0, score + 0.15) if positive else score
