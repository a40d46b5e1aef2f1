"""Partitions and Dask: the same findings in any partition size, here or on the shared cluster, on a cluster started
by `dask scheduler` / `dask worker`; a failed or lost partition is an ERROR, never a PASS.

The tests share one cluster (`dask_cluster`), which none of them restarts or changes; a test that changes
workers' code or kills a worker runs on a small cluster of its own."""

from __future__ import annotations

import csv
import json
import os
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import dask
import pandas as pd
import pytest

import indigo_review.scan.partitions as partitions
from indigo_review.errors import PartitionLost
from indigo_review.scan import BLOCK, ERROR, PASS, scan_path
from indigo_review.scan.cluster import dask_client, run_ordered
from indigo_review.scan.files import collect_exports
from indigo_review.scan.job import uses_cluster

from ..conftest import SAMPLE, run_cli

EXPORTS = SAMPLE / "exports"


def _findings(result) -> list[tuple]:
    return [tuple(row) for row in result.findings.itertuples(index=False)]


@pytest.fixture(scope="module")
def sabotage_cluster() -> Iterator:
    """A small cluster of this module's own whose workers' code the failure tests change; never the shared one."""
    with dask_client(workers=1, preload_ner=False) as client:
        yield client


@contextmanager
def _on_workers(client, name: str, replacement) -> Iterator[None]:
    """Replace partitions.<name> on the workers of `client` for the block, then put the original back.

    The original is kept on each worker: a function sent by reference would resolve to the replacement there."""

    def swap() -> None:
        vars(partitions).setdefault("_replaced", {}).setdefault(name, getattr(partitions, name))
        setattr(partitions, name, replacement)

    def restore() -> None:
        setattr(partitions, name, vars(partitions)["_replaced"].pop(name))

    client.run(swap)
    try:
        yield
    finally:
        client.run(restore)


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


def test_two_workers_give_the_same_findings_in_the_same_order(dask_cluster, leaky_in_process) -> None:
    distributed = scan_path(EXPORTS / "leaky_export.xlsx", partition_rows=30, client=dask_cluster)
    assert distributed.verdict == BLOCK
    assert _findings(distributed) == _findings(leaky_in_process)
    assert distributed.counts == leaky_in_process.counts and distributed.sheets == leaky_in_process.sheets


def test_a_chunked_csv_on_the_cluster_gives_the_same_findings_as_in_this_process(dask_cluster) -> None:
    path = EXPORTS / "leaky_export_cp932.csv"
    here = scan_path(path, chunk_threshold=0, chunk_rows=80, partition_rows=40)
    there = scan_path(path, chunk_threshold=0, chunk_rows=80, partition_rows=40, client=dask_cluster)
    assert _findings(here) == _findings(there) and there.verdict == BLOCK


def test_a_clean_export_passes_on_the_cluster(dask_cluster) -> None:
    for name in ("planning_export.csv", "catalogue_export.csv"):
        assert scan_path(EXPORTS / name, partition_rows=50, client=dask_cluster).verdict == PASS


def test_a_generated_file_scans_the_same_on_two_workers(dask_cluster, tmp_path: Path) -> None:
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
    there = scan_path(path, partition_rows=17, client=dask_cluster)
    assert _findings(there) == _findings(here) and len(here.findings) > 0


def _broken(*args):
    raise RuntimeError("boom")


def _fails(*args):
    raise ValueError("山田太郎 090-1234-5678")


def test_a_failed_partition_makes_the_scan_an_error(sabotage_cluster) -> None:
    with _on_workers(sabotage_cluster, "scan_partition", _broken):
        result = scan_path(EXPORTS / "planning_export.csv", partition_rows=50, client=sabotage_cluster)
    assert result.verdict == ERROR and "was lost (RuntimeError)" in result.error
    assert "planning_export.csv" in result.error


def test_a_failure_inside_a_partition_is_an_error_that_quotes_no_value(sabotage_cluster, monkeypatch) -> None:
    monkeypatch.setattr(partitions, "_scan_partition", _fails)
    here = scan_path(EXPORTS / "planning_export.csv", partition_rows=50)
    with _on_workers(sabotage_cluster, "_scan_partition", _fails):
        there = scan_path(EXPORTS / "planning_export.csv", partition_rows=50, client=sabotage_cluster)
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
    # Dask retries a task whose worker died three times by default; once is enough to show it is reported lost.
    retries = dask.config.set({"distributed.scheduler.allowed-failures": 0})
    with retries, dask_client(workers=1, preload_ner=False) as client, pytest.raises(PartitionLost, match=lost):
        list(run_ordered(client, dies, ((f"part {n}", (n,)) for n in range(4))))


def test_a_cluster_is_used_when_asked_for_or_for_large_files_only(tmp_path: Path) -> None:
    small = collect_exports([EXPORTS / "planning_export.csv"])
    assert not uses_cluster(small) and uses_cluster(small, workers=1) and not uses_cluster(small, workers=0)
    assert uses_cluster(small, scheduler="tcp://127.0.0.1:8786")


def _wait_for(path: Path, seconds: float = 60) -> str:
    """The scheduler's address, once it has written its scheduler file (it binds a port the system chose)."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            return json.loads(path.read_text(encoding="utf-8"))["address"]
        except (OSError, ValueError, KeyError):
            time.sleep(0.2)
    raise TimeoutError(path)


def test_a_cluster_started_with_dask_commands_gives_the_same_findings_as_a_local_run(tmp_path: Path) -> None:
    bin_dir = Path(sys.executable).parent
    file = tmp_path / "scheduler.json"
    scheduler = subprocess.Popen(
        [bin_dir / "dask", "scheduler", "--host", "127.0.0.1", "--port", "0", "--dashboard-address", ":0",
         "--scheduler-file", str(file)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )  # fmt: skip
    worker = None
    try:
        address = _wait_for(file)
        worker = subprocess.Popen(
            [bin_dir / "dask", "worker", "--scheduler-file", str(file), "--nworkers", "1", "--nthreads", "1",
             "--no-dashboard"],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )  # fmt: skip
        export = str(EXPORTS / "leaky_export_utf8bom.csv")
        remote = run_cli(
            "scan", export, "--scheduler", address, "--connect-timeout", "60", "--out", str(tmp_path / "r")
        )
        local = run_cli("scan", export, "--workers", "0", "--out", str(tmp_path / "local"))
    finally:
        for process in (worker, scheduler):
            if process is not None:
                process.terminate()
                process.wait(timeout=30)
    assert remote.returncode == local.returncode == 1, remote.stderr
    read = lambda run: list(csv.reader((tmp_path / run / "findings.csv").open(encoding="utf-8-sig")))  # noqa: E731
    assert read("r") == read("local") and len(read("local")) > 1000


def test_an_unreachable_scheduler_is_an_error_naming_it_after_the_connect_timeout(tmp_path: Path) -> None:
    with socket.socket() as closed:  # bound, never listening: every connection is refused until the timeout
        closed.bind(("127.0.0.1", 0))
        address = f"tcp://127.0.0.1:{closed.getsockname()[1]}"
        export = str(EXPORTS / "planning_export.csv")
        result = run_cli("scan", export, "--scheduler", address, "--connect-timeout", "2", "--out", str(tmp_path / "r"))
    assert result.returncode == 2 and address in result.stderr and "within 2 s" in result.stderr
    assert "Traceback" not in result.stderr and result.stderr.count("\n") == 1


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
