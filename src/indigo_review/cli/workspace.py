"""`indigo-review workspace`: where the stored state lives, and moving old stores into it."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from ..errors import InputError
from ..migration import migrate_legacy
from ..workspace import Workspace
from .common import add_workspace


def add_parser(sub: Any) -> None:
    """Register the workspace command."""
    workspace = sub.add_parser(
        "workspace",
        help="show where the stop list, ledger, request log and check history live; move old stores in",
        description="The workspace is the one root of the society's stored state: --workspace, else "
        "$INDIGO_HOME, else the per-user data folder. `show` lists its stores; `migrate --from DIR` moves the "
        "stores an earlier version kept in DIR (runs/ of a working folder) into it.",
        epilog="examples:\n  indigo-review workspace show\n  indigo-review workspace migrate --from /srv/old/runs",
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    add_workspace(workspace)
    actions = workspace.add_subparsers(dest="action", metavar="ACTION", help="show (default) or migrate")
    show = actions.add_parser("show", help="the root and every store (default)", description="List the stores.")
    migrate = actions.add_parser("migrate", help="move old stores into the workspace", description=__doc__)
    migrate.add_argument("--from", dest="source", type=Path, required=True, metavar="DIR", help="the old runs/ folder")
    setting = actions.add_parser(
        "set",
        help="set where the member registry is (--data) and the report language (--lang)",
        description="Write workspace.toml: `data` is the folder of the society's tables, whose members table the "
        "scan, release and request jobs recognise members by; `lang` is the language of reports (ja or en).",
    )
    setting.add_argument("--data", type=Path, metavar="DIR", help="the folder holding members.csv (the registry)")
    setting.add_argument("--lang", choices=("ja", "en"), help="the language of reports and letters")
    for action in (show, migrate, setting):
        add_workspace(action, nested=True)
    workspace.set_defaults(handler=run)


def run(args: argparse.Namespace, workspace: Workspace) -> int:
    """Show the workspace, or migrate old stores into it."""
    if getattr(args, "action", None) == "set":
        if args.data is not None and not args.data.is_dir():
            raise InputError(args.data, "is not a folder", "give --data the folder that holds members.csv")
        data = str(args.data.resolve()) if args.data is not None else None
        print(f"workspace settings written to {workspace.update_settings(data=data, lang=args.lang)}")
        return 0
    if getattr(args, "action", None) == "migrate":
        messages = migrate_legacy(workspace, args.source, environ={})
        for message in messages:
            print(message)
        if not messages:
            print(f"{args.source}: no store of an earlier version there")
        return 0
    print(f"workspace: {workspace.root} (from {workspace.source})")
    for store in workspace.describe():
        print(f"  {store['name']:<16} {store['state']:<16} {store['path']}")
    settings = workspace.settings()
    if settings:
        print("  settings: " + ", ".join(f"{k} = {v}" for k, v in settings.items()))
    return 0
