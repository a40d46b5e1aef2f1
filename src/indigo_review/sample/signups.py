"""The sign-ups table: members sign up for events in their region mostly, through one of six channels."""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass
from datetime import datetime, timedelta
from itertools import accumulate
from random import Random

from indigo_review.reference import PREFECTURE_BY_NAME

from .clock import REFERENCE_DATETIME
from .events import _Event
from .members import _email, _Member, _phone_parts, _street_address
from .planted import PLANTED_ERRORS
from .wordlists import _HARMLESS_COMMENTS

CHANNELS: tuple[str, ...] = ("web", "social", "email", "mail", "phone", "oral")
SIGNUP_COLUMNS: tuple[str, ...] = (
    "signup_id",
    "event_id",
    "member_id",
    "signed_up_at",
    "channel",
    "attended",
    "comment",
)


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
