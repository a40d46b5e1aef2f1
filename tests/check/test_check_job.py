"""The accuracy job end to end: the planted errors exactly, masking, exit codes, history, nothing written elsewhere."""

from __future__ import annotations

import html
import json
import re
import shutil
import sqlite3
from datetime import date
from pathlib import Path

import pandas as pd
import pytest

from indigo_review.check import CheckSettings
from indigo_review.check.job import mask_value, run
from indigo_review.check.messages import DEFECTS, describe
from indigo_review.check.suites import load_suites
from indigo_review.contract import Outcome
from indigo_review.errors import InputError, SuiteError
from indigo_review.sample import PLANTED_ERRORS, REFERENCE_DATE
from indigo_review.workspace import Workspace

from ..conftest import ROOT, SAMPLE, run_cli
from .support import write_clean_dataset

SUITES = ROOT / "expectations"


def run_check(data: Path, suites: Path, out: Path, as_of: date = REFERENCE_DATE, workspace: str = "") -> Outcome:
    """The check job on a data folder, as of the sample's reference date."""
    settings = CheckSettings(data=str(data), suites=str(suites), as_of=as_of.isoformat(), workspace=workspace)
    return run(settings, out)


@pytest.fixture(scope="session")
def sample_check(tmp_path_factory: pytest.TempPathFactory) -> Outcome:
    """One check of data/sample (GX runs take seconds; every test below reads this one)."""
    root = tmp_path_factory.mktemp("sample_check")
    return run_check(SAMPLE, SUITES, root / "run", workspace=str(root / "workspace"))


def test_the_check_flags_exactly_the_planted_records(sample_check: Outcome) -> None:
    found = set(zip(sample_check.detail.failing["table"], sample_check.detail.failing["record_id"], strict=True))
    assert found == {(e.table, e.record_id) for e in PLANTED_ERRORS}


def test_each_planted_record_fails_its_own_rule_and_two_break_a_second_rule_that_follows_from_it(
    sample_check: Outcome,
) -> None:
    failing = sample_check.detail.failing
    found = set(zip(failing["table"], failing["record_id"], failing["rule"], strict=True))
    planted = {(e.table, e.record_id, e.rule) for e in PLANTED_ERRORS}
    # A birth date a century late is also after the join date; no rule can tell the two apart. A postal code of
    # another prefecture no longer covers the address's city either.
    assert found == planted | {
        ("members", "M000606", "joined_after_birth"),
        ("members", "M000303", "address_matches_postal_code"),
    }


def test_a_sample_with_planted_errors_fails_with_exit_code_1(sample_check: Outcome) -> None:
    result = json.loads((sample_check.run_dir / "results.json").read_text(encoding="utf-8"))
    assert sample_check.exit_code == result["exit_code"] == 1
    assert result["status"] == "fail" and "members.email_format" in result["failed_rules"]


def test_summary_lists_every_expectation_with_counts_and_percent(sample_check: Outcome) -> None:
    summary = pd.read_csv(sample_check.run_dir / "summary.csv", encoding="utf-8-sig")
    row = summary[(summary["table"] == "signups") & (summary["rule"] == "signup_id_unique")].iloc[0]
    assert (row["passed"], row["unexpected_count"], row["checked"]) == (False, 2, 11814)
    assert row["unexpected_percent"] == pytest.approx(200 / 11814, abs=1e-4)
    assert len(summary) == sum(len(json.loads(p.read_text())["expectations"]) for p in SUITES.glob("*.json"))


def test_failing_records_show_the_defect_and_its_shape_and_plain_ids(sample_check: Outcome) -> None:
    failing = pd.read_csv(sample_check.run_dir / "failing_records.csv", dtype=str, keep_default_na=False)
    email = failing[failing["rule"] == "email_format"].iloc[0]
    assert (email["defect"], email["description"], email["masked_value"]) == (
        "email_two_at",
        "e-mail address with two @",
        "x@@x.x",
    )
    assert failing[failing["rule"] == "member_exists"][["masked_value", "defect"]].values.tolist() == [
        ["M099999", "unknown_member"]
    ]


def test_each_planted_error_is_named_by_its_kind_of_defect(sample_check: Outcome) -> None:
    failing = sample_check.detail.failing
    kinds = dict(zip(failing["record_id"] + "." + failing["rule"], failing["defect"], strict=False))
    assert {key: kinds[key] for key in ("M000202.phone_format", "M000404.prefecture_exists")} == {
        "M000202.phone_format": "phone_too_short",
        "M000404.prefecture_exists": "prefecture_wrong_suffix",
    }
    assert kinds["M000505.kana_is_katakana"] == "reading_hiragana"
    assert kinds["M000303.address_matches_postal_code"] == "city_of_another_prefecture"
    assert kinds["M002401.member_unique"] == "likely_duplicate"


def test_the_duplicate_pair_is_reported_with_its_score_and_the_fields_that_agree(sample_check: Outcome) -> None:
    pairs = pd.read_csv(sample_check.run_dir / "duplicates.csv", dtype=str, keep_default_na=False)
    assert pairs[["member_id", "duplicate_of"]].values.tolist() == [["M002401", "M000909"]]
    assert float(pairs.loc[0, "score"]) > 0.99
    assert pairs.loc[0, "agreeing"].split(", ") == [
        "name_kanji", "name_kana", "birth_date", "phone", "postal_code", "address"
    ]  # fmt: skip


def test_no_raw_personal_value_of_a_failing_record_appears_in_any_output(sample_check: Outcome) -> None:
    members = pd.read_csv(SAMPLE / "members.csv", dtype=str, keep_default_na=False)
    bad = members[members["member_id"].isin({e.record_id for e in PLANTED_ERRORS} | {"M000909"})]
    personal = ["name_kanji", "name_kana", "email", "phone", "postal_code", "address", "birth_date"]
    values = {v for v in bad[personal].to_numpy().ravel() if len(v) > 3}
    outputs = [p for p in sample_check.run_dir.rglob("*") if p.suffix in {".html", ".json", ".csv", ".ipynb"}]
    assert any(p.name == "index.html" for p in outputs)
    for path in outputs:
        text = path.read_text(encoding="utf-8", errors="ignore")
        assert not [v for v in values if v in text], path.name


def test_data_docs_are_built_inside_the_run_folder(sample_check: Outcome) -> None:
    docs = sample_check.run_dir / "data_docs"
    names = {p.name for p in docs.iterdir()}
    assert names == {"index.html"} | {
        f"{t}.{kind}" for t in ("members", "events", "signups") for kind in ("html", "json")
    }


def test_data_docs_fetch_nothing_and_run_no_script(sample_check: Outcome) -> None:
    for path in (sample_check.run_dir / "data_docs").iterdir():
        text = path.read_text(encoding="utf-8")
        assert "http://" not in text and "https://" not in text and "<script" not in text, path.name


def test_data_docs_say_every_rule_in_words_with_its_result(sample_check: Outcome) -> None:
    page = html.unescape((sample_check.run_dir / "data_docs" / "members.html").read_text(encoding="utf-8"))
    for expectation in load_suites(SUITES)["members"].expectations:
        assert expectation.rule in page and expectation.description("en") in page, expectation.rule


def test_data_docs_json_holds_counts_and_defect_codes(sample_check: Outcome) -> None:
    document = json.loads((sample_check.run_dir / "data_docs" / "members.json").read_text(encoding="utf-8"))
    failed = [r for r in document["results"] if not r["success"]]
    assert failed and all(r["unexpected_count"] > 0 and set(r["defects"]) <= set(DEFECTS) for r in failed)
    assert document["rows"] == len(pd.read_csv(SAMPLE / "members.csv", dtype=str))


def test_the_verdict_names_the_records_to_fix_and_the_command_that_checks_again(sample_check: Outcome) -> None:
    result = json.loads((sample_check.run_dir / "results.json").read_text(encoding="utf-8"))
    records = sample_check.detail.failing.drop_duplicates(["table", "record_id"]).shape[0]
    assert result["headline"].startswith(f"{records} record(s) need fixing")
    html_text = (sample_check.run_dir / "report.html").read_text(encoding="utf-8")
    assert f"indigo-review check --data {SAMPLE} --as-of {REFERENCE_DATE.isoformat()}" in html_text


def test_a_japanese_check_speaks_japanese_in_its_report_records_and_data_docs(tmp_path: Path) -> None:
    settings = CheckSettings(data=str(SAMPLE), as_of=REFERENCE_DATE.isoformat(), lang="ja", workspace=str(tmp_path))
    outcome = run(settings, tmp_path / "run")
    report = (outcome.run_dir / "report.html").read_text(encoding="utf-8")
    docs = (outcome.run_dir / "data_docs" / "members.html").read_text(encoding="utf-8")
    failing = pd.read_csv(outcome.run_dir / "failing_records.csv", dtype=str)
    assert "件のレコードを修正" in report and "Failed expectations" not in report
    assert "ルール" in docs and "Rules of the" not in docs
    assert len(failing) and not (failing["description"] == failing["defect"].map(describe)).any()
    duplicates = failing.loc[failing["defect"] == "likely_duplicate", "detail"]
    assert len(duplicates) and duplicates.str.contains("と同一人物の可能性（一致の確率").all()


def test_mask_keeps_the_shape_of_the_defect_and_not_the_value() -> None:
    assert (
        mask_value("yamada@@example.com"),
        mask_value("東京県", "prefecture"),
        mask_value(None),
        mask_value(float("nan")),
    ) == ("x@@x.x", "漢県", "", "")


def test_clean_data_passes_with_exit_code_0(tmp_path: Path) -> None:
    data = write_clean_dataset(tmp_path / "data", SAMPLE)
    outcome = run_check(data, SUITES, tmp_path / "run")
    assert outcome.detail.summary[~outcome.detail.summary["passed"]].empty
    assert (outcome.exit_code, len(outcome.detail.failing)) == (0, 0)


def test_mostly_lets_a_suite_pass_with_a_few_failing_rows(tmp_path: Path) -> None:
    data = write_clean_dataset(tmp_path / "data", SAMPLE)
    members = pd.read_csv(data / "members.csv", dtype=str, keep_default_na=False)
    members.loc[0, "email"] = "broken@@example.com"
    members.to_csv(data / "members.csv", index=False)
    suites = Path(shutil.copytree(SUITES, tmp_path / "suites"))
    suite = json.loads((suites / "members.json").read_text(encoding="utf-8"))
    email = next(e for e in suite["expectations"] if e["meta"]["rule"] == "email_format")
    email["kwargs"]["mostly"] = 0.6
    (suites / "members.json").write_text(json.dumps(suite, ensure_ascii=False), encoding="utf-8")
    outcome = run_check(data, suites, tmp_path / "run")
    assert outcome.exit_code == 0
    assert outcome.detail.failing["rule"].tolist() == ["email_format"]


def test_history_grows_by_one_row_per_suite_per_run_in_the_workspace(tmp_path: Path) -> None:
    data = write_clean_dataset(tmp_path / "data", SAMPLE)
    for name in ("first", "second"):
        run_check(data, SUITES, tmp_path / name)
    history = Workspace.locate().path("history")
    with sqlite3.connect(history) as connection:
        rows = connection.execute("SELECT suite, passed, run_dir FROM check_runs ORDER BY rowid").fetchall()
    assert [r[0] for r in rows] == ["members", "events", "signups"] * 2
    assert all(r[1] == 1 for r in rows) and rows[0][2] != rows[3][2]


def test_the_result_records_the_history_it_wrote_to(sample_check: Outcome) -> None:
    (store,) = sample_check.stores
    assert store["store"] == "history" and store["path"].endswith("workspace/history.sqlite")
    assert store["entries"] == 3
    assert sample_check.detail.history["suite"].tolist() == ["members", "events", "signups"]
    assert (sample_check.run_dir / "trend.png").stat().st_size > 0


def test_nothing_is_written_outside_the_run_folder_and_the_workspace(tmp_path: Path) -> None:
    data = write_clean_dataset(tmp_path / "data", SAMPLE)
    before = {p: p.stat().st_mtime_ns for p in data.iterdir()}
    run_check(data, SUITES, tmp_path / "run")
    assert {p.relative_to(tmp_path).parts[0] for p in tmp_path.rglob("*") if p.is_file()} == {
        "data",
        "run",
        "workspace",
    }
    assert {p: p.stat().st_mtime_ns for p in data.iterdir()} == before


def test_a_missing_table_stops_the_run_before_anything_is_written(tmp_path: Path) -> None:
    data = write_clean_dataset(tmp_path / "data", SAMPLE)
    (data / "events.csv").unlink()
    with pytest.raises(InputError, match=r"events\.csv: table not found"):
        run_check(data, SUITES, tmp_path / "run")
    assert not any((tmp_path / "run").iterdir())


def test_a_broken_suite_stops_the_run_naming_the_file(tmp_path: Path) -> None:
    suites = Path(shutil.copytree(SUITES, tmp_path / "suites"))
    (suites / "members.json").write_text("{ not json", encoding="utf-8")
    with pytest.raises(SuiteError, match=r"members\.json"):
        run_check(SAMPLE, suites, tmp_path / "run")


def test_a_missing_column_fails_its_expectation_with_exit_code_1(tmp_path: Path) -> None:
    data = write_clean_dataset(tmp_path / "data", SAMPLE)
    events = pd.read_csv(data / "events.csv", dtype=str, keep_default_na=False).drop(columns=["capacity"])
    events.to_csv(data / "events.csv", index=False)
    outcome = run_check(data, SUITES, tmp_path / "run")
    failed = outcome.detail.summary[~outcome.detail.summary["passed"]]
    assert outcome.exit_code == 1
    assert set(failed["rule"]) == {
        "column_capacity_present",
        "capacity_is_integer",
        "capacity_positive",
        "capacity_plausible",
        "signups_within_capacity",
        "attendance_within_capacity",
    }
    assert failed["error"].str.contains('column "capacity_value" does not exist').sum() == 3
    assert failed["error"].str.contains('column "signups_per_place" does not exist').sum() == 1


@pytest.mark.notebook
def test_cli_exit_codes_are_0_clean_1_failed_2_broken_suite(tmp_path: Path) -> None:
    data = write_clean_dataset(tmp_path / "data", SAMPLE)
    clean = run_cli("check", "--data", str(data), "--out", str(tmp_path / "clean"))
    failed = run_cli("check", "--data", str(SAMPLE), "--out", str(tmp_path / "failed"))
    suites = Path(shutil.copytree(SUITES, tmp_path / "suites"))
    (suites / "signups.json").write_text("[", encoding="utf-8")
    broken = run_cli("check", "--data", str(data), "--suites", str(suites), "--out", str(tmp_path / "broken"))
    assert (clean.returncode, failed.returncode, broken.returncode) == (0, 1, 2), clean.stderr + failed.stderr
    assert "signups.json: is not valid JSON" in broken.stderr and "Traceback" not in broken.stderr
    assert clean.stderr == failed.stderr == ""
    notebook = (tmp_path / "failed" / "notebook.ipynb").read_text(encoding="utf-8")
    assert "Calculating Metrics" not in clean.stdout + failed.stdout + notebook
    assert '"name": "stderr"' not in notebook
    # The notebook opens on the report's verdict and shows the trend chart (a PNG, not an empty figure).
    outputs = [o for c in json.loads(notebook)["cells"] if c["cell_type"] == "code" for o in c.get("outputs", [])]
    assert any("need fixing" in "".join(o.get("data", {}).get("text/html", "")) for o in outputs)
    assert any("image/png" in o.get("data", {}) for o in outputs)


def test_a_corrupt_history_is_a_clear_error_naming_it(tmp_path: Path) -> None:
    from indigo_review.check.history import HistoryRow, append_history
    from indigo_review.errors import StoreError

    workspace = Workspace.locate().ensure()
    workspace.path("history").write_bytes(b"SQLite format 3\x00" + b"\xff" * 200)
    row = HistoryRow("2026-11-01T00:00:00+00:00", "r", "members", True, 1, 1, 1, 0, 0)
    with pytest.raises(StoreError, match=r"history\.sqlite: is not a readable check history"):
        append_history(workspace, [row])


def test_gx_analytics_are_off_once_the_check_is_imported() -> None:
    import os

    import indigo_review.check.job  # noqa: F401

    assert os.environ["GX_ANALYTICS_ENABLED"] == "false"


def test_every_link_of_the_report_and_the_data_docs_leads_to_a_file_of_the_run(sample_check: Outcome) -> None:
    pages = [sample_check.run_dir / "report.html", *(sample_check.run_dir / "data_docs").glob("*.html")]
    for page in pages:
        hrefs = re.findall(r'href="([^"]+)"', page.read_text(encoding="utf-8"))
        assert hrefs, page.name
        assert [h for h in hrefs if not (page.parent / h.split("#")[0]).is_file()] == [], page.name
    report = (sample_check.run_dir / "report.html").read_text(encoding="utf-8")
    assert 'href="data_docs/index.html"' in report and 'href="results.json"' in report
