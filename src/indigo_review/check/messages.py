"""Every word the accuracy check shows a person, in one place: defect kinds, report headings and sentences.

Defect kinds are stable codes (they go into failing_records.csv, results.json and the history a team
filters on); the English text beside each code is its description. A translation (issue 23) replaces
the texts here, never the codes.
"""

from __future__ import annotations

# code -> what is wrong, in words a data team acts on. A code never changes once released.
DEFECTS: dict[str, str] = {
    # any text
    "missing": "no value",
    "stray_space": "stray space (at the start or end, or two in a row)",
    "full_width": "full-width characters where half-width ones are expected",
    "control_character": "invisible control character",
    "encoding_damage": "garbled characters (the file was decoded with the wrong encoding)",
    "wrong_format": "not in the expected format",
    "not_in_list": "not one of the allowed values",
    "wrong_case": "an allowed value in the wrong letter case",
    "repeated_value": "the same value is used by another record",
    "out_of_range": "outside the allowed range",
    "out_of_order": "before the date it must follow",
    # e-mail
    "email_two_at": "e-mail address with two @",
    "email_no_at": "e-mail address without @",
    "email_part_missing": "e-mail address with nothing before or after @",
    "email_domain_no_dot": "e-mail domain without a dot",
    "email_dot_misplaced": "e-mail address with a dot at the start or end, or two dots in a row",
    "email_bad_character": "character not allowed in an e-mail address",
    "email_bad_domain": "e-mail domain that cannot exist",
    # phone
    "phone_leading_zero_lost": "leading zero lost (the number was stored as a number)",
    "phone_stored_as_number": "phone stored as a number (decimal point or exponent)",
    "phone_too_short": "too few digits for a Japanese number",
    "phone_too_long": "too many digits for a Japanese number",
    "phone_unknown_prefix": "not a Japanese number plan prefix",
    "phone_not_japanese": "a number of another country",
    "phone_not_a_number": "letters or symbols in a phone number",
    # postal code, prefecture, address
    "postal_code_wrong_length": "postal code without seven digits",
    "postal_code_leading_zero_lost": "postal code that lost its leading zero",
    "postal_code_unlisted": "postal code that Japan Post does not list",
    "postal_code_other_prefecture": "postal code of another prefecture",
    "prefecture_suffix_missing": "prefecture without 都/道/府/県",
    "prefecture_wrong_suffix": "prefecture with the wrong suffix (such as 東京県)",
    "prefecture_in_latin": "prefecture written in Latin letters",
    "not_a_prefecture": "not a prefecture",
    "city_of_another_prefecture": "city of another prefecture",
    "city_not_of_postal_code": "city that the postal code does not cover",
    "town_not_of_postal_code": "town that the postal code does not cover",
    "city_unknown": "no municipality Japan Post lists at the start of the address",
    "address_prefecture_differs": "the address starts with another prefecture",
    # names and readings
    "reading_hiragana": "reading in hiragana, not katakana",
    "reading_kanji": "reading with kanji",
    "reading_latin": "reading in Latin letters",
    "reading_wrong_characters": "reading with characters other than katakana",
    "name_has_digits": "digits in a name",
    "name_has_symbols": "symbols in a name",
    # dates and numbers
    "date_not_iso": "date not written as YYYY-MM-DD",
    "date_era": "date written in the Japanese era calendar",
    "date_impossible": "a day that does not exist (such as 2月30日)",
    "date_serial_number": "date stored as a spreadsheet serial number",
    "timestamp_not_iso": "time not written as ISO 8601 (YYYY-MM-DDThh:mm+09:00)",
    "timestamp_no_timezone": "time without its time zone",
    "date_in_future": "after the reference date",
    "implausible_age": "age on the reference date outside 15 to 110 years",
    "implausible_date": "outside the years the society's records can hold",
    "not_whole_number": "not a whole number",
    "number_with_unit": "number written with a unit or words (such as 50人)",
    "number_with_separator": "number written with a thousands separator",
    # between records and tables
    "joined_before_birth": "joined before being born",
    "joined_too_young": "joined younger than 15",
    "likely_duplicate": "likely the same person as another member",
    "unknown_member": "no such member",
    "unknown_event": "no such event",
    "repeated_key": "the same member and event, or the same event, recorded twice",
    "signup_after_event_start": "signed up after the event started",
    "signup_before_joining": "signed up before joining",
    "signup_in_future": "sign-up after the reference date",
    "attendance_for_future_event": "attendance recorded for an event that has not happened by the reference date",
    "attendance_missing": "no attendance recorded for an event held more than a week before the reference date",
    "signups_over_capacity": "more sign-ups than the event allows (capacity plus the overbooking allowance)",
    "attendance_over_capacity": "more members attended than the event has places",
}

TITLE = "indigo-review check: record accuracy"
SECTIONS = {
    "result": "Result",
    "failed": "Failed expectations",
    "by_defect": "Findings by kind of defect",
    "by_rule": "Failing records by rule",
    "failing": "Failing records (first 200; values masked, their shape kept)",
    "duplicates": "Likely duplicate members (record linkage)",
    "coverage": "Coverage: every column and the rules on it",
    "all": "All expectations",
    "trend": "Trend",
}
TEXTS = {
    "result": "{summary}. Reference date (as of): {as_of}. Full GX results: {docs} in this folder.",
    "none": "none",
    "failing": "All of them are in failing_records.csv. A masked value keeps the defect's shape: x stands for "
    "letters, 9 for a digit, ｘ and ９ for full-width ones, あ/ア/漢 for kana and kanji, ␣ for a space.",
    "duplicates": "Pairs scored by record linkage (Splink, Fellegi-Sunter) on name, reading, birth date, e-mail, "
    "phone and address; the fields that agree are listed, never their values. All pairs: duplicates.csv.",
    "coverage": "A column without a rule is listed as such and fails the check's own tests.",
    "trend": "From the run history.",
    "all_passed": "all {total} expectations passed",
    "some_failed": "{passed} of {total} expectations passed; {records} records in {findings} findings need fixing",
}
NO_RULE = "(no rule)"


def describe(code: str) -> str:
    """The description of a defect code (the code itself when it is unknown, so nothing is lost)."""
    return DEFECTS.get(code, code)
