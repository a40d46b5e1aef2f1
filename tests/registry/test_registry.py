"""The member registry: the society's own members as keyed hashes of their normalised values."""

from __future__ import annotations

import pickle

import pandas as pd
import pytest
from hypothesis import given
from hypothesis import strategies as st

from indigo_review.keys import PseudonymKey
from indigo_review.registry import build_registry, confirmed, id_form, phone_form

MEMBERS = pd.DataFrame(
    {
        "member_id": ["M000001", "M000002", "M000003"],
        "name_kanji": ["小川　渚", "石川　茂", "小川　渚"],
        "name_kana": ["オガワ　ナギサ", "イシカワ　シゲル", "オガワ　ナギサ"],
        "email": ["ogawa.nagisa@example.com", "shigeru@example.jp", "nagisa2@example.jp"],
        "phone": ["06-4734-8971", "(018)430-4887", "+44 20 7946 0958"],
        "postal_code": ["534-0014", "0100917", "SW1A 1AA"],
        "prefecture": ["大阪府", "秋田県", ""],
        "address": ["大阪市都島区都島北通3-10-6", "秋田市泉中央3-6-6", "10 Downing Street, London"],
        "birth_date": ["1996-01-12", "1979-05-14", "1980-02-02"],
    }
)
KEY = PseudonymKey(b"registry-test-key-" + b"k" * 30, "test")


@pytest.fixture(scope="module")
def registry():
    return build_registry(MEMBERS)


def _members(registry, text: str) -> set[int]:
    return confirmed(registry.find(text))


@pytest.mark.parametrize("written", ["M000001", "m000001", "Ｍ００００００１", " M1 ", "M-000001", "ｍ１"])
def test_a_member_id_is_found_in_any_case_width_spacing_or_padding(registry, written: str) -> None:
    assert _members(registry, written) == {0}


@given(st.integers(min_value=0, max_value=4), st.booleans(), st.booleans())
def test_id_forms_ignore_padding_case_and_width(padding: int, lower: bool, wide: bool) -> None:
    text = ("m" if lower else "M") + "0" * padding + "123"
    if wide:
        text = "".join(chr(ord(c) + 0xFEE0) for c in text)
    assert id_form(text) == "M123"


@pytest.mark.parametrize("written", ["06-4734-8971", "０６－４７３４－８９７１", "+81 6 4734 8971", "647348971"])
def test_a_phone_is_found_in_any_writing_and_after_a_spreadsheet_lost_its_zero(registry, written: str) -> None:
    assert _members(registry, written) == {0}


def test_a_foreign_phone_is_found_by_its_international_digits(registry) -> None:
    assert phone_form("+44 (20) 7946-0958") == phone_form("+44 20 7946 0958")
    assert _members(registry, "+44 20 7946 0958") == {2}


def test_an_e_mail_is_found_whatever_its_case_inside_text(registry) -> None:
    assert _members(registry, "連絡先 OGAWA.Nagisa@Example.com まで") == {0}


def test_a_name_alone_identifies_nobody(registry) -> None:
    for text in ("小川　渚", "オガワナギサ", "Nagisa Ogawa", "石川茂"):
        assert registry.find(text) and _members(registry, text) == set(), text


def test_a_shared_name_with_a_birth_date_identifies_the_one_member_born_that_day(registry) -> None:
    text = "小川渚さん（1996年1月12日生）"
    assert _members(registry, text) == set()  # without the name's span the text is not split into a name
    hits = registry.find(text, [(0, 3)])
    assert confirmed(hits) == {0}


def test_a_name_in_romaji_in_either_order_is_the_members_name(registry) -> None:
    for text in ("Nagisa Ogawa", "OGAWA Nagisa", "ogawa nagisa"):
        assert {h.kind for h in registry.find(text)} == {"name"}, text


def test_a_postal_code_and_an_address_together_identify_a_member(registry) -> None:
    postal, address = registry.find("534-0014"), registry.find("大阪府大阪市都島区都島北通3-10-6")
    assert confirmed([*postal, *address]) == {0}


def test_the_internal_pseudonym_is_a_member_only_with_the_key() -> None:
    import hashlib
    import hmac

    pseudonym = hmac.new(KEY.secret, b"M000002", hashlib.sha256).hexdigest()[:16]
    assert _members(build_registry(MEMBERS, KEY), pseudonym) == {1}
    assert _members(build_registry(MEMBERS), pseudonym) == set()


def test_the_index_holds_no_value_in_clear(registry) -> None:
    pickled = pickle.dumps(registry.without_ids())
    for column in ("member_id", "name_kanji", "email", "phone", "address"):
        for value in MEMBERS[column]:
            assert value.encode() not in pickled and value.encode("utf-16-le") not in pickled


def test_two_registries_hash_with_different_keys() -> None:
    first, second = build_registry(MEMBERS), build_registry(MEMBERS)
    assert set(first._hashes.tolist()).isdisjoint(second._hashes.tolist())


def test_a_weak_value_beside_a_strong_value_of_the_same_member_elsewhere_in_the_row_is_theirs(registry) -> None:
    name = registry.find("小川　渚")
    assert confirmed(name) == set() and confirmed(name, strong_elsewhere=[2]) == {2}
