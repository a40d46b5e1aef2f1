"""Each recognizer: what it finds, what it must not find (look-alikes), full-width forms, context rules."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from stdnum import luhn as stdnum_luhn
from stdnum.jp import in_ as stdnum_my_number

from indigo_review.normalise import normalise
from indigo_review.reference import era_to_date, luhn_valid
from indigo_review.scan.recognizers import Context, pattern_recognizers
from indigo_review.scan.recognizers.addresses import LocationRecognizer, PostalCodeRecognizer
from indigo_review.scan.recognizers.cards import CreditCardRecognizer
from indigo_review.scan.recognizers.contact import JaEmailRecognizer, JaIpRecognizer, JaPhoneRecognizer
from indigo_review.scan.recognizers.dates import DateOfBirthRecognizer, parse_date
from indigo_review.scan.recognizers.ids import (
    DriversLicenseRecognizer,
    MyNumberRecognizer,
    PassportRecognizer,
    PensionNumberRecognizer,
    ResidenceCardRecognizer,
)


def found(recognizer, text: str, context: Context | None = None) -> list[str]:
    normalised = normalise(text)
    return [normalised[s.start : s.end] for s in recognizer.find(normalised, context or Context())]


def with_my_number(first_eleven: str) -> str:
    # python-stdnum is the independent oracle: a wrong weight table in our code cannot also be in theirs.
    return first_eleven + stdnum_my_number.calc_check_digit(first_eleven)


# --- e-mail -------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("連絡先メール taro.yamada@example.jp", "taro.yamada@example.jp"),
        ("メールはtaro@example.co.jpまで", "taro@example.co.jp"),
        ("メールはhanako＠example.jpまで", "hanako@example.jp"),
        ("ｔａｒｏ＠ｅｘａｍｐｌｅ．ｊｐ", "taro@example.jp"),
    ],
)
def test_email_is_found_after_japanese_text_and_in_full_width(text: str, expected: str) -> None:
    assert found(JaEmailRecognizer(), text) == [expected]


@pytest.mark.parametrize(
    "text", ["公式アカウント @indigo_society", "#indigo交流会", "taro@localhost", "a@b.notarealtld"]
)
def test_handles_hashtags_and_unknown_domains_are_not_email(text: str) -> None:
    assert found(JaEmailRecognizer(), text) == []


# --- phone --------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "090-1234-5678",
        "09012345678",
        "０９０－１２３４－５６７８",
        "+81-90-1234-5678",
        "03-1234-5678",
        "(0776)21-2345",
        "050-1234-5678",
        "0120-123-456",
        "日中の連絡先 080 1234 5678",
        "当日の連絡先は070-2290-7248です",
    ],
)
def test_japanese_phone_numbers_in_every_plan_are_found(text: str) -> None:
    assert len(found(JaPhoneRecognizer(), text)) == 1


@pytest.mark.parametrize(
    "text",
    [
        "090-1234-567",
        "0901234567",
        "2025-08-22",
        "注文番号290536930940",
        "1234-5678",
        "00-1234-5678",
        "2025-08-22 12:30",
        "192.168.10.200",
    ],
)
def test_wrong_length_dates_order_numbers_and_ip_addresses_are_not_phones(text: str) -> None:
    assert found(JaPhoneRecognizer(), text) == []


@pytest.mark.parametrize("text", ["Cost ground when which month call. 77.8.69.198", "電話で確認。 48.117.43.20"])
def test_an_ip_address_beside_a_phone_word_is_an_ip_address_not_a_phone(text: str) -> None:
    assert found(JaPhoneRecognizer(), text) == []
    assert found(JaIpRecognizer(), text) == [text.split()[-1]]


def test_dotted_phone_numbers_that_are_no_ip_address_stay_phones() -> None:
    assert found(JaPhoneRecognizer(), "call me 212.555.0123") == ["212.555.0123"]
    assert found(JaPhoneRecognizer(), "tel 03.123.45.67") == ["03.123.45.67"]


# --- IP -----------------------------------------------------------------------------------------


@pytest.mark.parametrize("text", ["申込元IP 203.0.113.7", "接続元 192.0.2.10", "2001:db8::1", "198.51.100.25"])
def test_ip_addresses_are_found(text: str) -> None:
    assert len(found(JaIpRecognizer(), text)) == 1


@pytest.mark.parametrize(
    "text", ["アプリ1.2.10.4から申込", "1.4.20.11", "3.6.20", "999.1.1.1", "12:30:00", "v2.10.3.1"]
)
def test_version_strings_times_and_invalid_octets_are_not_ip(text: str) -> None:
    assert found(JaIpRecognizer(), text) == []


def test_an_app_version_column_holds_no_ip_addresses() -> None:
    assert found(JaIpRecognizer(), "10.2.3.4", Context(excluded=frozenset({"IP_ADDRESS"}))) == []


# --- My Number ----------------------------------------------------------------------------------


@pytest.mark.parametrize("form", ["{0}", "{0:.4} {1} {2}", "{0:.4}-{1}-{2}"])
def test_valid_my_number_with_context_is_found_in_any_grouping(form: str) -> None:
    number = with_my_number("12345678901")
    text = "マイナンバー " + form.format(number, number[4:8], number[8:])
    assert len(found(MyNumberRecognizer(), text)) == 1


def test_full_width_my_number_with_context_is_found() -> None:
    number = with_my_number("29053693094").translate(str.maketrans("0123456789", "０１２３４５６７８９"))
    assert len(found(MyNumberRecognizer(), f"個人番号：{number}")) == 1


def test_valid_my_number_without_context_is_not_found() -> None:
    assert found(MyNumberRecognizer(), f"注文番号{with_my_number('12345678901')}の入金確認済み") == []


def test_my_number_column_header_is_context() -> None:
    number = with_my_number("98765432101")
    assert found(MyNumberRecognizer(), number, Context(frozenset({"JP_MY_NUMBER"}))) == [number]


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet="0123456789", min_size=11, max_size=11))
def test_any_valid_my_number_in_context_is_found(first_eleven: str) -> None:
    number = with_my_number(first_eleven)
    assert found(MyNumberRecognizer(), f"個人番号 {number}") == [number]


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet="0123456789", min_size=11, max_size=11), st.integers(1, 9))
def test_any_twelve_digits_with_a_wrong_check_digit_are_not_a_my_number(first_eleven: str, shift: int) -> None:
    wrong = (int(stdnum_my_number.calc_check_digit(first_eleven)) + shift) % 10
    assert found(MyNumberRecognizer(), f"個人番号 {first_eleven}{wrong}") == []


# --- other IDs ----------------------------------------------------------------------------------


def test_drivers_licence_needs_licence_context_and_wins_over_my_number() -> None:
    number = with_my_number("30123456789")
    assert found(DriversLicenseRecognizer(), f"運転免許証 第{number}号") == [number]
    assert found(DriversLicenseRecognizer(), f"注文 {number}") == []
    assert found(MyNumberRecognizer(), f"運転免許証 {number}") == []


@pytest.mark.parametrize(
    ("text", "hits"), [("旅券番号 TK1234567 確認済み", 1), ("MU7654321", 1), ("品番 AB1234567", 0), ("ZZ1234567", 0)]
)
def test_passport_needs_a_japanese_series_or_passport_context(text: str, hits: int) -> None:
    assert len(found(PassportRecognizer(), text)) == hits


def test_passport_context_accepts_any_series() -> None:
    assert found(PassportRecognizer(), "パスポート XY1234567") == ["XY1234567"]


@pytest.mark.parametrize(("text", "hits"), [("在留カード AB12345678CD", 1), ("AB12345678CD", 1), ("AB1234567CD", 0)])
def test_residence_card_shape(text: str, hits: int) -> None:
    assert len(found(ResidenceCardRecognizer(), text)) == hits


@pytest.mark.parametrize(
    ("text", "hits"), [("基礎年金番号 1234-567890", 1), ("年金 1234567890", 1), ("1234-567890", 0)]
)
def test_pension_number_needs_pension_context(text: str, hits: int) -> None:
    assert len(found(PensionNumberRecognizer(), text)) == hits


# --- cards --------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text", ["テスト決済 4111 1111 1111 1111 で確認", "5555-5555-5555-4444", "３５３０１１１３３３３０００００"]
)
def test_luhn_valid_cards_are_found(text: str) -> None:
    assert len(found(CreditCardRecognizer(), text)) == 1


@pytest.mark.parametrize(
    "text", ["****-****-****-2798", "****1234", "4111 1111 1111 1112", "1234567890123452", "注文番号 4111111111111111"]
)
def test_masked_cards_luhn_failures_unknown_brands_and_order_numbers_are_not_cards(text: str) -> None:
    assert found(CreditCardRecognizer(), text) == []


def test_luhn() -> None:
    assert luhn_valid("4111111111111111") and not luhn_valid("4111111111111112")


# --- postal codes and addresses ------------------------------------------------------------------


@pytest.mark.parametrize("text", ["〒790-0852", "790-0852", "〒１００－０００１", "〒 336-0022"])
def test_postal_codes_with_mark_or_hyphen_that_exist_are_found(text: str) -> None:
    assert len(found(PostalCodeRecognizer(), text)) == 1


def test_plain_seven_digits_are_a_postal_code_only_with_context() -> None:
    assert found(PostalCodeRecognizer(), "3360022") == []
    assert found(PostalCodeRecognizer(), "3360022", Context(frozenset({"JP_POSTAL_CODE"}))) == ["3360022"]
    assert found(PostalCodeRecognizer(), "郵便番号 3360022") == ["3360022"]


def test_hyphenated_code_that_japan_post_does_not_list_needs_context() -> None:
    assert found(PostalCodeRecognizer(), "999-9999") == []
    assert found(PostalCodeRecognizer(), "〒999-9999") == ["〒999-9999"]


def test_product_codes_and_phone_fragments_are_not_postal_codes() -> None:
    assert found(PostalCodeRecognizer(), "商品コード 100-0001") == []
    assert found(PostalCodeRecognizer(), "03-1234-5678") == []


@pytest.mark.parametrize(
    "text",
    [
        "送付先変更：愛媛県松山市石手4-27-11 パークサイド 304",
        "宮城県仙台市宮城野区岩切分台4丁目27-20",
        "千代田区千代田1-1",
        "埼玉県さいたま市南区白幡３丁目２４－３",
    ],
)
def test_addresses_at_municipality_level_or_finer_are_locations(text: str) -> None:
    assert len(found(LocationRecognizer(), text)) == 1


@pytest.mark.parametrize(
    "text", ["愛知県名古屋市南区内田橋3丁目26-6", "山口県山口市駅通り1丁目2-3", "鳥取市立川町3丁目1-2"]
)
def test_a_town_that_starts_like_a_venue_word_is_still_an_address(text: str) -> None:
    assert found(LocationRecognizer(), text) == [text]


@pytest.mark.parametrize("text", ["名古屋市内で開催", "鳥取市立図書館 2階", "山口市駅前で集合"])
def test_a_municipality_before_a_venue_word_that_is_no_town_is_not_an_address(text: str) -> None:
    assert found(LocationRecognizer(), text) == []


@pytest.mark.parametrize(
    "text", ["東京都", "関東", "夏の交流会（東京）", "松山市民会館で開催", "城下町の史跡めぐり見学会", "中央区で開催"]
)
def test_prefectures_regions_venues_and_event_places_are_not_locations(text: str) -> None:
    assert found(LocationRecognizer(), text) == []


# --- dates of birth ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "day"),
    [
        ("昭和34年4月23日", (1959, 4, 23)),
        ("平成元年1月8日", (1989, 1, 8)),
        ("令和2年5月1日", (2020, 5, 1)),
        ("大正14年12月1日", (1925, 12, 1)),
        ("H1.5.1", (1989, 5, 1)),
        ("1993-10-17", (1993, 10, 17)),
    ],
)
def test_era_and_western_dates_become_real_dates(text: str, day: tuple[int, int, int]) -> None:
    assert parse_date(text) is not None and parse_date(text).timetuple()[:3] == day


def test_era_dates_outside_their_era_do_not_exist() -> None:
    assert era_to_date("昭和", 65, 1, 1) is None and era_to_date("平成", 1, 1, 7) is None


@pytest.mark.parametrize(
    "text", ["生年月日 1968/12/07", "昭和60年4月12日生まれ", "DOB: 1980-01-02", "誕生日は１９９０年１月２日"]
)
def test_dates_with_birth_words_are_dates_of_birth(text: str) -> None:
    assert len(found(DateOfBirthRecognizer(), text)) == 1


@pytest.mark.parametrize("text", ["2025/08/10", "イベント日 2025-08-22", "入会日 平成20年4月1日", "1993-02-30 生まれ"])
def test_event_and_join_dates_and_impossible_dates_are_not_dates_of_birth(text: str) -> None:
    assert found(DateOfBirthRecognizer(), text) == []


def test_a_birth_date_column_is_context() -> None:
    assert found(DateOfBirthRecognizer(), "昭和34年4月23日", Context(frozenset({"DATE_OF_BIRTH"}))) == [
        "昭和34年4月23日"
    ]


# --- presidio integration -----------------------------------------------------------------------


def test_recognizers_plug_into_presidio_for_japanese_with_original_positions(ginza) -> None:
    from presidio_analyzer import AnalyzerEngine
    from presidio_analyzer.nlp_engine import SpacyNlpEngine

    from indigo_review.scan.ner import registry

    nlp_engine = SpacyNlpEngine(models=[{"lang_code": "ja", "model_name": "ja_ginza"}])
    nlp_engine.nlp = {"ja": ginza}  # the session's GiNZA, not a second copy
    engine = AnalyzerEngine(registry=registry(), supported_languages=["ja"], nlp_engine=nlp_engine)
    text = "電話は０９０－１２３４－５６７８、メールは taro@example.jp"
    results = engine.analyze(text, language="ja", entities=["PHONE_NUMBER", "EMAIL_ADDRESS"])
    spans = sorted((r.entity_type, text[r.start : r.end]) for r in results)
    assert spans == [("EMAIL_ADDRESS", "taro@example.jp"), ("PHONE_NUMBER", "０９０－１２３４－５６７８")]
    assert all(r.supported_language == "ja" for r in pattern_recognizers())


_FULL_WIDTH = str.maketrans("0123456789-", "０１２３４５６７８９－")


@settings(max_examples=150, deadline=None)
@given(
    st.sampled_from(["070", "080", "090", "050"]),
    st.text(alphabet="0123456789", min_size=8, max_size=8),
    st.sampled_from(["{a}-{b}-{c}", "{a}{b}{c}", "{a} {b} {c}", "+81-{a1}-{b}-{c}", "FULL"]),
)
def test_any_mobile_number_in_any_common_writing_is_found(prefix: str, rest: str, form: str) -> None:
    a, b, c = prefix, rest[:4], rest[4:]
    text = f"{a}-{b}-{c}".translate(_FULL_WIDTH) if form == "FULL" else form.format(a=a, a1=a[1:], b=b, c=c)
    assert len(found(JaPhoneRecognizer(), f"連絡先{text}です")) == 1


@settings(max_examples=150, deadline=None)
@given(st.text(alphabet="0123456789", min_size=15, max_size=15), st.integers(1, 9))
def test_sixteen_digits_failing_luhn_are_never_a_card(first: str, shift: int) -> None:
    number = "4" + first
    if stdnum_luhn.is_valid(number):
        number = number[:-1] + str((int(number[-1]) + shift) % 10)
    assert found(CreditCardRecognizer(), f"カード {number}") == []
