"""The job notebooks: stripped, parameterized with literals, free of secrets, and runnable by Papermill."""

from __future__ import annotations

import ast
import dataclasses
import importlib
import subprocess
import sys
from pathlib import Path

import nbformat
import pytest

from indigo_review.resources import notebooks_dir
from indigo_review.runner import JOBS

from .conftest import ROOT

NOTEBOOKS = sorted((ROOT / "notebooks").glob("*.ipynb"))


def test_there_is_one_notebook_per_job() -> None:
    assert {p.name for p in NOTEBOOKS} == {job.notebook for job in JOBS.values()}
    assert notebooks_dir() == ROOT / "notebooks" or (notebooks_dir() / JOBS["scan"].notebook).exists()


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_notebook_is_committed_without_outputs(path: Path) -> None:
    notebook = nbformat.read(path, as_version=4)
    for cell in notebook.cells:
        if cell.cell_type == "code":
            assert cell.outputs == [] and cell.execution_count is None, path.name


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_parameters_cell_holds_literal_assignments_only(path: Path) -> None:
    notebook = nbformat.read(path, as_version=4)
    tagged = [c for c in notebook.cells if "parameters" in c.metadata.get("tags", [])]
    assert len(tagged) == 1
    for statement in ast.parse(tagged[0].source).body:
        assert isinstance(statement, ast.Assign), ast.dump(statement)
        ast.literal_eval(statement.value)
        names = [t.id for t in statement.targets if isinstance(t, ast.Name)]
        assert not {n for n in names if "key" in n.lower() or "secret" in n.lower()}


def notebook_content(path: Path) -> dict:
    """What tools/write_notebooks.py decides: the notebook's metadata and each cell's kind, id, source and metadata."""
    notebook = nbformat.read(path, as_version=4)
    cells = [
        {"cell_type": c.cell_type, "id": c.get("id"), "source": c.source, "metadata": dict(c.metadata)}
        for c in notebook.cells
    ]
    return {"metadata": dict(notebook.metadata), "cells": cells}


def test_committed_notebooks_are_written_from_the_cells_in_tools(tmp_path: Path) -> None:
    fix = "run .venv/bin/python tools/write_notebooks.py"
    result = subprocess.run(
        [sys.executable, str(ROOT / "tools" / "write_notebooks.py"), str(tmp_path)],
        cwd=ROOT,
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stderr
    written = sorted(p.name for p in tmp_path.glob("*.ipynb"))
    assert written == [p.name for p in NOTEBOOKS], f"notebooks/ and tools/notebook_cells.py differ: {fix}"
    for name in written:
        expected, committed = notebook_content(tmp_path / name), notebook_content(ROOT / "notebooks" / name)
        assert committed == expected, f"notebooks/{name} is not what tools/notebook_cells.py writes: {fix}"


def test_ruff_is_clean() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "ruff", "check", "src", "tests", "benchmarks", "tools"],
        cwd=ROOT,
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stdout


SETTINGS = {
    "anonymise": "indigo_review.anonymise:AnonymiseSettings",
    "check": "indigo_review.check:CheckSettings",
    "scan": "indigo_review.scan:ScanSettings",
    "release": "indigo_review.release:ReleaseSettings",
    "request": "indigo_review.requests:RequestSettings",
}


@pytest.mark.parametrize("job", sorted(JOBS))
def test_the_parameters_cell_is_the_jobs_settings_and_the_run_folder(job: str) -> None:
    module, name = SETTINGS[job].split(":")
    settings = getattr(importlib.import_module(module), name)
    notebook = nbformat.read(notebooks_dir() / JOBS[job].notebook, as_version=4)
    (cell,) = [c for c in notebook.cells if "parameters" in c.metadata.get("tags", [])]
    assigned = {t.id for s in ast.parse(cell.source).body for t in s.targets}
    assert assigned == {f.name for f in dataclasses.fields(settings)} | {"out_dir"}
    assert job == settings.JOB
