"""find_entities: the scan's recognizers and NER on one free-text value, positions in the original text."""

from __future__ import annotations

from indigo_review.scan import find_entities, find_entities_in


def _found(text: str) -> list[tuple[str, str]]:
    return [(span.entity, text[span.start : span.end]) for span in find_entities(text)]


def test_a_full_width_phone_is_found_at_its_original_position(ginza) -> None:
    assert _found("連絡先は０９０－１２３４－５６７８です") == [("PHONE_NUMBER", "０９０－１２３４－５６７８")]


def test_a_surname_with_an_honorific_is_a_person(ginza) -> None:
    assert _found("田中さんと参加します") == [("PERSON", "田中")]


def test_an_email_glued_to_japanese_text_is_found(ginza) -> None:
    assert _found("資料はtaro.yamada@example.jpへ送ってください") == [("EMAIL_ADDRESS", "taro.yamada@example.jp")]


def test_a_text_without_personal_data_has_no_spans(ginza) -> None:
    assert find_entities_in(["最寄り駅からの行き方を教えてください", ""]) == [[], []]
