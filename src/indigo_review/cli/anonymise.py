"""`indigo-review anonymise --data DIR`: sign-ups as internal (pseudonymised) or third-party (anonymous) data."""

from __future__ import annotations

import argparse
import os
from typing import Any

from ..anonymise import (
    ALL_QUASI_IDENTIFIERS,
    DEFAULT_DP_BUDGET_PER_YEAR,
    DEFAULT_DP_MAX_SIGNUPS,
    DEFAULT_QUASI_IDENTIFIERS,
    DEFAULT_QUASI_IDENTIFIERS_BY_RELEASE,
    RELEASES,
    AnonymiseSettings,
)
from ..keys import KEY_FILE_ENV, load_key
from ..workspace import Workspace
from .common import absolute, add_out, comma_list, job_parser, run_job_command

EXAMPLES = """  indigo-review keygen                                   # once: the workspace's key
  indigo-review anonymise --data /srv/indigo/data          # internal, k=5
  indigo-review anonymise --data /srv/indigo/data --release third-party --k 10
  indigo-review anonymise --data /srv/indigo/data --release third-party --period ..2025-06 --dp-epsilon 1"""


def add_parser(sub: Any) -> None:
    """Register the anonymise command (and its American spelling)."""
    anonymise = job_parser(
        sub,
        "anonymise",
        "turn event sign-ups into k-anonymous planning data (policy 2(2), 3(1))",
        "Pseudonymise member ids with a keyed HMAC (internal) or drop every member link (third-party), "
        "generalise quasi-identifiers until every record shares them with members of at least k, then run the "
        "planning analysis on the result. The key comes from --key-file, $INDIGO_PSEUDONYM_KEY or the "
        "workspace's pseudonym.key, never from a parameter. Members on the workspace's stop list are left out.",
        EXAMPLES,
        aliases=["anonymize"],
    )
    anonymise.add_argument("--data", required=True, metavar="DIR", help="folder with members, events and signups")
    anonymise.add_argument("--k", type=int, default=5, help="smallest allowed equivalence class (default 5)")
    anonymise.add_argument("--key-file", metavar="FILE", help="the pseudonymisation key file (internal releases)")
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
        "--l",
        type=int,
        default=2,
        dest="l_diversity",
        help="distinct attendance outcomes every released class must show; a class with fewer has its outcome "
        "withheld ('*') (default 2; 1 turns the control off)",
    )
    anonymise.add_argument(
        "--exclude-status",
        default="",
        metavar="S,S",
        help="member statuses to leave out, e.g. withdrawn,lapsed (default: none; every status is counted)",
    )
    anonymise.add_argument(
        "--population",
        default="members",
        help="whose third-party releases are compared with each other and share one ε account (default members)",
    )
    anonymise.add_argument(
        "--period",
        default="",
        metavar="FROM..TO",
        help="event months a third-party release covers, e.g. 2025-01..2025-06 (either end may be left open); "
        "months released before are released again exactly as before",
    )
    anonymise.add_argument(
        "--dp-epsilon",
        type=float,
        default=0.0,
        metavar="E",
        help="also publish differentially private planning tables (OpenDP), spending E of the population's "
        "yearly budget, recorded in the provision ledger (default 0: none)",
    )
    anonymise.add_argument(
        "--dp-budget",
        type=float,
        default=DEFAULT_DP_BUDGET_PER_YEAR,
        metavar="E",
        help=f"ε a population may spend per calendar year (default {DEFAULT_DP_BUDGET_PER_YEAR})",
    )
    anonymise.add_argument(
        "--dp-max-signups",
        type=int,
        default=DEFAULT_DP_MAX_SIGNUPS,
        metavar="N",
        help=f"sign-ups per member the DP tables count at most (default {DEFAULT_DP_MAX_SIGNUPS})",
    )
    add_out(anonymise)
    anonymise.set_defaults(handler=run, command="anonymise")


def run(args: argparse.Namespace, workspace: Workspace) -> int:
    """Check the settings and the key, then run the anonymise job."""
    settings = AnonymiseSettings(
        k=args.k,
        quasi_identifiers=comma_list(args.quasi_identifiers),
        suppression_limit=args.suppression_limit,
        release=args.release,
        priority=comma_list(args.priority),
        data=absolute(args.data),
        l_diversity=args.l_diversity,
        exclude_status=comma_list(args.exclude_status),
        population=args.population,
        period=args.period,
        dp_epsilon=args.dp_epsilon,
        dp_budget_per_year=args.dp_budget,
        dp_max_signups=args.dp_max_signups,
        lang=args.lang or "",
        workspace=str(workspace.root),
    ).validate()
    env = {KEY_FILE_ENV: absolute(args.key_file)} if args.key_file else {}
    if settings.release == "internal":
        load_key({**os.environ, **env}, default_file=workspace.key_file)  # fail before a run folder exists
    return run_job_command(settings, args.out, env=env)
