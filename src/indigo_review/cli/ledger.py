"""`indigo-review ledger ACTION`: the provision ledger for an auditor: list, export, verify, head, purge."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from ..errors import ParameterError
from ..workspace import Workspace
from .common import add_workspace, parse_day

LEDGER = "ledger"


def add_parser(sub: Any) -> None:
    """Register the ledger command and its actions."""
    ledger = sub.add_parser(
        "ledger",
        help="the provision ledger: list, export for an auditor, verify the chain, print its head, purge",
        description="Read the workspace's hash-chained provision ledger, which the release job writes. verify "
        "exits 1 naming the first problem: an edited or missing entry, time running backwards, a purge of entries "
        "younger than the retention period, a dropped append-only trigger, a kept head no longer there. purge "
        "removes only entries older than the retention period and records that it did. With INDIGO_LEDGER_KEY (or "
        "INDIGO_LEDGER_KEY_FILE) set, new entries are chained with an HMAC under that key; a keyed ledger "
        "verified without its key exits 2.",
        epilog="examples:\n  indigo-review ledger verify --head HASH\n  indigo-review ledger head\n"
        "  indigo-review ledger export --format html --out ledger.html\n  indigo-review ledger list --since 2026-04-01"
        "\n\nexit codes: 0 intact; 1 the chain is broken; 2 the ledger cannot be read or verified (damaged, "
        "keyed and no key set). One line on stderr says why.",
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    add_workspace(ledger)
    actions = ledger.add_subparsers(dest="action", metavar="ACTION", required=True, help="what to do with the ledger")
    listing = actions.add_parser("list", help="print the entries", description="Print the ledger's entries.")
    listing.add_argument("--since", metavar="DATE", help="only entries provided on or after DATE (YYYY-MM-DD)")
    export = actions.add_parser(
        "export", help="export for an auditor (CSV or HTML)", description="Export every entry with its chain fields."
    )
    export.add_argument("--format", choices=("csv", "html"), default="csv", help="csv (default) or html")
    export.add_argument("--out", type=Path, metavar="FILE", help="file to write (CSV: default standard output)")
    export.add_argument("--since", metavar="DATE", help="only entries provided on or after DATE (YYYY-MM-DD)")
    export.add_argument(
        "--lang",
        choices=("ja", "en"),
        help="language of the HTML export (default: the workspace's setting, else your locale, else ja); "
        "the CSV export is the same in both",
    )
    check = actions.add_parser(
        "verify",
        help="check the chain, time, purges and guards",
        description="Exit 0 intact, 1 broken (naming the first problem), 2 not verifiable (damaged, or keyed and "
        "no ledger key set).",
    )
    check.add_argument("--head", metavar="HASH", help="a head hash kept from an earlier audit that must still be there")
    check.add_argument(
        "--lang", choices=("ja", "en"), help="language of the line (default: the workspace's setting, else your locale)"
    )
    head = actions.add_parser(
        "head",
        help="print the head to keep for the next audit",
        description="Verify, then print the newest entry's number and hash: keep them somewhere the ledger's "
        "users cannot write (the audit file, a ticket, a printed page) and pass the hash to verify --head.",
    )
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
    for action in (listing, export, check, head, purge):
        add_workspace(action, nested=True)
    ledger.set_defaults(handler=run)


def run(args: argparse.Namespace, workspace: Workspace) -> int:
    """Run one ledger action on the workspace's ledger; the exit code."""
    since = parse_day(args.since, "--since") if getattr(args, "since", None) else None
    before = parse_day(args.before, "--before") if args.action == "purge" else None
    path = workspace.existing(LEDGER)
    if path is None:
        print(f"{workspace.path(LEDGER)}: no provision ledger yet: nothing was released or refused in this workspace")
        return 0
    from ..release import audit_table, export_csv, export_html, purge, verify

    if args.action == "list":
        table = audit_table(path, since)
        shown = table[["seq", "provided_on", "outcome", "basis", "recipient", "file_name", "person_count", "items"]]
        print(shown.to_string(index=False) if len(shown) else "no entries")
        return 0
    if args.action == "export":
        return _export(args, workspace, path, since, export_csv, export_html)
    from ..i18n import resolve_lang, translator

    t = translator(resolve_lang(getattr(args, "lang", None) or "", workspace.settings()))
    if args.action in ("verify", "head"):
        checked = verify(path, getattr(args, "head", None))
        if not checked.complete:
            print(f"indigo-review ledger: {path}: {checked.summary_text(t)}", file=sys.stderr)
            return 1 if not checked.ok else 2
        if args.action == "verify":
            print(f"{path}: {checked.summary_text(t)}")
        else:
            print(f"{checked.head_seq} {checked.head_hash}" if checked.head_seq is not None else "the ledger is empty")
        return 0
    outcome = purge(path, before, args.retention_years)
    if not outcome.verification.ok:
        print(f"indigo-review ledger: {path}: not purged, {outcome.verification.summary_text(t)}", file=sys.stderr)
        return 1
    if outcome.entry is None:
        print(f"{path}: nothing provided before {args.before}; nothing purged")
    else:
        print(
            f"{path}: purged {outcome.removed} entries provided before {args.before}; purge entry "
            f"{outcome.entry['seq']} anchors the chain; {outcome.verification.summary_text(t)}"
        )
    return 0


def _export(
    args: argparse.Namespace, workspace: Workspace, path: Path, since: Any, export_csv: Any, export_html: Any
) -> int:
    if args.format == "html":
        if args.out is None:
            raise ParameterError(None, "an HTML export needs a file", "give --out FILE.html")
        from ..i18n import resolve_lang

        lang = resolve_lang(args.lang or "", workspace.settings())
        print(f"ledger exported to {export_html(path, args.out, since, lang)}")
        return 0
    text = export_csv(path, args.out, since)
    if args.out is None:
        sys.stdout.write(text)
    else:
        print(f"ledger exported to {args.out}")
    return 0
