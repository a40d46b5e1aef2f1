"""The exports: a clean planning export (counts, no cell under MIN_CELL_COUNT) and a leaky export with its truth.

The leaky export is what a careless release looks like: a row per member with contact details, birth
date, My Number, order numbers, app versions, masked cards and a free-text remark that sometimes holds
personal data. Its truth lists (row, column, entity) for every planted personal value. `leaky_rows`
makes rows of the same shape about invented members, as many as asked, for the scan's benchmark.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from datetime import date, timedelta
from random import Random

from indigo_review import vocabulary
from indigo_review.reference import (
    PREFECTURE_BY_NAME,
    PREFECTURES,
    REGIONS,
    age_on,
    format_era_date,
    is_valid_my_number,
    my_number_check_digit,
)

from .events import _Event, _make_events
from .members import _email, _format_phone, _Member, _phone_parts, _street_address, invented_members
from .planted import DUPLICATED_MEMBER, PLANTED_ERRORS
from .signups import CHANNELS, _Signup
from .wordlists import (
    _COLUMN_ENTITIES,
    _LEAKY_HARMLESS,
    _REMARK_MIX,
    _TEST_CARDS,
    GIVEN_NAMES,
    POSTAL_TABLE,
    SURNAMES,
)

PLANNING_COLUMNS: tuple[str, ...] = (
    "event_id",
    "category",
    "month",
    "region",
    "age_band",
    "channel",
    "signups",
    "attended",
)
LEAKY_COLUMNS: tuple[str, ...] = (
    "会員番号",
    "氏名",
    "フリガナ",
    "メール",
    "電話番号",
    "郵便番号",
    "住所",
    "生年月日",
    "個人番号",
    "参加イベント",
    "イベント日",
    "注文番号",
    "アプリ版",
    "カード",
    "備考",
)
# The entities this data set plants in the leaky export (the names its truth file uses): the shared
# vocabulary less the identity documents the sample never plants.
NOT_PLANTED = frozenset({"JP_DRIVERS_LICENSE", "JP_RESIDENCE_CARD", "JP_PENSION_NUMBER"})
ENTITIES: tuple[str, ...] = tuple(e for e in vocabulary.PERSONAL_DATA_ENTITIES if e not in NOT_PLANTED)
# The planning export drops any cell smaller than this so no row points at a handful of people.
MIN_CELL_COUNT = 5
ALL = "全体"
# Remark kinds the sample's own export leaves out (its mix is data/remark_mix.csv): `leaky_rows` adds them, so
# that a date of birth and a My Number in free text are measured too. (kind, weight; the sample's add up to 200)
EXTRA_REMARK_KINDS: tuple[tuple[str, int], ...] = (("dob", 4), ("my_number", 6))


def _age_band(age: int) -> str:
    if age < 30:
        return "18-29"
    if age >= 80:
        return "80+"
    decade = age // 10 * 10
    return f"{decade}-{decade + 9}"


_AGE_BANDS = ("18-29", "30-39", "40-49", "50-59", "60-69", "70-79", "80+")


def _planning_rows(members: list[_Member], events: list[_Event], signups: list[_Signup]) -> list[list[str]]:
    planted = {e.record_id for e in PLANTED_ERRORS if e.table == "signups"}
    member_by_id = {m.member_id: m for m in members}
    event_by_id = {e.event_id: e for e in events}
    counts: dict[tuple[str, str, str, str], list[int]] = {}
    for signup in signups:
        member = member_by_id.get(signup.member_id)
        event = event_by_id.get(signup.event_id)
        if signup.signup_id in planted or member is None or event is None or signup.attended == "":
            continue
        region = PREFECTURE_BY_NAME[member.postal.prefecture].region
        band = _age_band(age_on(member.birth, event.starts_at.date()))
        for key in ((ALL, ALL, ALL), (region, ALL, ALL), (ALL, band, ALL), (ALL, ALL, signup.channel)):
            cell = counts.setdefault((event.event_id, *key), [0, 0])
            cell[0] += 1
            cell[1] += signup.attended == "true"
    order = {value: i for i, value in enumerate((ALL, *REGIONS, *_AGE_BANDS, *CHANNELS))}
    rows: list[list[str]] = []
    for (event_id, region, band, channel), (total, attended) in sorted(
        counts.items(), key=lambda item: (item[0][0], order[item[0][1]], order[item[0][2]], order[item[0][3]])
    ):
        if total < MIN_CELL_COUNT or attended < MIN_CELL_COUNT:
            continue
        event = event_by_id[event_id]
        rows.append(
            [
                event_id,
                event.category,
                event.starts_at.strftime("%Y-%m"),
                region,
                band,
                channel,
                str(total),
                str(attended),
            ]
        )
    return rows


def _random_phone_text(rng: Random) -> str:
    mobile = rng.random() < 0.6
    prefecture = rng.choice([p.name for p in PREFECTURES])
    return _format_phone(rng, _phone_parts(rng, prefecture, mobile), mobile)


def _random_person(rng: Random) -> tuple[tuple[str, str, str], tuple[str, str, str, str]]:
    return rng.choice(SURNAMES), rng.choice(GIVEN_NAMES)


def _order_number(rng: Random) -> str:
    length = rng.choice((10, 11, 12))
    while True:
        number = str(rng.randint(1, 9)) + "".join(str(rng.randint(0, 9)) for _ in range(length - 1))
        # A 12-digit order number must not pass as a My Number, or the truth file would be wrong.
        if length < 12 or not is_valid_my_number(number):
            return number


def _my_number(rng: Random) -> str:
    first = "".join(str(rng.randint(0, 9)) for _ in range(11))
    digits = first + str(my_number_check_digit(first))
    style = rng.choices(("plain", "space", "hyphen"), (50, 30, 20))[0]
    if style == "space":
        return f"{digits[:4]} {digits[4:8]} {digits[8:]}"
    if style == "hyphen":
        return f"{digits[:4]}-{digits[4:8]}-{digits[8:]}"
    return digits


def _remark(rng: Random, kind: str) -> tuple[str, list[str]]:
    surname, given = _random_person(rng)
    email = _email(rng, surname, given, date(1980, 1, 1))
    if kind == "empty":
        return "", []
    if kind == "harmless":
        if rng.random() < 0.15:
            return f"注文番号{_order_number(rng)}の入金確認済み", []
        return rng.choice(_LEAKY_HARMLESS), []
    if kind == "person":
        return rng.choice(
            (
                f"{surname[0]}様より電話で問い合わせあり",
                f"{surname[0]}さんの紹介で入会",
                f"{surname[0]}{given[0]}様 欠席連絡あり",
            )
        ), ["PERSON"]
    if kind == "email":
        return f"連絡先メール {email}", ["EMAIL_ADDRESS"]
    if kind == "email_full":
        local, domain = email.split("@")
        return f"メールは{local}＠{domain}まで", ["EMAIL_ADDRESS"]
    if kind == "phone":
        return f"日中の連絡先 {_random_phone_text(rng)}", ["PHONE_NUMBER"]
    if kind == "ip":
        prefix = rng.choice(("192.0.2", "198.51.100", "203.0.113"))
        return f"申込元IP {prefix}.{rng.randint(1, 254)}", ["IP_ADDRESS"]
    if kind == "card":
        return f"テスト決済 {rng.choice(_TEST_CARDS)} で確認", ["CREDIT_CARD"]
    if kind == "passport":
        number = rng.choice(("TK", "TZ", "TR", "TS", "MU")) + f"{rng.randint(0, 9999999):07d}"
        return f"旅券番号 {number} 確認済み", ["JP_PASSPORT"]
    if kind == "person_phone":
        return f"{surname[0]}さん（{_random_phone_text(rng)}）から電話あり", ["PERSON", "PHONE_NUMBER"]
    if kind == "person_email":
        return f"{surname[0]}様 {email} へ案内送付", ["PERSON", "EMAIL_ADDRESS"]
    if kind == "dob":
        day = date(1940, 1, 1) + timedelta(days=rng.randint(0, 25000))
        return f"{day.year}年{day.month}月{day.day}日生まれ", ["DATE_OF_BIRTH"]
    if kind == "my_number":
        return f"マイナンバー {_my_number(rng)} 提出済み", ["JP_MY_NUMBER"]
    postal = rng.choice(POSTAL_TABLE)
    return f"送付先変更：{postal.prefecture}{_street_address(rng, postal)}", ["LOCATION"]


def _leaky_row(
    rng: Random, row_index: int, member: _Member, event: _Event, kind: str
) -> tuple[list[str], list[list[str]]]:
    """One row of the leaky export about `member`, who signed up for `event`, with a remark of `kind`; and its truth."""

    def maybe(value: str, empty_share: float) -> str:
        return "" if rng.random() < empty_share else value

    birth_styles = (member.birth.isoformat(), member.birth.strftime("%Y/%m/%d"), format_era_date(member.birth))
    birth = rng.choices(birth_styles, (40, 30, 30))[0]
    code = member.postal.postal_code
    postal = member.postal_code if rng.random() < 0.9 else f"〒{code[:3]}-{code[3:]}"
    version = ".".join(str(rng.randint(0, n)) for n in (3, 9, 20, 30)[: rng.choice((3, 4, 4))])
    remark, remark_entities = _remark(rng, kind)
    values = {
        "会員番号": member.member_id,
        "氏名": member.name_kanji,
        "フリガナ": maybe(member.name_kana, 0.1),
        "メール": maybe(member.email, 0.08),
        "電話番号": maybe(member.phone, 0.1),
        "郵便番号": maybe(postal, 0.05),
        "住所": maybe(f"{member.prefecture}{member.address}", 0.05),
        "生年月日": maybe(birth, 0.05),
        "個人番号": maybe(_my_number(rng), 0.4),
        "参加イベント": event.title,
        "イベント日": event.starts_at.strftime(rng.choice(("%Y-%m-%d", "%Y/%m/%d"))),
        "注文番号": maybe(_order_number(rng), 0.3),
        "アプリ版": maybe(str(rng.randint(1, 3)) + version[1:], 0.1),
        "カード": maybe(f"****-****-****-{rng.randint(0, 9999):04d}", 0.6),
        "備考": remark,
    }
    truth = [
        [str(row_index), column, _COLUMN_ENTITIES[column]]
        for column in LEAKY_COLUMNS
        if values[column] and column in _COLUMN_ENTITIES
    ]
    truth.extend([str(row_index), "備考", entity] for entity in remark_entities)
    return [values[column] for column in LEAKY_COLUMNS], truth


def _leaky_export(
    rng: Random, members: list[_Member], events: list[_Event], signups: list[_Signup]
) -> tuple[list[list[str]], list[list[str]]]:
    """The sample's leaky export: members who signed up for an event, each once, and its truth."""
    planted = {e.record_id for e in PLANTED_ERRORS} | {DUPLICATED_MEMBER}
    member_by_id = {m.member_id: m for m in members if m.member_id not in planted}
    event_by_id = {e.event_id: e for e in events}
    by_member: dict[str, list[_Signup]] = {}
    for signup in signups:
        if signup.signup_id in planted or signup.event_id not in event_by_id:
            continue
        if signup.member_id in member_by_id:
            by_member.setdefault(signup.member_id, []).append(signup)
    kinds = [kind for kind, count in _REMARK_MIX for _ in range(count)]
    rng.shuffle(kinds)
    rows: list[list[str]] = []
    truth: list[list[str]] = []
    for row_index, member_id in enumerate(rng.sample(sorted(by_member), len(kinds))):
        member = member_by_id[member_id]
        event = event_by_id[rng.choice(by_member[member_id]).event_id]
        row, row_truth = _leaky_row(rng, row_index, member, event, kinds[row_index])
        rows.append(row)
        truth.extend(row_truth)
    return rows, truth


def leaky_rows(
    rng: Random, n: int, mix: Sequence[tuple[str, int]] = (*_REMARK_MIX, *EXTRA_REMARK_KINDS)
) -> Iterator[tuple[list[str], list[list[str]]]]:
    """`n` rows of the leaky export's shape (LEAKY_COLUMNS) about invented members, each with its truth rows.

    Drawn as the sample's leaky export is, with remarks of the kinds in `mix` by weight, at the events of
    the sample's calendar; the truth rows are [row, column, entity] as in leaky_export_truth.csv.
    """
    events = _make_events(rng)
    kinds, weights = zip(*mix, strict=True)
    members = invented_members(rng)
    for row_index in range(n):
        member = next(members)
        event = rng.choice(events)
        yield _leaky_row(rng, row_index, member, event, rng.choices(kinds, weights)[0])
