"""The report renderer every job shares (report.py): links a reader can follow, tables that read, status words."""

from __future__ import annotations

import re
from pathlib import Path

from indigo_review.contract import EXECUTED_NOTEBOOK, EXECUTED_NOTEBOOK_ENV
from indigo_review.report import Verdict, write_html_report

from .conftest import SAMPLE, run_cli

LINKS = [("result", "result.json"), ("findings", "findings.csv"), ("notebook", EXECUTED_NOTEBOOK)]


def links_of(report: Path) -> list[str]:
    """The targets of the report's links to files (places on the page left out)."""
    return [h for h in re.findall(r'<a href="([^"]+)"', report.read_text(encoding="utf-8")) if "#" not in h]


def _report(folder: Path, **options) -> Path:
    return write_html_report(folder / "report.html", "t", Verdict("pass", "done"), [], "en", LINKS, **options)


def test_a_file_written_after_the_report_is_linked(tmp_path: Path) -> None:
    assert links_of(_report(tmp_path, written_after=("result.json",))) == ["result.json"]


def test_a_file_the_run_did_not_write_is_not_linked(tmp_path: Path) -> None:
    (tmp_path / "findings.csv").write_text("file\n", encoding="utf-8")
    assert links_of(_report(tmp_path)) == ["findings.csv"]


def test_the_executed_notebook_is_linked_when_the_runner_keeps_one(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setenv(EXECUTED_NOTEBOOK_ENV, EXECUTED_NOTEBOOK)
    assert links_of(_report(tmp_path)) == [EXECUTED_NOTEBOOK]


def test_every_link_of_a_scan_report_finds_its_file(tmp_path: Path) -> None:
    run = tmp_path / "run"
    assert run_cli("scan", str(SAMPLE / "exports" / "planning_export.csv"), "--out", str(run)).returncode == 0
    links = links_of(run / "report.html")
    assert "scan.json" in links and [h for h in links if not (run / h).is_file()] == []
