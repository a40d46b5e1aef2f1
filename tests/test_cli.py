"""The command line: help for every option, exit codes, one clear stderr line, and the run folder."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from indigo_review.cli import build_parser

from .conftest import run_cli
from .test_io import BAD_INPUTS


@pytest.mark.parametrize("command", ["anonymise", "check", "scan"])
def test_every_option_of_every_subcommand_has_help(command: str) -> None:
    sub = build_parser()._subparsers._group_actions[0].choices[command]
    for action in sub._actions:
        assert action.help, f"{command} {action.option_strings or action.dest} has no help"


def test_top_level_help_lists_the_jobs_and_exit_codes() -> None:
    result = run_cli("--help")
    assert result.returncode == 0
    for word in ("anonymise", "check", "scan", "exit codes"):
        assert word in result.stdout


def test_missing_export_exits_2_before_any_run_folder(tmp_path: Path) -> None:
    result = run_cli("scan", str(tmp_path / "nope.csv"), "--out", str(tmp_path / "run"))
    assert result.returncode == 2
    assert (
        result.stderr.strip() == f"indigo-review scan: error: {tmp_path / 'nope.csv'}: file not found — "
        "check the path of the export to scan"
    )
    assert not (tmp_path / "run").exists()


def test_missing_data_folder_exits_2(tmp_path: Path) -> None:
    result = run_cli("check", "--data", str(tmp_path / "none"))
    assert result.returncode == 2
    assert str(tmp_path / "none") in result.stderr


def test_unknown_option_exits_2() -> None:
    assert run_cli("scan").returncode == 2


def test_out_folder_that_is_not_empty_is_refused(tmp_path: Path) -> None:
    export = tmp_path / "e.csv"
    export.write_text("a\n1\n")
    (tmp_path / "run").mkdir()
    (tmp_path / "run" / "keep.txt").write_text("x")
    result = run_cli("scan", str(export), "--out", str(tmp_path / "run"))
    assert result.returncode == 2
    assert "not empty" in result.stderr
    assert (tmp_path / "run" / "keep.txt").read_text() == "x"


CLI_BAD = [
    b
    for b in BAD_INPUTS
    if b[0]
    in {"empty", "undecodable", "ragged long", "password-protected xlsx", "malformed JSON", "unsupported extension"}
]


@pytest.mark.notebook
@pytest.mark.parametrize(("name", "file_name", "content", "says"), CLI_BAD, ids=[b[0] for b in CLI_BAD])
def test_bad_export_exits_2_with_one_line_and_keeps_the_executed_notebook(
    tmp_path: Path, name: str, file_name: str, content: bytes, says: str
) -> None:
    export = tmp_path / file_name
    export.write_bytes(content)
    run = tmp_path / "run"
    result = run_cli("scan", str(export), "--out", str(run))
    assert result.returncode == 2, name
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and str(export) in lines[0] and says in lines[0]
    assert "Traceback" not in result.stderr + result.stdout
    assert (run / "notebook.ipynb").exists()
    assert json.loads((run / "scan.json").read_text())["exit_code"] == 2
