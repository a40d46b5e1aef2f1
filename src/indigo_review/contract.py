"""The job contract: every job is `run(settings, out_dir) -> Outcome`.

A job's settings are a frozen dataclass of plain values (str, int, float, bool, tuples of str) that
`validate()` checks before anything is read or written, and that travel to the job's notebook as Papermill
parameters (`to_parameters`) and back (`from_parameters`). The command line, the notebook and the tests
build the same settings. Every job ends with one result shape (`Outcome`): status, exit code, summary, the
files it wrote and the stores it read; the same fields open the job's machine-readable result file.

No pandas here: the command line imports settings to parse and check options in a fraction of a second.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, ClassVar, Self

from .errors import EXIT_COULD_NOT_RUN

# The executed notebook of a run; the runner names it in this variable while the job runs in its kernel, so that
# the job's report can link a notebook that is written only after the job ends.
EXECUTED_NOTEBOOK = "notebook.ipynb"
EXECUTED_NOTEBOOK_ENV = "INDIGO_EXECUTED_NOTEBOOK"


class JobSettings:
    """Mixin for a job's frozen settings dataclass: parameters in and out, and a default `validate`."""

    JOB: ClassVar[str] = ""

    def validate(self) -> Self:
        """Raise an IndigoError for a setting that cannot work; return self."""
        return self

    def check_lang(self) -> None:
        """The report language is ja, en, or "" (the workspace's setting, else the locale)."""
        lang = getattr(self, "lang", "")
        if lang not in ("", "ja", "en"):
            from .errors import ParameterError

            raise ParameterError(None, f"unknown language {lang!r}", "use --lang ja or --lang en")

    def to_parameters(self) -> dict[str, Any]:
        """The settings as notebook parameters: literals only (tuples become lists)."""
        return {
            f.name: list(value) if isinstance(value := getattr(self, f.name), tuple) else value
            for f in dataclasses.fields(self)  # type: ignore[arg-type]
        }

    @classmethod
    def from_parameters(cls, parameters: Mapping[str, Any]) -> Self:
        """Settings from notebook parameters (or a notebook's globals): known names only, lists as tuples."""
        names = {f.name for f in dataclasses.fields(cls)}  # type: ignore[arg-type]
        values = {
            name: tuple(value) if isinstance(value, list) else value
            for name, value in parameters.items()
            if name in names
        }
        return cls(**values)


@dataclass
class Outcome:
    """What every job returns: the fields its result file opens with, and the job's own objects for display.

    `detail` holds the job's tables for the notebook (it may hold member data inside the process; it is
    never written anywhere by the runner).
    """

    job: str
    status: str
    exit_code: int
    summary: str
    run_dir: Path
    outputs: list[str] = field(default_factory=list)
    stores: list[dict[str, Any]] = field(default_factory=list)
    result: dict[str, Any] = field(default_factory=dict)
    error: str | None = None
    detail: Any = field(default=None, repr=False)

    @property
    def notebook(self) -> Path:
        """The executed notebook of the run (absent when the job ran without one, as in the tests)."""
        return self.run_dir / EXECUTED_NOTEBOOK

    @classmethod
    def from_result(cls, job: str, run_dir: Path, result: Mapping[str, Any]) -> Outcome:
        """An outcome read back from a job's result file (as the notebook wrote it)."""
        return cls(
            job=job,
            status=str(result.get("status", "error")),
            exit_code=int(result.get("exit_code", EXIT_COULD_NOT_RUN)),
            summary=str(result.get("summary", "")),
            run_dir=run_dir,
            outputs=list(result.get("outputs", [])),
            stores=list(result.get("stores", [])),
            result=dict(result),
            error=result.get("error"),
        )


def run_outputs(run_dir: str | Path) -> list[str]:
    """The files a run folder holds, relative to it; hidden work files are left out (answer/ files by name only)."""
    run_dir = Path(run_dir)
    return sorted(
        p.relative_to(run_dir).as_posix()
        for p in run_dir.rglob("*")
        if p.is_file() and not any(part.startswith(".") for part in p.relative_to(run_dir).parts)
    )
