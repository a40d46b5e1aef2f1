"""The prepared columns the suites state expectations on: ages, duplicates, cross-table links."""

from __future__ import annotations

from datetime import date

import pandas as pd

from indigo_review.check.prepare import age_on, prepare_events, prepare_signups, prepare_tables


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


def test_signups_learn_whether_member_and_event_exist_and_when_the_event_starts() -> None:
    signups = pd.DataFrame({"signup_id": ["S1", "S2"], "member_id": ["M1", "M9"], "event_id": ["E1", "E9"]})
    members = pd.DataFrame({"member_id": ["M1"]})
    events = pd.DataFrame({"event_id": ["E1"], "starts_at": ["2024-01-13T14:00:00+09:00"]})
    out = prepare_signups(signups, members, events, date(2026, 11, 1))
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
    assert not {"birth_date_value", "age_years", "joined_age_years", "duplicate_of"} & set(prepared["members"].columns)


AS_OF = date(2026, 11, 1)


def _attendance(starts_at: str, attended: str) -> pd.Series:
    signups = pd.DataFrame({"signup_id": ["S1"], "member_id": ["M1"], "event_id": ["E1"], "attended": [attended]})
    events = pd.DataFrame({"event_id": ["E1"], "starts_at": [starts_at]})
    out = prepare_signups(signups.replace("", pd.NA), pd.DataFrame({"member_id": ["M1"]}), events, AS_OF)
    return out[["attendance_before_event", "attendance_missing"]].iloc[0]


def test_attendance_for_an_event_on_or_after_the_reference_day_is_recorded_too_early() -> None:
    assert _attendance("2026-11-01T10:00:00+09:00", "true").tolist() == [True, False]
    assert _attendance("2026-10-31T23:00:00+09:00", "true").tolist() == [False, False]


def test_attendance_is_missing_only_a_week_after_the_event() -> None:
    assert _attendance("2026-10-20T10:00:00+09:00", "").tolist() == [False, True]
    assert _attendance("2026-10-28T10:00:00+09:00", "").tolist() == [False, False]


def test_the_reference_date_moves_what_is_past_and_nothing_else() -> None:
    signups = pd.DataFrame({"signup_id": ["S1"], "member_id": ["M1"], "event_id": ["E1"], "attended": ["true"]})
    events = pd.DataFrame({"event_id": ["E1"], "starts_at": ["2026-11-10T10:00:00+09:00"]})
    members = pd.DataFrame({"member_id": ["M1"]})
    before = prepare_signups(signups, members, events, date(2026, 11, 1))["attendance_before_event"]
    after = prepare_signups(signups, members, events, date(2026, 11, 11))["attendance_before_event"]
    assert (before.tolist(), after.tolist()) == ([True], [False])


def test_a_sign_up_before_its_member_joined_is_judged_on_the_day_in_japan() -> None:
    signups = pd.DataFrame(
        {
            "signup_id": ["S1", "S2", "S3"],
            "member_id": ["M1", "M1", "M9"],
            # 23:30 UTC on 1 January is 08:30 on 2 January in Japan: the day the member joined.
            "signed_up_at": ["2024-01-01T23:30:00Z", "2024-01-01T14:00:00Z", "2024-01-01T23:30:00Z"],
        }
    )
    members = pd.DataFrame({"member_id": ["M1"], "joined_on": ["2024-01-02"]})
    out = prepare_signups(signups, members, pd.DataFrame(), AS_OF)
    assert out["signed_before_joining"].tolist() == [False, True, False]
    assert out["signed_up_days_after_as_of"].tolist() == [-1034, -1035, -1034]


def test_events_count_sign_ups_and_attendance_per_place() -> None:
    events = pd.DataFrame(
        {"event_id": ["E1", "E2"], "capacity": ["2", "0"], "starts_at": ["2026-01-01T10:00:00+09:00"] * 2}
    )
    signups = pd.DataFrame({"event_id": ["E1", "E1", "E1", "E2"], "attended": ["true", "true", "false", pd.NA]})
    out = prepare_events(events.astype("str"), signups.astype("str"), AS_OF)
    assert out["signups_per_place"].tolist() == [1.5, float("inf")]
    assert out["attended_per_place"][0] == 1.0


def test_an_event_start_is_counted_in_days_after_the_reference_date() -> None:
    events = pd.DataFrame(
        {"event_id": ["E1", "E2"], "starts_at": ["2026-11-01T00:00:00+09:00", "2029-11-02T10:00:00+09:00"]}
    )
    out = prepare_events(events, pd.DataFrame(), AS_OF)
    assert out["starts_days_after_as_of"].tolist() == [0, 1097]
    assert out["starts_at_year"].tolist() == [2026, 2029]


def test_age_on_joining_is_whole_years_and_missing_when_joined_before_birth() -> None:
    members = pd.DataFrame({"birth_date": ["2000-05-02", "2000-05-02"], "joined_on": ["2015-05-01", "1999-01-01"]})
    out = prepare_tables({"members": members, "events": pd.DataFrame(), "signups": pd.DataFrame()}, AS_OF)["members"]
    assert out["joined_age_years"][0] == 14 and pd.isna(out["joined_age_years"][1])
