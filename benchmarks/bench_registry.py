"""What the member registry costs the scan: the scan benchmark's export with and without a registry match.

    .venv/bin/python benchmarks/bench_registry.py --rows 20000 --members 100000 --repeats 3

The export is the scan benchmark's (the sample's leaky export shape, `benchmarks/bench_scan.py generate`). The
registry holds the export's own members (their id, name, reading, e-mail, phone, postal code, address and birth
date, read back from the export) padded with invented members to `--members`, so every row matches as it would
for an export of the society's own members. Figures: median seconds and cells/s of `scan_path` in this process
(NER on), the time to build the index, and the overhead of the registry in per cent. With `--strangers` the
registry holds invented members only: every value is still looked up, but no row is a member (an export of
people the society does not hold), which is the lookup's cost without the findings it adds.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path
from random import Random

import pandas as pd

sys.path.insert(0, str(Path(__file__).resolve().parent))

from bench_scan import generate

from indigo_review.registry import build_registry
from indigo_review.sample.members import invented_members
from indigo_review.scan import scan_path

# The export's columns that hold a member's registry values, by the members table's names.
EXPORT_TO_MEMBERS = {
    "会員番号": "member_id",
    "氏名": "name_kanji",
    "フリガナ": "name_kana",
    "メール": "email",
    "電話番号": "phone",
    "郵便番号": "postal_code",
    "住所": "address",
    "生年月日": "birth_date",
}


def members_table(export: Path, total: int, own_members: bool = True) -> pd.DataFrame:
    """The export's members (unless `own_members` is false), then invented members (other ids) up to `total`."""
    frame = pd.read_csv(export, dtype=str, keep_default_na=False)
    own = frame[list(EXPORT_TO_MEMBERS)].rename(columns=EXPORT_TO_MEMBERS).drop_duplicates("member_id")
    own = own if own_members else own.iloc[:0]
    padding = []
    for member in invented_members(Random(11)):
        if len(own) + len(padding) >= total:
            break
        fields = ("member_id", "name_kanji", "name_kana", "email", "phone", "postal_code")
        row = dict(zip(fields, member.row(), strict=False))
        row.update({"member_id": f"X{len(padding):07d}", "address": member.address, "birth_date": member.birth_text})
        padding.append(row)
    return pd.concat([own, pd.DataFrame(padding)], ignore_index=True)


def main(argv: list[str] | None = None) -> int:
    """Print the scan's median time with and without the registry, and the index's build time."""
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--rows", type=int, default=20_000, help="rows of the export (default 20000)")
    parser.add_argument("--members", type=int, default=100_000, help="members in the registry (default 100000)")
    parser.add_argument("--repeats", type=int, default=3, help="runs of each, the median is quoted (default 3)")
    parser.add_argument("--strangers", action="store_true", help="a registry without the export's own members")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as tmp:
        export = Path(tmp) / "export.csv"
        generate(export, args.rows)
        table = members_table(export, args.members, own_members=not args.strangers)
        builds = []
        for _ in range(args.repeats):
            started = time.perf_counter()
            registry = build_registry(table)
            builds.append(time.perf_counter() - started)
        scan_path(export)  # warm: GiNZA loaded, caches of the process filled as in a long-running worker
        cells = args.rows * len(pd.read_csv(export, nrows=1).columns)
        results = {}
        for label, used in (("without registry", None), ("with registry", registry)):
            times = []
            for _ in range(args.repeats):
                started = time.perf_counter()
                result = scan_path(export, registry=used)
                times.append(time.perf_counter() - started)
            results[label] = (statistics.median(times), result)
    base, matched = results["without registry"][0], results["with registry"][0]
    found = results["with registry"][1]
    print(
        f"export: {args.rows} rows, {cells} cells; registry: {len(table)} members, index built in "
        f"{statistics.median(builds):.2f} s (median of {args.repeats})"
    )
    for label, (seconds, _) in results.items():
        print(f"  {label:<17} {seconds:7.2f} s  {cells / seconds:9,.0f} cells/s")
    print(
        f"  overhead of the registry match: {100 * (matched - base) / base:+.1f}% (scan only); "
        f"{100 * (matched + statistics.median(builds) - base) / base:+.1f}% with the index build"
    )
    print(
        f"  members matched: {len(found.members)}; MEMBER_MATCH findings: "
        f"{found.counts_by_entity().get('MEMBER_MATCH', 0)}"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
