"""Benchmark reading a workbook: the openpyxl reader the project had before, against calamine (read_table now).

    .venv/bin/python benchmarks/bench_io.py [--rows 100000] [--repeat 5]

Writes one .xlsx of `--rows` member-like rows (ids, names, readings, e-mail, phone, postal code with its
leading zero, address, birth and join dates, a count) with openpyxl, then times, alternating so that both
see the same machine load: the foundations' reader (openpyxl in read-only mode, values only, the same text
conversion; reproduced below as it was) and `indigo_review.io.read_table`, which reads with calamine. Both
must give the same DataFrame, cell for cell, or the benchmark fails. Prints each run and the medians; on a
shared machine quote the ratio, measured in the same run, rather than the seconds.
"""

from __future__ import annotations

import argparse
import io
import statistics
import sys
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path

import numpy as np
import openpyxl
import pandas as pd

from indigo_review.io import cell_text, read_table
from indigo_review.io.table import sheet_frame

SEED = 20201111


def write_workbook(path: Path, rows: int) -> Path:
    """A member-like workbook of `rows` data rows, written in openpyxl's streaming mode."""
    rng = np.random.default_rng(SEED)
    surnames = ["山田", "鈴木", "佐藤", "田中", "高橋", "伊藤", "渡辺", "中村"]
    given = ["太郎", "花子", "一郎", "美咲", "健", "由美", "翔", "陽子"]
    book = openpyxl.Workbook(write_only=True)
    sheet = book.create_sheet("会員")
    header = ["member_id", "氏名", "フリガナ", "email", "電話", "郵便番号", "住所", "生年月日", "入会日", "参加回数"]
    sheet.append(header)
    born, joined = date(1950, 1, 1), date(2005, 1, 1)
    for i in range(rows):
        s, g = surnames[rng.integers(8)], given[rng.integers(8)]
        sheet.append(
            [
                f"M{i:06d}",
                f"{s}　{g}",
                "ヤマダ　タロウ",
                f"user{i}@example.jp",
                f"090-{rng.integers(10000):04d}-{rng.integers(10000):04d}",
                f"0{rng.integers(1000000):06d}",
                f"東京都千代田区千代田{rng.integers(1, 9)}-{rng.integers(1, 30)}",
                born + timedelta(days=int(rng.integers(20000))),
                joined + timedelta(days=int(rng.integers(7000))),
                int(rng.integers(0, 40)),
            ]
        )
    book.save(path)
    return path


def read_with_openpyxl(path: Path) -> dict[str, pd.DataFrame]:
    """The reader before calamine (foundations' io._read_xlsx), for the comparison."""
    raw = path.read_bytes()
    book = openpyxl.load_workbook(io.BytesIO(raw), read_only=True, data_only=True)
    try:
        sheets = {}
        for sheet in book.worksheets:
            rows = [[cell_text(v) for v in row] for row in sheet.iter_rows(values_only=True)]
            sheets[sheet.title] = sheet_frame(path, sheet.title, rows)
    finally:
        book.close()
    return sheets


def read_with_calamine(path: Path) -> dict[str, pd.DataFrame]:
    """The reader now: indigo_review.io.read_table."""
    return read_table(path).sheets


def main(argv: list[str] | None = None) -> int:
    """Write the workbook, time both readers alternately, check they agree and print the medians."""
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--rows", type=int, default=100_000, help="data rows in the workbook (default 100000)")
    parser.add_argument("--repeat", type=int, default=5, help="runs of each reader (default 5)")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as folder:
        path = write_workbook(Path(folder) / "members.xlsx", args.rows)
        print(f"{args.rows:,} rows x 10 columns, {path.stat().st_size / 1e6:.1f} MB .xlsx")
        readers = {"openpyxl (before)": read_with_openpyxl, "calamine (read_table)": read_with_calamine}
        times: dict[str, list[float]] = {name: [] for name in readers}
        results = {}
        for run in range(args.repeat):
            for name, reader in readers.items():
                started = time.perf_counter()
                results[name] = reader(path)
                times[name].append(time.perf_counter() - started)
                print(f"  run {run + 1} {name}: {times[name][-1]:.2f} s", flush=True)
        before, after = results.values()
        for sheet in before:
            pd.testing.assert_frame_equal(before[sheet], after[sheet])
        print("both readers give the same DataFrame, cell for cell")
        medians = {name: statistics.median(values) for name, values in times.items()}
        for name, median in medians.items():
            print(f"median {name}: {median:.2f} s")
        old, new = medians.values()
        print(f"calamine reads the workbook {old / new:.1f}x as fast as openpyxl")
    return 0


if __name__ == "__main__":
    sys.exit(main())
