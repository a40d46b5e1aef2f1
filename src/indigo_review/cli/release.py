"""`indigo-review release FILE --to R --basis B`: scan, apply the legal basis, record the decision."""

from __future__ import annotations

import argparse
from typing import Any

from ..errors import ParameterError
from ..release import BASES, SHARED_USE, ReleaseSettings
from ..workspace import Workspace
from .common import absolute, add_out, job_parser, run_job_command

EXAMPLES = """  indigo-review release third-party/anonymised_signups.parquet --to 会場運営株式会社 --basis anonymous
  indigo-review release venue_list.csv --to 会場運営株式会社 --basis consent --members /srv/indigo/data \\
      --recipient-address 東京都千代田区丸の内1-1-1 --recipient-representative '代表取締役 会場太郎'
  indigo-review release mailing.csv --to 印刷会社 --basis outsourcing --contract 'C-2026-014 (秘密保持条項あり)'"""


def add_parser(sub: Any) -> None:
    """Register the release command."""
    release = job_parser(
        sub,
        "release",
        "scan a file, apply the legal basis for giving it to a third party, record it (policy 3, 4, 7)",
        "Run the scan on the file, apply the rule of the legal basis (anonymous: must PASS and be a third-party "
        "anonymise output; consent: every member consented; outsourcing: a contract; shared-use: a complete "
        "notice; law: the law named), refuse members on the workspace's stop list, and record the decision, "
        "released or refused, in the workspace's hash-chained provision ledger. Exit 0 released, 1 refused, "
        "2 could not run.",
        EXAMPLES,
    )
    release.add_argument("path", metavar="PATH", help="the file to release")
    release.add_argument("--to", required=True, dest="recipient", metavar="RECIPIENT", help="who receives it (name)")
    release.add_argument("--basis", required=True, choices=BASES, help="the legal basis of the provision")
    release.add_argument("--recipient-address", default="", metavar="TEXT", help="the recipient's address (company)")
    release.add_argument(
        "--recipient-representative", default="", metavar="NAME", help="the recipient's representative (company)"
    )
    release.add_argument(
        "--members",
        metavar="DIR",
        help="folder with the members table: who is in the file, and their consent (default: the workspace's data)",
    )
    release.add_argument(
        "--contract", default="", metavar="REF", help="outsourcing contract with confidentiality (--basis outsourcing)"
    )
    release.add_argument("--shared-use", metavar="FILE", help="shared-use notice TOML (needed for --basis shared-use)")
    release.add_argument(
        "--legal-basis", default="", metavar="TEXT", help="the law or order requiring it (needed for --basis law)"
    )
    release.add_argument(
        "--allow-entity",
        action="append",
        default=[],
        metavar="E",
        help="an item the recipient must receive and you name explicitly (CREDIT_CARD); repeatable",
    )
    add_out(release)
    release.set_defaults(handler=run)


def run(args: argparse.Namespace, workspace: Workspace) -> int:
    """Check the request (a missing particular or file is exit 2 before anything runs), then run the job."""
    settings = ReleaseSettings(
        recipient=args.recipient,
        basis=args.basis,
        recipient_address=args.recipient_address,
        recipient_representative=args.recipient_representative,
        contract=args.contract,
        legal_basis=args.legal_basis,
        path=absolute(args.path),
        shared_use_path=absolute(args.shared_use),
        members_dir=absolute(args.members),
        allow_entities=tuple(e.strip().upper() for e in args.allow_entity),
        lang=args.lang or "",
        workspace=str(workspace.root),
    ).validate()
    if not workspace.members_folder(settings.members_dir):
        raise ParameterError(
            None,
            "no member registry: a release must know the society's members to find them in the file",
            "give --members DIR, or once: indigo-review workspace set --data DIR",
        )
    if settings.basis == SHARED_USE:
        from ..release import load_notice

        load_notice(settings.shared_use_path)  # unreadable: exit 2 now; a missing field is a refusal, recorded later
    return run_job_command(settings, args.out)
