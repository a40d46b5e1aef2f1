"""The international members export: western names, foreign phones in many writings, US and UK street
addresses, US/UK-style birth dates, e-mail with internationalised domains, and free-text notes.

Drawn from its own seeded Random, so adding it changed no byte of the other sample files. Every value
is fictional: phone numbers come from the ranges kept for fiction (US 555-01xx, UK Ofcom drama ranges,
Australia 02 5550), e-mail domains are under example.com.
"""

from __future__ import annotations

from datetime import date, timedelta
from random import Random

from .wordlists import (
    INTERNATIONAL_NOTES,
    UK_PLACES,
    US_PLACES,
    WESTERN_GIVEN_NAMES,
    WESTERN_STREETS,
    WESTERN_SURNAMES,
)

INTERNATIONAL_COLUMNS: tuple[str, ...] = (
    "member_id",
    "name",
    "email",
    "phone",
    "address",
    "country",
    "date_of_birth",
    "notes",
)
# Column -> the entity every non-empty cell of it holds, for the truth file.
_COLUMN_ENTITIES = {
    "name": "PERSON",
    "email": "EMAIL_ADDRESS",
    "phone": "PHONE_NUMBER",
    "address": "LOCATION",
    "date_of_birth": "DATE_OF_BIRTH",
}
N_INTERNATIONAL = 200
_MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
           "November", "December")  # fmt: skip
_POSTCODE_LETTERS = "ABDEFGHJLNPQRSTUWXYZ"
# Internationalised e-mail domains, Unicode and punycode, all under the reserved example.com.
_IDN_DOMAINS = ("bücher.example.com", "xn--bcher-kva.example.com", "café.example.com", "例え.example.com")


def _us_phone(rng: Random, area: str) -> str:
    line = f"01{rng.randint(0, 99):02d}"
    style = rng.choice(("intl", "paren", "dash", "dots", "ext", "zeros"))
    if style == "intl":
        return f"+1 ({area}) 555-{line}"
    if style == "paren":
        return f"({area}) 555-{line}"
    if style == "dash":
        return f"{area}-555-{line}"
    if style == "dots":
        return f"{area}.555.{line}"
    if style == "ext":
        return f"+1-{area}-555-{line} ext. {rng.randint(10, 999)}"
    return f"001 {area} 555 {line}"


def _uk_phone(rng: Random, prefix: str) -> str:
    digits = prefix + f"{rng.randint(0, 999):03d}"
    style = rng.choice(("intl", "national", "trunk", "zeros"))
    if style == "intl":
        return f"+44 {digits}"
    if style == "national":
        return f"0{digits}"
    if style == "trunk":
        return f"+44 (0){digits}"
    return f"0044 {digits}"


def _other_phone(rng: Random) -> tuple[str, str]:
    kind = rng.choice(("au", "jp", "jp"))
    if kind == "au":
        return "Australia", rng.choice(
            (f"+61 2 5550 {rng.randint(0, 9999):04d}", f"(02) 5550 {rng.randint(0, 9999):04d}")
        )
    mobile = f"{rng.choice(('70', '80', '90'))}-{rng.randint(1000, 9999)}-{rng.randint(0, 9999):04d}"
    return "Japan", rng.choice((f"+81 {mobile}", f"0{mobile}", f"+81 (0){mobile}"))


def _birth(rng: Random) -> str:
    day = date(1940, 1, 1) + timedelta(days=rng.randint(0, 23000))
    month = _MONTHS[day.month - 1]
    return rng.choice(
        (
            day.strftime("%m/%d/%Y"),
            day.strftime("%d/%m/%Y"),
            f"{month} {day.day}, {day.year}",
            f"{day.day} {month} {day.year}",
            f"{month[:3]}. {day.day} {day.year}",
        )
    )


def _email(rng: Random, given: str, surname: str) -> str:
    local = rng.choice((f"{given}.{surname}", f"{given[0]}{surname}", f"{surname}{rng.randint(1, 99)}")).lower()
    if rng.random() < 0.25:
        return f"{local}@{rng.choice(_IDN_DOMAINS)}"
    return f"{local}@{rng.choice(('example.com', 'mail.example.com', 'example.org'))}"


def _note(rng: Random, phone: str, address: str, birth: str) -> tuple[str, list[str]]:
    kind = rng.choices(("harmless", "empty", "phone", "address", "birth", "email"), (40, 25, 12, 10, 8, 5))[0]
    if kind == "harmless":
        return rng.choice(INTERNATIONAL_NOTES), []
    if kind == "empty":
        return "", []
    if kind == "phone":
        return f"Call {phone} after 6pm", ["PHONE_NUMBER"]
    if kind == "address":
        return f"Moved to {address}", ["LOCATION"]
    if kind == "birth":
        return f"DOB {birth} confirmed", ["DATE_OF_BIRTH"]
    return "Second e-mail: " + _email(rng, rng.choice(WESTERN_GIVEN_NAMES), rng.choice(WESTERN_SURNAMES)), [
        "EMAIL_ADDRESS"
    ]


def international_rows(rng: Random) -> tuple[list[list[str]], list[list[str]]]:
    """The export's rows and its truth (row, column, entity)."""
    rows: list[list[str]] = []
    truth: list[list[str]] = []
    for index in range(N_INTERNATIONAL):
        given, surname = rng.choice(WESTERN_GIVEN_NAMES), rng.choice(WESTERN_SURNAMES)
        number = rng.randint(1, 9999)
        street = rng.choice(WESTERN_STREETS)
        where = rng.random()
        if where < 0.45:
            city, state, zip_code, area = rng.choice(US_PLACES)
            country, phone = "United States", _us_phone(rng, area)
            address = f"{number} {street}, {city}, {state} {zip_code}"
        elif where < 0.85:
            town, outward, prefix = rng.choice(UK_PLACES)
            postcode = f"{outward} {rng.randint(1, 9)}{rng.choice(_POSTCODE_LETTERS)}{rng.choice(_POSTCODE_LETTERS)}"
            country, phone = "United Kingdom", _uk_phone(rng, prefix)
            address = f"{number} {street}, {town} {postcode}"
        else:
            country, phone = _other_phone(rng)
            address = ""
        birth = _birth(rng)
        note, note_entities = _note(rng, phone, address or f"{number} {street}", birth)
        values = {
            "member_id": f"I{index + 1:05d}",
            "name": f"{given} {surname}",
            "email": _email(rng, given, surname) if rng.random() < 0.9 else "",
            "phone": phone if rng.random() < 0.9 else "",
            "address": address,
            "country": country,
            "date_of_birth": birth if rng.random() < 0.9 else "",
            "notes": note,
        }
        rows.append([values[column] for column in INTERNATIONAL_COLUMNS])
        for column in INTERNATIONAL_COLUMNS:
            if values[column] and column in _COLUMN_ENTITIES:
                truth.append([str(index), column, _COLUMN_ENTITIES[column]])
        truth.extend([str(index), "notes", entity] for entity in note_entities)
    return rows, truth
