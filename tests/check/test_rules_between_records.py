"""The rules between rows and tables, and the reference date: one small dataset with one planted error per rule,
checked once; each planted record is found by its own rule, and the clean ones are not found at all."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pandas as pd
import pytest

from indigo_review.check import CheckSettings
from indigo_review.check.coverage import SCHEMA, coverage, uncovered
from indigo_review.check.job import run
from indigo_review.check.suites import load_suites
from indigo_review.contract import Outcome

from ..conftest import ROOT, SAMPLE

SUITES = ROOT / "expectations"
AS_OF = date(2026, 11, 1)
# (table, record id) -> the rule that must find it
PLANTED = {
    ("signups", "S9000001"): "signup_unique_per_member_event",
    ("signups", "S9000002"): "attendance_only_for_past_events",
    ("signups", "S9000003"): "attendance_recorded_for_past_events",
    ("signups", "S9000004"): "signup_after_joining",
    ("signups", "S9000005"): "signup_not_future",
    ("signups", "S9000006"): "signed_up_at_format",
    ("signups", "S9000007"): "comment_is_clean_text",
    ("events", "E9001"): "signups_within_capacity",
    ("events", "E9002"): "attendance_within_capacity",
    ("events", "E9003"): "event_unique",
    ("events", "E9004"): "category_known",
    ("events", "E9005"): "starts_at_within_three_years",
    ("events", "E9006"): "title_is_clean_text",
    ("members", "M009001"): "joined_on_not_future",
    ("members", "M009002"): "joined_at_plausible_age",
    ("members", "M009003"): "name_is_person_name",
    ("members", "M009004"): "address_matches_postal_code",
    ("members", "M009005"): "phone_format",
}


def _signup(signup_id: str, event_id: str, member_id: str, signed: str, attended: str, comment: str = "") -> dict:
    return {
        "signup_id": signup_id,
        "event_id": event_id,
        "member_id": member_id,
        "signed_up_at": signed,
        "channel": "web",
        "attended": attended,
        "comment": comment,
    }


def _event(event_id: str, starts_at: str, capacity: str, title: str = "", category: str = "講座") -> dict:
    title = title or f"講座 {event_id}"
    return {"event_id": event_id, "title": title, "category": category, "venue_prefecture": "東京都",
            "starts_at": starts_at, "capacity": capacity, "fee_yen": "500"}  # fmt: skip


def write_dataset(folder: Path) -> Path:
    """Ten clean sample members, three events and their sign-ups, plus one planted error per rule."""
    folder.mkdir(parents=True, exist_ok=True)
    members = pd.read_csv(SAMPLE / "members.csv", dtype=str, keep_default_na=False).head(10)
    members["joined_on"] = "2024-04-01"
    ids = members["member_id"].tolist()
    planted = members.head(5).copy()
    planted["member_id"] = [f"M00900{i}" for i in range(1, 6)]
    planted["email"] = [f"p{i}@example.org" for i in range(1, 6)]
    planted["phone"] = ["090-1111-000" + str(i) for i in range(1, 6)]
    planted["name_kanji"] = ["試験　一郎", "試験　二郎", "試験3郎", "試験　四郎", "試験　五郎"]
    planted["birth_date"] = "1980-01-01"
    planted.loc[0, "joined_on"] = "2027-01-01"
    planted.loc[1, "joined_on"] = "1985-01-01"
    planted.loc[3, "address"] = "横浜市中区本町1-1"
    planted.loc[4, "phone"] = "9011110005"
    planted["joined_on"] = planted["joined_on"].where(planted.index < 2, "2010-04-01")
    events = pd.DataFrame(
        [
            _event("E0001", "2026-06-01T13:00:00+09:00", "40"),
            _event("E0002", "2026-12-01T13:00:00+09:00", "40"),
            _event("E9001", "2026-05-01T13:00:00+09:00", "2"),
            _event("E9002", "2026-04-01T13:00:00+09:00", "3"),
            _event("E9003", "2026-06-01T13:00:00+09:00", "40"),
            _event("E9004", "2026-07-01T13:00:00+09:00", "40", category="宴会"),
            _event("E9005", "2031-01-01T13:00:00+09:00", "40"),
            _event("E9006", "2026-08-01T13:00:00+09:00", "40", title="講座\ufffd"),
        ]
    )
    events.loc[4, "title"] = events.loc[0, "title"]  # E9003 repeats E0001
    rows = [_signup(f"S00000{i:02d}", "E0001", m, "2026-05-01T10:00:00+09:00", "true") for i, m in enumerate(ids)]
    rows += [_signup(f"S00001{i:02d}", "E0002", m, "2026-10-01T10:00:00+09:00", "") for i, m in enumerate(ids)]
    rows += [_signup(f"S00002{i:02d}", "E9001", m, "2026-04-01T10:00:00+09:00", "false") for i, m in enumerate(ids[:3])]
    rows += [_signup(f"S00003{i:02d}", "E9002", m, "2026-03-01T10:00:00+09:00", "true") for i, m in enumerate(ids[:4])]
    rows += [
        _signup("S9000001", "E0001", ids[0], "2026-05-02T10:00:00+09:00", "true"),
        _signup("S9000002", "E0002", ids[1] if False else "M009003", "2026-10-01T10:00:00+09:00", "true"),
        _signup("S9000003", "E0001", "M009004", "2026-05-01T10:00:00+09:00", ""),
        _signup("S9000004", "E0001", "M009001", "2026-05-01T10:00:00+09:00", "true"),
        _signup("S9000005", "E0002", "M009005", "2026-11-05T10:00:00+09:00", ""),
        _signup("S9000006", "E0001", "M009002", "2026-05-01 10:00", "true"),
        _signup("S9000007", "E9001", ids[5], "2026-04-02T10:00:00+09:00", "false", "駐車場は\x07ありますか"),
    ]
    signups = pd.DataFrame(rows)
    pd.concat([members, planted]).to_csv(folder / "members.csv", index=False)
    events.to_csv(folder / "events.csv", index=False)
    signups.to_csv(folder / "signups.csv", index=False)
    return folder


def _check(data: Path, out: Path, workspace: Path, as_of: date = AS_OF) -> Outcome:
    settings = CheckSettings(data=str(data), suites=str(SUITES), as_of=as_of.isoformat(), workspace=str(workspace))
    return run(settings, out)


@pytest.fixture(scope="module")
def planted_check(tmp_path_factory: pytest.TempPathFactory) -> Outcome:
    """One check of the dataset with its planted errors."""
    root = tmp_path_factory.mktemp("between")
    return _check(write_dataset(root / "data"), root / "run", root / "workspace")


def test_each_planted_record_is_found_by_its_rule(planted_check: Outcome) -> None:
    failing = planted_check.detail.failing
    found = set(zip(failing["table"], failing["record_id"], failing["rule"], strict=True))
    missed = {key: rule for key, rule in PLANTED.items() if (*key, rule) not in found}
    assert missed == {}


def test_no_clean_record_is_found(planted_check: Outcome) -> None:
    failing = planted_check.detail.failing
    # Both sign-ups of a repeated pair are findings; an event's own error is also its sign-ups' context.
    allowed = set(PLANTED) | {("signups", "S0000000"), ("events", "E0001")}
    assert set(zip(failing["table"], failing["record_id"], strict=True)) - allowed == set()


def test_the_reference_date_is_recorded_and_decides_what_is_in_the_future(tmp_path: Path) -> None:
    data = write_dataset(tmp_path / "data")
    later = _check(data, tmp_path / "later", tmp_path / "workspace", date(2026, 11, 10))
    result = json.loads((later.run_dir / "results.json").read_text(encoding="utf-8"))
    assert (result["as_of"], result["settings"]["as_of"]) == ("2026-11-10", "2026-11-10")
    found = set(zip(later.detail.failing["record_id"], later.detail.failing["rule"], strict=True))
    assert ("S9000005", "signup_not_future") not in found
    assert ("S9000002", "attendance_only_for_past_events") in found  # the event is on 2026-12-01


def test_two_runs_with_the_same_data_and_date_give_the_same_findings(planted_check: Outcome, tmp_path: Path) -> None:
    data = write_dataset(tmp_path / "data")
    again = _check(data, tmp_path / "again", tmp_path / "workspace")
    for name in ("failing_records.csv", "duplicates.csv", "summary.csv", "coverage.csv"):
        assert (again.run_dir / name).read_bytes() == (planted_check.run_dir / name).read_bytes(), name


def test_every_column_of_the_schema_has_a_rule() -> None:
    table = coverage(load_suites(SUITES))
    assert uncovered(table) == []
    assert {(t, c) for t, columns in SCHEMA.items() for c in columns} <= set(
        zip(table["table"], table["column"], strict=True)
    )


def test_a_column_whose_rules_are_removed_shows_as_uncovered(tmp_path: Path) -> None:
    import shutil

    suites = Path(shutil.copytree(SUITES, tmp_path / "suites"))
    suite = json.loads((suites / "signups.json").read_text(encoding="utf-8"))
    suite["expectations"] = [e for e in suite["expectations"] if "comment" not in json.dumps(e["kwargs"])]
    (suites / "signups.json").write_text(json.dumps(suite, ensure_ascii=False), encoding="utf-8")
    assert uncovered(coverage(load_suites(suites))) == ["signups.comment"]


def test_the_schema_is_the_sample_generators() -> None:
    from indigo_review.sample import EVENT_COLUMNS, MEMBER_COLUMNS, SIGNUP_COLUMNS

    assert SCHEMA == {"members": MEMBER_COLUMNS, "events": EVENT_COLUMNS, "signups": SIGNUP_COLUMNS}


def test_the_report_and_results_carry_the_coverage_and_the_defect_kinds(planted_check: Outcome) -> None:
    html = (planted_check.run_dir / "report.html").read_text(encoding="utf-8")
    result = json.loads((planted_check.run_dir / "results.json").read_text(encoding="utf-8"))
    assert "Coverage: every column and the rules on it" in html and "leading zero lost" in html
    assert {row["column"] for row in result["coverage"] if row["table"] == "signups"} >= set(SCHEMA["signups"])
    assert {"phone_leading_zero_lost", "repeated_key", "attendance_missing"} <= {d["defect"] for d in result["defects"]}
    docs = "".join(p.read_text(encoding="utf-8") for p in (planted_check.run_dir / "data_docs").rglob("*.html"))
    assert "phone_leading_zero_lost" in docs


def test_no_rule_or_test_asks_the_clock_for_the_date() -> None:
    sources = list((ROOT / "src" / "indigo_review" / "check").glob("*.py")) + list(Path(__file__).parent.glob("*.py"))
    asking = [p.name for p in sources if "today" + "()" in p.read_text(encoding="utf-8")]
    assert asking == []
