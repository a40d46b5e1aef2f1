"""PERSON in staff notes: a name quoted in 「」 before 名義 or an honorific (「山田太郎」名義, 「鈴木」様).

Staff quote the name an account or a transfer is held in, and the name of someone who called; the quote marks
that GiNZA's rules read as a title (「秋の陶芸教室」) are a name here because of what follows them: 名義 (in
the name of), 様, さん, 氏, 殿, 宛. A quoted company or organisation (「株式会社山田電気」名義) is not a person,
nor is text with digits or long text.
"""

from __future__ import annotations

import re

from presidio_analyzer import Pattern

from .base import NO_CONTEXT, Context, JaPatternRecognizer, Span

# Words that make the quoted holder an organisation, not a person.
_ORGANISATION = (
    *("株式会社", "有限会社", "合同会社", "合資会社", "合名会社", "(株)", "(有)", "㈱", "㈲", "法人", "会社"),
    *("商店", "商会", "工業", "工務店", "建設", "印刷", "電気", "保険", "銀行", "信用金庫", "組合", "協会", "事務所"),
    *("大学", "学校", "学園", "病院", "医院", "クリニック", "委員会", "役所", "役場", "センター", "店", "社"),
    *("inc", "ltd", "co.", "corp", "llc", "bank"),
)
_QUOTED = re.compile(r"「(?P<v>[^「」\d]{1,16})」\s?(?=名義|様|さま|さん|氏|殿|宛|あて|御中)")
_NAME_CHARACTERS = re.compile(r"[\u4e00-\u9fff々ぁ-ゖァ-ヺー・A-Za-z .'\-\u3000]+")
# A role or a generic noun in quotes is no one: 「ご担当者」様, 「お客」様, 「皆」様.
_NOT_NAMES = ("担当", "お客", "皆", "各位", "会員", "ご家族", "保護者", "代表", "事務局")


def _is_person_name(text: str) -> bool:
    """Quoted text that can be a person's name: letters only, short, no organisation or role word."""
    key = text.casefold()
    return (
        bool(_NAME_CHARACTERS.fullmatch(text))
        and len(text.replace(" ", "")) <= 12
        and not any(word in key for word in _ORGANISATION)
        and not any(word in text for word in _NOT_NAMES)
    )


class QuotedNameRecognizer(JaPatternRecognizer):
    """「山田太郎」名義, 「鈴木」様: the name inside the quotes."""

    ENTITY = "PERSON"
    PREFILTER = "」"
    PATTERNS = (Pattern("quoted_name", _QUOTED.pattern, 0.8),)

    def validate_result(self, pattern_text: str) -> bool:
        """A person's name, not an organisation, a role or a title."""
        return _is_person_name(pattern_text.strip())

    def find(self, text: str, context: Context = NO_CONTEXT) -> list[Span]:
        """The quoted names, unless the column rules persons out."""
        if context.rules_out(self.ENTITY):
            return []
        return super().find(text, context)
