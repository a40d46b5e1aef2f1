"""Benchmark the accuracy checks: all three suites on 1,000,000 generated members plus their sign-ups.

    .venv/bin/python benchmarks/bench_check.py [--members 1000000] [--signups 5000000] [--events 5000]

The tables are generated with numpy from the sample's structure (names, readings, postal codes and
addresses are drawn from data/sample's members; ids, e-mails, phones and dates are generated), with one
record in ten thousand made wrong so that the failing-records path is exercised too. Three measurements,
each in a fresh child process so that its wall time and peak memory (ru_maxrss) are its own:
1. all suites: prepare, validate the three suites, build Data Docs, on tables loaded from Parquet;
2. reading the CSVs with indigo_review.io alone;
3. the whole job as `indigo-review check` runs it: read the CSVs with indigo_review.io, then as 1,
   plus the reports and the history (without the Papermill kernel around it).
Target: under 60 s and 3 GB on a 2-core machine.
"""

from __future__ import annotations

import argparse
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import numpy as np
import pandas as pd

ROOT = Path(__file__).resolve().parents[1]
SAMPLE = ROOT / "data" / "sample"
SEED = 20201111
ERROR_SHARE = 10_000  # one wrong record in this many


def _digits(rng: np.random.Generator, n: int, width: int) -> pd.Series:
    return pd.Series(rng.integers(0, 10**width, n)).astype(str).str.zfill(width)


def _days(rng: np.random.Generator, n: int, first: str, last: str) -> pd.Series:
    start, end = np.datetime64(first, "D"), np.datetime64(last, "D")
    return pd.Series(start + rng.integers(0, int((end - start).astype(int)), n).astype("timedelta64[D]"))


def generate(folder: Path, members: int, signups: int, events: int) -> None:
    """Write members.csv, events.csv and signups.csv of the requested sizes into folder."""
    from indigo_review.sample import CHANNELS, DUPLICATED_MEMBER, PLANTED_ERRORS

    rng = np.random.default_rng(SEED)
    planted = {e.record_id for e in PLANTED_ERRORS} | {DUPLICATED_MEMBER}
    source = pd.read_csv(SAMPLE / "members.csv", dtype=str, keep_default_na=False)
    source = source[~source["member_id"].isin(planted)].reset_index(drop=True)
    picked = source.iloc[rng.integers(0, len(source), members)].reset_index(drop=True)
    number = pd.Series(np.arange(members))
    birth = _days(rng, members, "1940-01-01", "2006-12-31")
    joined = birth + pd.to_timedelta(rng.integers(18 * 366, 19 * 366, members), unit="D")
    frame = pd.DataFrame(
        {
            "member_id": "M" + number.astype(str).str.zfill(6),
            "name_kanji": picked["name_kanji"],
            "name_kana": picked["name_kana"],
            "email": "member" + number.astype(str) + "@example.com",
            "phone": "090-" + _digits(rng, members, 4) + "-" + _digits(rng, members, 4),
            "postal_code": picked["postal_code"],
            "prefecture": picked["prefecture"],
            "address": picked["address"],
            "birth_date": birth.dt.strftime("%Y-%m-%d"),
            "gender": picked["gender"],
            "joined_on": joined.dt.strftime("%Y-%m-%d"),
            "consent_analysis": picked["consent_analysis"],
            "status": picked["status"],
        }
    )
    wrong = number % ERROR_SHARE == 7
    frame.loc[wrong, "email"] = frame.loc[wrong, "email"].str.replace("@", "@@", regex=False)
    frame.loc[number % ERROR_SHARE == 8, "phone"] = "090-1234-567"
    _write(folder, "members", frame)

    starts = _days(rng, events, "2024-01-01", "2027-03-31") + pd.Timedelta(hours=13)
    event_ids = "E" + pd.Series(np.arange(1, events + 1)).astype(str).str.zfill(4)
    frame = pd.DataFrame(
        {
            "event_id": event_ids,
            "title": "交流会 " + event_ids,
            "category": "交流会",
            "venue_prefecture": source["prefecture"].iloc[rng.integers(0, len(source), events)].to_numpy(),
            "starts_at": starts.dt.strftime("%Y-%m-%dT%H:%M:%S+09:00"),
            "capacity": rng.integers(10, 200, events),
            "fee_yen": rng.integers(0, 10, events) * 500,
        }
    )
    _write(folder, "events", frame)

    which = rng.integers(0, events, signups)
    lead = pd.to_timedelta(rng.integers(3_600, 60 * 86_400, signups), unit="s")
    signed = starts.iloc[which].reset_index(drop=True) - lead
    row = pd.Series(np.arange(signups))
    channels = np.array(CHANNELS)
    frame = pd.DataFrame(
        {
            "signup_id": "S" + (row + 1).astype(str).str.zfill(7),
            "event_id": event_ids.iloc[which].to_numpy(),
            "member_id": "M" + pd.Series(rng.integers(0, members, signups)).astype(str).str.zfill(6),
            "signed_up_at": signed.dt.strftime("%Y-%m-%dT%H:%M:%S+09:00"),
            "channel": channels[rng.integers(0, len(channels), signups)],
            "attended": np.where(rng.random(signups) < 0.85, "true", "false"),
            "comment": "",
        }
    )
    frame.loc[row % ERROR_SHARE == 9, "channel"] = "fax"
    _write(folder, "signups", frame)


def _write(folder: Path, name: str, frame: pd.DataFrame) -> None:
    frame.to_csv(folder / f"{name}.csv", index=False)
    # The same table as Parquet, beside the CSV folder (one file per table in the data folder).
    (folder.parent / "parquet").mkdir(exist_ok=True)
    frame.astype("str").to_parquet(folder.parent / "parquet" / f"{name}.parquet", index=False)


def measure(mode: str, data: Path, out: Path) -> None:
    """In a child process: run the whole job ("job") or only the suites on tables loaded from Parquet ("suites")."""
    from indigo_review.check.job import resolve_reference_date, run_check, validate_tables
    from indigo_review.check.prepare import TABLES, prepare_tables
    from indigo_review.check.suites import load_suites

    if mode == "read":
        from indigo_review.io import read_dataset

        started = time.perf_counter()
        rows = {name: len(frame) for name, frame in read_dataset(data, list(TABLES)).items()}
        print(f"  read {rows}")
    elif mode == "job":
        started = time.perf_counter()
        outcome = run_check(data, ROOT / "expectations", out, history_path=out.parent / "history.sqlite")
        print(f"  job: exit {outcome.exit_code}; {outcome.result['summary']}")
    else:
        tables = {name: pd.read_parquet(data.parent / "parquet" / f"{name}.parquet").astype("str") for name in TABLES}
        started = time.perf_counter()
        day = resolve_reference_date(None)
        prepared = prepare_tables(tables, day)
        del tables
        summary, failing = validate_tables(prepared, load_suites(ROOT / "expectations"), day, out / "data_docs")
        print(f"  suites: {int(summary['passed'].sum())} of {len(summary)} passed; {len(failing)} findings")
    wall = time.perf_counter() - started
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024**2  # KiB -> GiB
    print(f"  wall time {wall:.1f} s; peak memory (max RSS) {peak:.2f} GiB")


def _child(mode: str, data: Path, out: Path) -> None:
    subprocess.run([sys.executable, __file__, "--measure", mode, str(data), str(out)], check=True)


def main() -> int:
    """Generate the tables, run the check in child processes, report wall time and peak memory."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--members", type=int, default=1_000_000)
    parser.add_argument("--signups", type=int, default=5_000_000)
    parser.add_argument("--events", type=int, default=5_000)
    parser.add_argument("--measure", nargs=3, metavar=("MODE", "DATA", "OUT"), help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.measure:
        measure(args.measure[0], Path(args.measure[1]), Path(args.measure[2]))
        return 0
    with tempfile.TemporaryDirectory(prefix="bench_check_") as tmp:
        data = Path(tmp) / "data"
        data.mkdir()
        started = time.perf_counter()
        generate(data, args.members, args.signups, args.events)
        size = sum(p.stat().st_size for p in data.glob("*.csv")) / 1e6
        print(
            f"generated {args.members:,} members, {args.events:,} events, {args.signups:,} sign-ups "
            f"({size:.0f} MB CSV) in {time.perf_counter() - started:.1f} s"
        )
        print("all suites on the prepared tables (loaded from Parquet, timed from prepare to Data Docs):")
        _child("suites", data, Path(tmp) / "runs" / "check" / "suites")
        print("reading the three CSVs with indigo_review.io alone (the foundation's reader, for comparison):")
        _child("read", data, Path(tmp) / "unused")
        print("the whole job as `indigo-review check` runs it (indigo_review.io reads the CSVs, then as above):")
        _child("job", data, Path(tmp) / "runs" / "check" / "job")
    print("target: under 60 s and 3 GB")
    return 0


if __name__ == "__main__":
    sys.exit(main())
