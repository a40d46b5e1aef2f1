"""The verdict block a notebook shows on top is the report's whole verdict: headline, reasons, steps, command."""

from __future__ import annotations

from pathlib import Path

from indigo_review.report import Verdict, verdict_html, write_html_report


def test_the_notebook_shows_the_whole_verdict_of_the_report(tmp_path: Path) -> None:
    verdict = Verdict("fail", "3 record(s) need fixing.", why="Commonest: no value (3).", steps=["Fix them."],
                      commands=["indigo-review check --data d"])  # fmt: skip
    report = write_html_report(tmp_path / "report.html", "Title", verdict, [], lang="en")
    shown = verdict_html(report)
    for part in ("3 record(s) need fixing.", "Commonest: no value (3).", "Fix them.", "indigo-review check --data d"):
        assert part in shown
    assert "<h1>" not in shown


def test_a_missing_report_shows_no_verdict(tmp_path: Path) -> None:
    assert verdict_html(tmp_path / "report.html") == ""
