"""`make demo`: run every job on the sample data and check each ends as the sample data says it should."""

from __future__ import annotations

import argparse
import sys
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

import pandas as pd

from .cli import main as cli_main
from .keys import write_key_file
from .output import atomic_write_bytes
from .sample import REFERENCE_DATE
from .stop_list import read_stop_list
from .workspace import Workspace

DEMO_RECIPIENT = "会場運営株式会社"


def consenting_venue_list(data_dir: Path, out: Path, workspace: Workspace, n: int = 5) -> Path:
    """A small venue list (member id, name, e-mail) of members who consented to third-party provision."""
    members = pd.read_csv(Path(data_dir) / "members.csv", dtype=str, keep_default_na=False)
    stopped = read_stop_list(workspace).members
    chosen = members[(members["consent_third_party"] == "true") & ~members["member_id"].isin(stopped)].head(n)
    text = chosen[["member_id", "name_kanji", "email"]].to_csv(index=False, lineterminator="\n")
    return atomic_write_bytes(out, text.encode("utf-8"))


@dataclass(frozen=True)
class DemoInputs:
    """What the demo runs on: the sample data, its exports, and where its own files and its workspace go."""

    data: Path
    clean_exports: tuple[Path, ...]
    leaky_export: Path
    request_member: str = "M000173"
    work: Path = Path("runs/demo")
    international_export: Path | None = None

    @property
    def workspace(self) -> Path:
        """The demo's own workspace: its ledger, stop list and key never mix with the society's."""
        return self.work / "workspace"


def demo_runs(inputs: DemoInputs) -> list[tuple[str, list[str], set[int]]]:
    """The demo's commands in order: title, CLI arguments and the exit codes that count as expected."""
    data, ledger = str(inputs.data), ["--workspace", str(inputs.workspace)]
    third_party = inputs.work / "anonymise-third-party"
    venue_list = inputs.work / "inputs" / "venue_list.csv"
    return [
        (
            "tell the workspace where the society's tables are (the scan then knows its members: the registry)",
            ["workspace", "set", "--data", data, *ledger],
            {0},
        ),
        ("anonymise the sign-ups for internal use", ["anonymise", "--data", data, *ledger], {0}),
        (
            "anonymise the sign-ups for a third party (no member link; the release job ships it)",
            ["anonymise", "--data", data, "--release", "third-party", "--out", str(third_party), *ledger],
            {0},
        ),
        (
            "check record accuracy as of the sample's reference date (the sample has planted errors)",
            ["check", "--data", data, "--as-of", REFERENCE_DATE.isoformat(), *ledger],
            {1},
        ),
        *((f"scan the clean export {path.name}", ["scan", str(path), *ledger], {0}) for path in inputs.clean_exports),
        ("scan the leaky export", ["scan", str(inputs.leaky_export), *ledger], {1}),
        *(
            [("scan the international members export", ["scan", str(inputs.international_export), *ledger], {1})]
            if inputs.international_export
            else []
        ),
        (
            "release the third-party anonymised sign-ups as anonymous (recorded in the ledger)",
            [
                "release",
                str(third_party / "anonymised_signups.parquet"),
                "--to",
                DEMO_RECIPIENT,
                "--basis",
                "anonymous",
                *ledger,
            ],
            {0},
        ),
        (
            "release the leaky export as anonymous (must be refused, and the refusal recorded)",
            ["release", str(inputs.leaky_export), "--to", DEMO_RECIPIENT, "--basis", "anonymous", *ledger],
            {1},
        ),
        (
            "release a venue list of consenting members with consent (recorded with the persons)",
            [
                "release",
                str(venue_list),
                "--to",
                DEMO_RECIPIENT,
                "--basis",
                "consent",
                "--members",
                data,
                "--recipient-address",
                "東京都千代田区丸の内一丁目1番1号",
                "--recipient-representative",
                "代表取締役 会場太郎",
                *ledger,
            ],
            {0},
        ),
        (
            "answer a member's disclosure request (identity checked; the ledger's records about them included)",
            [
                "request",
                "--kind",
                "disclosure",
                "--member",
                inputs.request_member,
                "--data",
                data,
                "--id-document",
                "drivers_license",
                *ledger,
            ],
            {0},
        ),
        ("verify the provision ledger's hash chain", ["ledger", "verify", *ledger], {0}),
    ]


def main(argv: list[str] | None = None) -> int:
    """Run every job on the sample data (anonymise, check, scan, release, a member's request); check each exit code."""
    parser = argparse.ArgumentParser(prog="python -m indigo_review.demo", description=main.__doc__)
    parser.add_argument("--data", type=Path, required=True)
    parser.add_argument(
        "--clean-export", type=Path, action="append", required=True, help="an export that must PASS (repeatable)"
    )
    parser.add_argument("--leaky-export", type=Path, required=True)
    parser.add_argument("--international-export", type=Path, help="a members export with foreign data (must BLOCK)")
    parser.add_argument("--request-member", default="M000173", help="member whose disclosure request the demo answers")
    args = parser.parse_args(argv)
    # Each demo keeps its own files and workspace in a fresh folder, so it can run again without clearing runs/.
    work = Path("runs") / "demo" / datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ")
    inputs = DemoInputs(
        args.data, tuple(args.clean_export), args.leaky_export, args.request_member, work, args.international_export
    )
    workspace = Workspace.locate(inputs.workspace).ensure()
    write_key_file(workspace.key_file)
    # The members table is the registry the scan, release and request jobs recognise members by.
    workspace.update_settings(data=str(Path(args.data).resolve()))
    print(f"the demo's workspace is {workspace.root}, with its own pseudonymisation key; real runs use the society's")
    consenting_venue_list(args.data, work / "inputs" / "venue_list.csv", workspace)
    runs = demo_runs(inputs)
    unexpected = 0
    for title, command, expected in runs:
        print(f"\n== {title}: indigo-review {' '.join(command)}", flush=True)
        code = cli_main(command)
        verdict = "as expected" if code in expected else f"UNEXPECTED (wanted {sorted(expected)})"
        print(f"exit code {code}: {verdict}", flush=True)
        unexpected += code not in expected
    print(f"\ndemo finished: {len(runs) - unexpected} of {len(runs)} jobs ended as expected; see runs/")
    return 1 if unexpected else 0


if __name__ == "__main__":
    sys.exit(main())
