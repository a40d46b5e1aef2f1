"""The command line: help for every option, exit codes, one clear stderr line, the run folder, and a light start."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from indigo_review.cli import build_parser

from .conftest import run_cli
from .test_io import BAD_INPUTS

COMMANDS = ["anonymise", "check", "scan", "release", "request", "ledger", "keygen", "workspace"]
HEAVY = ("pandas", "numpy", "presidio_analyzer", "spacy", "great_expectations", "dask", "papermill")


def _subparser(name: str):
    return build_parser()._subparsers._group_actions[0].choices[name]


@pytest.mark.parametrize("command", COMMANDS)
def test_every_option_of_every_subcommand_has_help(command: str) -> None:
    for action in _subparser(command)._actions:
        assert action.help, f"{command} {action.option_strings or action.dest} has no help"


@pytest.mark.parametrize("command", ["anonymise", "check", "scan", "release", "request"])
def test_every_job_help_shows_examples(command: str) -> None:
    assert f"examples:\n  indigo-review {command if command != 'anonymise' else 'keygen'}" in _subparser(
        command
    ).format_help().replace("anonymise --data", "keygen")


def test_top_level_help_lists_the_jobs_and_exit_codes() -> None:
    result = run_cli("--help")
    assert result.returncode == 0
    for word in ("anonymise", "check", "scan", "release", "request", "ledger", "exit codes", "workspace"):
        assert word in result.stdout


_IMPORTS = """
import sys
from indigo_review.cli import main
try:
    main(sys.argv[1:])
except SystemExit:
    pass
print("imported:" + ",".join(sorted(m for m in {heavy!r} if m in sys.modules)))
"""


@pytest.mark.parametrize(
    "args",
    [["--help"], *([c, "--help"] for c in COMMANDS), ["scan"], ["scn", "x.csv"], ["check", "--data"]],
    ids=lambda a: " ".join(a),
)
def test_help_and_argument_errors_import_no_pandas_presidio_or_spacy(args: list[str]) -> None:
    code = _IMPORTS.format(heavy=HEAVY)
    done = subprocess.run([sys.executable, "-c", code, *args], capture_output=True, text=True, timeout=60)
    assert done.stdout.strip().splitlines()[-1] == "imported:"


def test_a_misspelt_command_is_one_line_with_a_suggestion() -> None:
    result = run_cli("scna", "x.csv")
    assert result.returncode == 2
    assert result.stderr.count("\n") == 1 and "did you mean scan?" in result.stderr


def test_a_misspelt_option_is_one_line_with_a_suggestion(tmp_path: Path) -> None:
    result = run_cli("check", "--dta", str(tmp_path))
    assert result.returncode == 2 and result.stderr.count("\n") == 1 and "did you mean --data?" in result.stderr


def test_the_american_spelling_runs_the_same_job(tmp_path: Path) -> None:
    result = run_cli("anonymize", "--data", str(tmp_path / "none"))
    assert result.returncode == 2 and "indigo-review anonymise: error:" in result.stderr


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


def test_a_scan_without_a_path_exits_2_with_one_line() -> None:
    result = run_cli("scan")
    assert result.returncode == 2 and result.stderr.count("\n") == 1


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


@pytest.mark.parametrize(("name", "file_name", "content", "says"), CLI_BAD, ids=[b[0] for b in CLI_BAD])
def test_bad_export_exits_2_with_one_line_naming_it(
    tmp_path: Path, name: str, file_name: str, content: bytes, says: str
) -> None:
    export = tmp_path / file_name
    export.write_bytes(content)
    run = tmp_path / "run"
    result = run_cli("scan", str(export), "--out", str(run))
    assert result.returncode == 2, name
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and str(export) in lines[0] and says in lines[0]
    assert "Traceback" not in result.stderr + result.stdout and says not in result.stdout
    assert json.loads((run / "scan.json").read_text())["exit_code"] == 2


@pytest.mark.notebook
def test_a_bad_export_keeps_the_executed_notebook_and_its_one_line(tmp_path: Path) -> None:
    export = tmp_path / "bad.json"
    export.write_bytes(b'{"a": [1, 2')
    run = tmp_path / "run"
    result = run_cli("scan", str(export), "--out", str(run))
    assert result.returncode == 2 and len(result.stderr.strip().splitlines()) == 1
    assert (run / "notebook.ipynb").exists() and "notebook.ipynb" in json.loads((run / "scan.json").read_text())[
        "outputs"
    ]
