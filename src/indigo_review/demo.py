"""`make demo`: run every job on the sample data and check each ends as the sample data says it should."""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from .anonymise import KEY_ENV, write_key_file
from .cli import main as cli_main


def main(argv: list[str] | None = None) -> int:
    """Run anonymise, check and scan (clean exports and the leaky one) and report whether each exit code is expected."""
    parser = argparse.ArgumentParser(prog="python -m indigo_review.demo", description=main.__doc__)
    parser.add_argument("--data", type=Path, required=True)
    parser.add_argument(
        "--clean-export", type=Path, action="append", required=True, help="an export that must PASS (repeatable)"
    )
    parser.add_argument("--leaky-export", type=Path, required=True)
    parser.add_argument("--key-file", type=Path, default=Path("runs/demo-pseudonym.key"))
    args = parser.parse_args(argv)
    key_args: list[str] = []
    if not os.environ.get(KEY_ENV):
        if not args.key_file.exists():
            args.key_file.parent.mkdir(parents=True, exist_ok=True)
            write_key_file(args.key_file)
            print(f"created a demo pseudonymisation key at {args.key_file}; real runs use the society's own key")
        key_args = ["--key-file", str(args.key_file)]
    runs = [
        ("anonymise the sign-ups", ["anonymise", "--data", str(args.data), *key_args], {0}),
        ("check record accuracy (the sample has planted errors)", ["check", "--data", str(args.data)], {1}),
        *((f"scan the clean export {path.name}", ["scan", str(path)], {0}) for path in args.clean_export),
        ("scan the leaky export", ["scan", str(args.leaky_export)], {1}),
    ]
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
