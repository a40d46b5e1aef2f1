"""Shared fixtures: hermetic runs, the sample data, and the command line called in process.

Every test runs in a fresh working folder of its own with every INDIGO_* variable cleared, LANG pinned to English
(reports follow the locale) and INDIGO_HOME pointing at a fresh workspace, so nothing of the person running the
tests (a runs/ folder, a key file, a stop list) leaks in. Jobs run in process (`runner.DEFAULT_ENGINE =
"inline"`) unless the test is marked `notebook`: only those pay for a Jupyter kernel, and only those may execute
a notebook.
"""

from __future__ import annotations

import contextlib
import io
import os
import subprocess
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from hypothesis import HealthCheck, settings

from indigo_review import runner

# CI runs every property test with a fixed seed, so a red run is reproducible: the failing example is the same
# on every machine. Locally the default profile explores new examples each run.
settings.register_profile(
    "ci", derandomize=True, deadline=None, print_blob=True, suppress_health_check=[HealthCheck.too_slow]
)
settings.register_profile("dev", deadline=None)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "ci" if os.environ.get("CI") else "dev"))

ROOT = Path(__file__).resolve().parents[1]
SAMPLE = ROOT / "data" / "sample"


def _clear_indigo_variables(monkeypatch: pytest.MonkeyPatch) -> None:
    for name in list(os.environ):
        if name.startswith("INDIGO_") or name in ("LC_ALL", "LC_MESSAGES"):
            monkeypatch.delenv(name)
    # Reports follow the locale when --lang is not given: the tests pin it (English), a test of Japanese says so.
    monkeypatch.setenv("LANG", "en_US.UTF-8")


@pytest.fixture(scope="session", autouse=True)
def hermetic_session(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    """Session-wide: no INDIGO_* of the caller, a workspace and a per-user data folder of the tests' own."""
    root = tmp_path_factory.mktemp("session")
    with pytest.MonkeyPatch.context() as patch:
        _clear_indigo_variables(patch)
        patch.setenv("INDIGO_HOME", str(root / "workspace"))
        # Where platformdirs puts the per-user data folder on Linux: never the real one in a test.
        patch.setenv("XDG_DATA_HOME", str(root / "xdg-data"))
        patch.chdir(root)
        yield root


@pytest.fixture(autouse=True)
def hermetic_test(tmp_path: Path, tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Per test: a working folder of its own (outside tmp_path, which stays the test's) and a workspace."""
    _clear_indigo_variables(monkeypatch)
    home = tmp_path / "workspace"
    monkeypatch.setenv("INDIGO_HOME", str(home))
    monkeypatch.chdir(tmp_path_factory.mktemp("cwd"))
    return home


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_setup(item: pytest.Item) -> Iterator[None]:
    """Jobs run in process unless the test is marked `notebook`; set before its fixtures run."""
    runner.DEFAULT_ENGINE = "papermill" if item.get_closest_marker("notebook") else "inline"
    yield


@pytest.fixture(scope="session")
def sample_dir() -> Path:
    """The committed synthetic sample data."""
    return SAMPLE


@dataclass
class CliResult:
    """What one command printed and returned, shaped like subprocess.CompletedProcess."""

    returncode: int
    stdout: str
    stderr: str


def run_cli(*args: str, env: dict[str, str] | None = None, cwd: Path | None = None) -> CliResult:
    """Run `indigo-review ARGS` in this process (no interpreter start-up), capturing stdout and stderr."""
    from indigo_review.cli import main

    out, err = io.StringIO(), io.StringIO()
    with pytest.MonkeyPatch.context() as patch:
        for name, value in (env or {}).items():
            patch.setenv(name, value)
        if cwd is not None:
            patch.chdir(cwd)
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
            try:
                code = main(list(args))
            except SystemExit as exc:  # argparse: --help, --version and argument errors
                code = exc.code if isinstance(exc.code, int) else 0
    return CliResult(code, out.getvalue(), err.getvalue())


def run_cli_process(*args: str, env: dict[str, str] | None = None, cwd: Path | None = None) -> CliResult:
    """Run `indigo-review ARGS` as a separate process, where the process boundary itself is what a test checks."""
    result = subprocess.run(
        [sys.executable, "-m", "indigo_review.cli", *args],
        capture_output=True,
        text=True,
        env={**os.environ, **(env or {})},
        cwd=cwd or Path.cwd(),
        timeout=600,
    )
    return CliResult(result.returncode, result.stdout, result.stderr)
