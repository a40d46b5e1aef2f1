"""Run a job into a run folder and turn what happened into an Outcome with an exit code.

The notebook is the audit record: a job run from the command line executes its notebook with Papermill
into the run folder, whatever happens. The notebook builds the job's settings from its parameters and calls
the job's `run(settings, out_dir)`, which writes the result file; this module reads it back. An expected
problem raised in the kernel comes back as the same IndigoError class (errors.py holds them all); anything
else is exit 2 with the executed notebook named for inspection, its error text hidden.

`engine="inline"` calls `run(settings, out_dir)` in this process instead, with the same error handling and
the same result file: the tests use it, so that only the tests about notebooks pay for a kernel.
"""

from __future__ import annotations

import contextlib
import logging
import os
import subprocess
import sys
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from datetime import UTC, datetime
from importlib import import_module
from pathlib import Path
from typing import Any

from jupyter_client.manager import AsyncKernelManager

from . import __version__
from .contract import EXECUTED_NOTEBOOK, EXECUTED_NOTEBOOK_ENV, JobSettings, Outcome, run_outputs
from .errors import ERRORS_BY_NAME, IndigoError, NotebookError
from .output import atomic_write_bytes, write_json
from .progress import PROGRESS_ENV, ProgressWatcher
from .resources import notebooks_dir


@dataclass(frozen=True)
class Job:
    """A job: its notebook, the name of its machine-readable result and the module whose `run` it calls."""

    name: str
    notebook: str
    result: str
    module: str


JOBS: dict[str, Job] = {
    "anonymise": Job("anonymise", "01_anonymise_signups.ipynb", "report.json", "indigo_review.anonymise.job"),
    "check": Job("check", "02_check_accuracy.ipynb", "results.json", "indigo_review.check.job"),
    "scan": Job("scan", "03_scan_export.ipynb", "scan.json", "indigo_review.scan.job"),
    "release": Job("release", "04_release.ipynb", "release.json", "indigo_review.release.job"),
    "request": Job("request", "05_member_request.ipynb", "request.json", "indigo_review.requests.job"),
}
# The kernel the Makefile installs into the project's environment; papermill falls back to the notebook's own.
KERNEL_NAME = "indigo-review"
ENGINES = ("papermill", "inline")
# Tests switch this to "inline"; a person's run always keeps its executed notebook.
DEFAULT_ENGINE = "papermill"


class QuietKernelManager(AsyncKernelManager):
    """A kernel whose own log lines (transport warnings, shutdown notices) stay out of the job's stderr.

    What the notebook prints still reaches the executed notebook; only the kernel process's stderr is
    dropped, so that a scheduler's log holds the one line the job writes.
    """

    async def _async_launch_kernel(self, kernel_cmd: list[str], **kw: Any) -> None:
        kw["stderr"] = subprocess.DEVNULL
        kw["stdout"] = subprocess.DEVNULL
        await super()._async_launch_kernel(kernel_cmd, **kw)


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
    """Set variables for the job (a kernel inherits ours) and restore them afterwards."""
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
    settings: JobSettings,
    out: str | Path | None = None,
    *,
    env: Mapping[str, str] | None = None,
    progress: bool = False,
    engine: str | None = None,
) -> Outcome:
    """Run the job the settings are for into a run folder (`out`, else runs/<job>/<timestamp>/); its Outcome.

    With `progress`, the job reports rows done through a file in the run folder and a bar is drawn on this
    process's stderr; the file is removed when the job ends. `env` adds variables for the job only (the key
    file's path, never the key).
    """
    spec = JOBS[settings.JOB]
    settings.check_lang()
    settings.validate()
    run_dir = prepare_run_dir(spec.name, out).resolve()
    progress_file = run_dir / ".progress.json"
    job_env = {"PYDEVD_DISABLE_FILE_VALIDATION": "1", "MPLBACKEND": "Agg", **(env or {})}
    if progress:
        job_env[PROGRESS_ENV] = str(progress_file)
    watcher = ProgressWatcher(progress_file) if progress else contextlib.nullcontext()
    engine = engine or DEFAULT_ENGINE
    if engine != "inline":
        # The notebook is moved into the run folder after the job ends: its report links it all the same.
        job_env[EXECUTED_NOTEBOOK_ENV] = EXECUTED_NOTEBOOK
    try:
        with _environment(job_env), watcher:
            if engine == "inline":
                error, detail = _run_inline(spec, settings, run_dir)
            else:
                error, detail = _run_notebook(spec, settings, run_dir), None
    finally:
        progress_file.unlink(missing_ok=True)
    result_path = run_dir / spec.result
    if error is None and not result_path.exists():
        error = NotebookError(run_dir / EXECUTED_NOTEBOOK, f"finished without writing {spec.result}", "open it")
    if error is not None:
        _write_error_result(result_path, spec.name, error)
    result = _refresh_outputs(result_path)
    outcome = Outcome.from_result(spec.name, run_dir, result)
    outcome.detail = detail
    return outcome


def _run_inline(spec: Job, settings: JobSettings, run_dir: Path) -> tuple[IndigoError | None, Any]:
    try:
        outcome = import_module(spec.module).run(settings, run_dir)
    except IndigoError as exc:
        return exc, None
    except Exception as exc:  # the same as in a kernel: say which, never its text (it may quote data)
        return NotebookError(None, f"the job failed with {type(exc).__name__}", "rerun it in JupyterLab"), None
    return None, outcome.detail


def _readable_parameters() -> None:
    """Parameters written as Python literals with their Japanese as it is (会場), not as \\u escapes."""
    from papermill.translators import PythonTranslator, papermill_translators

    class Readable(PythonTranslator):
        @classmethod
        def translate_str(cls, val: str) -> str:
            return repr(val)

    papermill_translators.register("python", Readable)


def _run_notebook(spec: Job, settings: JobSettings, run_dir: Path) -> IndigoError | None:
    import papermill  # deferred: importing it costs a second, and --help should be instant
    from papermill.exceptions import PapermillExecutionError

    _readable_parameters()
    logging.getLogger("papermill").setLevel(logging.WARNING)
    partial = run_dir / ".notebook.partial.ipynb"
    try:
        papermill.execute_notebook(
            str(notebooks_dir() / spec.notebook),
            str(partial),
            parameters={**settings.to_parameters(), "out_dir": str(run_dir)},
            kernel_name=KERNEL_NAME if _kernel_installed(KERNEL_NAME) else "python3",
            cwd=str(run_dir),
            progress_bar=False,
            log_output=False,
            stdout_file=None,
            stderr_file=None,
            kernel_manager_class="indigo_review.runner.QuietKernelManager",
        )
    except PapermillExecutionError as exc:
        return _kernel_error(exc, run_dir)
    finally:
        if partial.exists():
            _finish_notebook(partial, run_dir / EXECUTED_NOTEBOOK)
    return None


def _kernel_installed(name: str) -> bool:
    from jupyter_client.kernelspec import KernelSpecManager, NoSuchKernel

    try:
        spec = KernelSpecManager().get_kernel_spec(name)
    except NoSuchKernel:
        return False
    # Only a kernel of this very environment: another project's kernel of the same name must not run the job.
    return bool(spec.argv) and Path(spec.argv[0]).absolute() == Path(sys.executable).absolute()


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
    import nbformat

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
            "summary": existing.get("summary") or error.message,
            "error": error.message,
            "tool_version": __version__,
        }
    )
    write_json(path, existing)


def _refresh_outputs(path: Path) -> dict[str, Any]:
    """The result with `outputs` listing every file of the run folder, the executed notebook included."""
    result = _load(path)
    outputs = run_outputs(path.parent)
    if result.get("outputs") != outputs:
        result["outputs"] = outputs
        write_json(path, result)
    return result


def _load(path: Path) -> dict[str, Any]:
    import json

    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
