"""The planted accuracy errors: deliberately wrong records the accuracy checks are expected to catch."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class PlantedError:
    """One deliberately wrong record that the accuracy checks are expected to catch."""

    table: str
    record_id: str
    rule: str
    description: str


# Fixed ids rather than seeded picks, so the constant is true for any seed.
PLANTED_ERRORS: tuple[PlantedError, ...] = (
    PlantedError("members", "M000101", "email_format", "e-mail has a doubled @ (yamada@@example.com style)"),
    PlantedError("members", "M000202", "phone_format", "mobile number is one digit short"),
    PlantedError(
        "members",
        "M000303",
        "postal_code_matches_prefecture",
        "postal code is real but belongs to another prefecture",
    ),
    PlantedError("members", "M000404", "prefecture_exists", "prefecture written as 東京県, not a prefecture"),
    PlantedError("members", "M000505", "kana_is_katakana", "surname reading typed in hiragana"),
    PlantedError(
        "members",
        "M000606",
        "birth_date_not_future",
        "birth year off by a century, so the birth date is after the reference date",
    ),
    PlantedError("members", "M000707", "joined_after_birth", "joined_on is earlier than birth_date"),
    PlantedError("members", "M000808", "consent_not_null", "consent_analysis left empty"),
    PlantedError(
        "members",
        "M002401",
        "member_unique",
        "same name, birth date and phone as M000909 under a second id",
    ),
    PlantedError("events", "E0050", "fee_non_negative", "fee_yen is -500"),
    PlantedError("events", "E0120", "capacity_positive", "capacity is 0"),
    PlantedError("signups", "S0001111", "channel_allowed", "channel is fax, not one of the six channels"),
    PlantedError("signups", "S0002222", "member_exists", "member_id M099999 does not exist"),
    PlantedError("signups", "S0003333", "event_exists", "event_id E9999 does not exist"),
    PlantedError("signups", "S0004444", "signup_before_event", "signed_up_at is after the event starts"),
    PlantedError("signups", "S0005555", "signup_id_unique", "signup_id is used by two different rows"),
)
# The member whose second registration is the planted member_unique error (M002401).
DUPLICATED_MEMBER = "M000909"
