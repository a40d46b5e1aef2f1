"""Staff notes: names quoted before 名義 or 様, e-mail with the @ spelt out, phones in full-width digits."""

from __future__ import annotations

import pytest

from indigo_review.normalise import normalise
from indigo_review.scan.recognizers import Context, pattern_recognizers


def found(text: str) -> set[tuple[str, str]]:
    normalised = normalise(text)
    return {
        (s.entity, normalised[s.start : s.end])
        for recognizer in pattern_recognizers()
        for s in recognizer.find(normalised, Context())
    }


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("「山田太郎」名義で会費の振込がありました", "山田太郎"),
        ("「鈴木」様より電話、折り返し希望", "鈴木"),
        ("「吉田 直人」名義", "吉田 直人"),
        ("「タナカ ハナコ」様宛に発送", "タナカ ハナコ"),
    ],
)
def test_a_name_quoted_before_meigi_or_sama_is_a_person(text: str, name: str) -> None:
    assert ("PERSON", name) in found(text)


@pytest.mark.parametrize(
    "text", ["「株式会社山田電気」名義の請求書を送付", "「秋の陶芸教室」の申込受付", "「ご担当者」様", "「皆」様へ"]
)
def test_a_quoted_company_title_or_role_is_not_a_person(text: str) -> None:
    assert not any(entity == "PERSON" for entity, _ in found(text))


@pytest.mark.parametrize(
    "text",
    [
        "連絡はメール taro (at) example.jp へ",
        "taro [at] example [dot] jp",
        "taro＠example．jp",
        "mfrost（アット）example.co.jp へ",
        "ｔａｒｏ［ａｔ］ｅｘａｍｐｌｅ．ｊｐ",
    ],
)
def test_an_email_address_with_the_at_spelt_out_is_found(text: str) -> None:
    assert any(entity == "EMAIL_ADDRESS" for entity, _ in found(text))


@pytest.mark.parametrize("text", ["meet (at) noon.", "a (at) b [dot] notatld", "開始は10時 (at) 会場"])
def test_at_in_brackets_without_a_real_domain_is_not_an_email(text: str) -> None:
    assert not any(entity == "EMAIL_ADDRESS" for entity, _ in found(text))


@pytest.mark.parametrize("text", ["携帯 ０９０ １２３４ ５６７８ に折り返し", "携帯０９０　１２３４　５６７８まで"])
def test_a_phone_in_full_width_digits_with_spaces_is_found(text: str) -> None:
    assert any(entity == "PHONE_NUMBER" for entity, _ in found(text))
