"""The members table: invented members with contact details, birth date, join date, consents and status.

The helpers that draw a phone number, postal code, street address or e-mail address are also used for
the personal data planted in sign-up comments and in the leaky export.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date, timedelta
from functools import cache
from itertools import count
from random import Random

from indigo_review.reference import PREFECTURE_BY_NAME, PREFECTURES

from .clock import REFERENCE_DATE, _add_years, _random_day
from .planted import DUPLICATED_MEMBER, PLANTED_ERRORS
from .wordlists import _BUILDINGS, EMAIL_DOMAINS, GIVEN_NAMES, POSTAL_TABLE, SURNAMES, PostalRow

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
_AGES = tuple(range(18, 91))
_AGE_WEIGHTS = tuple(6 if a < 30 else 9 if a < 45 else 12 if a < 75 else 6 if a < 85 else 2 for a in _AGES)
_LATEST_BIRTH = date(2008, 9, 30)  # leaves a month to join before the reference date

_FULL_WIDTH = str.maketrans("0123456789-", "０１２３４５６７８９－")
_KATAKANA_TO_HIRAGANA = {code: code - 0x60 for code in range(0x30A1, 0x30F7)}


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


# Cached: drawing a million invented members would otherwise filter the name and postal tables each time.
@cache
def _given_names_for(gender: str) -> tuple[tuple[str, str, str, str], ...]:
    wanted = {"F": ("F", "U"), "M": ("M", "U")}.get(gender, ("F", "M", "U"))
    return tuple(g for g in GIVEN_NAMES if g[3] in wanted)


def _pick_given(rng: Random, gender: str) -> tuple[str, str, str, str]:
    return rng.choice(_given_names_for(gender))


@cache
def _postal_rows_for(prefecture: str) -> tuple[PostalRow, ...]:
    return tuple(row for row in POSTAL_TABLE if row.prefecture == prefecture)


@dataclass
class _Drawn:
    """People, phones and e-mail addresses drawn so far: the sample never draws one twice."""

    people: set[tuple[str, str, date]] = field(default_factory=set)
    phones: set[str] = field(default_factory=set)
    emails: set[str] = field(default_factory=set)


def _draw_member(rng: Random, member_id: str, prefecture: str, drawn: _Drawn) -> _Member:
    """One member living in `prefecture`, with a person, a phone and an e-mail address not drawn before."""
    gender = rng.choices(("F", "M", "X", ""), (48, 46, 2, 4))[0]
    while True:
        surname = rng.choice(SURNAMES)
        given = _pick_given(rng, gender)
        age = rng.choices(_AGES, _AGE_WEIGHTS)[0]
        first = _add_years(REFERENCE_DATE, -age - 1) + timedelta(days=1)
        last = min(_add_years(REFERENCE_DATE, -age), _LATEST_BIRTH)
        birth = _random_day(rng, first, last)
        if (surname[0], given[0], birth) not in drawn.people:
            break
    drawn.people.add((surname[0], given[0], birth))
    mobile = rng.random() < 0.65
    while True:
        parts = _phone_parts(rng, prefecture, mobile)
        if "".join(parts) not in drawn.phones:
            break
    drawn.phones.add("".join(parts))
    while True:
        email = _email(rng, surname, given, birth)
        if email not in drawn.emails:
            break
    drawn.emails.add(email)
    postal = rng.choice(_postal_rows_for(prefecture))
    earliest_join = max(_add_years(birth, 18), date(2001, 4, 1))
    joined = _random_day(rng, earliest_join, REFERENCE_DATE - timedelta(days=1))
    return _Member(
        member_id=member_id,
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

    drawn = _Drawn()
    return [_draw_member(rng, f"M{index + 1:06d}", prefecture, drawn) for index, prefecture in enumerate(prefectures)]


def invented_members(rng: Random) -> Iterator[_Member]:
    """Members drawn as the sample's are, without end, in prefectures weighted by population: for larger exports.

    Unlike the sample's members, two of them may share a name, a phone or an e-mail address, as in a large file.
    """
    names = [p.name for p in PREFECTURES]
    population = [p.population_10k for p in PREFECTURES]
    for index in count(1):
        yield _draw_member(rng, f"M{index:07d}", rng.choices(names, population)[0], _Drawn())


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

    original = by_id[DUPLICATED_MEMBER]
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
