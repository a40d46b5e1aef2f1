"""Loading the suite files: the repository's suites load, and every kind of broken file is a SuiteError naming it."""

from __future__ import annotations

import json
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest

from indigo_review.check.suites import load_suites
from indigo_review.errors import SuiteError

from ..conftest import ROOT

SUITES = ROOT / "expectations"


@pytest.fixture
def suites_copy(tmp_path: Path) -> Path:
    """A writable copy of the repository's suites."""
    return Path(shutil.copytree(SUITES, tmp_path / "expectations"))


def _break(folder: Path, name: str, change: Callable[[dict], object]) -> Path:
    path = folder / name
    data = json.loads(path.read_text(encoding="utf-8"))
    change(data)
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    return path


def test_the_repository_suites_load_with_one_rule_name_per_expectation() -> None:
    suites = load_suites(SUITES)
    assert set(suites) == {"members", "events", "signups"}
    for suite in suites.values():
        rules = [e.rule for e in suite.expectations]
        assert len(rules) == len(set(rules)) > 0


def test_every_planted_rule_has_an_expectation() -> None:
    from indigo_review.sample import PLANTED_ERRORS

    suites = load_suites(SUITES)
    for error in PLANTED_ERRORS:
        assert error.rule in {e.rule for e in suites[error.table].expectations}


def test_a_missing_suite_file_is_named(suites_copy: Path) -> None:
    (suites_copy / "events.json").unlink()
    with pytest.raises(SuiteError, match=r"events\.json: suite file not found"):
        load_suites(suites_copy)


def test_a_missing_suites_folder_is_named(tmp_path: Path) -> None:
    with pytest.raises(SuiteError, match="suites folder not found"):
        load_suites(tmp_path / "nowhere")


def test_invalid_json_names_the_file_and_line(suites_copy: Path) -> None:
    (suites_copy / "signups.json").write_text('{"name": "signups",\n "expectations": [,]}', encoding="utf-8")
    with pytest.raises(SuiteError, match=r"signups\.json: is not valid JSON \(line 2"):
        load_suites(suites_copy)


def test_an_unknown_expectation_type_is_refused_not_dropped(suites_copy: Path) -> None:
    _break(suites_copy, "members.json", lambda d: d["expectations"][0].update(type="expect_column_to_be_lovely"))
    with pytest.raises(SuiteError, match=r"members\.json: expectation 1 \(expect_column_to_be_lovely\).*unknown"):
        load_suites(suites_copy)


def test_bad_kwargs_name_the_expectation_and_field(suites_copy: Path) -> None:
    def change(data: dict) -> None:
        data["expectations"][-1]["kwargs"]["mostly"] = 3

    _break(suites_copy, "events.json", change)
    with pytest.raises(SuiteError, match=r"events\.json: expectation \d+ .*mostly"):
        load_suites(suites_copy)


def test_an_unknown_run_parameter_is_refused(suites_copy: Path) -> None:
    def change(data: dict) -> None:
        data["expectations"].append(
            {"type": "expect_column_values_to_be_between", "kwargs": {"column": "x", "max_value": {"$PARAMETER": "x"}}}
        )

    _break(suites_copy, "members.json", change)
    with pytest.raises(SuiteError, match="unknown \\$PARAMETER 'x'"):
        load_suites(suites_copy)


def test_a_suite_without_expectations_is_refused(suites_copy: Path) -> None:
    _break(suites_copy, "events.json", lambda d: d.update(expectations=[]))
    with pytest.raises(SuiteError, match="has no expectations"):
        load_suites(suites_copy)


def test_a_rule_named_twice_is_refused(suites_copy: Path) -> None:
    _break(suites_copy, "events.json", lambda d: d["expectations"].append(d["expectations"][-1]))
    with pytest.raises(SuiteError, match="names a rule twice"):
        load_suites(suites_copy)


def test_every_rule_of_the_repository_suites_says_in_words_what_it_asks_in_both_languages() -> None:
    for suite in load_suites(SUITES).values():
        for expectation in suite.expectations:
            if expectation.type != "expect_column_to_exist":
                assert expectation.description("en") and expectation.description("ja"), expectation.rule


def test_a_description_without_its_japanese_is_refused(suites_copy: Path) -> None:
    _break(suites_copy, "events.json", lambda d: d["expectations"][-1]["meta"].update(description={"en": "A rule."}))
    with pytest.raises(SuiteError, match=r"meta\.description needs en and ja"):
        load_suites(suites_copy)
