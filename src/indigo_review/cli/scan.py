"""`indigo-review scan PATH...`: the release gate on exports and folders."""

from __future__ import annotations

import argparse
from typing import Any

from ..progress import show_progress
from ..scan import ScanSettings
from ..workspace import Workspace
from .common import absolute, add_out, job_parser, run_job_command

EXAMPLES = """  indigo-review scan exports/venue_list.csv
  indigo-review scan exports/ --allow-column event_title
  indigo-review scan outbox/ --skip-unsupported
  indigo-review scan big_export.csv --workers 2 --quiet"""


def add_parser(sub: Any) -> None:
    """Register the scan command."""
    scan = job_parser(
        sub,
        "scan",
        "scan exports for personal data before release: PASS, BLOCK or ERROR (policy 3, 4, 7)",
        "Read every cell of every sheet of each export (CSV, TSV, Excel .xlsx/.xlsm/.xls, OpenDocument .ods, "
        "Parquet, JSON, JSON Lines, Word .docx, PDF with text, plain text) and look for personal data. A folder "
        "stands for every file below it: none is left out silently. Each file gets its own verdict. PASS: nothing "
        "found. BLOCK: something found. ERROR: the file could not be read in full (also an unsupported, encrypted "
        "or picture-only file), which also blocks release. The run exits 2 if any file is ERROR, else 1 if any "
        "BLOCKs, else 0.",
        EXAMPLES,
    )
    scan.add_argument("paths", type=str, nargs="+", metavar="PATH", help="export files, or folders to scan")
    scan.add_argument(
        "--allow-column", action="append", default=[], metavar="C", help="accept findings in this column (repeatable)"
    )
    scan.add_argument(
        "--allow-entity",
        action="append",
        default=[],
        metavar="E",
        help="accept findings of this entity, e.g. LOCATION (repeatable); recorded in the result",
    )
    scan.add_argument("--policy", metavar="FILE", help="allow-list file (JSON or TOML): allow_columns, allow_entities")
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
    scan.add_argument(
        "--connect-timeout",
        type=float,
        default=ScanSettings.connect_timeout,
        metavar="SECONDS",
        help=f"how long to wait for --scheduler before the scan is an ERROR (default {ScanSettings.connect_timeout:g})",
    )
    scan.add_argument(
        "--members",
        metavar="DIR",
        help="folder of the members table to recognise the society's own members by (default: the workspace's "
        "data folder, `indigo-review workspace set --data DIR`)",
    )
    scan.add_argument(
        "--skip-unsupported",
        action="store_true",
        help="list files the scan cannot read (unsupported type, encrypted, pictures only, too large) as skipped "
        "instead of making the run an ERROR; damaged files of a supported type stay ERROR",
    )
    scan.add_argument("--quiet", action="store_true", help="no progress bar (none is drawn off a terminal anyway)")
    add_out(scan)
    scan.set_defaults(handler=run)


def run(args: argparse.Namespace, workspace: Workspace) -> int:
    """Check the options, then run the scan job."""
    settings = ScanSettings(
        paths=tuple(absolute(p) for p in args.paths),
        allow_columns=tuple(args.allow_column),
        allow_entities=tuple(args.allow_entity),
        policy_path=absolute(args.policy),
        scheduler=args.scheduler or "",
        workers=args.workers,
        connect_timeout=args.connect_timeout,
        members=absolute(args.members),
        skip_unsupported=args.skip_unsupported,
        lang=args.lang or "",
        workspace=str(workspace.root),
    )
    return run_job_command(settings, args.out, progress=show_progress(args.quiet))
