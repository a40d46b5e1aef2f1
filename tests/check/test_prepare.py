"""The prepared columns the suites state expectations on: ages, duplicates, cross-table links."""

from __future__ import annotations

from datetime import date

import pandas as pd

from indigo_review.check.prepare import age_on, duplicate_of, prepare_signups, prepare_tables


def _members(**columns: list[str]) -> pd.DataFrame:
    base = {
        "member_id": ["M000001", "M000002", "M000003"],
        "name_kanji": ["山田　太郎", "山田 太郎", "佐藤　花子"],
        "birth_date": ["1980-04-12", "1980-04-12", "1990-01-01"],
        "phone": ["090-1234-5678", "０９０１２３４５６７８", "03-1234-5678"],
    }
    return pd.DataFrame({**base, **columns})


def test_age_counts_whole_years_up_to_the_reference_date() -> None:
    births = pd.to_datetime(pd.Series(["1980-11-01", "1980-11-02", None]))
    assert age_on(births, date(2026, 11, 1)).tolist() == [46, 45, pd.NA]


def test_a_birth_date_after_the_reference_date_has_no_age() -> None:
    births = pd.to_datetime(pd.Series(["2057-11-05"]))
    assert age_on(births, date(2026, 11, 1)).isna().all()


def test_duplicate_links_the_later_id_to_the_first_after_normalising_name_and_phone() -> None:
    links = duplicate_of(_members())
    assert links.isna().tolist() == [True, False, True]
    assert links[1] == "M000001"


def test_same_name_and_birth_date_with_another_phone_is_not_a_duplicate() -> None:
    members = _members(phone=["090-1234-5678", "090-9999-0000", "03-1234-5678"])
    assert duplicate_of(members).isna().all()


def test_the_first_id_is_kept_whatever_the_row_order() -> None:
    members = _members().iloc[::-1].reset_index(drop=True)
    links = duplicate_of(members)
    assert links[members["member_id"] == "M000002"].tolist() == ["M000001"]
    assert links[members["member_id"] == "M000001"].isna().all()


def test_signups_learn_whether_member_and_event_exist_and_when_the_event_starts() -> None:
    signups = pd.DataFrame({"signup_id": ["S1", "S2"], "member_id": ["M1", "M9"], "event_id": ["E1", "E9"]})
    members = pd.DataFrame({"member_id": ["M1"]})
    events = pd.DataFrame({"event_id": ["E1"], "starts_at": ["2024-01-13T14:00:00+09:00"]})
    out = prepare_signups(signups, members, events)
    assert out["member_found"].tolist() == [True, False]
    assert out["event_found"].tolist() == [True, False]
    assert out["event_starts_at_value"][0] == pd.Timestamp("2024-01-13T05:00:00Z")
    assert pd.isna(out["event_starts_at_value"][1])


def test_blank_cells_become_missing_and_inputs_are_not_modified() -> None:
    members = _members(consent_analysis=["true", " ", ""])
    events = pd.DataFrame({"event_id": ["E1"], "capacity": ["x"], "fee_yen": ["-500"], "starts_at": ["bad"]})
    signups = pd.DataFrame({"signup_id": ["S1"], "member_id": ["M000001"], "event_id": ["E1"]})
    before = members.copy()
    prepared = prepare_tables({"members": members, "events": events, "signups": signups}, date(2026, 11, 1))
    assert prepared["members"]["consent_analysis"].isna().tolist() == [False, True, True]
    assert prepared["events"]["capacity_value"].isna().all() and prepared["events"]["fee_yen_value"][0] == -500
    assert prepared["events"]["starts_at_value"].isna().all()
    pd.testing.assert_frame_equal(members, before)


def test_a_missing_source_column_leaves_its_derived_column_out() -> None:
    members = _members().drop(columns=["birth_date"])
    events = pd.DataFrame({"event_id": ["E1"]})
    signups = pd.DataFrame({"signup_id": ["S1"]})
    prepared = prepare_tables({"members": members, "events": events, "signups": signups}, date(2026, 11, 1))
    assert not {"birth_date_value", "age_years", "duplicate_of"} & set(prepared["members"].columns)
