"""Japanese prefectures and the eight regions, read from `data/prefectures.csv` (JIS X 0401 order)."""

from __future__ import annotations

import csv
from dataclasses import dataclass
from importlib.resources import files


@dataclass(frozen=True)
class Prefecture:
    """One of the 47 prefectures: JIS code, names, region, its capital's phone area code, 2020 population."""

    code: int
    name: str
    name_en: str
    region: str
    capital_area_code: str
    population_10k: int


def _rows(name: str) -> list[dict[str, str]]:
    with (files(__package__) / "data" / name).open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


# Why a tuple in file order and not a set: the JIS order runs north to south and reports list prefectures in it.
PREFECTURES: tuple[Prefecture, ...] = tuple(
    Prefecture(
        int(row["code"]),
        row["name"],
        row["name_en"],
        row["region"],
        row["capital_area_code"],
        int(row["population_10k"]),
    )
    for row in _rows("prefectures.csv")
)
PREFECTURE_BY_NAME: dict[str, Prefecture] = {p.name: p for p in PREFECTURES}
REGIONS: tuple[str, ...] = tuple(row["region"] for row in _rows("regions.csv"))


def region_of(prefecture: str) -> str | None:
    """Return the region of a prefecture name, or None when the name is not a prefecture."""
    found = PREFECTURE_BY_NAME.get(prefecture)
    return found.region if found else None


def prefecture_prefix(address: str) -> str | None:
    """Return the prefecture an address starts with, or None."""
    for name in PREFECTURE_BY_NAME:
        if address.startswith(name):
            return name
    return None
