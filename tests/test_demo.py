"""`make demo`: every clean export is scanned expecting PASS, the leaky one expecting BLOCK."""

from __future__ import annotations

from pathlib import Path

import indigo_review.demo as demo

ROOT = Path(__file__).resolve().parents[1]


def test_the_demo_scans_every_clean_export_for_a_pass_and_the_leaky_one_for_a_block(monkeypatch, tmp_path) -> None:
    calls: list[list[str]] = []

    def fake_cli(command: list[str]) -> int:
        calls.append(command)
        return {"check": 1, "scan": 1 if "leaky" in command[-1] else 0}.get(command[0], 0)

    monkeypatch.setattr(demo, "cli_main", fake_cli)
    argv = ["--data", "d", "--clean-export", "a.csv", "--clean-export", "b.csv", "--leaky-export", "leaky.csv"]
    assert demo.main([*argv, "--key-file", str(tmp_path / "k.key")]) == 0
    assert [c for c in calls if c[0] == "scan"] == [["scan", "a.csv"], ["scan", "b.csv"], ["scan", "leaky.csv"]]


def test_an_unexpected_verdict_fails_the_demo(monkeypatch, tmp_path) -> None:
    monkeypatch.setattr(demo, "cli_main", lambda command: 1)
    argv = ["--data", "d", "--clean-export", "a.csv", "--leaky-export", "leaky.csv", "--key-file", str(tmp_path / "k")]
    assert demo.main(argv) == 1


def test_the_makefile_demo_includes_the_catalogue_export() -> None:
    makefile = (ROOT / "Makefile").read_text("utf-8")
    assert "exports/catalogue_export.csv" in makefile and "exports/planning_export.csv" in makefile
