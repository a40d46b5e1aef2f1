"""The job notebooks: stripped, parameterized with literals, free of secrets, and runnable by Papermill."""

from __future__ import annotations

import ast
import json
import subprocess
import sys
from pathlib import Path

import nbformat
import pytest

from indigo_review.runner import JOBS, notebooks_dir, run_job

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


@pytest.mark.notebook
@pytest.mark.parametrize("job", ["check"])
def test_job_notebook_runs_on_the_sample_data_into_its_run_folder(tmp_path: Path, sample_dir: Path, job: str) -> None:
    outcome = run_job(job, {"data_dir": str(sample_dir), "suites_dir": str(ROOT / "expectations")}, out=tmp_path / "r")
    assert outcome.notebook.exists()
    result = json.loads((outcome.run_dir / JOBS[job].result).read_text())
    # The sample carries planted accuracy errors: the check must fail (1), in the process and in results.json.
    assert outcome.exit_code == 1
    assert result["exit_code"] == 1
    assert (outcome.run_dir / "report.html").exists()
