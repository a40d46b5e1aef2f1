"""The report renderer every job shares (report.py): links a reader can follow, tables that read, status words."""

from __future__ import annotations

import re
from pathlib import Path

import pandas as pd
import pytest

from indigo_review import report
from indigo_review.contract import EXECUTED_NOTEBOOK, EXECUTED_NOTEBOOK_ENV
from indigo_review.i18n import translator
from indigo_review.report import Verdict, status_label, table_html, write_html_report

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


def _cells(frame: pd.DataFrame) -> dict[str, str]:
    """Each cell's text and the class the table gives it ("" for none)."""
    page = table_html(frame, translator("ja"))
    return {text: css for css, text in re.findall(r'<td(?: class="(\w+)")?>([^<]*)</td>', page)}


def test_dates_file_names_and_ids_are_kept_on_one_line() -> None:
    frame = pd.DataFrame({"day": ["2026-11-25"], "at": ["2026-11-25T03:00:00+00:00"], "file": ["venue_2026-11.csv"]})
    frame["entry"] = ["1（2026-11-25）"]
    assert set(_cells(frame).values()) == {"nowrap"}


def test_numbers_are_kept_on_one_line_right_aligned() -> None:
    assert _cells(pd.DataFrame({"rows": [8151]})) == {"8,151": "number"}


def test_sentences_and_hashes_may_wrap() -> None:
    sentence = "email（メールアドレス）；token（行を結び付ける符号（仮名または識別子））"
    frame = pd.DataFrame({"items": [sentence], "words": ["stop list read: 2 members"], "hash": ["a" * 64]})
    assert set(_cells(frame).values()) == {""}


def test_the_page_keeps_a_nowrap_cell_on_one_line() -> None:
    styles = (Path(report.__file__).with_name("templates") / "report.html").read_text(encoding="utf-8")
    assert re.search(r"td\.nowrap[^{]*\{ white-space: nowrap; \}", styles)


@pytest.mark.parametrize(
    ("status", "japanese"),
    [("internal use only", "内部利用限定"), ("nothing held", "保有なし"), ("not verified", "未検証")],
)
def test_an_outcome_with_a_condition_is_amber_under_its_japanese_label(tmp_path: Path, status, japanese) -> None:
    page = write_html_report(tmp_path / "report.html", "t", Verdict(status, "done"), [], "ja")
    assert f'<div class="verdict warn">\n<div class="status">{japanese}</div>' in page.read_text(encoding="utf-8")


def test_an_error_is_labelled_in_japanese() -> None:
    assert status_label("error", translator("ja")) == "エラー（実行できず）"
