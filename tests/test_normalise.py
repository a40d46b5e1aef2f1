"""Normalisation of Japanese text, and the map from normalised positions back to the original."""

from __future__ import annotations

from hypothesis import example, given
from hypothesis import strategies as st

from indigo_review.normalise import (
    collapse_spaces,
    digits_only,
    normalise,
    normalise_key,
    normalise_with_offsets,
    original_span,
)

LONG_VOWEL_MARKS = {"ー", "ｰ"}

# Text that looks like the exports: ASCII, full-width forms, kana of both widths, kanji, dashes, spaces.
JAPANESE_TEXT = st.text(
    alphabet=st.sampled_from(
        list("0123456789abcXYZ-@.()")
        + list("０１２３４５６７８９ＡＢＣ＠－（）")
        + list("あいうかがアイウカガヤマダーｱｲｳｶﾞﾊﾟｰﾞﾟ")
        + list("山田太郎東京都千代田区丁目番地")
        + list("\u2010\u2012\u2013\u2014\u2015\u2212\uff0d\u30fc\u3000 \t")
    ),
    max_size=40,
)


def test_full_width_digits_and_dashes_become_ascii() -> None:
    assert normalise("０９０－１２３４－５６７８") == "090-1234-5678"


def test_long_vowel_mark_between_digits_is_a_hyphen() -> None:
    assert normalise("090ー1234ー5678") == "090-1234-5678"


def test_long_vowel_mark_inside_katakana_is_kept() -> None:
    assert normalise("コーヒー") == "コーヒー"


def test_half_width_katakana_with_voiced_marks_becomes_full_width() -> None:
    assert normalise("ﾔﾏﾀﾞ ﾀﾛｳ") == "ヤマダ タロウ"


def test_ideographic_space_becomes_ascii_space() -> None:
    assert normalise("山田\u3000太郎") == "山田 太郎"


def test_offsets_point_back_into_the_original() -> None:
    text = "電話：０９０－１２３４－５６７８"
    normalised, offsets = normalise_with_offsets(text)
    start = normalised.index("090")
    begin, end = original_span(offsets, start, start + 13)
    assert text[begin:end] == "０９０－１２３４－５６７８"


def test_span_of_a_composed_character_covers_both_halfwidth_parts() -> None:
    text = "ｶﾞ"
    normalised, offsets = normalise_with_offsets(text)
    assert normalised == "ガ"
    assert original_span(offsets, 0, 1) == (0, 2)


def test_digits_only_folds_full_width() -> None:
    assert digits_only("〒１００－０００１") == "1000001"


def test_collapse_spaces_folds_ideographic_runs() -> None:
    assert collapse_spaces("  山田\u3000\u3000太郎 ") == "山田 太郎"


def test_normalise_key_ignores_width_spaces_and_case() -> None:
    assert normalise_key("ﾔﾏﾀﾞ　ﾀﾛｳ") == normalise_key("ヤマダタロウ")


def test_long_vowel_mark_with_a_voiced_mark_between_digits_is_a_hyphen() -> None:
    assert normalise("0ーﾞ0") == "0-0"


@given(JAPANESE_TEXT)
@example("0ーﾞ0")
def test_normalise_is_idempotent(text: str) -> None:
    once = normalise(text)
    assert normalise(once) == once


@given(JAPANESE_TEXT)
def test_offsets_are_monotonic_and_cover_the_original(text: str) -> None:
    normalised, offsets = normalise_with_offsets(text)
    assert len(offsets) == len(normalised) + 1
    assert offsets == sorted(offsets)
    assert offsets[-1] == len(text)
    assert all(0 <= o <= len(text) for o in offsets)


@given(JAPANESE_TEXT, st.data())
def test_every_normalised_span_maps_to_an_original_span_that_normalises_to_it(text: str, data) -> None:
    normalised, offsets = normalise_with_offsets(text)
    if not normalised:
        return
    start = data.draw(st.integers(0, len(normalised) - 1))
    end = data.draw(st.integers(start + 1, len(normalised)))
    begin, stop = original_span(offsets, start, end)
    assert begin < stop
    # A long-vowel mark (ー or half-width ｰ) reads as a hyphen only between digits: out of context it may not.
    assert normalised[start:end] in normalise(text[begin:stop]) or bool(set(text[begin:stop]) & LONG_VOWEL_MARKS)


@given(JAPANESE_TEXT)
def test_normalised_text_has_no_full_width_digits_or_dash_variants(text: str) -> None:
    out = normalise(text)
    assert not set(out) & set("０１２３４５６７８９－\u2010\u2212\u3000")


def test_half_width_long_vowel_mark_between_digits_maps_back_to_itself() -> None:
    text = "00000000000ｰ0"
    normalised, offsets = normalise_with_offsets(text)
    assert normalised == "00000000000-0"
    assert text[slice(*original_span(offsets, 11, 12))] == "ｰ"
