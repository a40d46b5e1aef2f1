"""PERSON: names in name columns, katakana readings, and names in free text found with GiNZA.

In free text a name is a run of tokens GiNZA's morphological analyser tags as 人名 (surname 姓, given
name 名; a surname or a given name alone needs an honorific), or any proper noun or single-kanji noun
directly before an honorific (田中さん, 千葉様, 林様, 久保先生). What is not a person: a surname that starts a
compound (山田製作所, 鈴木酒造), a famous figure the dictionary knows as one word (徳川家康) or by a given name
alone (家康の時代) unless addressed with an honorific, anything inside 「」 (a title; a quoted name before
名義 or 様 is found by the staff-note rules), and role names (受付担当, 事務局長), which carry no 人名 tag.

Names in Latin letters are judged against kept name data (`indigo_review.reference.names`): in free text
a Japanese name needs two parts (Taro Yamada, YAMADA Taro, Yamada T.) or an honorific (Mr. Yamada,
Yamada-san, Yamada様); a Western name needs an honorific (Ms. Smith, Smith様).
"""

from __future__ import annotations

import re
from itertools import pairwise
from typing import TYPE_CHECKING

from presidio_analyzer import Pattern

from ...reference import (
    is_chinese_name,
    is_japanese_given_name_romaji,
    is_japanese_surname_romaji,
    is_kanji_name,
    is_korean_name,
    is_name_reading,
    is_surname_reading,
)
from .base import NO_CONTEXT, Context, JaPatternRecognizer, Span

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

PERSON = "PERSON"
HONORIFICS = frozenset({"さん", "様", "さま", "氏", "先生", "くん", "君", "ちゃん", "殿", "先輩"})
# Single kanji that take 様 or さん without being anyone's name (皆様, 王様, お客様).
_NOT_NAMES = frozenset("皆王神殿客奥母父兄姉妹弟姫仏各人方子孫嫁婿夫妻主")
_QUOTE_OPEN = frozenset("「『")
_QUOTE_CLOSE = frozenset("」』")
_KANJI = re.compile(r"[\u4e00-\u9fff々]")
_KANA_NAME = re.compile(r"[ァ-ヴー・]{2,}(?: ?[ァ-ヴー]{1,})?")
_LETTER = re.compile(r"[A-Za-z\u3041-\u3096\u30a1-\u30fa\u4e00-\u9fff々\uac00-\ud7a3]")
_WESTERN = re.compile(r"[A-Z][a-z]+(?:[ .'-]+[A-Z][a-z]+)+")


def is_kana_reading(text: str) -> bool:
    """A katakana reading of a name, as in a フリガナ column: タカハシ タロウ."""
    return bool(_KANA_NAME.fullmatch(text.strip()))


def looks_like_name(text: str) -> bool:
    """A value that can be a name in a name column: letters, no digits or @, at most four words, short."""
    text = text.strip()
    return (
        0 < len(text) <= 40 and bool(_LETTER.search(text)) and not re.search(r"[0-9@]", text) and len(text.split()) <= 4
    )


def _is_name_token(token: Token) -> bool:
    return "人名" in token.tag_


def _is_space(token: Token) -> bool:
    return token.tag_ == "空白" or token.is_space


def _is_noun(token: Token) -> bool:
    return token.tag_.startswith("名詞") or (token.tag_.startswith("接尾辞-名詞的") and token.text not in HONORIFICS)


def _continues_compound(name: list[Token], after: Token | None) -> bool:
    """山田|製作所, 高橋|印刷, 山田|家: a name glued to a noun naming a thing; 高橋太郎|欠席 (an action) is not."""
    name_end = name[-1]
    if after is None or name_end.whitespace_ or after.text in HONORIFICS:
        return False
    tag = after.tag_
    lone_surname = len(name) == 1 and name_end.tag_.endswith("人名-姓")
    return (
        tag.startswith(("名詞-普通名詞-一般", "名詞-普通名詞-助数詞可能", "接尾辞-名詞的"))
        or (tag.startswith("名詞-固有名詞") and "人名" not in tag)
        or (lone_surname and _is_noun(after))
    )


def person_spans(doc: Doc) -> list[Span]:
    """PERSON spans in one GiNZA-analysed text (character offsets into the text given to GiNZA)."""
    tokens = list(doc)
    quoted = []
    depth = 0
    for token in tokens:
        depth += token.text in _QUOTE_OPEN
        quoted.append(depth > 0)
        depth -= token.text in _QUOTE_CLOSE and depth > 0
    spans: list[Span] = []
    covered: set[int] = set()
    i = 0
    while i < len(tokens):
        if not _is_name_token(tokens[i]):
            i += 1
            continue
        j = i
        while j < len(tokens) and (
            _is_name_token(tokens[j])
            or (_is_space(tokens[j]) and j + 1 < len(tokens) and _is_name_token(tokens[j + 1]))
        ):
            j += 1
        run, after = tokens[i:j], tokens[j] if j < len(tokens) else None
        honour = after is not None and after.text in HONORIFICS
        famous = all(t.tag_.endswith("人名-一般") for t in run)
        western = len(run) >= 2 and all(t.text.isascii() and t.text[:1].isupper() for t in run if not _is_space(t))
        compound = _continues_compound([t for t in run if not _is_space(t)], after)
        # A surname alone, without a given name or an honorific, is as often a place (梅田) or a shop; a given
        # name alone is as often a historical figure (家康, 龍馬) as anyone the society knows.
        lone = [t for t in run if not _is_space(t)]
        lone_part = len(lone) == 1 and lone[0].tag_.endswith(("人名-姓", "人名-名"))
        if lone_part and not honour:
            i = j
            continue
        if not compound and not (quoted[i] and not honour) and (honour or not famous or western):
            spans.append(Span(PERSON, run[0].idx, run[-1].idx + len(run[-1].text), 0.85 if honour else 0.7))
            covered.update(range(i, j))
        i = j
    for k, token in enumerate(tokens):
        if token.text not in HONORIFICS or k == 0 or (k - 1) in covered:
            continue
        before = tokens[k - 1]
        start = k - 1
        if before.tag_.startswith("名詞-固有名詞"):
            while start > 0 and tokens[start - 1].tag_.startswith("名詞-固有名詞"):
                start -= 1
        elif not (
            before.tag_.startswith("名詞-普通名詞")
            and len(before.text) == 1
            and _KANJI.match(before.text)
            and before.text not in _NOT_NAMES
            and (k < 2 or not (_is_noun(tokens[k - 2]) or tokens[k - 2].tag_.startswith("接頭辞")))
        ):
            continue
        if quoted[start]:
            continue
        spans.append(Span(PERSON, tokens[start].idx, before.idx + len(before.text), 0.8))
    return spans


def entity_person_spans(doc: Doc) -> list[Span]:
    """GiNZA's Person entities, under the same rules as the tags: no companies, titles or famous figures."""
    tokens = list(doc)
    spans: list[Span] = []
    depth, quoted = 0, []
    for token in tokens:
        depth += token.text in _QUOTE_OPEN
        quoted.append(depth > 0)
        depth -= token.text in _QUOTE_CLOSE and depth > 0
    for ent in doc.ents:
        if ent.label_ != "Person":
            continue
        inner = [t for t in ent if not _is_space(t) and t.text not in HONORIFICS]
        if not inner or all(t.text.isascii() for t in inner):
            continue
        last = inner[-1]
        after = tokens[last.i + 1] if last.i + 1 < len(tokens) else None
        honour = after is not None and after.text in HONORIFICS
        if _continues_compound(inner, after):
            continue
        if quoted[inner[0].i] and not honour:
            continue
        if not last.tag_.startswith("名詞-固有名詞") and not (honour and len(inner) == 1 and len(last.text) == 1):
            continue
        if not honour and all(t.tag_.endswith("人名-一般") for t in inner):
            continue
        # A given name alone, with no surname and no honorific (家康の時代): as in the tag rules, no one's name.
        if not honour and len(inner) == 1 and inner[0].tag_.endswith("人名-名"):
            continue
        # A word the dictionary knows only as a place (森ノ宮) is a place, unless someone is addressed.
        if not honour and all("地名" in t.tag_ for t in inner):
            continue
        spans.append(Span(PERSON, inner[0].idx, last.idx + len(last.text), 0.75))
    return spans


# Words after a romaji "name" that make it a company, a place or a building: Yamada Shoji Co., Ltd.
_NOT_PERSON_AFTER = frozenset(
    (
        *("co", "ltd", "inc", "corp", "corporation", "company", "k.k", "kk", "group", "holdings"),
        *("shoten", "shoji", "seisakusho", "kogyo", "sangyo", "foods", "bank"),
        *("hall", "station", "st", "park", "temple", "shrine", "castle", "museum", "hotel", "university"),
        *("school", "line", "building", "bldg", "tower", "center", "centre", "city", "town", "ward", "prefecture"),
    )
)
_WESTERN_TITLES = r"(?:Mr|Mrs|Ms|Miss|Mx|Dr|Prof)\.?"
_WORD = r"[A-Z][a-z]+|[A-Z]{2,}"
_ROMAJI_HONORIFIC = r"(?:-san|-sama|-sensei|-kun|-chan| san\b| sama\b| sensei\b|さん|様|さま|氏|先生|くん|君|殿)"
_TITLED = re.compile(rf"\b{_WESTERN_TITLES} (?P<name>(?:{_WORD})(?: (?:{_WORD}))?)\b")
_HONOURED = re.compile(rf"\b(?P<name>{_WORD})(?={_ROMAJI_HONORIFIC})")
_LATIN_WORD = re.compile(rf"\b(?:{_WORD})\b|\b[A-Z]\.")
_ROMAJI_CELL = re.compile(r"(?P<a>[A-Za-z]+)(?:,? +)(?P<b>[A-Za-z]+\.?)")


def _japanese_pair(first: str, second: str) -> bool:
    """Surname and given name in either order, or a surname with an initial (Yamada T.)."""
    if len(second) == 2 and second.endswith("."):
        return is_japanese_surname_romaji(first)
    return (is_japanese_surname_romaji(first) and is_japanese_given_name_romaji(second)) or (
        is_japanese_given_name_romaji(first) and is_japanese_surname_romaji(second)
    )


def is_romaji_name(text: str) -> bool:
    """A cell that is a Japanese full name in Latin letters: Taro Yamada, YAMADA Taro, Yamada, Taro, Yamada T."""
    match = _ROMAJI_CELL.fullmatch(text.strip())
    return bool(match) and _japanese_pair(match["a"], match["b"])


def is_name_value(text: str, chinese: bool = True) -> bool:
    """A cell that is a person's full name by the kept name data: Japanese in any script, Korean, and (unless
    `chinese` is False) Chinese."""
    text = text.strip()
    if not text or len(text) > 40:
        return False
    if text.isascii():
        return is_romaji_name(text)
    return (
        is_kanji_name(text)
        or is_name_reading(text)
        or is_korean_name(text)
        or (chinese and is_chinese_name_value(text))
    )


# A municipality or a prefecture (港区, 中央市) ends in a place word; a Chinese name does not.
_PLACE_END = re.compile(r"[市区區町村県縣都府郡省州]$")


def is_chinese_name_value(text: str) -> bool:
    """A cell that is a Chinese name (surname and one or two characters), not a place (港区, 中央市)."""
    return is_chinese_name(text) and not _PLACE_END.search(text)


def _followed_by_company(text: str, end: int) -> bool:
    following = text[end:].lstrip(" ,").split(" ", 1)[0].casefold().rstrip(".,")
    return following in _NOT_PERSON_AFTER


def romaji_person_spans(text: str) -> list[Span]:
    """Names in Latin letters in free text: two name parts, or one part with an honorific."""
    spans: list[Span] = []
    for match in _TITLED.finditer(text):
        spans.append(Span(PERSON, match.start("name"), match.end("name"), 0.85))
    for match in _HONOURED.finditer(text):
        spans.append(Span(PERSON, match.start("name"), match.end("name"), 0.8))
    words = list(_LATIN_WORD.finditer(text))
    for first, second in pairwise(words):
        between = text[first.end() : second.start()]
        if between not in (" ", ", ") or not _japanese_pair(first.group(0), second.group(0)):
            continue
        if between == ", " and not is_japanese_surname_romaji(first.group(0)):
            continue
        if not _followed_by_company(text, second.end()):
            spans.append(Span(PERSON, first.start(), second.end(), 0.75))
    return spans


_KANA_RUN = r"[ぁ-ゖァ-ヺー]{2,8}"
# A reading of a full name: two kana words with a space between, or kana before an honorific.
_KANA_PAIR = re.compile(rf"(?<![ぁ-ゖァ-ヺー])(?P<name>{_KANA_RUN}[ 　]{_KANA_RUN})(?![ぁ-ゖァ-ヺー])")
_KANA_HONOURED = re.compile(rf"(?<![ぁ-ゖァ-ヺー])(?P<name>{_KANA_RUN}?)(?:さん|さま|様|くん|ちゃん|氏|先生)")


def kana_person_spans(text: str) -> list[Span]:
    """Readings of names in hiragana or katakana in free text: やまだ たろう, やまだたろう様, たなかさん (a
    surname of three kana or more: かみさま is no one)."""
    spans = [
        Span(PERSON, m.start("name"), m.end("name"), 0.8)
        for m in _KANA_PAIR.finditer(text)
        if is_name_reading(m["name"])
    ]
    spans += [
        Span(PERSON, m.start("name"), m.end("name"), 0.85)
        for m in _KANA_HONOURED.finditer(text)
        if is_name_reading(m["name"]) or (len(m["name"]) >= 3 and is_surname_reading(m["name"]))
    ]
    return spans


class KanaNameRecognizer(JaPatternRecognizer):
    """PERSON: full-name readings in kana by kept name data (with a space between the parts, or an honorific)."""

    ENTITY = PERSON
    # Two kana words with a space between, or an honorific: most Japanese text has neither.
    PREFILTER = r"[ぁ-ゖァ-ヺー][ 　][ぁ-ゖァ-ヺー]|さん|さま|様|くん|ちゃん|氏|先生"
    PATTERNS = (Pattern("kana_name", _KANA_RUN, 0.5),)

    def validate_result(self, pattern_text: str) -> bool:
        """Checked by `find` against the name data."""
        return True

    def find(self, text: str, context: Context = NO_CONTEXT) -> list[Span]:
        """Name spans in normalised text, unless the column rules persons out."""
        # In a name column the engine takes the whole cell as the name already.
        if context.rules_out(self.ENTITY) or context.says(self.ENTITY) or not self._prefilter.search(text):
            return []
        return kana_person_spans(text)


class RomajiNameRecognizer(JaPatternRecognizer):
    """PERSON in Latin letters: Japanese names by kept name data, Western names with an honorific."""

    ENTITY = PERSON
    PREFILTER = r"[A-Z]"
    PATTERNS = (Pattern("latin_name", _WORD, 0.5),)

    def validate_result(self, pattern_text: str) -> bool:
        """Checked by `find`, which needs the words around the name."""
        return True

    def find(self, text: str, context: Context = NO_CONTEXT) -> list[Span]:
        """Name spans in normalised text, unless the column rules persons out."""
        if context.rules_out(self.ENTITY) or not self._prefilter.search(text):
            return []
        return romaji_person_spans(text)
