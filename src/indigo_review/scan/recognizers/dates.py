"""DATE_OF_BIRTH: ISO, dotted (1976.11.13), Japanese era (昭和60年4月12日, H1.5.1, 平成元年), kanji numerals in
any of them (昭和六十一年十一月九日, 一九八六年十一月九日), US and UK dates (03/14/1985, 14/03/1985, March 4, 1985,
4 March 1985, Mar. 4 1985), only with birth context.

Event, join and expiry dates look exactly like birth dates, so a date counts only where the column
header or the words in the cell say birth (生年月日, 誕生日, 生まれ, birth, DOB).
"""

from __future__ import annotations

import re
from datetime import date

from presidio_analyzer import Pattern

from ...normalise import original_span
from ...reference import era_to_date, fold_kanji_numerals
from .base import NO_CONTEXT, NUM_END, NUM_START, Context, JaPatternRecognizer, Span

_ERA = (
    r"(?P<era>明治|大正|昭和|平成|令和|[MTSHR])\.? ?(?P<ey>元|\d{1,2})[年.\-/](?P<em>\d{1,2})[月.\-/](?P<ed>\d{1,2})日?"
)
_WESTERN = r"(?P<y>(?:19|20)\d{2})[年.\-/](?P<m>\d{1,2})[月.\-/](?P<d>\d{1,2})日?"
_COMPACT = r"(?P<cy>(?:19|20)\d{2})(?P<cm>[01]\d)(?P<cd>[0-3]\d)"
# Day and month first, year last: 03/14/1985 (US) or 14/03/1985 (UK); either reading may be the real one.
_DMY = r"(?P<a>\d{1,2})(?P<sep>[/.\-])(?P<b>\d{1,2})(?P=sep)(?P<ny>(?:19|20)\d{2})"
MONTHS = {
    name: number
    for number, names in enumerate(
        (
            ("january", "jan"),
            ("february", "feb"),
            ("march", "mar"),
            ("april", "apr"),
            ("may",),
            ("june", "jun"),
            ("july", "jul"),
            ("august", "aug"),
            ("september", "sept", "sep"),
            ("october", "oct"),
            ("november", "nov"),
            ("december", "dec"),
        ),
        start=1,
    )
    for name in names
}
_MONTH = r"(?P<mon>(?i:" + "|".join(sorted(MONTHS, key=len, reverse=True)) + r"))\.?"
_ORDINAL = r"(?i:st|nd|rd|th)?"
# March 4, 1985 / Mar. 4 1985 / March 4th, 1985
_MDY_WORDS = _MONTH + r" (?P<md>\d{1,2})" + _ORDINAL + r",? (?P<my>(?:19|20)\d{2})"
# 4 March 1985 / 4th of March, 1985
_DMY_WORDS = (
    r"(?P<dd>\d{1,2})" + _ORDINAL + r" (?i:of )?" + _MONTH.replace("mon", "mon2") + r",? (?P<dy>(?:19|20)\d{2})"
)


def _day(y: int, m: int, d: int) -> date | None:
    try:
        return date(y, m, d)
    except ValueError:
        return None


def _western_words(text: str) -> date | None:
    match = re.fullmatch(_MDY_WORDS, text)
    if match:
        return _day(int(match["my"]), MONTHS[match["mon"].casefold()], int(match["md"]))
    match = re.fullmatch(_DMY_WORDS, text)
    if match:
        return _day(int(match["dy"]), MONTHS[match["mon2"].casefold()], int(match["dd"]))
    match = re.fullmatch(_DMY, text)
    if match:
        a, b, y = int(match["a"]), int(match["b"]), int(match["ny"])
        # US month-first, else UK day-first: a birth date is found whichever way it was written.
        return _day(y, a, b) or _day(y, b, a)
    return None


# No date is longer: 千九百八十六年十一月二十九日 and "Wednesday, September 30th, 1985" are shorter.
_LONGEST_DATE = 40


def parse_date(text: str) -> date | None:
    """A real date: 1993-10-17, 1993/10/17, 1993年10月17日, 19931017, an era date, 10/17/1993, 17 Oct 1993, and
    any of them in kanji numerals (一九九三年十月十七日, 平成五年十月十七日)."""
    text = text.strip()
    if len(text) > _LONGEST_DATE:
        return None
    text = fold_kanji_numerals(text)[0]
    match = re.fullmatch(_ERA, text)
    if match:
        year = 1 if match["ey"] == "元" else int(match["ey"])
        return era_to_date(match["era"], year, int(match["em"]), int(match["ed"]))
    match = re.fullmatch(_WESTERN, text) or re.fullmatch(_COMPACT, text)
    if not match:
        return _western_words(text)
    y, m, d = (int(g) for g in match.groups())
    try:
        return date(y, m, d)
    except ValueError:
        return None


class DateOfBirthRecognizer(JaPatternRecognizer):
    """Dates with birth context; the date must exist and lie between 1900 and today."""

    ENTITY = "DATE_OF_BIRTH"
    PATTERNS = (
        Pattern("era_date", r"(?<![A-Za-z])(?P<v>" + _ERA + ")", 0.5),
        Pattern("western_date", NUM_START + r"(?P<v>" + _WESTERN + ")" + NUM_END, 0.5),
        Pattern("compact_date", NUM_START + r"(?P<v>" + _COMPACT + ")" + NUM_END, 0.4),
        Pattern("day_month_year", NUM_START + r"(?P<v>" + _DMY + ")" + NUM_END, 0.5),
        Pattern("month_words", r"(?<![A-Za-z])(?P<v>" + _MDY_WORDS + r")(?!\d)", 0.5),
        Pattern("day_month_words", NUM_START + r"(?P<v>" + _DMY_WORDS + r")(?!\d)", 0.5),
    )
    CONTEXT = (
        "生年月日",
        "誕生日",
        "生まれ",
        "出生",
        "birth",
        "birthday",
        "birthdate",
        "dob",
        "d.o.b",
        "born",
        "date of birth",
        "生日",
        # A date followed by 生 is the day someone was born: 昭和56年6月17日生.
        "日生",
        "出生日期",
        "생년월일",
        "생일",
    )
    NEEDS_CONTEXT = True

    def find(self, text: str, context: Context = NO_CONTEXT) -> list[Span]:
        """Dates only where the column or the cell says birth: ask that first, it is cheaper than the dates."""
        if not context.says(self.ENTITY) and not _BIRTH_WORDS.search(text.casefold()):
            return []
        # Kanji numerals are read as digits (六十一 -> 61), then positions are mapped back to the text.
        folded, offsets = fold_kanji_numerals(text)
        if folded is text:
            return super().find(text, context)
        return [
            Span(span.entity, *original_span(offsets, span.start, span.end), span.score)
            for span in super().find(folded, context)
        ]

    def validate_result(self, pattern_text: str) -> bool:
        """A real date, not in the future, not before 1900."""
        day = parse_date(pattern_text)
        return day is not None and date(1900, 1, 1) <= day <= date.today()


# DateOfBirthRecognizer.CONTEXT as one pattern, with has_word's rule: ASCII words stand alone.
_BIRTH_WORDS = re.compile(
    "|".join(
        rf"(?<![a-z]){re.escape(w)}(?![a-z])" if w.isascii() else re.escape(w) for w in DateOfBirthRecognizer.CONTEXT
    )
)
