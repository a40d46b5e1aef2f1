"""Corrections: changes validated with the accuracy rules, valid ones written as a reviewed change set, the
source never edited; each kind of invalid change refused with the rule's name."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pandas as pd
import pytest

from indigo_review.errors import InputError, SuiteError
from indigo_review.requests.corrections import read_changes, validate_changes

from ..conftest import ROOT
from .conftest import read_csv, run_request, small_dataset

SUITES = ROOT / "expectations"
ALICE = "M000001"  # 大阪府, postal code 534-0014


def _changes(folder: Path, rows: list[tuple[str, str]]) -> Path:
    path = folder / "changes.csv"
    pd.DataFrame(rows, columns=["column", "new_value"]).to_csv(path, index=False)
    return path


def _correct(tmp_path: Path, rows: list[tuple[str, str]]):
    data = small_dataset(tmp_path / "data", {})
    changes = str(_changes(tmp_path, rows))
    outcome = run_request(tmp_path / "run", data, "correction", ALICE, changes_path=changes, suites=str(SUITES))
    return data, outcome


def _alice() -> pd.Series:
    from ..conftest import SAMPLE

    members = read_csv(SAMPLE / "members.csv")
    return members[members["member_id"] == ALICE].iloc[0]


MOVE = [("postal_code", "100-0001"), ("prefecture", "東京都"), ("address", "千代田区千代田1-1")]


def test_valid_changes_become_a_change_set_with_before_and_after(tmp_path: Path, ginza) -> None:
    _, outcome = _correct(tmp_path, [("phone", "090-1234-5678"), *MOVE])
    assert outcome.exit_code == 0
    changes = read_csv(outcome.run_dir / "answer" / "changes.csv")
    assert changes.values.tolist() == [
        ["members", ALICE, "phone", "06-4734-8971", "090-1234-5678"],
        ["members", ALICE, "postal_code", "534-0014", "100-0001"],
        ["members", ALICE, "prefecture", "大阪府", "東京都"],
        ["members", ALICE, "address", "大阪市都島区都島北通3-10-6", "千代田区千代田1-1"],
    ]


def test_a_move_that_leaves_the_old_address_is_refused_by_the_address_rule() -> None:
    changes = pd.DataFrame({"column": ["postal_code", "prefecture"], "new_value": ["100-0001", "東京都"]})
    verdicts = validate_changes(_alice(), changes, SUITES, date(2026, 11, 2))
    assert [v.rule for v in verdicts] == ["address_matches_postal_code"] * 2


def test_the_corrected_copy_holds_only_the_members_row_with_the_change(tmp_path: Path, ginza) -> None:
    _, outcome = _correct(tmp_path, [("phone", "090-1234-5678")])
    corrected = read_csv(outcome.run_dir / "answer" / "members_corrected.csv")
    assert corrected["member_id"].tolist() == [ALICE]
    assert corrected.loc[0, "phone"] == "090-1234-5678"


def test_the_source_table_is_never_edited(tmp_path: Path, ginza) -> None:
    data = small_dataset(tmp_path / "data", {})
    source = data / "members.csv"
    before = (source.read_bytes(), source.stat().st_mtime_ns)
    changes = str(_changes(tmp_path, [("phone", "090-1234-5678")]))
    assert run_request(tmp_path / "run", data, "correction", ALICE, changes_path=changes).exit_code == 0
    assert (source.read_bytes(), source.stat().st_mtime_ns) == before


@pytest.mark.parametrize(
    ("column", "value", "rule"),
    [
        ("phone", "090-1234-567", "phone_format"),
        ("phone", "9012345678", "phone_format"),
        ("name_kanji", "小川3", "name_is_person_name"),
        ("joined_on", "2027-01-01", "joined_on_not_future"),
        ("postal_code", "000-0000", "postal_code_exists"),
        ("postal_code", "100-0001", "postal_code_matches_prefecture"),
        ("prefecture", "東京県", "prefecture_exists"),
        ("name_kana", "おがわ なぎさ", "kana_is_katakana"),
        ("email", "ogawa@@example.com", "email_format"),
        ("gender", "male", "gender_known"),
        ("consent_analysis", "yes", "consent_is_boolean"),
        ("status", "paused", "status_known"),
        ("address", "", "address_present"),
        ("birth_date", "1996-13-40", "birth_date_is_date"),
        ("birth_date", "2030-01-01", "birth_date_not_future"),
        ("birth_date", "2020-01-01", "age_within_bounds"),
        ("joined_on", "1990-01-01", "joined_after_birth"),
        ("member_id", "M000009", "member_id_not_correctable"),
    ],
)
def test_an_invalid_change_is_refused_with_the_rules_name(column: str, value: str, rule: str) -> None:
    changes = pd.DataFrame({"column": [column], "new_value": [value]})
    verdicts = validate_changes(_alice(), changes, SUITES, date(2026, 11, 2))
    assert [v.rule for v in verdicts] == [rule]


def test_a_valid_change_breaks_no_rule() -> None:
    changes = pd.DataFrame({"column": ["name_kana", "email"], "new_value": ["オガワ ナギサ", "n.ogawa@example.jp"]})
    verdicts = validate_changes(_alice(), changes, SUITES, date(2026, 11, 2))
    assert [v.valid for v in verdicts] == [True, True]


def test_a_refused_change_is_exit_1_writes_no_change_set_and_keeps_the_request_open(tmp_path: Path, ginza) -> None:
    _, outcome = _correct(tmp_path, [("phone", "090-1234-5678"), ("postal_code", "000-0000")])
    assert outcome.exit_code == 1 and outcome.status == "open"
    assert outcome.result["changes"] == [
        {"column": "phone", "rule": "valid"},
        {"column": "postal_code", "rule": "postal_code_exists"},
    ]
    answer = outcome.run_dir / "answer"
    assert not (answer / "changes.csv").exists()
    assert read_csv(answer / "changes_refused.csv")["rule"].tolist() == ["postal_code_exists"]


def test_a_change_file_naming_an_unknown_column_is_an_input_error(tmp_path: Path) -> None:
    path = _changes(tmp_path, [("favourite_colour", "blue")])
    with pytest.raises(InputError, match=r"changes\.csv: names unknown column favourite_colour"):
        read_changes(path, ["member_id", "phone"])


def test_a_change_file_with_the_wrong_header_is_an_input_error(tmp_path: Path) -> None:
    path = tmp_path / "changes.csv"
    path.write_text("field,value\nphone,090-1234-5678\n", encoding="utf-8")
    with pytest.raises(InputError, match=r"changes\.csv: is not a change file"):
        read_changes(path, ["phone"])


def test_neither_old_nor_new_values_appear_outside_the_answer(tmp_path: Path, ginza) -> None:
    from .conftest import files_outside_answer, text_of

    _, outcome = _correct(tmp_path, [("phone", "090-1234-5678"), ("postal_code", "000-0000")])
    for path in files_outside_answer(outcome.run_dir):
        text = text_of(path)
        assert not any(v in text for v in ("090-1234-5678", "06-4734-8971", "000-0000", "534-0014")), path.name


def test_a_correction_is_judged_by_the_suite_itself_so_a_new_rule_applies_without_code(tmp_path: Path) -> None:
    suites = tmp_path / "suites"
    suites.mkdir()
    suite = json.loads((SUITES / "members.json").read_text(encoding="utf-8"))
    suite["expectations"].append(
        {"type": "expect_column_value_lengths_to_be_between", "kwargs": {"column": "email", "max_value": 12},
         "meta": {"rule": "email_short"}}
    )  # fmt: skip
    (suites / "members.json").write_text(json.dumps(suite, ensure_ascii=False), encoding="utf-8")
    changes = pd.DataFrame({"column": ["email"], "new_value": ["nagisa.ogawa@example.jp"]})
    assert [v.rule for v in validate_changes(_alice(), changes, suites, date(2026, 11, 2))] == ["email_short"]


def test_a_suite_with_an_unknown_expectation_type_is_an_error_never_a_pass(tmp_path: Path) -> None:
    suites = tmp_path / "suites"
    suites.mkdir()
    suite = json.loads((SUITES / "members.json").read_text(encoding="utf-8"))
    suite["expectations"].append({"type": "expect_column_values_to_be_lovely", "kwargs": {"column": "email"}})
    (suites / "members.json").write_text(json.dumps(suite, ensure_ascii=False), encoding="utf-8")
    changes = pd.DataFrame({"column": ["email"], "new_value": ["n.ogawa@example.jp"]})
    with pytest.raises(SuiteError, match="unknown expectation type"):
        validate_changes(_alice(), changes, suites, date(2026, 11, 2))


def test_a_rule_the_row_already_broke_on_another_column_does_not_refuse_the_change() -> None:
    member = _alice().copy()
    member["email"] = "broken@@example.jp"
    changes = pd.DataFrame({"column": ["phone"], "new_value": ["090-1234-5678"]})
    assert [v.valid for v in validate_changes(member, changes, SUITES, date(2026, 11, 2))] == [True]
