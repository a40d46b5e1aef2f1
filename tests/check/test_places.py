"""Address, postal code and prefecture agree by Japan Post; each way they disagree is its own defect."""

from __future__ import annotations

import pandas as pd
import pytest

from indigo_review.check.places import address_defect, address_defects, fold_place
from indigo_review.check.rules import address_matches_postal_code

from .support import validate_one


@pytest.mark.parametrize(
    ("address", "postal", "prefecture", "defect"),
    [
        ("大阪市都島区都島北通3-10-6", "5340014", "大阪府", None),
        ("大阪府大阪市都島区都島北通3-10-6", "5340014", "大阪府", None),
        ("奥多摩町氷川1-1", "1980212", "東京都", None),
        ("札幌市北区屯田7条1-1", "0020857", "北海道", None),
        ("東京都大阪市都島区都島北通3-10-6", "5340014", "大阪府", "address_prefecture_differs"),
        ("横浜市中区本町1-1", "5340014", "大阪府", "city_of_another_prefecture"),
        ("大阪市北区梅田1-1", "5340014", "大阪府", "city_not_of_postal_code"),
        ("大阪市都島区中野町1-1", "5340014", "大阪府", "town_not_of_postal_code"),
        ("どこか1-1", "5340014", "大阪府", "city_unknown"),
        ("府中市宮西町1-1", None, "東京都", None),
        ("府中市宮西町1-1", None, "大阪府", "city_of_another_prefecture"),
        (" 大阪市都島区都島北通3-10-6", "5340014", "大阪府", "stray_space"),
    ],
)
def test_address_against_postal_code_and_prefecture(
    address: str, postal: str | None, prefecture: str, defect: str | None
) -> None:
    assert address_defect(address, postal, prefecture) == defect


def test_kanji_numerals_and_small_ke_are_folded_before_towns_are_compared() -> None:
    assert fold_place("北四十八条東") == fold_place("北48条東") == "北48条東"
    assert fold_place("霞ケ関") == fold_place("霞が関")


def test_the_vectorised_rule_agrees_with_the_one_by_one_rule() -> None:
    addresses = pd.Series(["大阪市都島区都島北通3-10-6", "横浜市中区本町1-1", "大阪市都島区中野町1-1", None])
    postal = pd.Series(["5340014"] * 4)
    prefectures = pd.Series(["大阪府"] * 4)
    codes = address_defects(addresses, postal, prefectures)
    assert codes.fillna("").tolist() == [
        address_defect(a, "5340014", "大阪府") or "" if isinstance(a, str) else "" for a in addresses
    ]
    assert codes.fillna("").tolist() == ["", "city_of_another_prefecture", "town_not_of_postal_code", ""]


def test_a_member_who_moved_without_a_new_postal_code_fails_the_expectation() -> None:
    frame = pd.DataFrame(
        {
            "address": ["大阪市都島区都島北通3-10-6", "千代田区千代田1-1", None],
            "postal_code": ["534-0014", "534-0014", "534-0014"],
            "prefecture": ["大阪府", "大阪府", "大阪府"],
        }
    )
    success, rows = validate_one(
        frame,
        "expect_multicolumn_values_address_to_match_postal_code",
        column_list=["address", "postal_code", "prefecture"],
    )
    assert (success, rows) == (False, [1])
    assert address_matches_postal_code(frame["address"], frame["postal_code"], frame["prefecture"]).tolist() == [
        True,
        False,
        True,
    ]


def test_every_sample_address_agrees_except_the_planted_one() -> None:
    from ..conftest import SAMPLE

    members = pd.read_csv(SAMPLE / "members.csv", dtype=str, keep_default_na=False)
    agrees = address_matches_postal_code(members["address"], members["postal_code"], members["prefecture"])
    assert members.loc[~agrees, "member_id"].tolist() == ["M000303"]
