"""The shared vocabulary: entity names every job uses in findings, reports and truth tables (design.md)."""

from __future__ import annotations

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
