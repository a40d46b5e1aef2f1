"""`indigo-review scan` end to end: the notebook runs, the run folder holds the outputs, no raw value leaks."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pandas as pd
import pytest

from indigo_review.io import read_table

from ..conftest import SAMPLE, run_cli

EXPORTS = SAMPLE / "exports"


def raw_values(export: str = "leaky_export_utf8bom.csv", truth_file: str = "leaky_export_truth.csv") -> set[str]:
    """Every planted personal value of an export, as written in the file."""
    frame = read_table(EXPORTS / export).frame
    with (EXPORTS / truth_file).open(encoding="utf-8") as handle:
        truth = {(int(r["row"]), r["column"]) for r in csv.DictReader(handle)}
    return {frame.at[row, column] for row, column in truth}


def raw_spans(findings: list[dict[str, str]], export: str = "leaky_export_utf8bom.csv") -> set[str]:
    """The exact characters each finding points at in the original cell (the part a mask must hide)."""
    frame = read_table(EXPORTS / export).frame
    spans = {frame.at[int(f["row"]), f["column"]][int(f["start"]) : int(f["end"])] for f in findings}
    return {s for s in spans if len(s) >= 4}


@pytest.mark.notebook
def test_the_leaky_export_blocks_and_no_raw_value_reaches_the_run_folder(tmp_path: Path) -> None:
    run = tmp_path / "run"
    result = run_cli("scan", str(EXPORTS / "leaky_export.xlsx"), "--out", str(run))
    assert result.returncode == 1, result.stderr
    outputs = ["findings.csv", "findings_per_item.png", "notebook.ipynb", "report.html", "scan.json"]
    assert sorted(p.name for p in run.iterdir()) == outputs
    scan = json.loads((run / "scan.json").read_text(encoding="utf-8"))
    assert scan["verdict"] == "BLOCK" and scan["exit_code"] == 1 and scan["files_scanned"] == 1
    assert scan["outputs"] == outputs
    notebook = json.loads((run / "notebook.ipynb").read_text(encoding="utf-8"))
    shown = [o for c in notebook["cells"] for o in c.get("outputs", []) if "data" in o]
    assert any("image/png" in o["data"] for o in shown), "the executed notebook shows the chart"
    assert any('class="verdict' in "".join(o["data"].get("text/html", "")) for o in shown), "and the verdict block"
    (file,) = scan["files"]
    assert file["file"] == "leaky_export.xlsx" and file["verdict"] == "BLOCK"
    assert file["rows"] == 200 and file["columns"] == 15 and len(file["sha256"]) == 64
    assert scan["counts_by_entity"]["JP_MY_NUMBER"] == file["counts_by_column"]["個人番号"]["JP_MY_NUMBER"]
    with (run / "findings.csv").open(encoding="utf-8-sig") as handle:
        findings = list(csv.DictReader(handle))
    assert len(findings) == scan["findings"]
    assert list(findings[0]) == ["file", "sheet", "row", "column", "entity", "score", "start", "end", "evidence"]
    assert {f["file"] for f in findings} == {"leaky_export.xlsx"}
    outputs = {p.name: p.read_text(encoding="utf-8") for p in run.iterdir() if p.suffix != ".png"}
    values = raw_values() | raw_spans(findings)
    assert len(values) > 500
    leaked = {(name, value) for name, text in outputs.items() for value in values if value in text}
    assert leaked == set()


@pytest.mark.notebook
def test_the_international_export_blocks_and_no_raw_value_reaches_the_run_folder(tmp_path: Path) -> None:
    run = tmp_path / "run"
    export = "international_members.csv"
    result = run_cli("scan", str(EXPORTS / export), "--out", str(run))
    assert result.returncode == 1, result.stderr
    scan = json.loads((run / "scan.json").read_text(encoding="utf-8"))
    assert scan["verdict"] == "BLOCK"
    assert {"PHONE_NUMBER", "LOCATION", "DATE_OF_BIRTH", "EMAIL_ADDRESS"} <= set(scan["counts_by_entity"])
    with (run / "findings.csv").open(encoding="utf-8-sig") as handle:
        findings = list(csv.DictReader(handle))
    outputs = {p.name: p.read_text(encoding="utf-8") for p in run.iterdir() if p.suffix != ".png"}
    values = raw_values(export, "international_members_truth.csv") | raw_spans(findings, export)
    leaked = {(name, value) for name, text in outputs.items() for value in values if value in text}
    assert leaked == set()


def test_a_truncated_export_is_an_error_with_one_line_on_stderr(tmp_path: Path) -> None:
    raw = (EXPORTS / "leaky_export_cp932.csv").read_bytes()
    export = tmp_path / "cut.csv"
    export.write_bytes(raw[: len(raw) // 3])
    run = tmp_path / "run"
    result = run_cli("scan", str(export), "--out", str(run))
    assert result.returncode == 2
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and str(export) in lines[0]
    scan = json.loads((run / "scan.json").read_text(encoding="utf-8"))
    assert scan["verdict"] == "ERROR" and scan["exit_code"] == 2


def test_a_policy_file_allows_the_clean_export_columns_and_is_recorded(tmp_path: Path) -> None:
    policy = tmp_path / "policy.toml"
    policy.write_text('allow_columns = ["備考"]\n', encoding="utf-8")
    run = tmp_path / "run"
    result = run_cli(
        "scan",
        str(EXPORTS / "planning_export.csv"),
        "--policy",
        str(policy),
        "--allow-entity",
        "LOCATION",
        "--out",
        str(run),
    )
    assert result.returncode == 0, result.stderr
    scan = json.loads((run / "scan.json").read_text(encoding="utf-8"))
    assert scan["verdict"] == "PASS"
    assert scan["files"][0]["allow_list"] == {
        "allow_columns": ["備考"],
        "allow_entities": ["LOCATION"],
        "unknown_columns": ["備考"],
    }


def test_a_broken_policy_file_is_refused_before_any_run_folder_is_made(tmp_path: Path) -> None:
    policy = tmp_path / "policy.json"
    policy.write_text("{not json", encoding="utf-8")
    result = run_cli(
        "scan", str(EXPORTS / "planning_export.csv"), "--policy", str(policy), "--out", str(tmp_path / "r")
    )
    assert result.returncode == 2 and str(policy) in result.stderr
    assert not (tmp_path / "r").exists()


def test_several_files_and_a_folder_in_one_run_each_get_a_verdict_worst_first(tmp_path: Path) -> None:
    folder = tmp_path / "exports"
    (folder / "nested").mkdir(parents=True)
    (folder / "nested" / "leaky.csv").write_bytes((EXPORTS / "leaky_export_utf8bom.csv").read_bytes())
    (folder / "notes.txt").write_text("not an export", encoding="utf-8")
    run = tmp_path / "run"
    result = run_cli("scan", str(EXPORTS / "planning_export.csv"), str(folder), "--out", str(run))
    assert result.returncode == 1, result.stderr
    scan = json.loads((run / "scan.json").read_text(encoding="utf-8"))
    assert scan["verdict"] == "BLOCK" and scan["files_scanned"] == 3
    assert [(f["label"], f["verdict"]) for f in scan["files"]] == [
        ("nested/leaky.csv", "BLOCK"),
        ("notes.txt", "PASS"),
        ("planning_export.csv", "PASS"),
    ]
    with (run / "findings.csv").open(encoding="utf-8-sig") as handle:
        findings = list(csv.DictReader(handle))
    assert {f["file"] for f in findings} == {"nested/leaky.csv"} and len(findings) == scan["findings"]
    report = (run / "report.html").read_text(encoding="utf-8")
    assert report.index('id="file-1">nested/leaky.csv') < report.index('id="file-3">planning_export.csv')
    outputs = ["findings.csv", "findings_per_item.png", "report.html", "scan.json"]
    assert sorted(p.name for p in run.iterdir()) == outputs and scan["outputs"] == outputs


def test_one_unreadable_file_among_several_makes_the_run_an_error(tmp_path: Path) -> None:
    broken = tmp_path / "broken.xlsx"
    broken.write_bytes(b"PK\x03\x04 not really a workbook")
    run = tmp_path / "run"
    result = run_cli("scan", str(EXPORTS / "leaky_export_cp932.csv"), str(broken), "--out", str(run))
    assert result.returncode == 2
    assert len(result.stderr.strip().splitlines()) == 1 and "broken.xlsx" in result.stderr
    scan = json.loads((run / "scan.json").read_text(encoding="utf-8"))
    assert [f["verdict"] for f in scan["files"]] == ["ERROR", "BLOCK"]


def test_a_missing_path_among_several_is_refused_before_any_run_folder(tmp_path: Path) -> None:
    result = run_cli(
        "scan", str(EXPORTS / "planning_export.csv"), str(tmp_path / "nope.csv"), "--out", str(tmp_path / "r")
    )
    assert result.returncode == 2 and "nope.csv: file not found" in result.stderr
    assert not (tmp_path / "r").exists()


def test_an_empty_folder_is_refused_before_any_run_folder(tmp_path: Path) -> None:
    (tmp_path / "empty").mkdir()
    result = run_cli("scan", str(tmp_path / "empty"), "--out", str(tmp_path / "r"))
    assert result.returncode == 2 and "empty: is an empty folder" in result.stderr
    assert not (tmp_path / "r").exists()


def test_a_negative_worker_count_is_refused_before_any_run_folder(tmp_path: Path) -> None:
    result = run_cli("scan", str(EXPORTS / "planning_export.csv"), "--workers", "-1", "--out", str(tmp_path / "r"))
    assert result.returncode == 2 and "--workers must be 0 or more" in result.stderr
    assert "Traceback" not in result.stderr and not (tmp_path / "r").exists()


def test_a_scan_without_the_member_registry_says_so_in_its_verdict_and_asks_for_it(tmp_path: Path) -> None:
    run = tmp_path / "run"
    result = run_cli("scan", str(EXPORTS / "planning_export.csv"), "--lang", "en", "--out", str(run))
    assert result.returncode == 0, result.stderr
    scan = json.loads((run / "scan.json").read_text(encoding="utf-8"))
    assert scan["member_registry"] is None
    report = (run / "report.html").read_text(encoding="utf-8")
    assert "were not looked for (no member registry)" in report and "--members DIR" in report


def test_a_block_with_the_member_registry_counts_the_societys_members_and_without_it_does_not(tmp_path: Path) -> None:
    leaky = str(EXPORTS / "leaky_export_utf8bom.csv")
    with_registry = run_cli("scan", leaky, "--members", str(SAMPLE), "--lang", "en", "--out", str(tmp_path / "a"))
    without = run_cli("scan", leaky, "--lang", "en", "--out", str(tmp_path / "b"))
    assert (with_registry.returncode, without.returncode) == (1, 1)
    assert "of them the society's own member(s)" in with_registry.stdout
    assert "society's own" not in without.stdout.splitlines()[0]


def test_the_first_findings_of_a_csv_name_no_sheet_and_those_of_a_workbook_do(tmp_path: Path) -> None:
    leaky = EXPORTS / "leaky_export_utf8bom.csv"
    frame = pd.read_csv(leaky, dtype=str, encoding="utf-8-sig", keep_default_na=False)
    workbook = tmp_path / "leaky.xlsx"
    with pd.ExcelWriter(workbook) as writer:
        frame.head(20).to_excel(writer, sheet_name="会員", index=False)
        frame.tail(20).to_excel(writer, sheet_name="追加", index=False)
    for path, shown in ((leaky, False), (workbook, True)):
        run = tmp_path / path.stem
        assert run_cli("scan", str(path), "--lang", "en", "--out", str(run)).returncode == 1
        assert ("<th>sheet or page</th>" in (run / "report.html").read_text(encoding="utf-8")) is shown, path.name
