"""The clean catalogue export: goods and events the society publishes, with nothing personal in it.

It is full of what looks personal and is not: JAN codes (13 digits with a GS1 check digit, some of
which pass Luhn and start like a Visa number), lecture titles naming historical figures, sponsors whose
names carry a surname, venues and stations (梅田, 中之島), staff roles, prices, event dates and the
society's own handles. The release gate must PASS it. Drawn from its own seeded Random, so the other
sample files do not move.
"""

from __future__ import annotations

from datetime import date, timedelta
from random import Random

from stdnum import ean

from .wordlists import (
    _CATALOGUE_HANDLES,
    _CATALOGUE_NOTES,
    _CATALOGUE_PRODUCTS,
    _CATALOGUE_ROLES,
    _CATALOGUE_SPONSORS,
    _CATALOGUE_VENUES,
    _HISTORY_LECTURES,
    _OTHER_LECTURES,
    _VISITS,
    _WORKSHOPS,
)

CATALOGUE_COLUMNS: tuple[str, ...] = (
    "品番",
    "区分",
    "name",
    "JAN",
    "価格",
    "会場",
    "最寄り駅",
    "開催日",
    "担当",
    "協賛",
    "SNS",
    "備考",
)
CATALOGUE_ROWS = 200
_KINDS = (("商品", 40), ("講座", 30), ("見学", 15), ("ワークショップ", 15))
_FIRST_EVENT = date(2026, 12, 1)


def _jan(rng: Random, taken: set[str]) -> str:
    """A JAN-13 code with the Japanese GS1 prefix 49 and a right check digit, not used before."""
    while True:
        body = "49" + "".join(rng.choice("0123456789") for _ in range(10))
        code = body + ean.calc_check_digit(body)
        if code not in taken:
            taken.add(code)
            return code


def _event_title(rng: Random, kind: str) -> str:
    if kind == "講座":
        return rng.choice(_HISTORY_LECTURES) if rng.random() < 0.6 else rng.choice(_OTHER_LECTURES)
    return rng.choice(_VISITS if kind == "見学" else _WORKSHOPS)


def catalogue_rows(rng: Random) -> list[list[str]]:
    """CATALOGUE_ROWS rows of CATALOGUE_COLUMNS."""
    kinds = [kind for kind, _ in _KINDS]
    weights = [weight for _, weight in _KINDS]
    taken: set[str] = set()
    rows = []
    for number in range(1, CATALOGUE_ROWS + 1):
        kind = rng.choices(kinds, weights)[0]
        role = rng.choice(_CATALOGUE_ROLES)
        handle = rng.choice(_CATALOGUE_HANDLES)
        note = rng.choice(_CATALOGUE_NOTES) if rng.random() < 0.6 else ""
        if kind == "商品":
            price = str(rng.choice((300, 500, 800, 1200, 1500, 2000, 3500)))
            item = rng.choice(_CATALOGUE_PRODUCTS)
            rows.append([f"IG-{number:04d}", kind, item, _jan(rng, taken), price, "", "", "", role, "", handle, note])
            continue
        venue, station, _ = rng.choice(_CATALOGUE_VENUES)
        day = _FIRST_EVENT + timedelta(days=rng.randrange(0, 365))
        sponsor = rng.choice(_CATALOGUE_SPONSORS) if rng.random() < 0.4 else ""
        price = str(rng.choice((0, 500, 1000, 1500, 2000, 3000)))
        title = _event_title(rng, kind)
        when = day.isoformat()
        rows.append([f"IG-{number:04d}", kind, title, "", price, venue, station, when, role, sponsor, handle, note])
    return rows
