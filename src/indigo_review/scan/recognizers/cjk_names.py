"""PERSON for members abroad: Korean names in Hangul and Chinese names in Chinese characters, in free text.

In a name column every cell is a name already (the column's profile); these rules are for free text, where a
surname-shaped word is often no one: Japanese text is written in the same characters (連絡先, 高校 start with
Chinese surnames), so a Chinese name needs what says "person": an honorific after it (王伟先生, 陳小姐), or a
label before it (姓名：, 联系人, 聯絡人, 收件人). Hangul is no Japanese writing, so a Korean name (a surname the
kept data lists and one or two syllables) counts with an honorific (김민준 님, 박 씨), a label (이름, 성명,
담당자), or beside a phone number or an e-mail address in the same cell.
"""

from __future__ import annotations

import re

from presidio_analyzer import Pattern

from ...reference import is_chinese_name, is_korean_name
from .base import NO_CONTEXT, Context, JaPatternRecognizer, Span

# Hangul words; a name is one word (김민준) or two (이 서연, 민준 김).
_HANGUL_WORD = re.compile(r"[\uac00-\ud7a3]+")
_KOREAN_HONORIFIC = re.compile(r"\s?(?:님|씨|선생님|고객님|회원님|귀하)")
_KOREAN_LABEL = re.compile(r"(?:이름|성명|성함|담당자|고객명|회원명|수령인|받는\s?분)\s*[:：]?\s*$")
# A Chinese name: two to four characters between non-Chinese characters, or before an honorific.
_CHINESE_HONORIFICS = ("先生", "女士", "小姐", "老师", "老師", "同学", "同學", "太太", "阿姨")
_HAN_RUN = re.compile(r"(?<![\u4e00-\u9fff\u3041-\u30ff])(?P<v>[\u4e00-\u9fff]{2,12})(?![\u4e00-\u9fff\u3041-\u30ff])")
_CHINESE_LABEL = re.compile(
    r"(?:姓名|名字|联系人|聯絡人|聯繫人|收件人|收货人|收貨人|客户|客戶|会员|會員|负责人|負責人)\s*[:：]?\s*$"
)
_CONTACT = re.compile(r"@|\d[\d\- ]{6,}\d")


def _chinese_names(run: str) -> list[tuple[int, int, float]]:
    """(start, end, score) of the names in a run of Chinese characters: before an honorific, or the whole run."""
    found = []
    for honorific in _CHINESE_HONORIFICS:
        at = run.find(honorific)
        # The name just before the honorific: three characters, else two (请陈家豪先生, 联系王伟先生).
        start = next((at - size for size in (3, 2) if at >= size and is_chinese_name(run[at - size : at])), None)
        if start is not None:
            found.append((start, at, 0.85))
    if not found and len(run) <= 4 and is_chinese_name(run):
        found.append((0, len(run), 0.8))
    return found


def _korean_names(text: str) -> list[tuple[int, int]]:
    """(start, end) of Korean names: a Hangul word, or two words with one space between (이 서연)."""
    words = list(_HANGUL_WORD.finditer(text))
    found: list[tuple[int, int]] = []
    skip = False
    for i, word in enumerate(words):
        if skip:
            skip = False
            continue
        after = words[i + 1] if i + 1 < len(words) else None
        if after is not None and after.start() == word.end() + 1 and is_korean_name(f"{word[0]} {after[0]}"):
            found.append((word.start(), after.end()))
            skip = True
        elif is_korean_name(word[0]):
            found.append((word.start(), word.end()))
    return found


class CjkNameRecognizer(JaPatternRecognizer):
    """Korean and Chinese names in free text, with an honorific, a label, or (Korean) a contact beside them."""

    ENTITY = "PERSON"
    PREFILTER = (
        r"[\uac00-\ud7a3]|先生|女士|小姐|老[师師]|同[学學]|太太|阿姨|姓名|名字"
        r"|[联聯收负負客会會][系繫络絡件货貨责責户戶员員]"
    )
    PATTERNS = (Pattern("hangul_name", _HANGUL_WORD.pattern, 0.8),)

    def validate_result(self, pattern_text: str) -> bool:
        """Checked by `find` with the words around the name."""
        return True

    def find(self, text: str, context: Context = NO_CONTEXT) -> list[Span]:
        """Names in normalised text, unless the column rules persons out (a name column takes the whole cell)."""
        if context.rules_out(self.ENTITY) or context.says(self.ENTITY) or not self._prefilter.search(text):
            return []
        spans: list[Span] = []
        contact = bool(_CONTACT.search(text))
        for start, end in _korean_names(text):
            honoured = bool(_KOREAN_HONORIFIC.match(text, end))
            labelled = bool(_KOREAN_LABEL.search(text, 0, start))
            if honoured or labelled or contact:
                spans.append(Span(self.ENTITY, start, end, 0.85 if honoured or labelled else 0.75))
        for match in _HAN_RUN.finditer(text):
            labelled = bool(_CHINESE_LABEL.search(text, 0, match.start()))
            for start, end, score in _chinese_names(match.group("v")):
                if score > 0.8 or labelled:
                    spans.append(Span(self.ENTITY, match.start() + start, match.start() + end, score))
        return spans
