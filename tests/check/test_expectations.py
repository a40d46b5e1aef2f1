"""The custom GX expectations: each passes a clean frame and flags exactly the wrong rows of a dirty one."""

from __future__ import annotations

import pandas as pd

from indigo_review.check.rules import (
    is_japanese_phone,
    is_katakana_reading,
    postal_code_matches_prefecture,
    postal_prefectures,
)

from .support import validate_one


def test_phone_accepts_landline_mobile_full_width_and_international_forms() -> None:
    phones = pd.Series(
        ["03-1234-5678", "０９０－１２３４－５６７８", "+81 70 1234 5678", "(0568)12-3456", "0120-123-456"]
    )
    assert is_japanese_phone(phones).all()


def test_phone_rejects_wrong_digit_counts_foreign_numbers_and_text() -> None:
    phones = pd.Series(["070-4806-239", "03-1234-56789", "+1 555 123 4567", "電話なし", "00-1234-5678"])
    assert not is_japanese_phone(phones).any()


def test_phone_accepts_the_060_mobile_range_and_plus81_with_the_trunk_zero_in_brackets() -> None:
    assert is_japanese_phone(pd.Series(["060-1234-5678", "+81 (0)90-1234-5678", "0081-3-1234-5678"])).all()


def test_the_check_and_the_scan_agree_on_which_cells_are_japanese_phones() -> None:
    from indigo_review.scan.recognizers import Context
    from indigo_review.scan.recognizers.contact import JaPhoneRecognizer

    values = ["060-1234-5678", "+81 (0)90-1234-5678", "03-1234-5678", "070-4806-239", "03-1234-56789", "00-1234-5678"]
    recognizer = JaPhoneRecognizer()
    scan_says = [[(s.start, s.end) for s in recognizer.find(v, Context())] == [(0, len(v))] for v in values]
    assert is_japanese_phone(pd.Series(values)).tolist() == scan_says == [True, True, True, False, False, False]


def test_phone_expectation_flags_only_the_short_mobile_number() -> None:
    frame = pd.DataFrame({"phone": ["06-4734-8971", "070-4806-239", "08061374344", None]})
    success, rows = validate_one(frame, "expect_column_values_to_be_japanese_phone_number", column="phone")
    assert (success, rows) == (False, [1])


def test_phone_expectation_passes_a_clean_column() -> None:
    frame = pd.DataFrame({"phone": ["06-4734-8971", "+81-90-2179-2713", "052 207 9663"]})
    assert validate_one(frame, "expect_column_values_to_be_japanese_phone_number", column="phone") == (True, [])


def test_katakana_reading_accepts_full_and_half_width_katakana_with_spaces() -> None:
    readings = pd.Series(["ヤマダ　タロウ", "ﾔﾏﾀﾞ ﾀﾛｳ", "コーヒー", "マリー・アン"])
    assert is_katakana_reading(readings).all()


def test_katakana_reading_rejects_hiragana_kanji_latin_and_marks_alone() -> None:
    readings = pd.Series(["やまだ　たろう", "ヤマダ太郎", "Yamada", "ー"])
    assert not is_katakana_reading(readings).any()


def test_katakana_expectation_flags_the_hiragana_reading() -> None:
    frame = pd.DataFrame({"name_kana": ["オガワ　ナギサ", "わだ　アヤカ", "イノウエ　ケイコ"]})
    success, rows = validate_one(frame, "expect_column_values_to_be_katakana_reading", column="name_kana")
    assert (success, rows) == (False, [1])


def test_katakana_expectation_honours_mostly() -> None:
    frame = pd.DataFrame({"name_kana": ["オガワ", "わだ", "イノウエ", "タナカ"]})
    success, rows = validate_one(frame, "expect_column_values_to_be_katakana_reading", column="name_kana", mostly=0.7)
    assert (success, rows) == (True, [1])


def test_postal_code_lookup_reads_every_written_form() -> None:
    codes = pd.Series(["〒100-0001", "1000001", "１００－０００１", "100-00011", "9999999"])
    assert postal_prefectures(codes).tolist()[:3] == ["東京都"] * 3
    assert postal_prefectures(codes).isna().tolist() == [False, False, False, True, True]


def test_postal_code_expectation_flags_malformed_and_unknown_codes() -> None:
    frame = pd.DataFrame({"postal_code": ["534-0014", "0100917", "999-9999", "12345"]})
    success, rows = validate_one(frame, "expect_column_values_to_be_japanese_postal_code", column="postal_code")
    assert (success, rows) == (False, [2, 3])


def test_postal_code_expectation_passes_real_codes() -> None:
    frame = pd.DataFrame({"postal_code": ["534-0014", "0100917", "〒130-0002"]})
    assert validate_one(frame, "expect_column_values_to_be_japanese_postal_code", column="postal_code") == (True, [])


def test_postal_prefecture_match_leaves_unknown_codes_and_invalid_prefectures_to_other_rules() -> None:
    codes = pd.Series(["534-0014", "534-0014", "999-9999", "534-0014"])
    prefectures = pd.Series(["大阪府", "東京都", "大阪府", "大阪県"])
    assert postal_code_matches_prefecture(codes, prefectures).tolist() == [True, False, True, True]


def test_postal_prefecture_expectation_flags_a_code_from_another_prefecture() -> None:
    frame = pd.DataFrame(
        {"postal_code": ["534-0014", "0100917", "130-0002"], "prefecture": ["大阪府", "秋田県", "北海道"]}
    )
    success, rows = validate_one(
        frame,
        "expect_column_pair_values_postal_code_to_match_prefecture",
        column_A="postal_code",
        column_B="prefecture",
    )
    assert (success, rows) == (False, [2])


def test_postal_prefecture_expectation_passes_matching_pairs() -> None:
    frame = pd.DataFrame({"postal_code": ["534-0014", "0100917"], "prefecture": ["大阪府", "秋田県"]})
    success, _ = validate_one(
        frame,
        "expect_column_pair_values_postal_code_to_match_prefecture",
        column_A="postal_code",
        column_B="prefecture",
    )
    assert success
