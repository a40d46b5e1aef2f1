"""Korean and Chinese names by the kept surname data, in either order, with or without a space."""

from __future__ import annotations

import pytest

from indigo_review.reference import is_chinese_name, is_chinese_surname, is_korean_name, is_korean_surname


@pytest.mark.parametrize("text", ["김민준", "이 서연", "민준 김", "남궁민수", "박하영"])
def test_korean_names_are_a_surname_and_a_given_name(text: str) -> None:
    assert is_korean_name(text)


@pytest.mark.parametrize("text", ["안녕하세요", "대한민국", "학교로", "김"])
def test_korean_words_are_not_names(text: str) -> None:
    assert not is_korean_name(text)


@pytest.mark.parametrize("text", ["王伟", "陳家豪", "刘红梅", "欧阳娜娜", "玉朵 宇文", "陆 廷轩"])
def test_chinese_names_in_simplified_and_traditional_characters(text: str) -> None:
    assert is_chinese_name(text)


@pytest.mark.parametrize("text", ["王", "株式会社", "東京都港区", "がっこう"])
def test_text_that_is_no_surname_and_given_name_is_not_a_chinese_name(text: str) -> None:
    assert not is_chinese_name(text)


def test_surnames_are_kept_in_both_scripts_and_compound() -> None:
    assert is_chinese_surname("陈") and is_chinese_surname("陳") and is_chinese_surname("司马")
    assert is_korean_surname("남궁") and not is_korean_surname("서울")
