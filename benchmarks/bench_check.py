"""Benchmark the accuracy checks: all three suites on 1,000,000 generated members plus their sign-ups.

    .venv/bin/python benchmarks/bench_check.py [--members 1000000] [--signups 5000000] [--events 5000]
        [--compare-src DIR]

The tables are generated with numpy from the sample's structure: names and readings combine the sample
generator's surnames and given names (8,160 combinations, so a million members share names as a real
register does), postal codes and addresses come from data/sample's members with generated block numbers
(so addresses are nearly all distinct, as they are), ids, e-mails, phones and dates are generated. One
record in ten thousand is made wrong so that the failing-records path is exercised, and one member in ten
thousand registers twice with a new phone (the record linkage must find them). Measurements, each in a
fresh child process so that its wall time and peak memory (ru_maxrss) are its own:
1. all suites: prepare (record linkage included), validate the three suites, build Data Docs, on tables
   loaded from Parquet;
2. reading the CSVs with indigo_review.io alone;
3. the whole job as `indigo-review check` runs it: read the CSVs with indigo_review.io, then as 1,
   plus the reports and the history (without the Papermill kernel around it).
`--compare-src DIR` measures 1 and 3 again with the code of another checkout (DIR/src, DIR/expectations;
e.g. `git archive foundations src expectations | tar -x -C DIR`) on the same files right after, so that
both are measured in the same conditions on a shared machine. The reference date is fixed (2026-11-01).
Target: under 60 s and 3 GB on a 2-core machine.
"""

from __future__ import annotations

import argparse
import os
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
AS_OF = "2026-11-01"


def _digits(rng: np.random.Generator, n: int, width: int) -> pd.Series:
    return pd.Series(rng.integers(0, 10**width, n)).astype(str).str.zfill(width)


def _days(rng: np.random.Generator, n: int, first: str, last: str) -> pd.Series:
    start, end = np.datetime64(first, "D"), np.datetime64(last, "D")
    return pd.Series(start + rng.integers(0, int((end - start).astype(int)), n).astype("timedelta64[D]"))


def generate(folder: Path, members: int, signups: int, events: int) -> None:
    """Write members.csv, events.csv and signups.csv of the requested sizes into folder."""
    from indigo_review.sample import CHANNELS, DUPLICATED_MEMBER, GIVEN_NAMES, PLANTED_ERRORS, SURNAMES

    rng = np.random.default_rng(SEED)
    planted = {e.record_id for e in PLANTED_ERRORS} | {DUPLICATED_MEMBER}
    source = pd.read_csv(SAMPLE / "members.csv", dtype=str, keep_default_na=False)
    source = source[~source["member_id"].isin(planted)].reset_index(drop=True)
    picked = source.iloc[rng.integers(0, len(source), members)].reset_index(drop=True)
    number = pd.Series(np.arange(members))
    surnames = np.array([s[:2] for s in SURNAMES])[rng.integers(0, len(SURNAMES), members)]
    given = np.array([g[:2] for g in GIVEN_NAMES])[rng.integers(0, len(GIVEN_NAMES), members)]
    # Born by 2003 and joined at 18, so every member joined before the first sign-up (late 2023).
    birth = _days(rng, members, "1940-01-01", "2003-12-31")
    joined = birth + pd.to_timedelta(rng.integers(18 * 366, 19 * 366, members), unit="D")
    # The sample's street address with generated block numbers: a real register's addresses are distinct.
    street = picked["address"].str.replace(r"[0-9０-９\-－]+$", "", regex=True)
    address = street + _digits(rng, members, 1).str.lstrip("0").replace("", "1") + "-" + _digits(rng, members, 2)
    frame = pd.DataFrame(
        {
            "member_id": "M" + number.astype(str).str.zfill(6),
            "name_kanji": pd.Series(surnames[:, 0]) + "\u3000" + given[:, 0],
            "name_kana": pd.Series(surnames[:, 1]) + "\u3000" + given[:, 1],
            "email": "member" + number.astype(str) + "@example.com",
            "phone": "090-" + _digits(rng, members, 4) + "-" + _digits(rng, members, 4),
            "postal_code": picked["postal_code"],
            "prefecture": picked["prefecture"],
            "address": address,
            "birth_date": birth.dt.strftime("%Y-%m-%d"),
            "gender": picked["gender"],
            "joined_on": joined.dt.strftime("%Y-%m-%d"),
            "consent_analysis": picked["consent_analysis"],
            "consent_third_party": picked["consent_third_party"],
            "status": picked["status"],
        }
    )
    wrong = number % ERROR_SHARE == 7
    frame.loc[wrong, "email"] = frame.loc[wrong, "email"].str.replace("@", "@@", regex=False)
    frame.loc[number % ERROR_SHARE == 8, "phone"] = "090-1234-567"
    # A second registration of the member before, under its own id and with a new phone.
    again = (number % ERROR_SHARE == 11).to_numpy()
    person = ["name_kanji", "name_kana", "email", "postal_code", "prefecture", "address", "birth_date", "joined_on"]
    frame.loc[again, person] = frame.loc[np.roll(again, -1), person].to_numpy()
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
            "fee_yen": rng.integers(0, 10, events) * 500,
        }
    )

    which = rng.integers(0, events, signups)
    lead = pd.to_timedelta(rng.integers(3_600, 60 * 86_400, signups), unit="s")
    # Nobody signs up after the reference date; attendance is known for events before it only.
    as_of = pd.Timestamp(AS_OF)
    signed = (starts.iloc[which].reset_index(drop=True) - lead).clip(upper=as_of - pd.Timedelta(hours=1))
    past = (starts.iloc[which] < as_of).to_numpy()
    channels = np.array(CHANNELS)
    signup_frame = pd.DataFrame(
        {
            "event_id": event_ids.iloc[which].to_numpy(),
            "member_id": "M" + pd.Series(rng.integers(0, members, signups)).astype(str).str.zfill(6),
            "signed_up_at": signed.dt.strftime("%Y-%m-%dT%H:%M:%S+09:00"),
            "channel": channels[rng.integers(0, len(channels), signups)],
            "attended": np.where(past, np.where(rng.random(signups) < 0.85, "true", "false"), ""),
            "comment": "",
        }
    ).drop_duplicates(["member_id", "event_id"], ignore_index=True)
    row = pd.Series(np.arange(len(signup_frame)))
    signup_frame.insert(0, "signup_id", "S" + (row + 1).astype(str).str.zfill(7))
    signup_frame.loc[row % ERROR_SHARE == 9, "channel"] = "fax"
    # Each event has room for its sign-ups, as the society plans it.
    counts = signup_frame["event_id"].value_counts().reindex(event_ids, fill_value=0).to_numpy()
    frame["capacity"] = counts + rng.integers(1, 40, events)
    _write(folder, "events", frame)
    _write(folder, "signups", signup_frame)


def _write(folder: Path, name: str, frame: pd.DataFrame) -> None:
    frame.to_csv(folder / f"{name}.csv", index=False)
    # The same table as Parquet, beside the CSV folder (one file per table in the data folder).
    (folder.parent / "parquet").mkdir(exist_ok=True)
    frame.astype("str").to_parquet(folder.parent / "parquet" / f"{name}.parquet", index=False)


def measure(mode: str, data: Path, out: Path) -> None:
    """In a child process: run the whole job ("job") or only the suites on tables loaded from Parquet ("suites")."""
    from indigo_review.check import CheckSettings
    from indigo_review.check.job import resolve_reference_date, run, validate_tables
    from indigo_review.check.prepare import TABLES, prepare_tables
    from indigo_review.check.suites import load_suites
    from indigo_review.resources import expectations_dir

    if mode == "read":
        from indigo_review.io import read_dataset

        started = time.perf_counter()
        rows = {name: len(frame) for name, frame in read_dataset(data, list(TABLES)).items()}
        print(f"  read {rows}")
    elif mode == "job":
        started = time.perf_counter()
        settings = CheckSettings(data=str(data), as_of=AS_OF, workspace=str(out.parent / "workspace"))
        outcome = run(settings, out)
        print(f"  job: exit {outcome.exit_code}; {outcome.summary}")
    else:
        tables = {name: pd.read_parquet(data.parent / "parquet" / f"{name}.parquet").astype("str") for name in TABLES}
        started = time.perf_counter()
        day = resolve_reference_date(AS_OF)
        prepared = prepare_tables(tables, day)
        del tables
        summary, failing = validate_tables(prepared, load_suites(expectations_dir()), day)
        print(f"  suites: {int(summary['passed'].sum())} of {len(summary)} passed; {len(failing)} findings")
    wall = time.perf_counter() - started
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024**2  # KiB -> GiB
    print(f"  wall time {wall:.1f} s; peak memory (max RSS) {peak:.2f} GiB")


def _child(mode: str, data: Path, out: Path, src: str = "") -> None:
    env = {**os.environ, "PYTHONPATH": str(Path(src).resolve() / "src")} if src else None
    subprocess.run([sys.executable, __file__, "--measure", mode, str(data), str(out)], check=True, env=env)


def main() -> int:
    """Generate the tables, run the check in child processes, report wall time and peak memory."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--members", type=int, default=1_000_000)
    parser.add_argument("--signups", type=int, default=5_000_000)
    parser.add_argument("--events", type=int, default=5_000)
    parser.add_argument("--compare-src", default="", help="another checkout whose src/ to measure after this one")
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
        if args.compare_src:
            print(f"the same two measurements with the code in {args.compare_src}:")
            _child("suites", data, Path(tmp) / "runs" / "other" / "suites", args.compare_src)
            _child("job", data, Path(tmp) / "runs" / "other" / "job", args.compare_src)
    print("target: under 60 s and 3 GB")
    return 0


if __name__ == "__main__":
    sys.exit(main())
