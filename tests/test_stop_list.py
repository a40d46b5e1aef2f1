"""The stop list: members who asked the society to stop using their data, shared by three jobs, in the workspace."""

from __future__ import annotations

import multiprocessing
import sqlite3
from datetime import date
from pathlib import Path

import pytest

from indigo_review.errors import StoreError
from indigo_review.stop_list import add_to_stop_list, member_key, read_stop_list
from indigo_review.workspace import Workspace

ON = date(2026, 11, 25)


@pytest.fixture
def workspace(tmp_path: Path) -> Workspace:
    return Workspace.locate(tmp_path / "workspace")


def test_a_workspace_that_never_stopped_anyone_stops_nobody(workspace: Workspace) -> None:
    read = read_stop_list(workspace)
    assert read.members == frozenset() and read.read.head == "none"


def test_an_added_member_is_read_back(workspace: Workspace) -> None:
    add_to_stop_list(workspace, "M000001", "R-1", ON)
    add_to_stop_list(workspace, "M000002", "R-2", ON)
    assert read_stop_list(workspace).members == {"M000001", "M000002"}


def test_adding_a_member_twice_keeps_the_first_entry(workspace: Workspace) -> None:
    assert add_to_stop_list(workspace, "M000001", "R-1", ON)
    assert not add_to_stop_list(workspace, "M000001", "R-9", date(2026, 12, 1))
    with sqlite3.connect(workspace.path("stop_list")) as db:
        assert db.execute("SELECT * FROM stops").fetchall() == [("M000001", "2026-11-25", "R-1")]


def test_ids_are_compared_folded_trimmed_and_in_upper_case(workspace: Workspace) -> None:
    add_to_stop_list(workspace, " ｍ０００００１ ", "R-1", ON)
    stopped = read_stop_list(workspace)
    assert stopped.members == {"M000001"} and "m000001" in stopped and member_key("Ｍ000001") == "M000001"


def test_the_result_of_a_read_names_the_store_and_a_digest_that_changes_with_it(workspace: Workspace) -> None:
    add_to_stop_list(workspace, "M000001", "R-1", ON)
    first = read_stop_list(workspace).read
    add_to_stop_list(workspace, "M000002", "R-2", ON)
    second = read_stop_list(workspace).read
    assert (first.store, first.entries, second.entries) == ("stop_list", 1, 2)
    assert first.path == str(workspace.path("stop_list")) and first.head != second.head


def test_a_stop_list_the_workspace_lost_is_an_error_never_an_empty_list(workspace: Workspace) -> None:
    add_to_stop_list(workspace, "M000001", "R-1", ON)
    workspace.path("stop_list").unlink()
    with pytest.raises(StoreError, match=r"stop_list\.sqlite: the stop list is missing, but this workspace created"):
        read_stop_list(workspace)


def test_a_corrupt_stop_list_is_an_error_naming_it(workspace: Workspace) -> None:
    workspace.ensure().path("stop_list").write_bytes(b"member_id\nM000001\n" * 100)
    with pytest.raises(StoreError, match=r"stop_list\.sqlite: is not a readable stop list"):
        read_stop_list(workspace)


def test_the_stop_list_is_readable_by_its_owner_only(workspace: Workspace) -> None:
    add_to_stop_list(workspace, "M000001", "R-1", ON)
    assert workspace.path("stop_list").stat().st_mode & 0o777 == 0o600
    assert workspace.root.stat().st_mode & 0o777 == 0o700


def _add_many(root: str, writer: int, count: int) -> None:
    workspace = Workspace.locate(root)
    for n in range(count):
        add_to_stop_list(workspace, f"M{writer:02d}{n:04d}", f"R-{writer}-{n}", ON)


def test_six_processes_adding_25_members_each_at_once_keep_all_150(workspace: Workspace) -> None:
    context = multiprocessing.get_context("spawn")
    writers = [context.Process(target=_add_many, args=(str(workspace.root), w, 25)) for w in range(6)]
    for writer in writers:
        writer.start()
    for writer in writers:
        writer.join(timeout=120)
        assert writer.exitcode == 0
    assert len(read_stop_list(workspace).members) == 150
