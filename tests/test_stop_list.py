"""The stop list: members who asked the society to stop using their data, shared by three jobs."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from indigo_review.errors import InputError
from indigo_review.stop_list import STOP_LIST_ENV, add_to_stop_list, read_stop_list


def test_a_default_stop_list_that_does_not_exist_yet_stops_nobody(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.delenv(STOP_LIST_ENV, raising=False)
    monkeypatch.chdir(tmp_path)
    assert read_stop_list() == frozenset()


def test_a_named_stop_list_that_does_not_exist_is_an_error(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="does not exist"):
        read_stop_list(tmp_path / "typo.csv")


def test_an_added_member_is_read_back(tmp_path: Path) -> None:
    path = tmp_path / "stop.csv"
    add_to_stop_list("M000001", "R-1", path, added_on=date(2026, 11, 25))
    add_to_stop_list("M000002", "R-2", path)
    assert read_stop_list(path) == {"M000001", "M000002"}


def test_adding_a_member_twice_keeps_the_first_entry(tmp_path: Path) -> None:
    path = tmp_path / "stop.csv"
    add_to_stop_list("M000001", "R-1", path, added_on=date(2026, 11, 25))
    add_to_stop_list("M000001", "R-9", path, added_on=date(2026, 12, 1))
    assert path.read_text(encoding="utf-8").splitlines() == ["member_id,added_on,request_id", "M000001,2026-11-25,R-1"]


def test_the_environment_names_the_stop_list(tmp_path: Path, monkeypatch) -> None:
    path = tmp_path / "env.csv"
    monkeypatch.setenv(STOP_LIST_ENV, str(path))
    add_to_stop_list("M000003", "R-3")
    assert read_stop_list() == {"M000003"}


def test_a_stop_list_without_a_member_id_column_is_an_error_naming_the_file(tmp_path: Path) -> None:
    path = tmp_path / "broken.csv"
    path.write_text("id,when\nM000001,2026-11-25\n", encoding="utf-8")
    with pytest.raises(InputError, match=r"broken\.csv: the stop list has no member_id column"):
        read_stop_list(path)
