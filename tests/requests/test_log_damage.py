"""The request log cannot be read in part: damaged, it is exit 2 with one line and nothing it holds; it is
readable by its owner only, and so are the files SQLite keeps beside it."""

from __future__ import annotations

import os
import sqlite3
import stat
from datetime import date, timedelta
from pathlib import Path

import pytest

from indigo_review.requests.log import Entry, record_open
from indigo_review.workspace import Workspace

from ..conftest import run_cli
from .conftest import small_dataset

SECRET = "山田太郎"


def _log_with_requests(n: int, start: int = 0) -> Path:
    workspace = Workspace.locate()
    for i in range(start, start + n):
        entry = Entry(f"R{i:04d}", date(2026, 11, 2) + timedelta(days=i % 20), "disclosure", f"M{i:06d}", "member",
                      ("passport",), run_dir="x" * 300)  # fmt: skip
        record_open(workspace, entry)
    return workspace.path("requests")


def _damage(log: Path, how: str) -> None:
    if how == "not SQLite":
        log.write_bytes(f"{SECRET} not a database\n".encode() * 300)
        return
    conn = sqlite3.connect(log)
    if how == "corrupt page":
        pages, size = (conn.execute(f"PRAGMA {p}").fetchone()[0] for p in ("page_count", "page_size"))
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        conn.close()
        assert pages >= 4
        with log.open("r+b") as handle:
            handle.seek(size * (pages // 2))
            handle.write(b"\xff" * 64)
        return
    if how == "bad UTF-8":
        conn.execute(
            "UPDATE requests SET note = CAST(? AS TEXT) WHERE request_id = 'R0001'", (SECRET.encode() + b"\xff",)
        )
    else:
        conn.execute("UPDATE requests SET due = ? WHERE request_id = 'R0001'", (f"{SECRET}-12-01",))
    conn.commit()
    conn.close()


@pytest.mark.parametrize("how", ["corrupt page", "bad UTF-8", "not SQLite", "malformed due date"])
def test_a_damaged_request_log_is_exit_2_with_one_line_quoting_nothing(tmp_path: Path, how: str) -> None:
    log = _log_with_requests(60)
    _damage(log, how)
    for args in (("request", "list"), _refusal(tmp_path)):
        result = run_cli(*args)
        lines = result.stderr.strip().splitlines()
        assert result.returncode == 2 and len(lines) == 1, (how, args, result.stderr)
        assert str(log) in lines[0] and SECRET not in result.stderr + result.stdout and "Traceback" not in lines[0]


def _refusal(tmp_path: Path) -> tuple[str, ...]:
    data = small_dataset(tmp_path / "data", {})
    out = tmp_path / f"run-{len(list(tmp_path.glob('run-*')))}"
    return ("request", "--kind", "disclosure", "--member", "M000001", "--data", str(data), "--refuse", "1",
            "--out", str(out))  # fmt: skip


def test_the_request_log_and_the_files_beside_it_are_owner_only(tmp_path: Path) -> None:
    previous = os.umask(0o022)
    try:
        log = _log_with_requests(1)
        with sqlite3.connect(log) as reader:
            reader.execute("SELECT COUNT(*) FROM requests").fetchone()  # keeps the WAL files in place
            _log_with_requests(2, start=1)
            files = [log, *(log.with_name(log.name + s) for s in ("-wal", "-shm"))]
            assert all(p.exists() for p in files)
            assert {stat.S_IMODE(p.stat().st_mode) for p in files} == {0o600}
        assert stat.S_IMODE(log.parent.stat().st_mode) == 0o700
    finally:
        os.umask(previous)
