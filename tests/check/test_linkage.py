"""Likely duplicate members by record linkage: found when one field changed, scored, with the fields that agree."""

from __future__ import annotations

from datetime import date

import pandas as pd
import pytest

from indigo_review.check.linkage import agreeing_fields, duplicate_pairs, model
from indigo_review.check.prepare import prepare_members

from ..conftest import SAMPLE

AS_OF = date(2026, 11, 1)


@pytest.fixture(scope="module")
def members() -> pd.DataFrame:
    """The sample's members without its planted duplicate (a society's table: thousands, not dozens)."""
    frame = pd.read_csv(SAMPLE / "members.csv", dtype=str, keep_default_na=False)
    return frame[frame["member_id"] != "M002401"].reset_index(drop=True)


def _with_copy(members: pd.DataFrame, source: str, new_id: str, **changes: str) -> pd.DataFrame:
    copy = members[members["member_id"] == source].copy()
    copy["member_id"] = new_id
    for column, value in changes.items():
        copy[column] = value
    return prepare_members(pd.concat([members, copy], ignore_index=True), AS_OF)


def test_clean_members_have_no_duplicates(members: pd.DataFrame) -> None:
    assert duplicate_pairs(prepare_members(members, AS_OF)).empty


def test_a_duplicate_whose_phone_changed_is_found_with_the_fields_that_agree(members: pd.DataFrame) -> None:
    pairs = duplicate_pairs(_with_copy(members, "M000010", "M009001", phone="080-9999-1111"))
    assert pairs[["member_id", "duplicate_of"]].values.tolist() == [["M009001", "M000010"]]
    assert "phone" not in pairs.loc[0, "agreeing"].split(", ")
    assert {"name_kanji", "name_kana", "birth_date", "email"} <= set(pairs.loc[0, "agreeing"].split(", "))
    assert pairs.loc[0, "score"] >= model()["threshold"]


def test_a_duplicate_with_a_typo_in_the_name_and_a_new_email_is_found(members: pd.DataFrame) -> None:
    name = members.loc[members["member_id"] == "M000020", "name_kanji"].iloc[0]
    pairs = duplicate_pairs(
        _with_copy(members, "M000020", "M009002", email="new@example.org", name_kanji=name[:-1] + "子")
    )
    assert pairs["member_id"].tolist() == ["M009002"]
    assert "name_kanji (one apart)" in pairs.loc[0, "agreeing"]


def test_a_duplicate_written_differently_is_found(members: pd.DataFrame) -> None:
    row = members[members["member_id"] == "M000030"].iloc[0]
    changes = {
        "name_kanji": row["name_kanji"].replace("\u3000", " "),
        "phone": "+81 " + row["phone"].lstrip("0"),
        "email": row["email"].upper(),
    }
    assert duplicate_pairs(_with_copy(members, "M000030", "M009003", **changes))["member_id"].tolist() == ["M009003"]


def test_the_same_name_and_birth_date_with_every_contact_different_is_not_a_duplicate(members: pd.DataFrame) -> None:
    changes = {
        "email": "x@example.org",
        "phone": "03-9999-1111",
        "postal_code": "100-0001",
        "address": "千代田区千代田1-1",
    }
    assert duplicate_pairs(_with_copy(members, "M000040", "M009004", **changes)).empty


def test_one_member_has_no_pairs_and_needs_no_database() -> None:
    one = prepare_members(pd.read_csv(SAMPLE / "members.csv", dtype=str, keep_default_na=False).head(1), AS_OF)
    assert duplicate_pairs(one).empty


def test_agreeing_fields_name_the_columns_not_the_values() -> None:
    left = pd.Series({"name": "山田太郎", "email": "a@example.com", "phone": "09012345678"})
    right = pd.Series({"name": "山田太朗", "email": "a@example.com", "phone": "09012345679"})
    assert agreeing_fields(left, right) == "name_kanji (one apart), email, phone (one apart)"
