"""LOCATION for members in Korea, China and Taiwan: addresses in Hangul and in Chinese characters.

Korean addresses name a road and a building number (서울특별시 종로구 가락로 993-55, 한강난지로 242, 반포대로
12길 3) or a neighbourhood and a lot number (수원시 팔달구 인계동 123-4): a word ending in 로, 길 or 거리 (or 동,
리, 가 after a city, county or district word) followed by the number, with the 시/도/군/구 words before it.
Chinese addresses end in a road and a number (广州路8号, 福德路9號6樓, 建國巷14號之8, 忠孝東路四段100號) or a
building (鲍路j座), after the province, city and district (省, 市, 县/縣, 区/區, 镇/鎮); a street alone needs its
number and 号/號 (陈家湾胡同276号), a 道 (which Japanese uses for 北海道 and 国道1号) needs a city before it.
A postal code written before or after the address (408, 400806) is part of the span.
"""

from __future__ import annotations

import re

from presidio_analyzer import Pattern

from .base import NO_CONTEXT, Context, JaPatternRecognizer, Span

_H = r"[\uac00-\ud7a3]"
_ADMIN_KO = rf"{_H}{{1,10}}(?:특별시|광역시|특별자치시|특별자치도|도|시|군|구|읍|면)"
# 가락로, 석촌호수123길, 반포대로 12길, 가락1가 (가 only after a number: many words end in 가).
_ROAD_KO = rf"{_H}{{1,12}}(?:\d{{0,4}}번?(?:로|길|거리)|\d{{1,4}}가)(?: ?\d{{1,4}}번?길)?"
_LOT_KO = rf"{_H}{{1,8}}(?:동|리|가)"
# Not a building number: a count or a time (학교로 10분, 거리 3개).
_UNIT_KO = r"(?!\d|-|\s?(?:분|시간|시|개|명|원|년|월|일|번째|km|m\b|미터|층))"
_KOREAN = re.compile(
    rf"(?<!{_H})(?P<v>(?:{_ADMIN_KO} ){{0,4}}(?:{_ROAD_KO} (?:지하 ?)?\d{{1,5}}(?:-\d{{1,5}})?{_UNIT_KO}"
    rf"|(?:{_ADMIN_KO} ){{1}}{_LOT_KO} \d{{1,5}}(?:-\d{{1,5}})?(?:번지)?{_UNIT_KO})(?: ?\({_H}{{1,12}}\))?)"
)
_HAN = r"[\u4e00-\u9fff]"
_ADMIN_ZH = r"(?:省|自治区|自治區|市|县|縣|区|區|镇|鎮|乡|鄉)"
_NUMBER_ZH = r"(?:\d{1,5}|[一二三四五六七八九十百]{1,3})"
_ROAD_ZH = r"(?:大道|路|街|巷|弄|胡同|里)"
_STREET_NUMBER_ZH = (
    rf"(?:{_NUMBER_ZH}段)?(?:\d{{1,4}}巷)?(?:\d{{1,4}}弄)?\d{{1,5}}(?:号|號)(?:之\d{{1,3}})?"
    rf"(?:\d{{1,3}}(?:楼|樓|F|层|層))?(?:\d{{1,5}}室)?"
)
_BUILDING_ZH = r"[A-Za-z\d]{1,3}(?:座|栋|棟)"
_CHINESE = re.compile(
    rf"(?<![\u4e00-\u9fff\u3041-\u30ff])(?P<v>(?:\d{{3,6}} ?)?"
    rf"(?:{_HAN}{{1,20}}?{_ADMIN_ZH}{_HAN}{{0,12}}?(?:{_ROAD_ZH}|道)(?:{_STREET_NUMBER_ZH}|{_BUILDING_ZH})"
    rf"|{_HAN}{{1,10}}{_ROAD_ZH}{_STREET_NUMBER_ZH})"
    rf"(?: ?\d{{6}}(?!\d))?)"
)


_DIGIT = re.compile(r"\d")


class CjkAddressRecognizer(JaPatternRecognizer):
    """Korean addresses in Hangul; Chinese and Taiwanese addresses in Chinese characters."""

    ENTITY = "LOCATION"
    # A Hangul syllable, or a character only a Chinese street address has (路 号 號 座 巷 弄 街 道).
    PREFILTER = r"[\uac00-\ud7a3路号號座巷弄街道]"
    PATTERNS = (
        Pattern("korean_address", _KOREAN.pattern, 0.85),
        Pattern("chinese_address", _CHINESE.pattern, 0.85),
    )

    def validate_result(self, pattern_text: str) -> bool:
        """The patterns carry the rule; a Chinese span holds no kana (Japanese text is read by the Japanese rules)."""
        return not re.search(r"[\u3041-\u30ff]", pattern_text)

    def find(self, text: str, context: Context = NO_CONTEXT) -> list[Span]:
        """Address spans, unless the column rules addresses out."""
        if context.rules_out(self.ENTITY) or not self._prefilter.search(text) or not _DIGIT.search(text):
            return []
        return super().find(text, context)
