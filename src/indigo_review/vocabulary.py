"""The shared vocabulary: entity names every job uses in findings, reports and truth tables (design.md)."""

from __future__ import annotations

from .i18n import N_

# The Parquet key-value metadata key under which a job marks its own output (the anonymise job writes the
# release kind there; the release job reads it).
PARQUET_METADATA_KEY = "indigo_review"

ENTITIES: tuple[str, ...] = (
    "PERSON",
    "EMAIL_ADDRESS",
    "PHONE_NUMBER",
    "JP_POSTAL_CODE",
    "LOCATION",
    "DATE_OF_BIRTH",
    "JP_MY_NUMBER",
    "JP_PASSPORT",
    "JP_DRIVERS_LICENSE",
    "JP_RESIDENCE_CARD",
    "JP_PENSION_NUMBER",
    "CREDIT_CARD",
    "IP_ADDRESS",
    # The society's own: a value of a member in the registry, and a code that re-links rows (design.md).
    "MEMBER_MATCH",
    "LINK_CODE",
)
# The entities any export can hold about anyone, as opposed to the society's own (registry and linking codes).
SOCIETY_ENTITIES: tuple[str, ...] = ("MEMBER_MATCH", "LINK_CODE")
PERSONAL_DATA_ENTITIES: tuple[str, ...] = tuple(e for e in ENTITIES if e not in SOCIETY_ENTITIES)

# What each entity is, in words a person reads (reports translate them through the catalogue).
ENTITY_LABELS: dict[str, str] = {
    "PERSON": N_("name of a person"),
    "EMAIL_ADDRESS": N_("e-mail address"),
    "PHONE_NUMBER": N_("phone number"),
    "JP_POSTAL_CODE": N_("postal code"),
    "LOCATION": N_("address"),
    "DATE_OF_BIRTH": N_("date of birth"),
    "JP_MY_NUMBER": N_("My Number (individual number)"),
    "JP_PASSPORT": N_("passport number"),
    "JP_DRIVERS_LICENSE": N_("driver's licence number"),
    "JP_RESIDENCE_CARD": N_("residence card number"),
    "JP_PENSION_NUMBER": N_("pension number"),
    "CREDIT_CARD": N_("card number"),
    "IP_ADDRESS": N_("IP address"),
    "MEMBER_MATCH": N_("the society's own member (registry match)"),
    "LINK_CODE": N_("code that links rows (pseudonym or token)"),
}
