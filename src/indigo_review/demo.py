"""`make demo`: run every job on the sample data and check each ends as the sample data says it should."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from .cli import main as cli_main


def main(argv: list[str] | None = None) -> int:
    """Run anonymise, check and scan (clean and leaky export) and report whether each exit code is expected."""
    parser = argparse.ArgumentParser(prog="python -m indigo_review.demo", description=main.__doc__)
    parser.add_argument("--data", type=Path, required=True)
    parser.add_argument("--clean-export", type=Path, required=True)
    parser.add_argument("--leaky-export", type=Path, required=True)
    args = parser.parse_args(argv)
    # Exit code 2 is expected only from jobs that are not built yet: they read their inputs and refuse to pass.
    runs = [
        ("anonymise the sign-ups", ["anonymise", "--data", str(args.data)], {2}),
        ("check record accuracy (the sample has planted errors)", ["check", "--data", str(args.data)], {2}),
        ("scan the clean planning export", ["scan", str(args.clean_export)], {0}),
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
