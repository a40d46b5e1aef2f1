"""Every word the accuracy check shows a person, in one place: defect kinds, report headings and sentences.

Defect kinds are stable codes (they go into failing_records.csv, results.json and the history a team
filters on); the English text beside each code is its description. A translation (issue 23) replaces
the texts here, never the codes.
"""

from __future__ import annotations

from ..i18n import N_

# code -> what is wrong, in words a data team acts on. A code never changes once released.
DEFECTS: dict[str, str] = {
    # any text
    "missing": N_("no value"),
    "stray_space": N_("stray space (at the start or end, or two in a row)"),
    "full_width": N_("full-width characters where half-width ones are expected"),
    "control_character": N_("invisible control character"),
    "encoding_damage": N_("garbled characters (the file was decoded with the wrong encoding)"),
    "wrong_format": N_("not in the expected format"),
    "not_in_list": N_("not one of the allowed values"),
    "wrong_case": N_("an allowed value in the wrong letter case"),
    "repeated_value": N_("the same value is used by another record"),
    "out_of_range": N_("outside the allowed range"),
    "out_of_order": N_("before the date it must follow"),
    # e-mail
    "email_two_at": N_("e-mail address with two @"),
    "email_no_at": N_("e-mail address without @"),
    "email_part_missing": N_("e-mail address with nothing before or after @"),
    "email_domain_no_dot": N_("e-mail domain without a dot"),
    "email_dot_misplaced": N_("e-mail address with a dot at the start or end, or two dots in a row"),
    "email_bad_character": N_("character not allowed in an e-mail address"),
    "email_bad_domain": N_("e-mail domain that cannot exist"),
    # phone
    "phone_leading_zero_lost": N_("leading zero lost (the number was stored as a number)"),
    "phone_stored_as_number": N_("phone stored as a number (decimal point or exponent)"),
    "phone_too_short": N_("too few digits for a Japanese number"),
    "phone_too_long": N_("too many digits for a Japanese number"),
    "phone_unknown_prefix": N_("not a Japanese number plan prefix"),
    "phone_not_japanese": N_("a number of another country"),
    "phone_not_a_number": N_("letters or symbols in a phone number"),
    # postal code, prefecture, address
    "postal_code_wrong_length": N_("postal code without seven digits"),
    "postal_code_leading_zero_lost": N_("postal code that lost its leading zero"),
    "postal_code_unlisted": N_("postal code that Japan Post does not list"),
    "postal_code_other_prefecture": N_("postal code of another prefecture"),
    "prefecture_suffix_missing": N_("prefecture without 都/道/府/県"),
    "prefecture_wrong_suffix": N_("prefecture with the wrong suffix (such as 東京県)"),
    "prefecture_in_latin": N_("prefecture written in Latin letters"),
    "not_a_prefecture": N_("not a prefecture"),
    "city_of_another_prefecture": N_("city of another prefecture"),
    "city_not_of_postal_code": N_("city that the postal code does not cover"),
    "town_not_of_postal_code": N_("town that the postal code does not cover"),
    "city_unknown": N_("no municipality Japan Post lists at the start of the address"),
    "address_prefecture_differs": N_("the address starts with another prefecture"),
    # names and readings
    "reading_hiragana": N_("reading in hiragana, not katakana"),
    "reading_kanji": N_("reading with kanji"),
    "reading_latin": N_("reading in Latin letters"),
    "reading_wrong_characters": N_("reading with characters other than katakana"),
    "name_has_digits": N_("digits in a name"),
    "name_has_symbols": N_("symbols in a name"),
    # dates and numbers
    "date_not_iso": N_("date not written as YYYY-MM-DD"),
    "date_era": N_("date written in the Japanese era calendar"),
    "date_impossible": N_("a day that does not exist (such as 2月30日)"),
    "date_serial_number": N_("date stored as a spreadsheet serial number"),
    "timestamp_not_iso": N_("time not written as ISO 8601 (YYYY-MM-DDThh:mm+09:00)"),
    "timestamp_no_timezone": N_("time without its time zone"),
    "date_in_future": N_("after the reference date"),
    "implausible_age": N_("age on the reference date outside 15 to 110 years"),
    "implausible_date": N_("outside the years the society's records can hold"),
    "not_whole_number": N_("not a whole number"),
    "number_with_unit": N_("number written with a unit or words (such as 50人)"),
    "number_with_separator": N_("number written with a thousands separator"),
    # between records and tables
    "joined_before_birth": N_("joined before being born"),
    "joined_too_young": N_("joined younger than 15"),
    "likely_duplicate": N_("likely the same person as another member"),
    "unknown_member": N_("no such member"),
    "unknown_event": N_("no such event"),
    "repeated_key": N_("the same member and event, or the same event, recorded twice"),
    "signup_after_event_start": N_("signed up after the event started"),
    "signup_before_joining": N_("signed up before joining"),
    "signup_in_future": N_("sign-up after the reference date"),
    "attendance_for_future_event": N_("attendance recorded for an event that has not happened by the reference date"),
    "attendance_missing": N_("no attendance recorded for an event held more than a week before the reference date"),
    "signups_over_capacity": N_("more sign-ups than the event allows (capacity plus the overbooking allowance)"),
    "attendance_over_capacity": N_("more members attended than the event has places"),
}

TITLE = N_("indigo-review check: record accuracy")
SECTIONS = {
    "failed": N_("Failed expectations"),
    "by_defect": N_("Findings by kind of defect"),
    "by_rule": N_("Failing records by rule"),
    "failing": N_("Failing records (first 200; values masked, their shape kept)"),
    "duplicates": N_("Likely duplicate members (record linkage)"),
    "coverage": N_("Coverage: every column and the rules on it"),
    "all": N_("All expectations"),
    "trend": N_("Trend"),
}
TEXTS = {
    "none": N_("none"),
    "failing": N_(
        "All of them are in failing_records.csv. A masked value keeps the defect's shape: x stands for "
        "letters, 9 for a digit, ｘ and ９ for full-width ones, あ/ア/漢 for kana and kanji, ␣ for a space."
    ),
    "duplicates": N_(
        "Pairs scored by record linkage (Splink, Fellegi-Sunter) on name, reading, birth date, e-mail, "
        "phone and address; the fields that agree are listed, never their values. All pairs: duplicates.csv."
    ),
    "coverage": N_("A column without a rule is listed as such and fails the check's own tests."),
    "trend": N_("From the run history: one point per run and suite."),
    "all_passed": N_("all {total} expectations passed"),
    "some_failed": N_("{passed} of {total} expectations passed; {records} records in {findings} findings need fixing"),
}
# Column names of the report's tables -> their English label (the catalogue translates the label).
COLUMNS = {
    "table": N_("data table"),
    "suite": N_("suite"),
    "rule": N_("rule"),
    "expectation": N_("expectation type"),
    "column": N_("column"),
    "passed": N_("passed"),
    "checked": N_("checked"),
    "unexpected_count": N_("unexpected"),
    "unexpected_percent": N_("unexpected %"),
    "mostly": N_("mostly"),
    "error": N_("error"),
    "defect": N_("defect code"),
    "description": N_("what is wrong"),
    "findings": N_("findings"),
    "records": N_("records"),
    "row": N_("row"),
    "record_id": N_("record id"),
    "masked_value": N_("value (masked)"),
    "detail": N_("detail"),
    "member_id": N_("member id"),
    "duplicate_of": N_("likely the same as"),
    "score": N_("match probability"),
    "agreeing": N_("fields that agree"),
    "rules": N_("rules"),
    "count": N_("count"),
}
NO_RULE = "(no rule)"


def describe(code: str) -> str:
    """The description of a defect code (the code itself when it is unknown, so nothing is lost)."""
    return DEFECTS.get(code, code)
