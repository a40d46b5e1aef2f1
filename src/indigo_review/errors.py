"""The one error hierarchy: every expected problem is an IndigoError, and the CLI maps it to exit 2.

Messages name the file and say what to do. They never carry a cell value: callers pass positions
(line, row, column names), never content.
"""

from __future__ import annotations

from pathlib import Path

from .i18n import N_

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
    """An input file is missing, unreadable, or not a table we can read in full.

    `reason` says which kind of problem in one word of READING_PROBLEMS, for a report that lists files it could
    not read in the reader's language (the problem itself is English and may name sizes, pages, keys).
    """

    def __init__(self, path: str | Path | None, problem: str, hint: str = "", reason: str = "damaged") -> None:
        self.reason = reason
        super().__init__(path, problem, hint)


class UnsupportedInput(InputError):
    """A file this tool cannot read by its nature: an unsupported type, encrypted or password-protected, a PDF
    page that is only an image, too large to read whole, or not readable at all. A scan with
    --skip-unsupported lists it as skipped instead of failing the run; any other InputError (a damaged file of
    a supported type) stays an ERROR."""

    def __init__(self, path: str | Path | None, problem: str, hint: str = "", reason: str = "type") -> None:
        super().__init__(path, problem, hint, reason)


# Why a file could not be read, as a report lists it (a catalogue message, translated where it is shown).
READING_PROBLEMS = {
    "type": N_("a type of file that is not read"),
    "encrypted": N_("protected by a password"),
    "legacy": N_("an old file format that cannot be read (save it in the current format)"),
    "embedded": N_("holds other files inside it, which are not read"),
    "pictures": N_("holds pictures without text (a scanned page?)"),
    "undecodable": N_("holds text that cannot be decoded"),
    "too_large": N_("too large to read whole"),
    "permission": N_("cannot be opened (no permission to read it)"),
    "disguised": N_("not the kind of file its name says"),
    "empty": N_("an empty file"),
    "damaged": N_("damaged, or not the kind of file its name says"),
}


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
