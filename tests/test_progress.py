"""Progress of long work: a bar on a terminal, nothing under cron, CI or --quiet, counts only."""

from __future__ import annotations

import io
import json
from pathlib import Path

from indigo_review.progress import PROGRESS_ENV, ProgressReporter, ProgressWatcher, read_progress, show_progress

from .conftest import SAMPLE, run_cli


class _Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_a_bar_is_shown_only_on_a_terminal_and_never_when_quiet() -> None:
    assert show_progress(stream=_Terminal())
    assert not show_progress(quiet=True, stream=_Terminal())
    assert not show_progress(stream=io.StringIO())


def test_the_reporter_writes_counts_to_the_file_named_in_the_environment(tmp_path: Path, monkeypatch) -> None:
    path = tmp_path / "progress.json"
    monkeypatch.setenv(PROGRESS_ENV, str(path))
    reporter = ProgressReporter(total=10, label="scan a.csv")
    reporter.advance(10)
    assert read_progress(path) == {"label": "scan a.csv", "done": 10, "total": 10}


def test_without_a_progress_file_the_reporter_writes_nothing(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.delenv(PROGRESS_ENV, raising=False)
    monkeypatch.chdir(tmp_path)
    reporter = ProgressReporter(total=5)
    reporter.advance(5)
    reporter.finish()
    assert list(tmp_path.iterdir()) == []


def test_the_watcher_draws_rows_done_of_the_total(tmp_path: Path) -> None:
    path = tmp_path / "progress.json"
    path.write_text(json.dumps({"label": "scan a.csv", "done": 40, "total": 80}), encoding="utf-8")
    screen = _Terminal()
    with ProgressWatcher(path, stream=screen, interval=0.05):
        pass
    assert "scan a.csv" in screen.getvalue() and "40/80" in screen.getvalue()


def test_a_scan_off_a_terminal_prints_no_progress(tmp_path: Path) -> None:
    result = run_cli("scan", str(SAMPLE / "exports" / "planning_export.csv"), "--out", str(tmp_path / "r"))
    assert result.returncode == 0 and result.stderr == ""
    assert not (tmp_path / "r" / ".progress.json").exists()


def test_quiet_is_accepted_and_prints_no_progress(tmp_path: Path) -> None:
    result = run_cli("scan", str(SAMPLE / "exports" / "planning_export.csv"), "--quiet", "--out", str(tmp_path / "r"))
    assert result.returncode == 0 and result.stderr == ""


def test_the_scan_reports_its_phases_from_the_start(tmp_path: Path, monkeypatch) -> None:
    """Reading and profiling show before any row is scanned; writing shows after the last one."""
    from indigo_review import progress

    seen: list[tuple[str, int]] = []
    real = progress.ProgressReporter._write

    def record(self) -> None:
        seen.append((self.label, self.total))
        real(self)

    monkeypatch.setattr(progress.ProgressReporter, "_write", record)
    monkeypatch.setenv(PROGRESS_ENV, str(tmp_path / "progress.json"))
    result = run_cli("scan", str(SAMPLE / "exports" / "planning_export.csv"), "--out", str(tmp_path / "r"))
    assert result.returncode == 0
    labels = [label for label, _ in seen]
    phases = [label.rsplit(": ", 1)[-1] for label in dict.fromkeys(labels)]
    assert phases[:3] == ["reading", "profiling", "scanning"] and phases[-1] == "writing the findings and the report"
    assert all(total > 0 for label, total in seen if label.endswith("scanning"))
