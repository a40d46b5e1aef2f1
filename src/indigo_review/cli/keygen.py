"""`indigo-review keygen`: the pseudonymisation key, created once."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from ..keys import write_key_file
from ..workspace import Workspace
from .common import add_workspace


def add_parser(sub: Any) -> None:
    """Register the keygen command."""
    keygen = sub.add_parser(
        "keygen",
        help="create the pseudonymisation key (once), readable only by you",
        description="Create a random 256-bit key in a new file with mode 600, by default the workspace's "
        "pseudonym.key, which the anonymise job then finds by itself. Existing files are never overwritten. Keep "
        "the same key to keep pseudonyms stable across runs; losing it breaks repeat-attendance links.",
        epilog="examples:\n  indigo-review keygen\n  indigo-review keygen --out /secure/indigo.key",
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    add_workspace(keygen)
    keygen.add_argument("--out", type=Path, metavar="FILE", help="the key file to create (default: the workspace's)")
    keygen.set_defaults(handler=run)


def run(args: argparse.Namespace, workspace: Workspace) -> int:
    """Write the key file and say where it is."""
    target = args.out if args.out is not None else workspace.ensure().key_file
    path = write_key_file(target)
    where = "" if args.out is None else "; pass it with --key-file"
    print(f"key written to {path} (mode 600){where}; keep it secret and backed up")
    return 0
