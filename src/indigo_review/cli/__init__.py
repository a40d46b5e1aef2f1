"""The `indigo-review` command: thin. Each job's module builds the job's settings and runs it.

`--help`, every subcommand's `--help` and every argument error import no pandas, Presidio or spaCy: the
modules here import only settings, the workspace and errors; a job imports the world when it runs.
"""

from __future__ import annotations

import sys
from collections.abc import Sequence

from .. import __version__
from ..errors import EXIT_COULD_NOT_RUN, IndigoError
from . import anonymise, check, keygen, ledger, release, request, scan, workspace
from .common import EXIT_CODES_TEXT, PROG, Parser, workspace_of

MODULES = (anonymise, check, scan, release, ledger, request, keygen, workspace)


def build_parser() -> Parser:
    """The argument parser for every command."""
    import argparse

    parser = Parser(
        prog=PROG,
        description="Keep indiGO's privacy promises on member data: anonymise sign-ups for planning, check record "
        "accuracy, scan exports for personal data, record every release in a ledger, answer members' requests.",
        epilog=EXIT_CODES_TEXT,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--version", action="version", version=f"{PROG} {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", required=True, parser_class=Parser)
    for module in MODULES:
        module.add_parser(sub)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of the console script: parse, move old stores into the workspace, run; the exit code."""
    args = build_parser().parse_args(argv)
    try:
        from ..migration import legacy_variables, migrate_legacy

        place = workspace_of(args)
        for message in [*legacy_variables(), *migrate_legacy(place)]:
            print(message, file=sys.stderr)
        return int(args.handler(args, place))
    except IndigoError as exc:
        print(f"{PROG} {args.command}: error: {exc.message}", file=sys.stderr)
        return exc.exit_code
    except KeyboardInterrupt:
        print(f"{PROG} {args.command}: interrupted", file=sys.stderr)
        return EXIT_COULD_NOT_RUN
    except Exception as exc:  # an unexpected failure: say which, never its text (it may quote data)
        print(
            f"{PROG} {args.command}: error: unexpected {type(exc).__name__}; please report it with the run folder",
            file=sys.stderr,
        )
        return EXIT_COULD_NOT_RUN


if __name__ == "__main__":
    sys.exit(main())
