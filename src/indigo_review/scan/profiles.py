"""Column profiles: what a column holds, judged from its header AND its values (headers lie, or say col3).

A profile turns into a recognizer `Context`: entities the column is known to hold (so a plain 7-digit
value in a postal column is a postal code, a valid 12-digit value in a My Number column is a My
Number) and entities it rules out (an app-version column holds no IP addresses, a pseudonym column
of hex strings holds no card or phone numbers even when one value happens to be all digits).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date

from ..normalise import normalise
from ..reference import is_valid_my_number
from .recognizers.base import Context, has_word
from .recognizers.dates import parse_date
from .recognizers.names import is_kana_reading

HEADER_WORDS: dict[str, tuple[str, ...]] = {
    "PERSON": (
        "氏名",
        "名前",
        "姓名",
        "フリガナ",
        "ふりがな",
        "カナ",
        "かな",
        "読み",
        "name",
        "full name",
        "kana",
        "furigana",
        "surname",
        "given name",
        "first name",
        "last name",
        "担当者",
        "代表者",
        "申込者",
        "保護者",
        "連絡者",
        "会員名",
        "参加者名",
    ),
    "LOCATION": ("住所", "address", "送付先", "現住所", "居所", "所在地"),
    "JP_POSTAL_CODE": ("郵便番号", "〒", "postal", "zip", "postcode", "zipcode", "post code"),
    "DATE_OF_BIRTH": ("生年月日", "誕生日", "birth", "birthday", "dob", "birthdate", "生まれ"),
    "JP_MY_NUMBER": ("個人番号", "マイナンバー", "my number", "mynumber"),
    "JP_DRIVERS_LICENSE": ("運転免許", "免許証", "免許番号", "license", "licence"),
    "JP_PASSPORT": ("旅券", "パスポート", "passport"),
    "JP_RESIDENCE_CARD": ("在留カード", "residence card"),
    "JP_PENSION_NUMBER": ("年金", "pension"),
    "PHONE_NUMBER": ("電話", "tel", "phone", "携帯", "fax", "mobile"),
    "EMAIL_ADDRESS": ("メール", "mail", "email", "e-mail"),
    "CREDIT_CARD": ("クレジット", "card", "カード番号", "credit"),
    "IP_ADDRESS": ("ip", "ipアドレス", "接続元", "ip address"),
}
# Headers that name something else with the same shape as an entity.
LOOKALIKE_WORDS: dict[str, tuple[str, ...]] = {
    "IP_ADDRESS": ("版", "version", "ver", "バージョン", "アプリ", "app", "build", "release"),
    "JP_POSTAL_CODE": ("注文", "order", "商品", "product", "campaign", "キャンペーン", "sku", "品番", "coupon"),
    "CREDIT_CARD": ("注文", "order", "伝票", "受付番号", "tracking", "pseudonym", "hash", "token"),
    "PHONE_NUMBER": ("注文", "order", "伝票", "商品", "product"),
    "PERSON": (
        "イベント",
        "会場",
        "会社",
        "企業",
        "商品",
        "event",
        "venue",
        "company",
        "product",
        "category",
        "title",
        "file",
        "講座",
        "団体",
        "施設",
        "組織",
        "organisation",
        "organization",
        "店",
        "channel",
    ),
    "LOCATION": ("会場", "venue", "開催", "イベント", "event", "mail", "email", "e mail", "メール", "ip", "web", "url"),
}
# Date columns whose header says what the date is: never birth dates on value evidence alone.
_OTHER_DATES = (
    "イベント",
    "開催",
    "入会",
    "登録",
    "申込",
    "更新",
    "作成",
    "有効期限",
    "期限",
    "event",
    "join",
    "joined",
    "signed",
    "starts",
    "issued",
    "発行",
    "交付",
    "signup",
    "created",
    "updated",
    "expiry",
    "expires",
    "month",
    "timestamp",
    "at",
    "日時",
    "受付",
)
_NUMERIC = (
    "JP_MY_NUMBER",
    "CREDIT_CARD",
    "PHONE_NUMBER",
    "JP_POSTAL_CODE",
    "JP_DRIVERS_LICENSE",
    "JP_PENSION_NUMBER",
    "DATE_OF_BIRTH",
)
_HEX_ID = re.compile(r"[0-9a-f]{12,64}")
_TWELVE = re.compile(r"\d{4}[ \-]?\d{4}[ \-]?\d{4}")
_POSTAL = re.compile(r"〒? ?\d{3}-?\d{4}")


@dataclass
class ColumnProfile:
    """What a column's header and values say it holds."""

    name: str
    from_header: set[str] = field(default_factory=set)
    from_values: set[str] = field(default_factory=set)
    excluded: set[str] = field(default_factory=set)
    hex_ids: bool = False

    @property
    def entities(self) -> frozenset[str]:
        """Entities the column is known to hold."""
        return frozenset(self.from_header | self.from_values)

    def context(self) -> Context:
        """The recognizer context for cells of this column."""
        return Context(self.entities, frozenset(self.excluded))


def header_key(header: str) -> str:
    """A header folded for word matching: NFKC, case-folded, underscores and hyphens as spaces."""
    return re.sub(r"[_\-.]+", " ", normalise(str(header))).casefold()


def _share(values: Sequence[str], test) -> float:
    return sum(1 for v in values if test(v)) / len(values) if values else 0.0


def profile_column(header: str, values: Sequence[str]) -> ColumnProfile:
    """Profile one column from its header and its distinct non-empty normalised values."""
    key = header_key(header)
    profile = ColumnProfile(str(header))
    for entity, words in HEADER_WORDS.items():
        if has_word(key, words):
            profile.from_header.add(entity)
    for entity, words in LOOKALIKE_WORDS.items():
        if has_word(key, words):
            profile.excluded.add(entity)
    # A header naming a look-alike wins over a generic word: "email address" is not an address.
    profile.from_header -= profile.excluded
    values = [v.strip() for v in values if v.strip()]
    if not values:
        return profile
    if _share(values, _HEX_ID.fullmatch) >= 0.9 and any(re.search("[a-f]", v) for v in values):
        profile.hex_ids = True
        profile.excluded.update(_NUMERIC)
        profile.from_header -= set(_NUMERIC)
        return profile
    if len(values) >= 3 and _share(values, lambda v: " " in v and is_kana_reading(v)) >= 0.6:
        profile.from_values.add("PERSON")
    twelve = [v for v in values if _TWELVE.fullmatch(v)]
    if len(twelve) >= 5 and len(twelve) >= 0.5 * len(values) and _share(twelve, is_valid_my_number) >= 0.8:
        profile.from_values.add("JP_MY_NUMBER")
    postal = [v for v in values if _POSTAL.fullmatch(v)]
    if len(postal) >= 5 and len(postal) >= 0.8 * len(values):
        from ..reference import postal_code_exists

        if _share(postal, lambda v: postal_code_exists(re.sub(r"\D", "", v))) >= 0.9:
            profile.from_values.add("JP_POSTAL_CODE")
    if not has_word(key, _OTHER_DATES) and len(values) >= 10:
        dates = [parse_date(v) for v in values]
        parsed = [d for d in dates if d is not None]
        cutoff = date.today().replace(year=date.today().year - 15)
        if len(parsed) >= 0.8 * len(values) and all(date(1900, 1, 1) <= d <= cutoff for d in parsed):
            profile.from_values.add("DATE_OF_BIRTH")
    profile.from_values -= profile.excluded
    return profile
