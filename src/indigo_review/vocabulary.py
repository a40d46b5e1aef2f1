"""The shared vocabulary: entity names every job uses in findings, reports and truth tables (design.md)."""

from __future__ import annotations

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
)
