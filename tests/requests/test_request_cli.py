"""`indigo-review request` as the person handling requests runs it: exit codes, one stderr line, the run folder."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from indigo_review.workspace import Workspace

from ..conftest import SAMPLE, run_cli
from .conftest import SampleMember, files_outside_answer, name_variants, small_dataset, text_of, values_of


@pytest.mark.notebook
def test_a_disclosure_is_answered_through_the_notebook_with_no_member_value_outside_the_answer(
    tmp_path: Path, named_member: SampleMember
) -> None:
    run_dir = tmp_path / "run"
    done = run_cli(
        "request", "--kind", "disclosure", "--member", named_member.member_id, "--data", str(SAMPLE),
        "--id-document", "health_insurance_card", "--out", str(run_dir),
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    assert "request: ANSWERED" in done.stdout
    assert (run_dir / "notebook.ipynb").exists() and (run_dir / "answer" / "letter.html").exists()
    values = [*values_of(named_member.row), *name_variants(named_member.row)]
    for path in [*files_outside_answer(run_dir), Workspace.locate().path("requests")]:
        assert [v for v in values if v in text_of(path)] == [], path.name
    assert [v for v in values if v in done.stdout + done.stderr] == []


def test_an_unreadable_table_is_listed_in_the_report_and_the_request_answered(tmp_path: Path, ginza) -> None:
    data = small_dataset(tmp_path / "data", {})
    (data / "notes.csv").write_bytes(b"member_id,note\n\xff\xfe\x00broken\n")
    done = run_cli(
        "request", "--kind", "disclosure", "--member", "M000001", "--data", str(data), "--id-document", "passport",
        "--out", str(tmp_path / "run"),
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    result = json.loads((tmp_path / "run" / "request.json").read_text(encoding="utf-8"))
    assert [u["file"] for u in result["could_not_read"]] == ["notes.csv"]
    assert "notes.csv" in (tmp_path / "run" / "report.html").read_text(encoding="utf-8")


def test_a_missing_signups_table_is_exit_2_naming_it_and_the_request_stays_open(tmp_path: Path) -> None:
    data = small_dataset(tmp_path / "data", {})
    (data / "signups.csv").unlink()
    done = run_cli(
        "request", "--kind", "stop", "--member", "M000001", "--data", str(data), "--id-document", "passport",
        "--out", str(tmp_path / "run"),
    )  # fmt: skip
    assert done.returncode == 2
    errors = done.stderr.strip().splitlines()
    assert len(errors) == 1 and "signups.csv" in errors[0] and "Traceback" not in done.stderr
    listed = run_cli("request", "list")
    assert listed.returncode == 0 and "open requests: 1" in listed.stdout and "M000001" in listed.stdout
    assert not Workspace.locate().path("stop_list").exists()


def test_a_member_id_that_is_not_one_is_exit_2_naming_the_members_table_without_echoing_it(tmp_path: Path) -> None:
    done = run_cli(
        "request", "--kind", "disclosure", "--member", "小川渚", "--data", str(SAMPLE),
        "--id-document", "passport", "--out", str(tmp_path / "run"),
    )  # fmt: skip
    assert done.returncode == 2
    assert done.stderr.count("\n") == 1 and "members.csv" in done.stderr and "小川" not in done.stderr
    assert not (tmp_path / "run").exists() and not Workspace.locate().path("requests").exists()


def test_a_request_without_an_identity_document_is_exit_2_before_a_run_folder(tmp_path: Path) -> None:
    done = run_cli(
        "request", "--kind", "disclosure", "--member", "M000001", "--data", str(SAMPLE),
        "--out", str(tmp_path / "run"),
    )  # fmt: skip
    assert done.returncode == 2 and "--id-document" in done.stderr
    assert not (tmp_path / "run").exists()


def test_a_correction_without_changes_is_exit_2(tmp_path: Path) -> None:
    done = run_cli(
        "request", "--kind", "correction", "--member", "M000001", "--data", str(SAMPLE),
        "--id-document", "passport", "--out", str(tmp_path / "run"),
    )  # fmt: skip
    assert done.returncode == 2 and "--changes" in done.stderr


def test_listing_a_workspace_without_a_log_is_exit_0(tmp_path: Path) -> None:
    done = run_cli("request", "list", "--workspace", str(tmp_path / "new"))
    assert done.returncode == 0 and "open requests: 0; overdue: 0" in done.stdout


def test_listing_a_corrupt_log_is_exit_2_naming_it_in_one_line(tmp_path: Path) -> None:
    (tmp_path / "ws").mkdir()
    (tmp_path / "ws" / "requests.sqlite").write_bytes(b"not a database at all" * 50)
    done = run_cli("request", "list", "--workspace", str(tmp_path / "ws"))
    assert done.returncode == 2 and "requests.sqlite" in done.stderr and done.stderr.count("\n") == 1


def test_the_result_json_holds_counts_and_the_request_not_values(sample_disclosure, named_member) -> None:
    result = json.loads((sample_disclosure.run_dir / "request.json").read_text(encoding="utf-8"))
    assert result["member_id"] == named_member.member_id and result["status"] == "answered"
    assert set(result["records_per_table"]) == {"members", "signups"}


def test_the_command_line_says_the_reports_headline_in_japanese_with_no_member_value(
    tmp_path: Path, named_member: SampleMember
) -> None:
    done = run_cli(
        "request", "--kind", "disclosure", "--member", named_member.member_id, "--data", str(SAMPLE),
        "--id-document", "drivers_license", "--lang", "ja", "--out", str(tmp_path / "run"),
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith("request: ANSWERED 回答作成済み — 開示請求")
    values = [*values_of(named_member.row), *name_variants(named_member.row)]
    assert [v for v in values if v in done.stdout] == []
