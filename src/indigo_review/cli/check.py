"""`indigo-review check --data DIR`: the accuracy suites, for a person or a scheduler."""

from __future__ import annotations

import argparse
from typing import Any

from ..check import CheckSettings
from ..workspace import Workspace
from .common import absolute, add_out, job_parser, parse_day, run_job_command

EXAMPLES = """  indigo-review check --data /srv/indigo/data
  indigo-review check --data data/sample --as-of 2026-11-01 --out runs/check/november"""


def add_parser(sub: Any) -> None:
    """Register the check command."""
    check = job_parser(
        sub,
        "check",
        "check member, event and sign-up records against the accuracy suites (policy 2(3))",
        "Run the Great Expectations suites against the tables in --data and report every failing record "
        "(masked), for a person or a scheduler. Each run adds to the check history in the workspace.",
        EXAMPLES,
    )
    check.add_argument("--data", required=True, metavar="DIR", help="folder with members, events and signups tables")
    check.add_argument("--suites", metavar="DIR", help="folder of suite JSON files (default: the shipped suites)")
    check.add_argument("--as-of", metavar="DATE", help="the day 'today' means for dates and ages (default today, JST)")
    add_out(check)
    check.set_defaults(handler=run)


def run(args: argparse.Namespace, workspace: Workspace) -> int:
    """Check the options, then run the check job."""
    if args.as_of:
        parse_day(args.as_of, "--as-of")
    settings = CheckSettings(
        data=absolute(args.data),
        suites=absolute(args.suites),
        as_of=args.as_of or "",
        lang=args.lang or "",
        workspace=str(workspace.root),
    )
    return run_job_command(settings, args.out)
