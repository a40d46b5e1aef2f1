"""Partitions and Dask: the same findings in any partition size, on 1 or 2 workers, on a cluster started by
`dask scheduler` / `dask worker`; a failed or lost partition is an ERROR, never a PASS."""

from __future__ import annotations

import csv
import os
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pandas as pd
import pytest

import indigo_review.scan.partitions as partitions
from indigo_review.errors import PartitionLost
from indigo_review.scan import BLOCK, ERROR, PASS, scan_path
from indigo_review.scan.batch import collect_exports
from indigo_review.scan.cluster import dask_client, run_ordered
from indigo_review.scan.job import uses_cluster

from ..conftest import SAMPLE, run_cli

EXPORTS = SAMPLE / "exports"


def _findings(result) -> list[tuple]:
    return [tuple(row) for row in result.findings.itertuples(index=False)]


@pytest.fixture(scope="session")
def two_workers(ginza) -> Iterator:
    """A local cluster of two worker processes, started once for the session."""
    with dask_client(workers=2) as client:
        yield client


@pytest.fixture(scope="session")
def one_worker(ginza) -> Iterator:
    """A local cluster of one worker process."""
    with dask_client(workers=1) as client:
        yield client


@pytest.fixture(scope="session")
def leaky_in_process(ginza):
    """The leaky export scanned in this process, whole."""
    return scan_path(EXPORTS / "leaky_export.xlsx")


def test_partition_size_does_not_change_the_findings(leaky_in_process) -> None:
    small = scan_path(EXPORTS / "leaky_export.xlsx", partition_rows=37)
    assert _findings(small) == _findings(leaky_in_process) and small.counts == leaky_in_process.counts


def test_a_chunked_csv_in_small_partitions_is_read_and_judged_the_same_way(ginza) -> None:
    whole = scan_path(EXPORTS / "leaky_export_utf8bom.csv")
    chunked = scan_path(EXPORTS / "leaky_export_utf8bom.csv", chunk_threshold=0, chunk_rows=64, partition_rows=25)
    assert _findings(chunked) == _findings(whole) and chunked.rows == 200


def test_two_workers_give_the_same_findings_in_the_same_order(two_workers, leaky_in_process) -> None:
    distributed = scan_path(EXPORTS / "leaky_export.xlsx", partition_rows=30, client=two_workers)
    assert distributed.verdict == BLOCK
    assert _findings(distributed) == _findings(leaky_in_process)
    assert distributed.counts == leaky_in_process.counts and distributed.sheets == leaky_in_process.sheets


def test_one_worker_gives_the_same_findings_as_two(one_worker, two_workers) -> None:
    path = EXPORTS / "leaky_export_cp932.csv"
    one = scan_path(path, chunk_threshold=0, chunk_rows=80, partition_rows=40, client=one_worker)
    two = scan_path(path, chunk_threshold=0, chunk_rows=80, partition_rows=40, client=two_workers)
    assert _findings(one) == _findings(two) and one.verdict == BLOCK


def test_a_clean_export_passes_on_the_cluster(two_workers) -> None:
    for name in ("planning_export.csv", "catalogue_export.csv"):
        assert scan_path(EXPORTS / name, partition_rows=50, client=two_workers).verdict == PASS


def test_a_generated_file_scans_the_same_on_two_workers(two_workers, tmp_path: Path) -> None:
    rows = [
        {
            "氏名": f"{s}{g}",
            "電話": f"090-{1000 + i:04d}-{2000 + i:04d}",
            "備考": f"{s}さんから連絡あり" if i % 3 else "特になし",
        }
        for i, (s, g) in enumerate((s, g) for s in ("田中", "鈴木", "高橋", "渡辺") for g in ("太郎", "花子", "一郎"))
    ] * 20
    path = tmp_path / "generated.csv"
    pd.DataFrame(rows).to_csv(path, index=False)
    here = scan_path(path)
    there = scan_path(path, partition_rows=17, client=two_workers)
    assert _findings(there) == _findings(here) and len(here.findings) > 0


def test_a_failed_partition_makes_the_scan_an_error(two_workers) -> None:
    def broken(*args):
        raise RuntimeError("boom")

    two_workers.run(lambda: setattr(partitions, "scan_partition", broken))
    try:
        result = scan_path(EXPORTS / "planning_export.csv", partition_rows=50, client=two_workers)
    finally:
        two_workers.restart()
    assert result.verdict == ERROR and "was lost (RuntimeError)" in result.error
    assert "planning_export.csv" in result.error


def test_a_failure_inside_a_partition_is_an_error_that_quotes_no_value(two_workers, monkeypatch) -> None:
    def fails(*args):
        raise ValueError("山田太郎 090-1234-5678")

    monkeypatch.setattr(partitions, "_scan_partition", fails)
    here = scan_path(EXPORTS / "planning_export.csv", partition_rows=50)
    two_workers.run(lambda: setattr(partitions, "_scan_partition", fails))
    try:
        there = scan_path(EXPORTS / "planning_export.csv", partition_rows=50, client=two_workers)
    finally:
        two_workers.restart()
    for result in (here, there):
        assert result.verdict == ERROR and "rows 0-49 (ValueError)" in result.error
        assert "山田" not in result.error and "090" not in result.error


def test_a_partition_whose_worker_dies_is_lost_not_passed() -> None:
    def dies(n: int) -> int:
        if n == 2:
            os._exit(1)
        return n

    # Part 1's result lives on the worker until the client fetches it, so it may die with part 2: either is lost.
    lost = r"part [12] was lost"
    with dask_client(workers=1, preload_ner=False) as client, pytest.raises(PartitionLost, match=lost):
        list(run_ordered(client, dies, ((f"part {n}", (n,)) for n in range(4))))


def test_a_cluster_is_used_when_asked_for_or_for_large_files_only(tmp_path: Path) -> None:
    small = collect_exports([EXPORTS / "planning_export.csv"])
    assert not uses_cluster(small) and uses_cluster(small, workers=1) and not uses_cluster(small, workers=0)
    assert uses_cluster(small, scheduler="tcp://127.0.0.1:8786")


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _wait_for(port: int, seconds: float = 60) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        with socket.socket() as sock:
            if sock.connect_ex(("127.0.0.1", port)) == 0:
                return
        time.sleep(0.2)
    raise TimeoutError(port)


@pytest.mark.notebook
def test_a_cluster_started_with_dask_commands_gives_the_same_findings_as_a_local_run(tmp_path: Path) -> None:
    bin_dir = Path(sys.executable).parent
    port = _free_port()
    address = f"tcp://127.0.0.1:{port}"
    scheduler = subprocess.Popen(
        [bin_dir / "dask", "scheduler", "--host", "127.0.0.1", "--port", str(port), "--dashboard-address", ":0"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    worker = None
    try:
        _wait_for(port)
        worker = subprocess.Popen(
            [bin_dir / "dask", "worker", address, "--nworkers", "1", "--nthreads", "1", "--no-dashboard"],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        export = str(EXPORTS / "leaky_export_utf8bom.csv")
        remote = run_cli("scan", export, "--scheduler", address, "--out", str(tmp_path / "remote"))
        local = run_cli("scan", export, "--workers", "0", "--out", str(tmp_path / "local"))
    finally:
        for process in (worker, scheduler):
            if process is not None:
                process.terminate()
                process.wait(timeout=30)
    assert remote.returncode == local.returncode == 1, remote.stderr
    read = lambda run: list(csv.reader((tmp_path / run / "findings.csv").open(encoding="utf-8-sig")))  # noqa: E731
    assert read("remote") == read("local") and len(read("local")) > 1000


def test_an_unreachable_scheduler_is_an_error_naming_it(tmp_path: Path) -> None:
    address = f"tcp://127.0.0.1:{_free_port()}"
    result = run_cli("scan", str(EXPORTS / "planning_export.csv"), "--scheduler", address, "--out", str(tmp_path / "r"))
    assert result.returncode == 2 and address in result.stderr and "Traceback" not in result.stderr


class _Cluster:
    def __init__(self, workers: int) -> None:
        self.workers = workers

    def scheduler_info(self) -> dict:
        return {"workers": {f"w{i}": {} for i in range(self.workers)}}


def test_a_cluster_gets_several_partitions_per_worker_within_bounds() -> None:
    assert partitions._partition_rows(20_000, None) == partitions.PARTITION_ROWS
    assert partitions._partition_rows(20_000, _Cluster(2)) == 20_000 // (2 * partitions.PARTITIONS_PER_WORKER)
    assert partitions._partition_rows(1_000_000, _Cluster(2)) == partitions.PARTITION_ROWS
    assert partitions._partition_rows(500, _Cluster(2)) == partitions.MIN_PARTITION_ROWS


def test_findings_csv_defuses_formulas_in_headers_and_evidence(ginza, tmp_path: Path) -> None:
    path = tmp_path / "export.csv"
    pd.DataFrame({"=HYPERLINK(1)": ["+81-90-1234-5678"], "note": ["-ab@example.jp"]}).to_csv(path, index=False)
    out = tmp_path / "findings.csv"
    scan_path(path, findings_path=out)
    with out.open(encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.DictReader(handle))
    assert [(r["column"], r["entity"], r["evidence"]) for r in rows] == [
        ("'=HYPERLINK(1)", "PHONE_NUMBER", "'+**-**-****-5678"),
        ("note", "EMAIL_ADDRESS", "'-***@example.jp"),
    ]
