"""The one error hierarchy: every expected problem is an IndigoError, and the CLI maps it to exit 2.

Messages name the file and say what to do. They never carry a cell value: callers pass positions
(line, row, column names), never content.
"""

from __future__ import annotations

from pathlib import Path

EXIT_PASS = 0
EXIT_FAILED = 1
EXIT_COULD_NOT_RUN = 2


class IndigoError(Exception):
    """An expected problem that stops a job from running (exit code 2)."""

    exit_code = EXIT_COULD_NOT_RUN

    def __init__(self, path: str | Path | None, problem: str, hint: str = "") -> None:
        self.path = str(path) if path is not None else None
        self.problem = problem
        self.hint = hint
        super().__init__(self.message)

    @property
    def message(self) -> str:
        """One line: file, problem, what to do."""
        parts = [f"{self.path}: {self.problem}" if self.path else self.problem]
        if self.hint:
            parts.append(self.hint)
        return " — ".join(parts)

    def __str__(self) -> str:
        return self.message


class InputError(IndigoError):
    """An input file is missing, unreadable, or not a table we can read in full."""


class UnsupportedInput(InputError):
    """A file this tool cannot read by its nature: an unsupported type, encrypted or password-protected, a PDF
    page that is only an image, too large to read whole, or not readable at all. A scan with
    --skip-unsupported lists it as skipped instead of failing the run; any other InputError (a damaged file of
    a supported type) stays an ERROR."""


class ParameterError(IndigoError):
    """A job parameter or option is invalid (k < 2, unknown column, ...)."""


class PseudonymKeyError(IndigoError):
    """The pseudonymisation key is missing, too short, or unsafe to read."""


class SuiteError(IndigoError):
    """An expectation suite file is missing or broken."""


class NotebookError(IndigoError):
    """A job notebook could not be executed to the end."""


class StoreError(IndigoError):
    """A store of the workspace (stop list, ledger, request log, history) is missing, corrupt or not ours."""


class LedgerKeyError(IndigoError):
    """The ledger key (INDIGO_LEDGER_KEY) is malformed, or the ledger was keyed and no key was given."""


class ScanFailure(IndigoError):
    """A scan could not finish (a recognizer failed); the export is not released."""


class PartitionLost(IndigoError):
    """A partition could not be scanned (it failed, or its worker died); the file is not released."""


# The notebook runner sees only the exception class name raised inside the kernel; this maps it back. Built from
# the classes above, so an error class added here is mapped without a second list to keep in step.
ERRORS_BY_NAME: dict[str, type[IndigoError]] = {
    cls.__name__: cls for cls in list(globals().values()) if isinstance(cls, type) and issubclass(cls, IndigoError)
}
