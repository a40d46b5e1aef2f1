"""Seeded generator of the all-synthetic indiGO sample data set that demos and tests run on.

`generate` draws each table from its own seeded stream and writes every file; the tables are made by
`members`, `events` and `signups`, the exports by `exports`, `international` and `catalogue`, the
README by `readme`. The word lists and tables they draw from are files under `data/`, loaded by
`wordlists`; prefecture facts, era dates, ages and check digits come from `indigo_review.reference`;
`writers` pins the bytes of the CSV, Excel and Parquet files.
"""

from __future__ import annotations

import argparse
from pathlib import Path
from random import Random

from .catalogue import CATALOGUE_COLUMNS, catalogue_rows
from .events import EVENT_COLUMNS, _make_events
from .exports import LEAKY_COLUMNS, PLANNING_COLUMNS, _leaky_export, _planning_rows
from .international import INTERNATIONAL_COLUMNS, international_rows
from .members import MEMBER_COLUMNS, _draw_third_party_consent, _make_members, _plant_member_errors
from .planted import PLANTED_ERRORS
from .readme import readme
from .signups import SIGNUP_COLUMNS, _make_signups
from .writers import write_csv, write_parquet, write_xlsx

DEFAULT_SEED = 20201111


def generate(out_dir: Path, seed: int = DEFAULT_SEED) -> list[Path]:
    """Write the whole synthetic sample data set under out_dir and return the files written."""
    out_dir = Path(out_dir)
    exports = out_dir / "exports"
    exports.mkdir(parents=True, exist_ok=True)
    # One stream per part so a change in one table does not reshuffle the others.
    members = _make_members(Random(f"{seed}:members"))
    _plant_member_errors(Random(f"{seed}:member-errors"), members)
    _draw_third_party_consent(Random(f"{seed}:consent-third-party"), members)
    events = _make_events(Random(f"{seed}:events"))
    signups = _make_signups(Random(f"{seed}:signups"), members, events)
    planning = _planning_rows(members, events, signups)
    leaky, truth = _leaky_export(Random(f"{seed}:leaky"), members, events, signups)
    international, international_truth = international_rows(Random(f"{seed}:international"))
    catalogue = catalogue_rows(Random(f"{seed}:catalogue"))
    if len(members) < 2000 or len(events) < 60 or len(signups) < 10000:
        raise RuntimeError("sample data came out smaller than the documented minimums")
    for row in leaky:
        for value in row:
            value.encode("cp932")  # raises early, with the value, if anything is not cp932

    written = [
        write_csv(out_dir / "members.csv", MEMBER_COLUMNS, [m.row() for m in members]),
        write_csv(out_dir / "events.csv", EVENT_COLUMNS, [e.row() for e in events]),
        write_csv(out_dir / "signups.csv", SIGNUP_COLUMNS, [s.row() for s in signups]),
        write_csv(
            out_dir / "planted_errors.csv",
            ("table", "record_id", "rule", "description"),
            [[e.table, e.record_id, e.rule, e.description] for e in PLANTED_ERRORS],
        ),
        write_csv(exports / "planning_export.csv", PLANNING_COLUMNS, planning),
        write_csv(exports / "leaky_export_cp932.csv", LEAKY_COLUMNS, leaky, encoding="cp932", lineterminator="\r\n"),
        write_csv(exports / "leaky_export_utf8bom.csv", LEAKY_COLUMNS, leaky, encoding="utf-8-sig"),
        write_xlsx(exports / "leaky_export.xlsx", LEAKY_COLUMNS, leaky),
        write_parquet(exports / "leaky_export.parquet", LEAKY_COLUMNS, leaky),
        write_csv(exports / "leaky_export_truth.csv", ("row", "column", "entity"), truth),
        write_csv(exports / "international_members.csv", INTERNATIONAL_COLUMNS, international),
        write_csv(exports / "international_members_truth.csv", ("row", "column", "entity"), international_truth),
        write_csv(exports / "catalogue_export.csv", CATALOGUE_COLUMNS, catalogue),
    ]
    readme_path = out_dir / "README.md"
    counts = {
        "members": len(members),
        "events": len(events),
        "signups": len(signups),
        "planning": len(planning),
        "leaky": len(leaky),
        "truth": len(truth),
        "international": len(international),
        "international_truth": len(international_truth),
        "catalogue": len(catalogue),
    }
    readme_path.write_text(readme(seed, counts), encoding="utf-8", newline="\n")
    written.append(readme_path)
    return written


def main(argv: list[str] | None = None) -> int:
    """Command-line entry point: write the sample data set to --out."""
    parser = argparse.ArgumentParser(
        prog="python -m indigo_review.sample",
        description="Write the all-synthetic indiGO sample data set (members, events, sign-ups, "
        "planted accuracy errors, clean and leaky exports). Output is byte-identical for a given seed.",
    )
    parser.add_argument("--out", type=Path, required=True, help="directory to write into, e.g. data/sample")
    parser.add_argument("--seed", type=int, default=DEFAULT_SEED, help=f"random seed (default {DEFAULT_SEED})")
    args = parser.parse_args(argv)
    for path in generate(args.out, args.seed):
        print(f"{path} ({path.stat().st_size:,} bytes)")
    return 0
