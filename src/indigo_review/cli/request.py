"""`indigo-review request`: a member's disclosure, correction or stop-of-use request; `request list`."""

from __future__ import annotations

import argparse
from typing import Any

from ..errors import ParameterError
from ..requests import DEFAULT_DUE_DAYS, ID_DOCUMENTS, KINDS, REFUSAL_CASES, RequestSettings
from ..workspace import Workspace
from .common import absolute, add_out, add_workspace, job_parser, parse_day, run_job_command

EXAMPLES = """  indigo-review request --kind disclosure --member M000123 --data DIR --id-document drivers_license
  indigo-review request --kind stop --member M000123 --data DIR --id-document passport
  indigo-review request --kind correction --member M000123 --data DIR --id-document passport --changes changes.csv
  indigo-review request list --as-of 2026-12-01"""


def add_parser(sub: Any) -> None:
    """Register the request command and its list subcommand."""
    cases = ", ".join(f"{i} {name}" for i, name in enumerate(REFUSAL_CASES, 1))
    request = job_parser(
        sub,
        "request",
        "answer a member's disclosure, correction or stop-of-use request and log it (policy 8)",
        "Find everything held about one member across the tables in --data, write the answer for the member "
        "into answer/ of the run folder (readable by you only) and log the request in the workspace. A stop of "
        "use adds the member to the workspace's stop list. `indigo-review request list` shows open and overdue "
        "requests. Exit 0 answered; 1 nothing held about the member, the request refused or a correction "
        "breaking an accuracy rule; 2 could not run.",
        EXAMPLES,
    )
    request.add_argument("--kind", choices=list(KINDS), help="what the member asks for")
    request.add_argument("--member", metavar="ID", help="the member id, e.g. M000123")
    request.add_argument("--data", metavar="DIR", help="folder with members, signups (and events, other) tables")
    request.add_argument("--received", metavar="DATE", default="", help="date the request arrived (default today)")
    request.add_argument("--requester", choices=["self", "agent"], default="self", help="who asked (default self)")
    request.add_argument(
        "--id-document",
        action="append",
        default=[],
        choices=list(ID_DOCUMENTS),
        help="an identity document that was checked (repeatable; its name only, never its number)",
    )
    request.add_argument("--refuse", metavar="CASE", default="", help=f"refuse under the policy's case: {cases}")
    request.add_argument(
        "--due-days",
        type=int,
        default=DEFAULT_DUE_DAYS,
        metavar="N",
        help=f"days from receipt to the due date (default {DEFAULT_DUE_DAYS})",
    )
    request.add_argument("--changes", metavar="FILE", help="correction: CSV column,new_value")
    request.add_argument("--suites", metavar="DIR", help="suites whose rules a correction must meet (default shipped)")
    add_out(request)
    request.set_defaults(handler=run)
    actions = request.add_subparsers(dest="action", metavar="ACTION", help="list: show open and overdue requests")
    listing = actions.add_parser(
        "list", help="show open and overdue requests", description="Open requests of the workspace's request log."
    )
    add_workspace(listing, nested=True)
    listing.add_argument("--as-of", metavar="DATE", default="", help="the day overdue is judged on (default today)")
    listing.set_defaults(handler=list_requests)


def run(args: argparse.Namespace, workspace: Workspace) -> int:
    """Check the request's options before a run folder exists, then run the job."""
    if args.kind is None or args.member is None or args.data is None:
        raise ParameterError(None, "a request needs --kind, --member and --data", "see indigo-review request --help")
    settings = RequestSettings(
        kind=args.kind,
        member_id=args.member,
        data=absolute(args.data),
        received=args.received,
        requester=args.requester,
        id_documents=tuple(args.id_document),
        refuse=args.refuse,
        due_days=args.due_days,
        changes_path=absolute(args.changes),
        suites=absolute(args.suites),
        lang=args.lang or "",
        workspace=str(workspace.root),
    ).validate()
    return run_job_command(settings, args.out)


def list_requests(args: argparse.Namespace, workspace: Workspace) -> int:
    """Open requests, overdue ones flagged; exit 0."""
    from ..requests import pending

    waiting = pending(workspace, parse_day(args.as_of, "--as-of") if args.as_of else None)
    overdue = int(waiting["overdue"].sum())
    print(f"open requests: {len(waiting)}; overdue: {overdue}")
    if len(waiting):
        print(waiting.to_string(index=False))
    return 0
