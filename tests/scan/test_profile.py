"""Column profiles: headers and values decide what a column holds (headers lie, or say col3)."""

from __future__ import annotations

from stdnum.jp import in_ as stdnum_my_number

from indigo_review.scan.profiles import profile_column


def test_header_words_in_japanese_and_english_name_the_entity() -> None:
    assert "PERSON" in profile_column("氏名", []).entities
    assert "DATE_OF_BIRTH" in profile_column("birth_date", []).entities
    assert "JP_MY_NUMBER" in profile_column("my_number", []).entities
    assert "JP_POSTAL_CODE" in profile_column("郵便番号", []).entities


def test_look_alike_headers_rule_the_entity_out() -> None:
    assert "IP_ADDRESS" in profile_column("アプリ版", []).excluded
    assert "PERSON" in profile_column("event_name", []).excluded
    assert "LOCATION" not in profile_column("email_address", []).entities
    assert "LOCATION" in profile_column("venue_address", []).excluded


def test_a_headerless_column_of_valid_my_numbers_is_a_my_number_column() -> None:
    values = [f"{n:011d}" for n in range(10_000_000_000, 10_000_000_020)]
    numbers = [v + stdnum_my_number.calc_check_digit(v) for v in values]
    assert "JP_MY_NUMBER" in profile_column("col9", numbers).entities


def test_a_column_of_random_twelve_digit_order_numbers_is_not() -> None:
    values = [f"{n:012d}" for n in range(290536930940, 290536930960)]
    assert "JP_MY_NUMBER" not in profile_column("col9", values).entities


def test_a_headerless_column_of_existing_postal_codes_is_a_postal_column() -> None:
    assert "JP_POSTAL_CODE" in profile_column("c", ["1000001", "7900852", "3360022", "9830828", "9893127"]).entities
    assert "JP_POSTAL_CODE" not in profile_column("c", ["9999999", "9999998", "9999997", "9999996", "9999995"]).entities


def test_katakana_readings_make_a_name_column_but_katakana_words_do_not() -> None:
    assert "PERSON" in profile_column("col2", ["タカハシ タロウ", "タナカ ヒロシ", "マツモト アケミ"]).entities
    assert "PERSON" not in profile_column("col2", ["ワークショップ", "セミナー", "ウォーキング"]).entities


def test_a_headerless_column_of_old_dates_is_birth_dates_but_event_dates_are_not() -> None:
    births = [f"19{y}-0{m}-1{m}" for y in range(50, 60) for m in (1, 2)]
    assert "DATE_OF_BIRTH" in profile_column("col7", births).entities
    assert "DATE_OF_BIRTH" not in profile_column("joined_on", births).entities
    events = [f"2025-0{m}-1{d}" for m in range(1, 10) for d in (1, 2)]
    assert "DATE_OF_BIRTH" not in profile_column("col7", events).entities


def test_hex_pseudonyms_rule_out_number_entities_even_when_one_is_all_digits() -> None:
    profile = profile_column("member_pseudonym", ["a1b2c3d4e5f60718", "4111111111111111", "0f0e0d0c0b0a0908"])
    assert profile.hex_ids and {"CREDIT_CARD", "PHONE_NUMBER", "JP_MY_NUMBER"} <= profile.excluded
