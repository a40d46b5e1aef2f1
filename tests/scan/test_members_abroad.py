"""Members in Korea, China and Taiwan: names in Hangul and Chinese characters, and their addresses."""

from __future__ import annotations

from pathlib import Path

import pytest

from indigo_review.normalise import normalise
from indigo_review.scan import scan_path
from indigo_review.scan.profiles import profile_column
from indigo_review.scan.recognizers import Context
from indigo_review.scan.recognizers.cjk_addresses import CjkAddressRecognizer
from indigo_review.scan.recognizers.cjk_names import CjkNameRecognizer

from .test_scan import cells
from .test_values_over_headers import write

KOREAN = ["김민준", "이 서연", "박하영", "최지우", "정민서", "강도윤", "조서준", "윤하은", "장예준", "임수아"]
CHINESE = ["王伟", "陳家豪", "刘红梅", "張淑芬", "李欣", "楊雅婷", "黄磊", "林志玲", "吴秀英", "周杰"]
# Japanese words whose first character is also a Chinese surname: a column of them is no name column.
KANJI_WORDS = ["陶芸", "高校", "金融", "花見", "林業", "方法", "周辺", "黄色", "書道", "茶道", "写真", "園芸"]


def found(recognizer, text: str) -> list[str]:
    normalised = normalise(text)
    return [normalised[s.start : s.end] for s in recognizer.find(normalised, Context())]


@pytest.mark.parametrize("values", [KOREAN, CHINESE, KOREAN[:5] + CHINESE[:5]])
def test_a_column_of_korean_or_chinese_names_is_a_name_column_whatever_its_header(values: list[str]) -> None:
    assert "PERSON" in profile_column("contact", values).entities


def test_a_column_of_japanese_kanji_words_is_not_a_name_column() -> None:
    assert "PERSON" not in profile_column("tags", KANJI_WORDS).entities


def test_three_kanji_words_that_look_like_chinese_names_do_not_make_a_name_column() -> None:
    assert "PERSON" not in profile_column("tags.2", ["陶芸", "花見", "高校"]).entities


def test_hangul_names_in_a_name_column_are_found_whole(tmp_path: Path) -> None:
    path = write(tmp_path / "members.csv", ["회원번호", "이름"], [[f"K{i}", n] for i, n in enumerate(KOREAN)])
    assert {(row, "이름", "PERSON") for row in range(len(KOREAN))} <= cells(scan_path(path, use_ner=False))


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("김민준 님께 연락", "김민준"),
        ("이름: 박서연", "박서연"),
        ("박서연 010-1234-5678", "박서연"),
        ("王伟先生来电", "王伟"),
        ("请联系陈家豪先生", "陈家豪"),
        ("姓名：陳家豪", "陳家豪"),
    ],
)
def test_korean_and_chinese_names_in_free_text_with_an_honorific_a_label_or_a_contact(text: str, name: str) -> None:
    assert found(CjkNameRecognizer(), text) == [name]


@pytest.mark.parametrize(
    "text", ["連絡先 090-1234-5678", "高校の先生に連絡", "陶芸教室の会場", "학교로 가는 길", "金融 セミナー 2025"]
)
def test_japanese_text_and_korean_words_are_not_korean_or_chinese_names(text: str) -> None:
    assert found(CjkNameRecognizer(), text) == []


@pytest.mark.parametrize(
    "text",
    [
        "서울특별시 종로구 가락로 993-55 (미영권리)",
        "경기도 수원시 팔달구 인계동 123-4",
        "낙산성곽대로 276",
        "福建省淑珍市永川鲍路j座 400806",
        "陈家湾胡同276号",
        "169 大里市福德路9號6樓",
        "台北市大安區忠孝東路四段100號5樓",
        "新北市板橋區文化路一段188巷44號",
    ],
)
def test_korean_chinese_and_taiwanese_addresses_are_found_whole(text: str) -> None:
    assert found(CjkAddressRecognizer(), text) == [normalise(text)]


@pytest.mark.parametrize(
    "text",
    ["東京都港区芝公園4丁目2番8号", "国道1号線", "北海道札幌市中央区北1条西2丁目", "학교로 10분", "아버지가 3명"],
)
def test_japanese_addresses_road_names_and_korean_prose_are_not_foreign_addresses(text: str) -> None:
    assert found(CjkAddressRecognizer(), text) == []
