"""Run a job's notebook with Papermill into a run folder and turn the outcome into an exit code.

The notebook is the audit record: it is executed into the run folder whatever happens. The job's
machine-readable result (report.json, results.json or scan.json) carries the exit code; an expected
problem raised in the kernel comes back as the same IndigoError class; anything else is exit 2 with
the executed notebook named for inspection.
"""

from __future__ import annotations

import contextlib
import logging
import os
import subprocess
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import nbformat
from jupyter_client.manager import AsyncKernelManager

from . import __version__
from .errors import ERRORS_BY_NAME, EXIT_COULD_NOT_RUN, IndigoError, NotebookError
from .output import atomic_write_bytes, write_json
from .progress import PROGRESS_ENV, ProgressWatcher


@dataclass(frozen=True)
class Job:
    """A job: its notebook and the name of its machine-readable result."""

    name: str
    notebook: str
    result: str


JOBS: dict[str, Job] = {
    "anonymise": Job("anonymise", "01_anonymise_signups.ipynb", "report.json"),
    "check": Job("check", "02_check_accuracy.ipynb", "results.json"),
    "scan": Job("scan", "03_scan_export.ipynb", "scan.json"),
    "release": Job("release", "04_release.ipynb", "release.json"),
    "request": Job("request", "05_member_request.ipynb", "request.json"),
}
EXECUTED_NOTEBOOK = "notebook.ipynb"


class QuietKernelManager(AsyncKernelManager):
    """A kernel whose own log lines (transport warnings, shutdown notices) stay out of the job's stderr.

    What the notebook prints still reaches the executed notebook; only the kernel process's stderr is
    dropped, so that a scheduler's log holds the one line the job writes.
    """

    async def _async_launch_kernel(self, kernel_cmd: list[str], **kw: Any) -> None:
        kw["stderr"] = subprocess.DEVNULL
        kw["stdout"] = subprocess.DEVNULL
        await super()._async_launch_kernel(kernel_cmd, **kw)


@dataclass
class RunResult:
    """What a job run produced."""

    job: str
    run_dir: Path
    exit_code: int
    result: dict[str, Any] = field(default_factory=dict)
    error: str | None = None

    @property
    def notebook(self) -> Path:
        """The executed notebook."""
        return self.run_dir / EXECUTED_NOTEBOOK


def notebooks_dir() -> Path:
    """Where the job notebooks are: inside the installed package, or the repository's notebooks/."""
    override = os.environ.get("INDIGO_NOTEBOOKS")
    candidates = [Path(override)] if override else []
    here = Path(__file__).resolve().parent
    candidates += [here / "notebooks", here.parents[1] / "notebooks"]
    for candidate in candidates:
        if (candidate / JOBS["scan"].notebook).exists():
            return candidate
    raise NotebookError(None, "the job notebooks cannot be found", "reinstall indigo-review or set INDIGO_NOTEBOOKS")


def new_run_dir(job: str, root: str | Path = "runs") -> Path:
    """Create runs/<job>/<UTC timestamp>/, adding a counter when two runs start in the same second."""
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ")
    base = Path(root) / job
    base.mkdir(parents=True, exist_ok=True)
    for attempt in range(1000):
        candidate = base / (stamp if attempt == 0 else f"{stamp}-{attempt}")
        try:
            candidate.mkdir()
            return candidate
        except FileExistsError:
            continue
    raise NotebookError(base, "cannot create a new run folder", "clean up old runs")


def prepare_run_dir(job: str, out: str | Path | None) -> Path:
    """Use --out if given (it must be empty or new), else a fresh timestamped folder."""
    if out is None:
        return new_run_dir(job)
    out = Path(out)
    if out.exists() and (not out.is_dir() or any(out.iterdir())):
        raise NotebookError(out, "run folder exists and is not empty", "choose a new --out folder")
    out.mkdir(parents=True, exist_ok=True)
    return out


@contextlib.contextmanager
def _environment(extra: Mapping[str, str]) -> Iterator[None]:
    """Set variables for the kernel (it inherits ours) and restore them afterwards."""
    saved = {name: os.environ.get(name) for name in extra}
    os.environ.update(extra)
    try:
        yield
    finally:
        for name, value in saved.items():
            if value is None:
                os.environ.pop(name, None)
            else:
                os.environ[name] = value


def run_job(
    job: str,
    parameters: Mapping[str, Any],
    out: str | Path | None = None,
    env: Mapping[str, str] | None = None,
    progress: bool = False,
) -> RunResult:
    """Execute the job's notebook with Papermill into a run folder and return its exit code and result.

    With `progress`, the job reports rows done through a file in the run folder and a bar is drawn on
    this process's stderr; the file is removed when the job ends.
    """
    import papermill  # deferred: importing it costs a second, and --help should be instant
    from papermill.exceptions import PapermillExecutionError

    spec = JOBS[job]
    run_dir = prepare_run_dir(job, out).resolve()
    result_path = run_dir / spec.result
    params = {**parameters, "out_dir": str(run_dir)}
    partial = run_dir / ".notebook.partial.ipynb"
    logging.getLogger("papermill").setLevel(logging.WARNING)
    kernel_env = {"PYDEVD_DISABLE_FILE_VALIDATION": "1", "MPLBACKEND": "Agg", **(env or {})}
    progress_file = run_dir / ".progress.json"
    if progress:
        kernel_env[PROGRESS_ENV] = str(progress_file)
    watcher = ProgressWatcher(progress_file) if progress else contextlib.nullcontext()
    error: IndigoError | None = None
    try:
        with _environment(kernel_env), watcher:
            papermill.execute_notebook(
                str(notebooks_dir() / spec.notebook),
                str(partial),
                parameters=params,
                kernel_name="python3",
                cwd=str(run_dir),
                progress_bar=False,
                log_output=False,
                stdout_file=None,
                stderr_file=None,
                kernel_manager_class="indigo_review.runner.QuietKernelManager",
            )
    except PapermillExecutionError as exc:
        error = _kernel_error(exc, run_dir)
    finally:
        progress_file.unlink(missing_ok=True)
        if partial.exists():
            _finish_notebook(partial, run_dir / EXECUTED_NOTEBOOK)
    if error is not None:
        _write_error_result(result_path, job, error)
        return RunResult(job, run_dir, error.exit_code, _load(result_path), error.message)
    if not result_path.exists():
        error = NotebookError(run_dir / EXECUTED_NOTEBOOK, f"finished without writing {spec.result}", "open it")
        _write_error_result(result_path, job, error)
        return RunResult(job, run_dir, EXIT_COULD_NOT_RUN, _load(result_path), error.message)
    result = _load(result_path)
    return RunResult(job, run_dir, int(result.get("exit_code", EXIT_COULD_NOT_RUN)), result)


def _kernel_error(exc: Any, run_dir: Path) -> IndigoError:
    cls = ERRORS_BY_NAME.get(exc.ename)
    if cls is not None:
        # Our own errors never carry cell values, so their message is safe to repeat.
        return cls(None, str(exc.evalue))
    return NotebookError(
        run_dir / EXECUTED_NOTEBOOK,
        f"the notebook failed in cell {exc.exec_count} with {exc.ename}",
        "open the executed notebook to see where; the error text is hidden because it may contain data",
    )


def _finish_notebook(partial: Path, final: Path) -> None:
    """Hide unexpected errors' text (it may quote data) and move the notebook into place atomically."""
    notebook = nbformat.read(partial, as_version=4)
    for cell in notebook.cells:
        for output in cell.get("outputs", []):
            if output.get("output_type") == "error" and output.get("ename") not in ERRORS_BY_NAME:
                output["evalue"] = "(hidden: an unexpected error's text may quote personal data)"
                output["traceback"] = [f"{output.get('ename')}: see the cell above; rerun it in JupyterLab to debug"]
    atomic_write_bytes(final, nbformat.writes(notebook).encode("utf-8"))
    partial.unlink()


def _write_error_result(path: Path, job: str, error: IndigoError) -> None:
    existing = _load(path) if path.exists() else {}
    existing.update(
        {
            "job": job,
            "status": "error",
            "exit_code": error.exit_code,
            "error": error.message,
            "tool_version": __version__,
        }
    )
    write_json(path, existing)


def _load(path: Path) -> dict[str, Any]:
    import json

    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
