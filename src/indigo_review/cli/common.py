"""What every command shares: a parser whose errors are one line with a suggestion, the common options,
and the one way a job is run and its outcome printed.

Nothing here imports pandas, Presidio or spaCy: a job imports them when it runs, not when it is parsed.
"""

from __future__ import annotations

import argparse
import difflib
import sys
from collections.abc import Mapping, Sequence
from datetime import date
from pathlib import Path
from typing import Any, ClassVar, NoReturn

from ..contract import JobSettings
from ..errors import EXIT_COULD_NOT_RUN, ParameterError
from ..workspace import Workspace

PROG = "indigo-review"
EXIT_CODES_TEXT = """exit codes: 0 pass; 1 the data failed the job (BLOCK, refused, failed expectations, k not reached);
2 the job could not run (bad input, missing key, unreadable file). One line on stderr says why.
Each run writes a folder (default runs/<job>/<UTC timestamp>/) holding the executed notebook,
a machine-readable result, an HTML report and the job's tables. Stored state (stop list, ledger,
request log, check history) lives in the workspace: --workspace, else $INDIGO_HOME, else the
per-user data folder; never the working folder."""


class Parser(argparse.ArgumentParser):
    """argparse with one-line errors that suggest the nearest command or option."""

    # The words being parsed: a subcommand's parser reports a missing --data before the parent sees `--dta`.
    _words: ClassVar[list[str]] = []

    def parse_args(self, args: Sequence[str] | None = None, namespace: Any = None) -> Any:  # type: ignore[override]
        """Parse, remembering the words so that an error can suggest what was meant."""
        Parser._words = list(sys.argv[1:] if args is None else args)
        return super().parse_args(args, namespace)

    def error(self, message: str) -> NoReturn:
        """Print one line (with a suggestion when a word was misspelt) and exit 2."""
        hint = _suggestion(self, message)
        self.exit(EXIT_COULD_NOT_RUN, f"{self.prog}: error: {message}{hint} (see {self.prog} --help)\n")


def _suggestion(parser: argparse.ArgumentParser, message: str) -> str:
    said = [w for w in Parser._words if w.startswith("--")]
    words = [*(w.split("=")[0] for w in said), *(w.strip("'\",") for w in message.replace(":", " ").split())]
    known: list[str] = []
    for action in parser._actions:
        known.extend(action.option_strings)
        if isinstance(action, argparse._SubParsersAction):
            known.extend(action.choices)
        elif action.choices:
            known.extend(str(c) for c in action.choices)
    for word in words:
        if word in known:
            continue
        close = difflib.get_close_matches(word, known, n=1, cutoff=0.6)
        if close:
            return f"; did you mean {close[0]}?"
    return ""


def add_workspace(parser: argparse.ArgumentParser, nested: bool = False) -> None:
    """--workspace DIR: the root of the stored state (`nested`: a subcommand's copy never unsets its parent's)."""
    parser.add_argument(
        "--workspace",
        type=Path,
        metavar="DIR",
        default=argparse.SUPPRESS if nested else None,
        help="where the stop list, ledger, request log and check history live (default $INDIGO_HOME, else the "
        "per-user data folder)",
    )


def add_out(parser: argparse.ArgumentParser) -> None:
    """--out RUN_DIR: the run folder to create."""
    parser.add_argument(
        "--out",
        type=Path,
        metavar="RUN_DIR",
        help="run folder to create (must be new or empty; default runs/<job>/<UTC timestamp>/)",
    )


def job_parser(sub: Any, name: str, help_text: str, description: str, examples: str, **kw: Any) -> Parser:
    """A job's subcommand with its description, examples and the exit codes in its help."""
    parser = sub.add_parser(
        name,
        help=help_text,
        description=description,
        epilog=f"examples:\n{examples}\n\n{EXIT_CODES_TEXT}",
        formatter_class=argparse.RawDescriptionHelpFormatter,
        **kw,
    )
    add_workspace(parser)
    parser.add_argument(
        "--lang",
        choices=("ja", "en"),
        help="language of the reports (default: the workspace's setting, else your locale, else ja)",
    )
    return parser


def absolute(path: Path | str | None) -> str:
    """A path as the kernel must see it (its working folder is the run folder), or "" for none."""
    return str(Path(path).resolve()) if path else ""


def parse_day(text: str, option: str) -> date:
    """A YYYY-MM-DD option value, or a ParameterError naming the option."""
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise ParameterError(None, f"{option} is not a YYYY-MM-DD date", f"e.g. {option} 2026-04-01") from None


def run_job_command(
    settings: JobSettings,
    out: Path | None,
    env: Mapping[str, str] | None = None,
    progress: bool = False,
) -> int:
    """Run the job, print its status and run folder on stdout and an error or refusal on stderr; the exit code."""
    from ..runner import run_job  # deferred: the runner imports Jupyter, which --help never needs

    settings = settings.validate()
    outcome = run_job(settings, out, env=env, progress=progress)
    print(_outcome_line(outcome))
    print(f"run folder: {outcome.run_dir}")
    if outcome.error:
        print(f"{PROG} {outcome.job}: error: {outcome.error}", file=sys.stderr)
    elif outcome.job in ("release", "anonymise") and outcome.exit_code == 1 and outcome.result.get("reason"):
        print(f"{PROG} {outcome.job}: refused: {outcome.result['reason']}", file=sys.stderr)
    return outcome.exit_code


def _outcome_line(outcome: Any) -> str:
    """`scan: BLOCK 提供不可 — headline`: the status word a script greps for, then the report's own words."""
    from ..i18n import translator
    from ..report import status_label

    lang = str(outcome.result.get("lang", "en"))
    label = status_label(outcome.status, translator(lang)) if lang == "ja" else ""
    status = outcome.status.upper() + (f" {label}" if label and label != outcome.status.upper() else "")
    said = outcome.result.get("headline") or outcome.summary
    return f"{outcome.job}: {status}" + ("" if outcome.error or not said else f" — {said}")


def comma_list(text: str) -> tuple[str, ...]:
    """A comma-separated option as a tuple of its non-empty items."""
    return tuple(item.strip() for item in text.split(",") if item.strip())


def workspace_of(args: argparse.Namespace) -> Workspace:
    """The workspace the command works in."""
    return Workspace.locate(getattr(args, "workspace", None))


def names(items: Sequence[str]) -> str:
    """Items for a help text."""
    return ", ".join(items)
