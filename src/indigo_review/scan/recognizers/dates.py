"""DATE_OF_BIRTH: Western and Japanese era dates (昭和60年4月12日, H1.5.1), only with birth context.

Event, join and expiry dates look exactly like birth dates, so a date counts only where the column
header or the words in the cell say birth (生年月日, 誕生日, 生まれ, birth, DOB).
"""

from __future__ import annotations

import re
from datetime import date

from presidio_analyzer import Pattern

from ...reference import era_to_date
from .base import NUM_END, NUM_START, JaPatternRecognizer

_ERA = (
    r"(?P<era>明治|大正|昭和|平成|令和|[MTSHR])\.? ?(?P<ey>元|\d{1,2})[年.\-/](?P<em>\d{1,2})[月.\-/](?P<ed>\d{1,2})日?"
)
_WESTERN = r"(?P<y>(?:19|20)\d{2})[年.\-/](?P<m>\d{1,2})[月.\-/](?P<d>\d{1,2})日?"
_COMPACT = r"(?P<cy>(?:19|20)\d{2})(?P<cm>[01]\d)(?P<cd>[0-3]\d)"


def parse_date(text: str) -> date | None:
    """A real date written as 1993-10-17, 1993/10/17, 1993年10月17日, 19931017 or an era date."""
    text = text.strip()
    match = re.fullmatch(_ERA, text)
    if match:
        year = 1 if match["ey"] == "元" else int(match["ey"])
        return era_to_date(match["era"], year, int(match["em"]), int(match["ed"]))
    match = re.fullmatch(_WESTERN, text) or re.fullmatch(_COMPACT, text)
    if not match:
        return None
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
    )
    CONTEXT = ("生年月日", "誕生日", "生まれ", "出生", "birth", "birthday", "dob", "born", "date of birth", "生日")
    NEEDS_CONTEXT = True

    def validate_result(self, pattern_text: str) -> bool:
        """A real date, not in the future, not before 1900."""
        day = parse_date(pattern_text)
        return day is not None and date(1900, 1, 1) <= day <= date.today()
