"""The prefecture table in data/prefectures.csv: 47 prefectures in JIS order, each in one of eight regions."""

from __future__ import annotations

from indigo_review.reference import PREFECTURE_BY_NAME, PREFECTURES, REGIONS, prefecture_prefix, region_of


def test_forty_seven_prefectures_in_jis_order() -> None:
    assert [p.code for p in PREFECTURES] == list(range(1, 48))
    assert PREFECTURES[0].name == "北海道" and PREFECTURES[-1].name == "沖縄県"


def test_every_prefecture_is_in_one_of_the_eight_regions() -> None:
    assert len(REGIONS) == 8
    assert {p.region for p in PREFECTURES} == set(REGIONS)


def test_region_and_prefix_lookups() -> None:
    assert region_of("大阪府") == "近畿" and region_of("大阪") is None
    assert prefecture_prefix("神奈川県横浜市港北区") == "神奈川県"
    assert prefecture_prefix("横浜市") is None


def test_capital_area_codes_are_phone_prefixes() -> None:
    assert PREFECTURE_BY_NAME["東京都"].capital_area_code == "03"
    assert all(p.capital_area_code.startswith("0") for p in PREFECTURES)
