"""The events table: three events a month from 2024-01 to 2027-03 and a general meeting every June."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta
from random import Random

from indigo_review.reference import PREFECTURES

from .clock import JST, REFERENCE_DATETIME
from .planted import PLANTED_ERRORS
from .wordlists import _HISTORY_LECTURES, _OTHER_LECTURES, _SEASONS, _VISITS, _WORKSHOPS

EVENT_COLUMNS: tuple[str, ...] = (
    "event_id",
    "title",
    "category",
    "venue_prefecture",
    "starts_at",
    "capacity",
    "fee_yen",
)


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
