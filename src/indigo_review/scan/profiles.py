"""Column profiles: what a column holds, judged from its header AND its values (headers lie, or say col3).

A profile turns into a recognizer `Context`: entities the column is known to hold (so a plain 7-digit
value in a postal column is a postal code, a valid 12-digit value in a My Number column is a My
Number) and entities it rules out (an app-version column holds no IP addresses, a pseudonym column
of hex strings holds no card or phone numbers even when one value happens to be all digits).
Values win over the header both ways: a `category` column of names is a name column, a `name` column
of event titles is not, a `birthday` column of event dates holds no birth dates. A headerless column
(col3) is judged by its values alone. A document-type column (運転免許証) is context for its row.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date

from ..normalise import normalise
from ..reference import is_valid_ean13
from .my_number_columns import my_number_verdict
from .recognizers.addresses import is_municipality
from .recognizers.base import Context, has_word
from .recognizers.dates import parse_date
from .recognizers.names import is_chinese_name_value, is_kana_reading, is_name_value

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
        "宛名",
        "受取人",
        "recipient",
        "이름",
        "성명",
        "姓名",
        "名字",
        "联系人",
        "聯絡人",
    ),
    "LOCATION": (
        "住所",
        "address",
        "送付先",
        "現住所",
        "居所",
        "所在地",
        "市区町村",
        "市町村",
        "city",
        "municipality",
        "居住地",
        "お住まい",
        "お届け先",
        "주소",
        "地址",
        "住址",
    ),
    "JP_POSTAL_CODE": ("郵便番号", "〒", "postal", "zip", "postcode", "zipcode", "post code"),
    "DATE_OF_BIRTH": (
        "生年月日",
        "誕生日",
        "birth",
        "birthday",
        "dob",
        "birthdate",
        "生まれ",
        "出生",
        "생년월일",
        "생일",
    ),
    "JP_MY_NUMBER": ("個人番号", "マイナンバー", "my number", "mynumber"),
    "JP_DRIVERS_LICENSE": ("運転免許", "免許証", "免許番号", "license", "licence"),
    "JP_PASSPORT": ("旅券", "パスポート", "passport"),
    "JP_RESIDENCE_CARD": ("在留カード", "residence card"),
    "JP_PENSION_NUMBER": ("年金", "pension"),
    "PHONE_NUMBER": (
        *("電話", "tel", "phone", "telephone", "携帯", "fax", "mobile", "cell", "cellphone", "phone no"),
        *("전화", "휴대폰", "핸드폰", "电话", "手机", "手機"),
    ),
    "EMAIL_ADDRESS": ("メール", "mail", "email", "e-mail", "이메일", "邮箱", "郵箱", "电子邮件", "電子郵件"),
    "CREDIT_CARD": ("クレジット", "card", "カード番号", "credit"),
    "IP_ADDRESS": ("ip", "ipアドレス", "接続元", "ip address"),
}
# Headers that name something else with the same shape as an entity.
LOOKALIKE_WORDS: dict[str, tuple[str, ...]] = {
    "IP_ADDRESS": ("版", "version", "ver", "バージョン", "アプリ", "app", "build", "release"),
    "JP_POSTAL_CODE": (
        *("注文", "order", "商品", "product", "campaign", "キャンペーン", "sku", "品番", "coupon"),
        # A venue's postal code or phone is the venue's, not a person's.
        *("会場", "venue", "施設", "facility"),
    ),
    "CREDIT_CARD": (
        *("注文", "order", "伝票", "受付番号", "tracking", "pseudonym", "hash", "token"),
        # One number in ten passes Luhn: in a phone column a long number that does is still a phone.
        *("電話", "tel", "phone", "telephone", "mobile", "携帯", "fax"),
    ),
    "PHONE_NUMBER": ("注文", "order", "伝票", "商品", "product", "会場", "venue", "施設", "facility"),
    "PERSON": (
        # Columns of makers, vendors and organisers hold companies (井上印刷), whatever surname they start with.
        *("maker", "メーカー", "製造元", "vendor", "supplier", "brand", "ブランド", "organiser", "organizer"),
        *("主催", "取引先", "publisher", "出版社", "manufacturer"),
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
        "駅",
        "station",
    ),
    "LOCATION": (
        *("会場", "venue", "開催", "イベント", "event", "mail", "email", "e mail", "メール", "ip", "web", "url"),
        *("駅", "station"),
    ),
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
# Document types a row may name; the number beside it is of that kind (12 digits: licence or My Number).
DOCUMENT_TYPES: dict[str, tuple[str, ...]] = {
    "JP_DRIVERS_LICENSE": ("運転免許", "免許証", "driver", "licence", "license"),
    "JP_MY_NUMBER": ("個人番号", "マイナンバー", "my number"),
    "JP_PASSPORT": ("パスポート", "旅券", "passport"),
    "JP_RESIDENCE_CARD": ("在留カード", "residence card"),
    "JP_PENSION_NUMBER": ("年金", "pension"),
}
# Headers that say nothing (col3, 列2, Unnamed: 4): the column is judged by its values alone.
_GENERIC_HEADER = re.compile(r"(?:col(?:umn)?|c|f|field|列|項目|unnamed:?|x)? ?\d*")
# Values that are titles of things, not names: digits, quotes, event and product words, long text.
_TITLE_WORDS = (
    "講座",
    "教室",
    "会",
    "セミナー",
    "ツアー",
    "ワークショップ",
    "体験",
    "見学",
    "散策",
    "祭",
    "展",
    "入門",
    "講演",
    "フェア",
    "歩",
    "tour",
    "workshop",
    "seminar",
    "festival",
    "lecture",
    "walk",
    "class",
    "fair",
    "talk",
    "course",
    "meetup",
    "exhibition",
)
# A column is judged on at most this many of its distinct values, taken evenly across it.
PROFILE_SAMPLE = 2_000
_HEX_ID = re.compile(r"[0-9a-f]{12,64}")
_TWELVE = re.compile(r"\d{4}[ \-]?\d{4}[ \-]?\d{4}")
_POSTAL = re.compile(r"〒? ?\d{3}-?\d{4}")
_ID_NUMBER = re.compile(r"[A-Z0-9][A-Z0-9 \-]{7,15}")
_THIRTEEN = re.compile(r"\d{13}")


@dataclass
class ColumnProfile:
    """What a column's header and values say it holds."""

    name: str
    from_header: set[str] = field(default_factory=set)
    from_values: set[str] = field(default_factory=set)
    excluded: set[str] = field(default_factory=set)
    hex_ids: bool = False
    # Values are document types (運転免許証, パスポート): context for the numbers in the same row.
    document_types: bool = False
    # Values are identity-number shaped: their kind may depend on a document-type column in the row.
    id_numbers: bool = False
    # Values are opaque tokens that repeat in the file: a code that re-links rows (scan/members.py).
    link_codes: bool = False

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


def _spread(values: Sequence[str], limit: int) -> list[str]:
    """At most `limit` values taken evenly across the sequence (deterministic)."""
    if len(values) <= limit:
        return list(values)
    step = len(values) / limit
    return [values[int(i * step)] for i in range(limit)]


def document_entity(value: str) -> str | None:
    """The identity document a cell names (運転免許証 -> JP_DRIVERS_LICENSE), or None."""
    key = normalise(value).casefold()
    for entity, words in DOCUMENT_TYPES.items():
        if has_word(key, words):
            return entity
    return None


def is_generic_header(header: str) -> bool:
    """A header that names nothing (col3, 列2, Unnamed: 4, empty)."""
    return bool(_GENERIC_HEADER.fullmatch(header_key(header).strip()))


def looks_like_title(text: str) -> bool:
    """A title of an event or product rather than a name: digits, quotes, event words, or long text."""
    return (
        bool(re.search(r"[0-9「」『』【】]", text))
        or len(text) > 20
        or len(text.split()) >= 4
        or has_word(text.casefold(), _TITLE_WORDS)
    )


def _event_dates(parsed: Sequence[date]) -> bool:
    """Dates of events, not births: some lie in the future, or all fall in one or two recent years."""
    today = date.today()
    if _share(parsed, lambda d: d > today) >= 0.1:
        return True
    years = {d.year for d in parsed}
    return len(parsed) >= 5 and len(years) <= 2 and min(years) >= today.year - 3


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
    values = _spread([v.strip() for v in values if v.strip()], PROFILE_SAMPLE)
    if not values:
        return profile
    if _share(values, _HEX_ID.fullmatch) >= 0.9 and any(re.search("[a-f]", v) for v in values):
        profile.hex_ids = True
        profile.excluded.update(_NUMERIC)
        profile.from_header -= set(_NUMERIC)
        return profile
    _judge_names(profile, values)
    _judge_places(profile, header, values)
    _judge_numbers(profile, values)
    postal = [v for v in values if _POSTAL.fullmatch(v)]
    if len(postal) >= 5 and len(postal) >= 0.8 * len(values):
        from ..reference import postal_code_exists

        if _share(postal, lambda v: postal_code_exists(re.sub(r"\D", "", v))) >= 0.9:
            profile.from_values.add("JP_POSTAL_CODE")
    _judge_dates(profile, key, values)
    # Values win over the header both ways: a `category` column of names is a name column.
    profile.excluded -= profile.from_values
    return profile


def _judge_names(profile: ColumnProfile, values: Sequence[str]) -> None:
    """Names by kept name data (any script) make a name column; a `name` column of titles is not one.

    Chinese names are judged on ten values at least, and not where GiNZA's dictionary reads the value as one
    Japanese word: one Japanese word in five starts with a character that is also a Chinese surname (陶芸, 高校).
    """
    named = [v for v in values if (" " in v and is_kana_reading(v)) or is_name_value(v, chinese=False)]
    share = len(named) / len(values)
    if (len(values) >= 3 and share >= 0.6) or (len(values) >= 10 and _chinese_names(values, named, share)):
        profile.from_values.add("PERSON")
    elif (
        "PERSON" in profile.from_header and len(values) >= 5 and share < 0.2 and _share(values, looks_like_title) >= 0.6
    ):
        # Not a name column; its cells are still free text, where names are looked for.
        profile.from_header.discard("PERSON")


def _chinese_names(values: Sequence[str], named: Sequence[str], share: float) -> bool:
    """Names for the column once Chinese names count, and still so when the values GiNZA's dictionary reads as
    Japanese words (陶芸, 高校 start with a Chinese surname) are taken out."""
    if share + (len(values) - len(named)) / len(values) < 0.6:
        return False
    known = set(named)
    chinese = [v for v in values if v not in known and is_chinese_name_value(v)]
    if share + len(chinese) / len(values) < 0.6:
        return False
    from .ner import japanese_words

    return share + (len(chinese) - len(japanese_words(chinese))) / len(values) >= 0.6


def _judge_places(profile: ColumnProfile, header: str, values: Sequence[str]) -> None:
    """A member's municipality column (札幌市, 横浜市港北区) is an address; a venue or event-place column is not."""
    if "LOCATION" in profile.excluded or len(values) < 3:
        return
    if "LOCATION" not in profile.from_header and not is_generic_header(header):
        return
    if _share(values, is_municipality) >= 0.6:
        profile.from_values.add("LOCATION")


def _judge_numbers(profile: ColumnProfile, values: Sequence[str]) -> None:
    """My Number columns by check digit, product-code columns by GS1 check digit, document-type columns."""
    twelve = [v for v in values if _TWELVE.fullmatch(v)]
    profile.id_numbers = _share(values, _ID_NUMBER.fullmatch) >= 0.5
    thirteen = [v for v in values if _THIRTEEN.fullmatch(v)]
    # One random 13-digit number in ten passes the GS1 check; most passing means JAN/EAN product codes.
    if len(thirteen) >= 5 and len(thirteen) >= 0.5 * len(values) and _share(thirteen, is_valid_ean13) >= 0.6:
        profile.excluded.update(("CREDIT_CARD", "PHONE_NUMBER", "JP_MY_NUMBER", "JP_POSTAL_CODE"))
    # Document types are a handful of short words: a few hundred values tell.
    if _share(values[:200], lambda v: len(v) <= 20 and document_entity(v) is not None) >= 0.6:
        profile.document_types = True
    headed = "JP_MY_NUMBER" in profile.from_header
    verdict = my_number_verdict(twelve, values, headed) if twelve or headed else None
    if verdict:
        # Values (and header) say My Numbers: the kind is settled, a row's document type does not change it.
        profile.from_values.add("JP_MY_NUMBER")
        profile.id_numbers = False
    elif verdict is False:
        # As many valid values as random numbers give: the header is wrong (values win over headers).
        profile.from_header.discard("JP_MY_NUMBER")
        profile.excluded.add("JP_MY_NUMBER")


def _judge_dates(profile: ColumnProfile, key: str, values: Sequence[str]) -> None:
    """Old dates in a headerless column are birth dates; a `birthday` column of event dates is not one."""
    dates = [parse_date(v) for v in values]
    parsed = [d for d in dates if d is not None]
    if len(parsed) < 0.8 * len(values) or not parsed:
        return
    if "DATE_OF_BIRTH" in profile.from_header and len(parsed) >= 5 and _event_dates(parsed):
        profile.from_header.discard("DATE_OF_BIRTH")
        profile.excluded.add("DATE_OF_BIRTH")
        return
    if has_word(key, _OTHER_DATES) or len(values) < 10:
        return
    cutoff = date.today().replace(year=date.today().year - 15)
    if all(date(1900, 1, 1) <= d <= cutoff for d in parsed):
        profile.from_values.add("DATE_OF_BIRTH")
