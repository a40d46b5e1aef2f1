"""Outputs: atomic writes, and CSVs that a spreadsheet cannot execute."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from indigo_review.output import atomic_write_text, defuse_formula, write_safe_csv


@pytest.mark.parametrize("cell", ["=1+1", "+cmd", "-2+3", "@SUM(A1)", "\t=x", "＝１＋１", '=HYPERLINK("x")'])
def test_formula_cells_are_defused(cell: str) -> None:
    assert defuse_formula(cell) == "'" + cell


@pytest.mark.parametrize("cell", ["-5", "+81", "3.14", "東京都", "", "a=b"])
def test_plain_values_and_numbers_are_kept(cell: str) -> None:
    assert defuse_formula(cell) == cell


def test_safe_csv_defuses_headers_and_cells(tmp_path: Path) -> None:
    path = write_safe_csv(tmp_path / "out.csv", pd.DataFrame({"=h": ["=1+1", "ok"], "n": [1, 2]}))
    text = path.read_text(encoding="utf-8-sig")
    assert text.splitlines() == ["'=h,n", "'=1+1,1", "ok,2"]


def test_atomic_write_leaves_no_partial_file(tmp_path: Path) -> None:
    atomic_write_text(tmp_path / "a.txt", "one")
    atomic_write_text(tmp_path / "a.txt", "two")
    assert [p.name for p in tmp_path.iterdir()] == ["a.txt"]
    assert (tmp_path / "a.txt").read_text() == "two"
