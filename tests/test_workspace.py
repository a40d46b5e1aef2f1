"""The workspace: one root for the stored state, whichever folder a job starts in; stores found, opened and
moved in one way."""

from __future__ import annotations

import json
import os
import sqlite3
import stat
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest

from indigo_review import workspace as workspace_module
from indigo_review.errors import StoreError
from indigo_review.migration import migrate_legacy
from indigo_review.stop_list import add_to_stop_list, read_stop_list
from indigo_review.workspace import HOME_ENV, Workspace, open_store

from .conftest import SAMPLE, run_cli

ON = date(2026, 11, 25)


def test_the_option_comes_first_then_indigo_home_then_the_per_user_data_folder(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv(HOME_ENV, str(tmp_path / "home"))
    assert Workspace.locate(tmp_path / "given").root == tmp_path / "given"
    assert Workspace.locate().root == tmp_path / "home"
    monkeypatch.delenv(HOME_ENV)
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "xdg"))
    assert Workspace.locate().root == tmp_path / "xdg" / "indigo-review"


def test_the_working_folder_never_decides_the_workspace(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(HOME_ENV)
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "xdg"))
    roots = set()
    for folder in ("a", "b"):
        (tmp_path / folder / "runs").mkdir(parents=True)
        monkeypatch.chdir(tmp_path / folder)
        roots.add(Workspace.locate().root)
    assert roots == {tmp_path / "xdg" / "indigo-review"}


def test_a_stop_made_in_one_folder_refuses_a_release_made_from_another(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The side door of the last round: the stop request and the consent release shared no stop list."""
    monkeypatch.delenv(HOME_ENV)
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "xdg"))
    members = (SAMPLE / "members.csv").read_text(encoding="utf-8").splitlines()
    consenting = [line for line in members[1:] if line.split(",")[11] == "true"][:2]
    ids = [line.split(",")[0] for line in consenting]
    for folder in ("office", "laptop"):
        (tmp_path / folder).mkdir()
    stop = run_cli(
        "request", "--kind", "stop", "--member", ids[0], "--data", str(SAMPLE), "--id-document", "passport",
        "--out", str(tmp_path / "stop-run"), cwd=tmp_path / "office",
    )  # fmt: skip
    assert stop.returncode == 0, stop.stderr
    venue = tmp_path / "venue.csv"
    venue.write_text("member_id,note\n" + "".join(f"{m},x\n" for m in ids), encoding="utf-8")
    release = run_cli(
        "release", str(venue), "--to", "会場", "--basis", "consent", "--members", str(SAMPLE),
        "--out", str(tmp_path / "release-run"), cwd=tmp_path / "laptop",
    )  # fmt: skip
    assert release.returncode == 1 and "stop using their data" in release.stderr
    result = json.loads((tmp_path / "release-run" / "release.json").read_text(encoding="utf-8"))
    (stop_list,) = [s for s in result["stores"] if s["store"] == "stop_list"]
    assert stop_list["path"] == str(tmp_path / "xdg" / "indigo-review" / "stop_list.sqlite")
    assert stop_list["entries"] == 1


def test_every_sqlite_store_is_opened_in_wal_mode_and_owner_only(tmp_path: Path) -> None:
    path = tmp_path / "ws" / "store.sqlite"
    with open_store(path, "CREATE TABLE IF NOT EXISTS t (x);", "test store") as conn:
        assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
        assert conn.execute("PRAGMA busy_timeout").fetchone()[0] >= 30_000
    assert path.stat().st_mode & 0o777 == 0o600


def test_a_store_another_job_holds_locked_is_said_to_be_locked_not_corrupt(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "store.sqlite"
    with open_store(path, "CREATE TABLE IF NOT EXISTS t (x);", "test store"):
        pass
    monkeypatch.setattr(workspace_module, "_BUSY_TIMEOUT_MS", 200)
    holder = sqlite3.connect(path, isolation_level=None)
    holder.execute("BEGIN EXCLUSIVE")
    try:
        with pytest.raises(StoreError, match="stayed locked by another job"), open_store(path, "", "test store"):
            pass
    finally:
        holder.close()


def test_a_lock_answered_without_waiting_is_waited_for(monkeypatch: pytest.MonkeyPatch) -> None:
    busy = sqlite3.OperationalError("database is locked")
    busy.sqlite_errorcode = 5  # what SQLite answers at once when two jobs deadlock converting a new store to WAL
    answers = iter([busy, busy])
    calls: list[str] = []

    class Connection:
        in_transaction = False

        def execute(self, sql: str) -> sqlite3.Cursor:
            calls.append(sql)
            if sql.startswith("PRAGMA journal_mode"):
                error = next(answers, None)
                if error is not None:
                    raise error
            return sqlite3.connect(":memory:").execute("SELECT 'ok'")

        def executescript(self, sql: str) -> None:
            calls.append(sql)

    workspace_module._prepare(Connection(), "CREATE TABLE IF NOT EXISTS t (x);", create=True)  # type: ignore[arg-type]
    assert calls.count("PRAGMA journal_mode = WAL") == 3 and calls[-1].startswith("BEGIN IMMEDIATE")


def test_a_store_opened_wider_is_made_owner_only_again(tmp_path: Path) -> None:
    path = tmp_path / "store.sqlite"
    with open_store(path, "CREATE TABLE IF NOT EXISTS t (x);", "test store"):
        pass
    path.chmod(0o644)
    with open_store(path, "", "test store", create=False):
        pass
    assert path.stat().st_mode & 0o777 == 0o600


def test_a_damaged_store_is_one_error_naming_it_and_quoting_nothing(tmp_path: Path) -> None:
    path = tmp_path / "store.sqlite"
    path.write_bytes(b"SQLite format 3\x00" + "山田太郎 090-1234-5678".encode() * 40)
    with pytest.raises(StoreError) as caught, open_store(path, "CREATE TABLE IF NOT EXISTS t (x);", "test store"):
        pass
    assert str(path) in caught.value.message and "山田" not in caught.value.message


def test_a_legacy_stop_list_in_runs_is_merged_once_with_a_message(tmp_path: Path) -> None:
    workspace = Workspace.locate()
    add_to_stop_list(workspace, "M000002", "R-2", ON)
    runs = Path.cwd() / "runs"
    runs.mkdir()
    (runs / "stop_list.csv").write_text("member_id,added_on,request_id\nM000001,2026-11-01,R-1\n", encoding="utf-8")
    messages = migrate_legacy(workspace, runs, environ={})
    assert len(messages) == 1 and "merged into the workspace (1 member(s) added" in messages[0]
    assert read_stop_list(workspace).members == {"M000001", "M000002"}
    assert not (runs / "stop_list.csv").exists() and (runs / "stop_list.csv.migrated").exists()
    assert migrate_legacy(workspace, runs, environ={}) == []


def test_a_legacy_ledger_named_by_the_old_variable_is_moved_in(tmp_path: Path) -> None:
    from indigo_review.release import Provision, append, verify

    old = tmp_path / "old-ledger.sqlite"
    append(old, Provision("released", "law", "警察署", "f.csv", "c" * 64, "BLOCK"))
    workspace = Workspace.locate()
    messages = migrate_legacy(workspace, tmp_path / "no-runs", environ={"INDIGO_LEDGER": str(old)})
    assert "was moved into the workspace" in messages[0]
    assert verify(workspace.path("ledger")).entries == 1 and workspace.was_created("ledger")


def test_a_legacy_ledger_beside_a_workspace_ledger_is_an_error_and_both_are_kept(tmp_path: Path) -> None:
    from indigo_review.release import Provision, append

    workspace = Workspace.locate().ensure()
    for path in (workspace.path("ledger"), Path.cwd() / "runs" / "ledger.sqlite"):
        path.parent.mkdir(parents=True, exist_ok=True)
        append(path, Provision("released", "law", "警察署", "f.csv", "c" * 64, "BLOCK"))
    result = run_cli("ledger", "verify")
    assert result.returncode == 2 and "the workspace already has one" in result.stderr
    assert (Path.cwd() / "runs" / "ledger.sqlite").exists()


def test_the_command_line_moves_old_stores_in_and_says_so(tmp_path: Path) -> None:
    runs = Path.cwd() / "runs"
    runs.mkdir()
    with sqlite3.connect(runs / "requests.sqlite") as db:
        db.execute("CREATE TABLE requests (request_id TEXT)")
    result = run_cli("workspace", "show")
    assert result.returncode == 0 and "request log" in result.stderr and "moved into the workspace" in result.stderr
    assert "request log      present" in result.stdout


def test_an_old_variable_still_set_gets_a_notice(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("INDIGO_STOP_LIST", "/nowhere/stop.csv")
    result = run_cli("workspace", "show")
    assert result.returncode == 0 and "INDIGO_STOP_LIST is no longer read" in result.stderr


def test_keygen_writes_the_workspace_key_that_the_anonymise_job_then_finds(tmp_path: Path) -> None:
    assert run_cli("keygen").returncode == 0
    key = Workspace.locate().key_file
    assert key.stat().st_mode & 0o777 == 0o600
    result = run_cli("anonymise", "--data", str(SAMPLE), "--k", "5", "--out", str(tmp_path / "run"))
    assert result.returncode == 0, result.stderr
    secret = key.read_text().strip().encode()
    assert all(secret not in p.read_bytes() for p in (tmp_path / "run").rglob("*") if p.is_file())


def test_workspace_show_lists_every_store_and_its_state(tmp_path: Path) -> None:
    add_to_stop_list(Workspace.locate(), "M000001", "R-1", ON)
    Workspace.locate().path("stop_list").unlink()
    result = run_cli("workspace", "show")
    assert "stop list        MISSING" in result.stdout and "provision ledger not created yet" in result.stdout


@pytest.fixture
def common_umask() -> Iterator[None]:
    """The umask most systems give (022): group and others could read what is created without a mode."""
    previous = os.umask(0o022)
    yield
    os.umask(previous)


def test_a_new_workspace_folder_and_its_markers_are_owner_only(tmp_path: Path, common_umask: None) -> None:
    workspace = Workspace(tmp_path / "deep" / "ws").ensure()
    workspace.mark_created("ledger")
    assert stat.S_IMODE(workspace.root.stat().st_mode) == 0o700
    assert stat.S_IMODE((workspace.root / ".created").stat().st_mode) == 0o700
    assert stat.S_IMODE((workspace.root / ".created" / "ledger").stat().st_mode) == 0o600


def test_the_wal_and_shared_memory_files_of_a_store_are_owner_only(tmp_path: Path, common_umask: None) -> None:
    path = tmp_path / "ws" / "store.sqlite"
    with open_store(path, "CREATE TABLE IF NOT EXISTS t (x);", "test store") as reader:
        reader.execute("SELECT COUNT(*) FROM t").fetchone()  # an open reader keeps the WAL files in place
        with open_store(path, "", "test store") as writer:
            writer.execute("INSERT INTO t VALUES (1)")
        companions = [path.with_name(path.name + suffix) for suffix in ("-wal", "-shm")]
        assert all(p.exists() for p in companions)
        assert {stat.S_IMODE(p.stat().st_mode) for p in [path, *companions]} == {0o600}
