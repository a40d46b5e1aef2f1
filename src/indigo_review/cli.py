"""The `indigo-review` command: parse options, run the job's notebook, print one summary, exit 0/1/2."""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from . import __version__
from .anonymise import (
    ALL_QUASI_IDENTIFIERS,
    DEFAULT_QUASI_IDENTIFIERS,
    DEFAULT_QUASI_IDENTIFIERS_BY_RELEASE,
    KEY_FILE_ENV,
    RELEASES,
    AnonymiseSettings,
    load_key,
    write_key_file,
)
from .errors import EXIT_COULD_NOT_RUN, IndigoError, InputError
from .stop_list import read_stop_list, stop_list_path

_EPILOG = """exit codes: 0 pass; 1 the data failed the job (BLOCK, failed expectations, k not reached);
2 the job could not run (bad input, missing key, unreadable file). One line on stderr says why.
Each run writes a folder (default runs/<job>/<UTC timestamp>/) holding the executed notebook,
a machine-readable result, an HTML report and the job's tables; nothing is written elsewhere."""


def build_parser() -> argparse.ArgumentParser:
    """The argument parser for all subcommands."""
    parser = argparse.ArgumentParser(
        prog="indigo-review",
        description="Keep indiGO's privacy promises on member data: anonymise sign-ups for planning, "
        "check record accuracy, and scan exports for personal data before release.",
        epilog=_EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--version", action="version", version=f"indigo-review {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", required=True)

    anonymise = sub.add_parser(
        "anonymise",
        help="turn event sign-ups into k-anonymous planning data (policy 2(2), 3(1))",
        description="Pseudonymise member ids with a keyed HMAC, generalise quasi-identifiers until every "
        "record shares them with at least k-1 others, then run the planning analysis on the result. "
        "The key comes from INDIGO_PSEUDONYM_KEY or --key-file, never from a parameter.",
        epilog=_EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    anonymise.add_argument("--data", required=True, type=Path, help="folder with members, events and signups tables")
    anonymise.add_argument("--k", type=int, default=5, help="smallest allowed equivalence class (default 5)")
    anonymise.add_argument(
        "--key-file", type=Path, help="file holding the pseudonymisation key (default: $INDIGO_PSEUDONYM_KEY)"
    )
    anonymise.add_argument(
        "--quasi-identifiers",
        default="",
        metavar="Q,Q",
        help=f"comma-separated quasi-identifiers to protect and release, from {', '.join(ALL_QUASI_IDENTIFIERS)} "
        f"(default internal: {','.join(DEFAULT_QUASI_IDENTIFIERS)}; third-party: "
        f"{','.join(DEFAULT_QUASI_IDENTIFIERS_BY_RELEASE['third-party'])}, and always the event and outcome)",
    )
    anonymise.add_argument(
        "--suppression-limit",
        type=float,
        default=0.05,
        metavar="F",
        help="largest share of records that may be suppressed to reach k (default 0.05)",
    )
    anonymise.add_argument(
        "--release",
        choices=RELEASES,
        default="internal",
        help="internal: keyed pseudonyms, may not leave the society (仮名加工情報); third-party: no member link, "
        "every released combination shared by k members, APPI Rules Art. 34 (匿名加工情報). Default internal",
    )
    anonymise.add_argument(
        "--priority",
        default="",
        metavar="A,A",
        help="attributes to keep detailed, most important first (e.g. area,age,event); "
        "default: area and age first, channel and sign-up day last",
    )
    anonymise.add_argument(
        "--stop-list",
        type=Path,
        metavar="FILE",
        help="members whose use is stopped (policy 8); default $INDIGO_STOP_LIST, else runs/stop_list.csv",
    )
    _add_out(anonymise)

    keygen = sub.add_parser(
        "keygen",
        help="write a new pseudonymisation key file readable only by you",
        description="Create a random 256-bit key in a new file with mode 600. Existing files are never overwritten. "
        "Keep the same key to keep pseudonyms stable across runs; losing it breaks repeat-attendance links.",
    )
    keygen.add_argument("--out", type=Path, required=True, help="the key file to create")

    check = sub.add_parser(
        "check",
        help="check member, event and sign-up records against expectation suites (policy 2(3))",
        description="Run the Great Expectations suites in --suites against the tables in --data and report "
        "every failing record (masked), for a person or a scheduler.",
        epilog=_EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    check.add_argument("--data", required=True, type=Path, help="folder with members, events and signups tables")
    check.add_argument(
        "--suites", type=Path, default=Path("expectations"), help="folder of suite JSON files (default expectations/)"
    )
    check.add_argument(
        "--history", type=Path, help="run history database (default history.sqlite two folders above the run folder)"
    )
    _add_out(check)

    scan = sub.add_parser(
        "scan",
        help="scan an export for personal data before release: PASS, BLOCK or ERROR (policy 3, 4, 7)",
        description="Read every cell of every sheet of an export (CSV, TSV, Excel, Parquet, JSON, JSON Lines) "
        "and look for personal data. PASS: nothing found. BLOCK: something found. ERROR: the file could not "
        "be read in full, which also blocks release.",
        epilog=_EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    scan.add_argument("path", type=Path, help="the export file to scan")
    scan.add_argument(
        "--allow-column",
        action="append",
        default=[],
        metavar="C",
        help="accept findings in this column (repeatable); recorded in the result",
    )
    scan.add_argument(
        "--allow-entity",
        action="append",
        default=[],
        metavar="E",
        help="accept findings of this entity, e.g. LOCATION (repeatable); recorded in the result",
    )
    scan.add_argument(
        "--policy",
        type=Path,
        metavar="FILE",
        help="allow-list file (JSON or TOML) with allow_columns and allow_entities lists",
    )
    _add_out(scan)
    return parser


def _add_out(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--out", type=Path, help="run folder to create (must be new or empty; default runs/<job>/<UTC timestamp>/)"
    )


def _job_request(args: argparse.Namespace) -> tuple[str, dict[str, Any], dict[str, str]]:
    """Check the options a user can get wrong before any run folder is made; return job, parameters, env."""
    if args.command == "scan":
        if not args.path.exists():
            raise InputError(args.path, "file not found", "check the path of the export to scan")
        params = {
            "path": str(args.path.resolve()),
            "allow_columns": list(args.allow_column),
            "allow_entities": list(args.allow_entity),
            "policy_path": "",
        }
        # Allow-lists are checked here so that a broken one never creates a run folder.
        from .scan import load_policy, make_policy

        make_policy(args.allow_column, args.allow_entity)
        if args.policy is not None:
            load_policy(args.policy)
            params["policy_path"] = str(args.policy.resolve())
        return "scan", params, {}
    if not args.data.is_dir():
        raise InputError(args.data, "is not a folder", "pass --data the folder that holds the tables")
    if args.command == "check":
        params = {"data_dir": str(args.data.resolve()), "suites_dir": str(args.suites.resolve())}
        if args.history is not None:
            params["history_path"] = str(args.history.resolve())
        return "check", params, {}
    quasi_identifiers = tuple(q.strip() for q in args.quasi_identifiers.split(",") if q.strip())
    priority = tuple(p.strip() for p in args.priority.split(",") if p.strip())
    AnonymiseSettings(args.k, quasi_identifiers, args.suppression_limit, args.release, priority).validate()
    env = {KEY_FILE_ENV: str(args.key_file.resolve())} if args.key_file else {}
    if args.release == "internal":
        load_key({**os.environ, **env})  # fail before a run folder exists; the kernel loads it again itself
    # The stop list is read here too, so that a wrong path fails before a run folder exists; the kernel gets
    # an absolute path (its working folder may differ), or "" when nobody has asked yet.
    stop_path, named = stop_list_path(args.stop_list)
    read_stop_list(stop_path if named else None)
    params = {
        "data_dir": str(args.data.resolve()),
        "k": args.k,
        "quasi_identifiers": list(quasi_identifiers),
        "suppression_limit": args.suppression_limit,
        "release": args.release,
        "priority": list(priority),
        "stop_list": str(stop_path.resolve()) if named or stop_path.exists() else "",
    }
    return "anonymise", params, env


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of the console script."""
    args = build_parser().parse_args(argv)
    from .runner import run_job  # deferred so that --help stays fast

    if args.command == "keygen":
        try:
            path = write_key_file(args.out)
        except IndigoError as exc:
            print(f"indigo-review keygen: error: {exc.message}", file=sys.stderr)
            return exc.exit_code
        print(f"key written to {path} (mode 600); pass it with --key-file, keep it secret and backed up")
        return 0
    try:
        job, params, env = _job_request(args)
        outcome = run_job(job, params, out=args.out, env=env)
    except IndigoError as exc:
        print(f"indigo-review {args.command}: error: {exc.message}", file=sys.stderr)
        return exc.exit_code
    except KeyboardInterrupt:
        print(f"indigo-review {args.command}: interrupted", file=sys.stderr)
        return EXIT_COULD_NOT_RUN
    except Exception as exc:  # an unexpected failure: say which, never its text (it may quote data)
        print(
            f"indigo-review {args.command}: error: unexpected {type(exc).__name__}; "
            "please report it with the run folder",
            file=sys.stderr,
        )
        return EXIT_COULD_NOT_RUN
    status = str(outcome.result.get("status", "error")).upper()
    summary = outcome.result.get("summary", "")
    print(f"{job}: {status}{' — ' + summary if summary else ''}")
    print(f"run folder: {outcome.run_dir}")
    if outcome.error:
        print(f"indigo-review {job}: error: {outcome.error}", file=sys.stderr)
    return outcome.exit_code


if __name__ == "__main__":
    sys.exit(main())
