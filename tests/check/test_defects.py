"""Each kind of defect is named by its diagnosis, and its masked value keeps the defect's shape, not the value."""

from __future__ import annotations

import pandas as pd
import pytest
from hypothesis import given
from hypothesis import strategies as st

from indigo_review.check import diagnose as dx
from indigo_review.check.messages import DEFECTS
from indigo_review.check.rules import is_iso_timestamp, is_japanese_phone, is_name, phone_digits
from indigo_review.check.shapes import shape_of
from indigo_review.reference import is_japanese_phone as scan_says_phone


@pytest.mark.parametrize(
    ("value", "defect"),
    [
        ("yamada@@example.com", "email_two_at"),
        ("yamada.example.com", "email_no_at"),
        ("ｙａｍａｄａ＠ｅｘａｍｐｌｅ.com", "full_width"),
        ("yamada@example.com ", "stray_space"),
        ("yamada@examplecom", "email_domain_no_dot"),
        ("yamada@example,com", "email_bad_character"),
        ("yamada..t@example.com", "email_dot_misplaced"),
        ("@example.com", "email_part_missing"),
        ("yamada@example.com", None),
    ],
)
def test_email_defects(value: str, defect: str | None) -> None:
    assert dx.email_defect(value) == defect


@pytest.mark.parametrize(
    ("value", "defect"),
    [
        ("9041423114", "phone_leading_zero_lost"),
        ("312345678", "phone_leading_zero_lost"),
        ("9.04E+09", "phone_stored_as_number"),
        ("9041423114.0", "phone_stored_as_number"),
        ("090-1234-567", "phone_too_short"),
        ("03-1234-56789", "phone_too_long"),
        ("+1 555 123 4567", "phone_not_japanese"),
        ("電話なし", "phone_not_a_number"),
        (" 090-1234-5678", "stray_space"),
        ("090 1234 5678", None),
        ("+81 (0)90-1234-5678", None),
        ("０９０－１２３４－５６７８", None),
    ],
)
def test_phone_defects(value: str, defect: str | None) -> None:
    assert dx.phone_defect(value) == defect


def test_a_nine_digit_number_is_not_a_japanese_phone_for_the_check_but_the_scan_still_finds_it() -> None:
    assert not is_japanese_phone(pd.Series(["312345678", "9041423114"])).any()
    assert scan_says_phone("312345678") and scan_says_phone("9041423114")


def test_a_phone_that_lost_its_zero_is_matched_by_its_digits_with_the_zero_back() -> None:
    assert phone_digits(pd.Series(["9041423114", "090-4142-3114", "+81 90 4142 3114"])).tolist() == ["09041423114"] * 3


@pytest.mark.parametrize(
    ("value", "defect"),
    [
        ("東京", "prefecture_suffix_missing"),
        ("東京県", "prefecture_wrong_suffix"),
        ("Tokyo", "prefecture_in_latin"),
        ("東京都 ", "stray_space"),
        ("ｶﾅｶﾞﾜ", "not_a_prefecture"),
        ("北海道", None),
    ],
)
def test_prefecture_defects(value: str, defect: str | None) -> None:
    assert dx.prefecture_defect(value) == defect


@pytest.mark.parametrize(
    ("value", "defect"),
    [
        ("100001", "postal_code_leading_zero_lost"),
        ("12345", "postal_code_wrong_length"),
        ("999-9999", "postal_code_unlisted"),
        ("〒１００－０００１", None),
    ],
)
def test_postal_code_defects(value: str, defect: str | None) -> None:
    assert dx.postal_code_defect(value) == defect


@pytest.mark.parametrize(
    ("value", "defect"),
    [
        ("やまだ　たろう", "reading_hiragana"),
        ("ヤマダ太郎", "reading_kanji"),
        ("Yamada", "reading_latin"),
        ("ー", "reading_wrong_characters"),
        ("ﾔﾏﾀﾞ ﾀﾛｳ", None),
    ],
)
def test_reading_defects(value: str, defect: str | None) -> None:
    assert dx.reading_defect(value) == defect


@pytest.mark.parametrize(
    ("value", "defect"),
    [
        ("\u00e5\u00b1\u00b1\u00e7\u0094\u00b0", "encoding_damage"),  # 山田 in UTF-8 read as Latin-1
        ("譚ｱ莠ｬ", "encoding_damage"),  # 東京 in UTF-8 read as CP932
        ("山田\ufffd", "encoding_damage"),
        ("山田\x07太郎", "control_character"),
        ("山田　太郎 ", "stray_space"),
        ("山田3", "name_has_digits"),
        ("山田@", "name_has_symbols"),
        ("O'Brien Mary-Ann", None),
    ],
)
def test_name_defects(value: str, defect: str | None) -> None:
    assert dx.name_defect(value) == defect


@pytest.mark.parametrize(
    ("value", "defect"),
    [
        ("1985-02-30", "date_impossible"),
        ("1985-25-04", "date_impossible"),
        ("1985/04/12", "date_not_iso"),
        ("昭和60年4月12日", "date_era"),
        ("31148", "date_serial_number"),
        ("１９８５-０４-１２", "full_width"),
        ("1985-04-12", None),
    ],
)
def test_date_defects(value: str, defect: str | None) -> None:
    assert dx.date_defect(value) == defect


def test_timestamps_need_iso_8601_with_a_zone() -> None:
    values = ["2024-01-13T14:00:00+09:00", "2024-01-13T14:00:00", "2024/01/13 14:00", "2024-02-30T14:00:00+09:00"]
    assert [dx.timestamp_defect(v) for v in values] == [
        None,
        "timestamp_no_timezone",
        "timestamp_not_iso",
        "date_impossible",
    ]
    assert is_iso_timestamp(pd.Series(values)).tolist() == [True, False, False, False]


@pytest.mark.parametrize(
    ("value", "defect"),
    [
        ("50人", "number_with_unit"),
        ("1,000", "number_with_separator"),
        ("50.5", "not_whole_number"),
        ("５０", "full_width"),
    ],
)
def test_whole_number_defects(value: str, defect: str) -> None:
    assert dx.integer_defect(value) == defect


def test_code_lists_tell_case_space_and_width_from_an_unlisted_value() -> None:
    diagnose = dx.code_defect(["true", "false"])
    assert [diagnose(v) for v in ["TRUE", " true", "ｔｒｕｅ", "yes", "true"]] == [
        "wrong_case",
        "stray_space",
        "full_width",
        "not_in_list",
        None,
    ]


def test_every_code_a_diagnosis_can_give_is_described() -> None:
    import inspect
    import re

    source = inspect.getsource(dx) + inspect.getsource(__import__("indigo_review.reference.phones", fromlist=["x"]))
    source += inspect.getsource(__import__("indigo_review.check.places", fromlist=["x"]))
    codes = set(re.findall(r'return "([a-z_]+)"', source))
    assert codes and codes <= set(DEFECTS)


def test_names_of_any_script_pass_and_garbled_ones_fail() -> None:
    assert is_name(pd.Series(["小川　渚", "José Álvarez", "マリー・アン"])).all()
    assert not is_name(pd.Series(["å°\x8få·\x9d"])).any()


@pytest.mark.parametrize(
    ("value", "column", "shape"),
    [
        ("yamada@@example.com", "email", "x@@x.x"),
        ("ｙａｍａｄａ＠example.com", "email", "ｘ＠x.x"),
        ("ogawa@example.com ", "email", "x@x.x␣"),
        ("東京", "prefecture", "漢"),
        ("東京県", "prefecture", "漢県"),
        ("やまだ　たろう", "name_kana", "あ　あ"),
        ("9.04E+09", "phone", "9.99x+99"),
        ("090-1234-567", "phone", "999-9999-999"),
        ("山田\ufffd", "name_kanji", "漢\ufffd"),
        (None, "email", ""),
    ],
)
def test_a_shape_shows_the_defect(value: str | None, column: str, shape: str) -> None:
    assert shape_of(value, column) == shape


@given(st.text(alphabet=st.characters(codec="utf-8"), min_size=2, max_size=30))
def test_no_letter_kana_or_kanji_of_a_value_survives_its_shape(value: str) -> None:
    kept = set(shape_of(value))
    hidden = {ch for ch in value if ch.isalpha() and ch not in "xｘéあアｱ漢都道府県ー"}
    assert not kept & hidden


@given(
    st.lists(
        st.one_of(
            st.from_regex(r"(0|\+81 ?)[0-9]{1,4}[- ]?[0-9]{1,4}[- ]?[0-9]{3,4}", fullmatch=True),
            st.from_regex(r"[0-9()\-+ .Ee]{6,14}", fullmatch=True),
        ),
        min_size=1,
        max_size=20,
    )
)
def test_the_vectorised_phone_rule_agrees_with_the_one_by_one_diagnosis(values: list[str]) -> None:
    from indigo_review.check.rules import phone_defects

    assert phone_defects(pd.Series(values)).fillna("").tolist() == [dx.phone_defect(v) or "" for v in values]


def test_an_email_domain_must_end_in_a_public_suffix() -> None:
    assert [dx.email_defect(v) for v in ("a@example.nejp", "a@example.comm", "a@mail.example.ne.jp")] == [
        "email_bad_domain",
        "email_bad_domain",
        None,
    ]


@given(st.lists(st.from_regex(r"[a-z.@]{1,6}@?[a-z]{1,5}\.(com|jp|ne\.jp|nejp|comm|)", fullmatch=True), max_size=20))
def test_the_vectorised_email_rule_agrees_with_the_one_by_one_diagnosis(values: list[str]) -> None:
    from indigo_review.check.rules import email_defects

    assert email_defects(pd.Series(values, dtype="str")).fillna("").tolist() == [
        dx.email_defect(v) or "" for v in values
    ]
