"""Benchmark the anonymise job's core on generated data, for both release kinds: (pseudonymise +) generalise +
k-search + suppress + write Parquet + verify the written file (k, l, protection per member).

Run by hand:  .venv/bin/python benchmarks/bench_anonymise.py [--signups 1000000] [--repeats 3] [--release both]
Target (issue 11): 1,000,000 sign-ups in under 15 s and 2 GB on a 2-core machine, per kind. Prints medians.

Differentially private planning tables (issue 22):  .venv/bin/python benchmarks/bench_anonymise.py --dp-members 50000
[--epsilon 1] [--repeats 5]: 50,000 members (250,000 sign-ups, 80% consenting), each table's mean absolute error
against the true counts, relative to the mean true cell count (MAE / mean cell), median over repeats (fresh noise).
Target: region x month demand within 5% at epsilon = 1.
"""

from __future__ import annotations

import argparse
import resource
import statistics
import tempfile
import time

import numpy as np
import pandas as pd

from indigo_review.anonymise.settings import AnonymiseSettings
from indigo_review.anonymise.transform import anonymise, write_anonymised
from indigo_review.anonymise.verify import verify_written
from indigo_review.keys import PseudonymKey
from indigo_review.reference import PREFECTURES
from indigo_review.sample import CHANNELS


def generate(signups: int, seed: int = 7) -> dict[str, pd.DataFrame]:
    """Members, events and sign-ups shaped like data/sample, generated vectorised."""
    rng = np.random.default_rng(seed)
    n_members = max(signups // 5, 10)
    n_events = max(signups // 2000, 5)
    prefectures = np.array([p.name for p in PREFECTURES])
    birth = pd.to_datetime("1940-01-01") + pd.to_timedelta(rng.integers(0, 365 * 65, n_members), unit="D")
    members = pd.DataFrame(
        {
            "member_id": [f"M{i:07d}" for i in range(n_members)],
            "birth_date": birth.strftime("%Y-%m-%d"),
            "prefecture": rng.choice(prefectures, n_members),
            "address": "",
            "postal_code": [
                f"{n:03d}-{m:04d}"
                for n, m in zip(rng.integers(0, 1000, n_members), rng.integers(0, 10000, n_members), strict=True)
            ],
            "gender": rng.choice(["F", "M", "X", ""], n_members, p=[0.48, 0.48, 0.02, 0.02]),
            "consent_analysis": rng.choice(["true", "false"], n_members, p=[0.8, 0.2]),
        }
    )
    starts = pd.to_datetime("2024-01-01") + pd.to_timedelta(rng.integers(0, 900, n_events), unit="D")
    events = pd.DataFrame(
        {
            "event_id": [f"E{i:05d}" for i in range(n_events)],
            "starts_at": starts.strftime("%Y-%m-%dT14:00:00+09:00"),
            "category": rng.choice(["交流会", "講座", "見学"], n_events),
            "capacity": rng.integers(50, 5000, n_events).astype(str),
        }
    )
    event_index = rng.integers(0, n_events, signups)
    lead = pd.to_timedelta(rng.integers(1, 90, signups), unit="D")
    signed = (starts[event_index] - lead).strftime("%Y-%m-%dT10:00:00+09:00")
    frame = pd.DataFrame(
        {
            "event_id": events["event_id"].to_numpy()[event_index],
            "member_id": members["member_id"].to_numpy()[rng.integers(0, n_members, signups)],
            "signed_up_at": signed,
            "channel": rng.choice(list(CHANNELS), signups),
            "attended": rng.choice(["true", "false"], signups, p=[0.85, 0.15]),
        }
    )
    return {"members": members.astype("str"), "events": events.astype("str"), "signups": frame.astype("str")}


def run(tables: dict[str, pd.DataFrame], release: str, k: int, repeats: int) -> None:
    """Time one release kind and print its figures."""
    key = PseudonymKey(b"benchmark-key-" + b"x" * 40, "benchmark")
    times, cpu = [], []
    for _ in range(repeats):
        start, start_cpu = time.perf_counter(), time.process_time()
        result = anonymise(tables, key, AnonymiseSettings(k=k, release=release))
        with tempfile.TemporaryDirectory() as out:
            check = verify_written(write_anonymised(result, out)["parquet"], result)
        times.append(time.perf_counter() - start)
        cpu.append(time.process_time() - start_cpu)
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    wall = statistics.median(times)
    print(f"== {release}")
    print(f"sign-ups:                  {len(tables['signups']):,} ({result.records_in:,} with consent to analysis)")
    print(f"lattice:                   {result.search.nodes} nodes, {result.search.evaluated} evaluated")
    print(f"levels chosen:             {result.levels}")
    print(
        f"k reached (verified):      {check.verification.k_reached} (requested {k}); suppressed {result.suppressed:,}"
        f" ({result.suppressed / max(result.records_in, 1):.1%}); members unique {check.protection['share_unique']}"
    )
    print(f"wall time (median of {repeats}): {wall:.2f} s   runs: {', '.join(f'{t:.2f}' for t in times)}")
    print(
        f"CPU time (median):         {statistics.median(cpu):.2f} s (wall exceeds it when other work shares the cores)"
    )
    print(f"records/s:                 {result.records_in / wall:,.0f}")
    print(f"peak memory (max RSS):     {peak_mb:,.0f} MB (includes the generated input)")
    print(
        f"targets: < 15 s -> {'met' if wall < 15 else 'MISSED'}; < 2048 MB -> {'met' if peak_mb < 2048 else 'MISSED'}"
    )


def run_dp(members: int, epsilon: float, max_signups: int, repeats: int) -> None:
    """Publish the DP tables `repeats` times on generated data and print each table's error."""
    from indigo_review.anonymise.dp import dp_tables
    from indigo_review.anonymise.records import prepare_records

    tables = generate(members * 5)
    records, _ = prepare_records(tables)
    errors = []
    for _ in range(repeats):
        result = dp_tables(records, tables["events"], epsilon, max_signups)
        errors.append(result.error.set_index("table"))
    print(f"== DP planning tables: {members:,} members, {len(records):,} consenting sign-ups, epsilon {epsilon}, ")
    print(f"   at most {max_signups} sign-ups per member ({result.beyond_bound:,} beyond), median of {repeats} runs")
    summary = pd.concat(errors).groupby(level=0).median().loc[errors[0].index]
    print(summary.to_string())
    relative = float(summary.loc["dp_demand_by_month_region", "relative_error"])
    print(f"target: region x month MAE / mean cell < 5% -> {'met' if relative < 0.05 else 'MISSED'} ({relative:.2%})")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--signups", type=int, default=1_000_000)
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--k", type=int, default=5)
    parser.add_argument("--release", choices=["internal", "third-party", "both"], default="both")
    parser.add_argument("--dp-members", type=int, default=0, help="benchmark the DP tables on this many members")
    parser.add_argument("--epsilon", type=float, default=1.0)
    parser.add_argument("--dp-max-signups", type=int, default=10)
    args = parser.parse_args()
    if args.dp_members:
        run_dp(args.dp_members, args.epsilon, args.dp_max_signups, args.repeats)
        return
    tables = generate(args.signups)
    for release in ("internal", "third-party") if args.release == "both" else (args.release,):
        run(tables, release, args.k, args.repeats)


if __name__ == "__main__":
    main()
