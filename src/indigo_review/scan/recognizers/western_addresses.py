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

# Street types (USPS Publication 28 suffixes and their usual abbreviations, and British ones); a plural
# "s" is allowed on each (Burgs, Forks, Pines).
STREET_TYPES = tuple(
    re.findall(
        r"\S+",
        """
        Street St Avenue Ave Road Rd Boulevard Blvd Lane Ln Drive Dr Court Ct Place Pl Parkway Pkwy Way Terrace Ter
        Circle Cir Highway Hwy Square Sq Close Crescent Cres Garden Grove Row Mews Walk Hill Trail Trl Plaza Alley
        Embankment Burg Fork Pine Port Pike Ridge Prairie Mission Crossing Xing Ranch Spring Heights Point Isle
        Harbor Harbour Hollow Junction Key Knoll Landing Loop Manor Meadow Mount Orchard Pass Path Plain Rapid Rest
        Route Shoal Shore Spur Station Stravenue Stream Summit Trace Track Tunnel Turnpike Union Valley Via View
        Village Ville Vista Well Camp Canyon Cape Causeway Center Centre Cliff Club Common Corner Course Cove Creek
        Crest Curve Dale Dam Divide Estate Expressway Extension Falls Ferry Field Flat Ford Forest Forge Fort
        Freeway Gateway Glen Green Haven Island Lake Land Light Lock Lodge Mall Mill Motorway Neck Oval Overpass
        Park Ramp River Rue Run Skyway Underpass Wall Bypass Bluff Bottom Branch Bridge Brook Rise Gate Parade
        Approach Wynd Gardens Fields Meadows
        """,
    )
)
# The states, DC, the territories and the military "states" (AA, AE, AP), as USPS abbreviates them.
US_STATES = tuple(
    re.findall(
        r"[A-Z]{2}",
        "AL AK AZ AR CA CO CT DE DC FL GA HI ID IL IN IA KS KY LA ME MD MA MI MN MS MO MT NE NV NH NJ NM NY NC ND "
        "OH OK OR PA RI SC SD TN TX UT VT VA WA WV WI WY PR AS FM GU MH MP PW VI AA AE AP",
    )
)

_WORD = r"[A-Z][A-Za-z'\-]+"
_TYPE = r"(?:" + "|".join(sorted(STREET_TYPES, key=len, reverse=True)) + r")s?\.?(?![A-Za-z])"
_STREET = r"\d{1,6}[A-Za-z]?(?:-\d{1,6})?,? (?:[NSEW]\.? )?(?:" + _WORD + r" ){1,4}" + _TYPE
# A British street written without a house number ("Flat 5 / Wilkins Ridge / New Leslie / SE7 3PR").
_NAMED_STREET = r"(?:" + _WORD + r" ){1,4}" + _TYPE
# Parts of an address are separated by a comma, a space or a line break.
_SEP = r",?[ \n]"
_UNIT = r"(?:,?[ \n](?:Apt|Apartment|Suite|Ste|Unit|Flat|Floor|Fl|#)\.? ?#?[0-9A-Za-z\-]{1,6})?"
_CITY = r"(?:" + _WORD + r" ){0,3}" + _WORD
_STATE_ZIP = _SEP + r"(?:" + "|".join(US_STATES) + r")\.?,? \d{5}(?:-\d{4})?(?!\d)"
_US_TAIL = _SEP + _CITY + _STATE_ZIP
# Royal Mail's postcode shape: outward code (area, district) and inward code.
UK_POSTCODE = r"[A-Z]{1,2}\d[A-Z\d]? ?\d[ABD-HJLNP-UW-Z]{2}"
_UK_TAIL = r"(?:" + _SEP + _CITY + r"){0,2}" + _SEP + UK_POSTCODE + r"(?![A-Za-z0-9])"
_CITY_TAIL = _SEP + _CITY + r"(?=$|[,.;)\n]| [A-Z]{2,}\b)"


# US military and diplomatic mail: "PSC 0994, Box 8469 / APO AE 22064", "USNS Adams / FPO AA 55459".
_MILITARY = r"(?:(?:Unit|PSC|CMR) \d{1,5},? Box \d{1,5}|(?:USNS|USNV|USS|USCGC) " + _WORD + r")" + _SEP
_MILITARY += r"(?:APO|FPO|DPO) (?:AA|AE|AP) \d{5}(?!\d)"
# An address column's cell: Latin words and a number, on one line or several.
_LATIN_ADDRESS = re.compile(r"(?=.*\d)(?=(?:.*[A-Za-z]{2,}){2})[0-9A-Za-z ,.'#/\-\n]+")


class WesternAddressRecognizer(JaPatternRecognizer):
    """US and UK street addresses, US 'City, ST ZIP' lines and UK postcodes with address context."""

    ENTITY = "LOCATION"
    PATTERNS = (
        Pattern("us_street", r"(?<![0-9A-Za-z])(?P<v>" + _STREET + _UNIT + _US_TAIL + r")", 0.85),
        Pattern("uk_street", r"(?<![0-9A-Za-z])(?P<v>" + _STREET + _UNIT + _UK_TAIL + r")", 0.85),
        Pattern("uk_named_street", r"(?<![0-9A-Za-z])(?P<v>" + _NAMED_STREET + _UK_TAIL + r")", 0.75),
        Pattern("street_city", r"(?<![0-9A-Za-z])(?P<v>" + _STREET + _UNIT + _CITY_TAIL + r")", 0.7),
        Pattern("street", r"(?<![0-9A-Za-z])(?P<v>" + _STREET + _UNIT + r")", 0.6),
        Pattern("military_mail", r"(?<![0-9A-Za-z])(?P<v>" + _MILITARY + r")", 0.85),
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
        """The patterns' findings, keeping only the longest where one lies inside another; in an address
        column a cell of Latin words and a number is an address as a whole."""
        cell = text.strip()
        if context.says(self.ENTITY) and cell.isascii() and _LATIN_ADDRESS.fullmatch(cell):
            start = text.index(cell)
            return [Span(self.ENTITY, start, start + len(cell), 0.85)]
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
