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
from .errors import EXIT_COULD_NOT_RUN, IndigoError, InputError, ParameterError
from .progress import show_progress
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
        "check record accuracy, scan exports for personal data, and record every release in a ledger.",
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
        description="Read every cell of every sheet of each export (CSV, TSV, Excel, Parquet, JSON, JSON Lines; "
        "a folder stands for every such file below it) and look for personal data. Each file gets its own "
        "verdict. PASS: nothing found. BLOCK: something found. ERROR: the file could not be read in full, which "
        "also blocks release. The run exits 2 if any file is ERROR, else 1 if any BLOCKs, else 0.",
        epilog=_EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    scan.add_argument(
        "paths", type=Path, nargs="+", metavar="PATH", help="export files, or folders to scan recursively for them"
    )
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
    scan.add_argument(
        "--scheduler",
        metavar="ADDRESS",
        help="run the partitions on this Dask scheduler, e.g. tcp://10.0.0.5:8786 (default $INDIGO_DASK_SCHEDULER; "
        "else a local cluster for files over 2 MB)",
    )
    scan.add_argument(
        "--workers",
        type=int,
        metavar="N",
        help="local cluster of N worker processes (0: scan in this process; default one per core for large files)",
    )
    scan.add_argument("--quiet", action="store_true", help="no progress bar (none is drawn off a terminal anyway)")
    _add_out(scan)
    _add_release(sub)
    _add_ledger(sub)
    _add_request(sub)
    return parser


def _add_release(sub: Any) -> None:
    from .release import BASES

    release = sub.add_parser(
        "release",
        help="scan a file, apply the legal basis for giving it to a third party, record it (policy 3, 4, 7)",
        description="Run the scan on FILE, apply the rule of the legal basis (anonymous: must PASS and be a "
        "third-party anonymise output; consent: every member consented; outsourcing: a contract; shared-use: "
        "a complete notice; law: the law named), refuse members on the stop list, and record the decision, "
        "released or refused, in the hash-chained provision ledger. Exit 0 released, 1 refused, 2 could not run.",
        epilog=_EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    release.add_argument("path", type=Path, help="the file to release")
    release.add_argument("--to", required=True, dest="recipient", metavar="RECIPIENT", help="who receives it (name)")
    release.add_argument("--basis", required=True, choices=BASES, help="the legal basis of the provision")
    release.add_argument("--recipient-address", default="", metavar="TEXT", help="the recipient's address (company)")
    release.add_argument(
        "--recipient-representative", default="", metavar="NAME", help="the recipient's representative (company)"
    )
    release.add_argument(
        "--members", type=Path, metavar="DIR", help="folder with the members table (needed for --basis consent)"
    )
    release.add_argument(
        "--contract", default="", metavar="REF", help="outsourcing contract with confidentiality (--basis outsourcing)"
    )
    release.add_argument(
        "--shared-use", type=Path, metavar="FILE", help="shared-use notice TOML (needed for --basis shared-use)"
    )
    release.add_argument(
        "--legal-basis", default="", metavar="TEXT", help="the law or order requiring it (needed for --basis law)"
    )
    release.add_argument("--stop-list", type=Path, metavar="FILE", help="stop-of-use list (default: $INDIGO_STOP_LIST)")
    _add_ledger_option(release)
    _add_out(release)


def _add_ledger_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--ledger", type=Path, metavar="FILE", help="the provision ledger (default $INDIGO_LEDGER, runs/ledger.sqlite)"
    )


def _add_ledger(sub: Any) -> None:
    ledger = sub.add_parser(
        "ledger",
        help="the provision ledger: list, export for an auditor, verify the chain, purge after retention",
        description="Read the hash-chained provision ledger the release job writes. verify exits 1 naming the "
        "first edited or missing entry; purge removes only entries older than the retention period and records "
        "that it did.",
    )
    actions = ledger.add_subparsers(dest="action", metavar="ACTION", required=True)
    listing = actions.add_parser("list", help="print the entries", description="Print the ledger's entries.")
    listing.add_argument("--since", metavar="DATE", help="only entries provided on or after DATE (YYYY-MM-DD)")
    _add_ledger_option(listing)
    export = actions.add_parser(
        "export", help="export for an auditor (CSV or HTML)", description="Export every entry with its chain fields."
    )
    export.add_argument("--format", choices=("csv", "html"), default="csv", help="csv (default) or html")
    export.add_argument("--out", type=Path, metavar="FILE", help="file to write (CSV: default standard output)")
    export.add_argument("--since", metavar="DATE", help="only entries provided on or after DATE (YYYY-MM-DD)")
    _add_ledger_option(export)
    check = actions.add_parser(
        "verify", help="check the hash chain", description="Exit 0 intact, 1 broken (naming the first bad entry)."
    )
    check.add_argument("--head", metavar="HASH", help="a head hash kept from an earlier audit that must still be there")
    _add_ledger_option(check)
    purge = actions.add_parser(
        "purge",
        help="remove entries older than the retention period",
        description="Remove entries recorded before DATE when DATE is at least the retention period ago, and "
        "append a purge entry that keeps the chain verifiable.",
    )
    purge.add_argument("--before", required=True, metavar="DATE", help="remove entries provided before DATE")
    purge.add_argument(
        "--retention-years", type=int, default=3, metavar="N", help="retention period, 3 or more (default 3)"
    )
    _add_ledger_option(purge)


def _add_request(sub: Any) -> None:
    from .requests import DEFAULT_DUE_DAYS, ID_DOCUMENTS, KINDS, LOG_ENV, REFUSAL_CASES

    cases = ", ".join(f"{i} {name}" for i, name in enumerate(REFUSAL_CASES, 1))
    request = sub.add_parser(
        "request",
        help="answer a member's disclosure, correction or stop-of-use request and log it (policy 8)",
        description="Find everything held about one member across the tables in --data, write the answer for the "
        "member into answer/ of the run folder (readable by you only) and log the request. "
        "`indigo-review request list` shows open and overdue requests. Exit 0 answered; 1 nothing held about "
        "the member, the request refused or a correction breaking an accuracy rule; 2 could not run.",
        epilog=_EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    request.add_argument("action", nargs="?", choices=["list"], help="list: show open and overdue requests")
    request.add_argument("--kind", choices=list(KINDS), help="what the member asks for")
    request.add_argument("--member", metavar="ID", help="the member id, e.g. M000123")
    request.add_argument("--data", type=Path, help="folder with members, signups (and events, other) tables")
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
    request.add_argument("--changes", type=Path, metavar="FILE", help="correction: CSV column,new_value")
    request.add_argument(
        "--suites", type=Path, default=Path("expectations"), help="suites whose rules a correction must meet"
    )
    request.add_argument("--stop-list", type=Path, metavar="FILE", help="stop list (default $INDIGO_STOP_LIST)")
    request.add_argument(
        "--log", type=Path, metavar="FILE", help=f"request log (default ${LOG_ENV}, else runs/requests.sqlite)"
    )
    request.add_argument("--as-of", metavar="DATE", default="", help="list: the day overdue is judged on")
    request.add_argument(
        "--ledger",
        type=Path,
        metavar="FILE",
        help="provision ledger whose records about the member a disclosure includes (default $INDIGO_LEDGER, "
        "else runs/ledger.sqlite when it exists)",
    )
    _add_out(request)


def _add_out(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--out", type=Path, help="run folder to create (must be new or empty; default runs/<job>/<UTC timestamp>/)"
    )


def _job_request(args: argparse.Namespace) -> tuple[str, dict[str, Any], dict[str, str]]:
    """Check the options a user can get wrong before any run folder is made; return job, parameters, env."""
    if args.command == "scan":
        from .scan import collect_exports, load_policy, make_policy

        collect_exports(args.paths)  # a missing path or an empty folder fails before any run folder exists
        if args.workers is not None and args.workers < 0:
            raise ParameterError(None, "--workers must be 0 or more", "0 scans in this process; N starts N workers")
        params = {
            "paths": [str(path.resolve()) for path in args.paths],
            "scheduler": args.scheduler or "",
            "workers": args.workers,
            "allow_columns": list(args.allow_column),
            "allow_entities": list(args.allow_entity),
            "policy_path": "",
        }
        # Allow-lists are checked here so that a broken one never creates a run folder.
        make_policy(args.allow_column, args.allow_entity)
        if args.policy is not None:
            load_policy(args.policy)
            params["policy_path"] = str(args.policy.resolve())
        return "scan", params, {}
    if args.command == "release":
        return "release", _release_params(args), {}
    if args.command == "request":
        return "request", _request_parameters(args), {}
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


def _release_params(args: argparse.Namespace) -> dict[str, Any]:
    """Check a release request before any run folder is made; paths become absolute for the kernel."""
    from .release import CONSENT, SHARED_USE, ReleaseRequest, ledger_path, load_notice, read_entries
    from .stop_list import read_stop_list, stop_list_path

    if not args.path.is_file():
        raise InputError(args.path, "file not found", "check the path of the file to release")
    request = ReleaseRequest(
        args.recipient,
        args.basis,
        args.recipient_address,
        args.recipient_representative,
        args.contract,
        args.legal_basis,
    )
    request.validate()
    params: dict[str, Any] = {
        "path": str(args.path.resolve()),
        "recipient": args.recipient,
        "basis": args.basis,
        "recipient_address": args.recipient_address,
        "recipient_representative": args.recipient_representative,
        "contract": args.contract,
        "legal_basis": args.legal_basis,
        "shared_use_path": "",
        "members_dir": "",
    }
    if args.basis == CONSENT:
        if args.members is None:
            raise ParameterError(None, "a release with consent needs the members table", "give --members DIR")
        if not args.members.is_dir():
            raise InputError(args.members, "is not a folder", "give --members the folder that holds members.csv")
        params["members_dir"] = str(args.members.resolve())
    if args.basis == SHARED_USE:
        if args.shared_use is None:
            raise ParameterError(None, "a shared-use release needs the notice", "give --shared-use FILE (TOML)")
        load_notice(args.shared_use)  # unreadable: exit 2 now; a missing field is a refusal, recorded later
        params["shared_use_path"] = str(args.shared_use.resolve())
    stop, named = stop_list_path(args.stop_list)
    if named or stop.exists():
        read_stop_list(stop)
        params["stop_list_path"] = str(stop.resolve())
    else:
        params["stop_list_path"] = ""  # the default list does not exist yet: nobody has asked to stop
    ledger = ledger_path(args.ledger)
    if ledger.exists():
        read_entries(ledger)  # not a ledger: exit 2 before the scan runs
    params["ledger"] = str(ledger.resolve())
    return params


def _ledger_command(args: argparse.Namespace) -> int:
    """Run `indigo-review ledger ACTION`; return the exit code."""
    from .release import audit_table, export_csv, export_html, ledger_path, parse_day, purge, verify

    ledger = ledger_path(args.ledger)
    since = parse_day(args.since, "--since") if getattr(args, "since", None) else None
    if args.action == "list":
        table = audit_table(ledger, since)
        shown = table[["seq", "provided_on", "outcome", "basis", "recipient", "file_name", "person_count", "items"]]
        print(shown.to_string(index=False) if len(shown) else "no entries")
        return 0
    if args.action == "export":
        if args.format == "html":
            if args.out is None:
                raise ParameterError(None, "an HTML export needs a file", "give --out FILE.html")
            print(f"ledger exported to {export_html(ledger, args.out, since)}")
        else:
            text = export_csv(ledger, args.out, since)
            if args.out is None:
                sys.stdout.write(text)
            else:
                print(f"ledger exported to {args.out}")
        return 0
    if args.action == "verify":
        checked = verify(ledger, args.head)
        if not checked.ok:
            print(f"indigo-review ledger: {ledger}: {checked.summary}", file=sys.stderr)
            return 1
        print(f"{ledger}: {checked.summary}")
        return 0
    outcome = purge(ledger, parse_day(args.before, "--before"), args.retention_years)
    if not outcome.verification.ok:
        print(f"indigo-review ledger: {ledger}: not purged, {outcome.verification.summary}", file=sys.stderr)
        return 1
    if outcome.entry is None:
        print(f"{ledger}: nothing provided before {args.before}; nothing purged")
    else:
        print(
            f"{ledger}: purged {outcome.removed} entries provided before {args.before}; purge entry "
            f"{outcome.entry['seq']} anchors the chain; {outcome.verification.summary}"
        )


def _request_parameters(args: argparse.Namespace) -> dict[str, Any]:
    """Check a member request's options before a run folder exists; paths are resolved against the caller's cwd."""
    from .requests import RequestSettings, check_member_id, log_path
    from .stop_list import stop_list_path

    if args.data is None or args.kind is None or args.member is None:
        raise ParameterError(None, "a request needs --kind, --member and --data", "see indigo-review request --help")
    if not args.data.is_dir():
        raise InputError(args.data, "is not a folder", "pass --data the folder that holds the tables")
    check_member_id(args.member, args.data / "members.csv")
    if args.changes is not None and not args.changes.is_file():
        raise InputError(args.changes, "file not found", "pass --changes the CSV of column,new_value")
    if args.kind == "correction" and not args.refuse and not (args.suites / "members.json").is_file():
        raise InputError(args.suites / "members.json", "suite not found", "pass --suites the expectations folder")
    settings = RequestSettings(
        kind=args.kind,
        member_id=args.member,
        received=args.received,
        requester=args.requester,
        id_documents=tuple(args.id_document),
        refuse=args.refuse,
        due_days=args.due_days,
        changes_path=str(args.changes.resolve()) if args.changes else "",
        suites_dir=str(args.suites.resolve()),
        stop_list_path=str(stop_list_path(args.stop_list)[0].resolve()),
        log_path=str(log_path(args.log)[0].resolve()),
        ledger_path=_request_ledger(args),
    ).validate()
    return {
        "kind": settings.kind,
        "member_id": settings.member_id,
        "data_dir": str(args.data.resolve()),
        "received": settings.received.isoformat(),
        "requester": settings.requester,
        "id_documents": list(settings.id_documents),
        "refuse": settings.refuse,
        "due_days": settings.due_days,
        "changes_path": settings.changes_path,
        "suites_dir": settings.suites_dir,
        "stop_list_path": settings.stop_list_path,
        "log_path": settings.log_path,
        "ledger_path": settings.ledger_path,
    }


def _request_ledger(args: argparse.Namespace) -> str:
    """The provision ledger a disclosure covers: --ledger (must exist), else the default one if there is one."""
    from .release import ledger_path

    if args.ledger is not None:
        if not args.ledger.is_file():
            raise InputError(args.ledger, "no provision ledger here", "give --ledger the ledger file, or leave it out")
        return str(args.ledger.resolve())
    default = ledger_path()
    return str(default.resolve()) if default.is_file() else ""


def _list_requests(args: argparse.Namespace) -> int:
    """`indigo-review request list`: open requests, overdue ones flagged; exit 0."""
    from .requests import pending, received_date

    waiting = pending(args.log, received_date(args.as_of))
    overdue = int(waiting["overdue"].sum())
    print(f"open requests: {len(waiting)}; overdue: {overdue}")
    if len(waiting):
        print(waiting.to_string(index=False))
    return 0


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of the console script."""
    args = build_parser().parse_args(argv)
    if args.command == "request" and args.action == "list":
        try:
            return _list_requests(args)
        except IndigoError as exc:
            print(f"indigo-review request list: error: {exc.message}", file=sys.stderr)
            return exc.exit_code
    from .runner import run_job  # deferred so that --help stays fast

    if args.command == "keygen":
        try:
            path = write_key_file(args.out)
        except IndigoError as exc:
            print(f"indigo-review keygen: error: {exc.message}", file=sys.stderr)
            return exc.exit_code
        print(f"key written to {path} (mode 600); pass it with --key-file, keep it secret and backed up")
        return 0
    if args.command == "ledger":
        try:
            return _ledger_command(args)
        except IndigoError as exc:
            print(f"indigo-review ledger: error: {exc.message}", file=sys.stderr)
            return exc.exit_code
    try:
        job, params, env = _job_request(args)
        progress = job == "scan" and show_progress(getattr(args, "quiet", False))
        outcome = run_job(job, params, out=args.out, env=env, progress=progress)
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
    elif job == "release" and outcome.exit_code == 1:
        print(f"indigo-review release: refused: {outcome.result.get('reason', '')}", file=sys.stderr)
    return outcome.exit_code


if __name__ == "__main__":
    sys.exit(main())
