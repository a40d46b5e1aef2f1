"""The accuracy checks' run history: one SQLite row per suite per run, and its trend chart."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import astuple, dataclass, fields
from pathlib import Path
from typing import Any

import pandas as pd

from ..workspace import StoreRead, Workspace, open_store

_TABLE = "check_runs"
STORE = "history"
LABEL = "check history"


@dataclass(frozen=True)
class HistoryRow:
    """What one suite did in one run."""

    run_at: str  # UTC, ISO 8601
    run_dir: str
    suite: str
    passed: bool
    rows: int
    evaluated: int
    successful: int
    unsuccessful: int
    failing_records: int


_SCHEMA = (
    f"CREATE TABLE IF NOT EXISTS {_TABLE} (run_at TEXT NOT NULL, run_dir TEXT NOT NULL, suite TEXT NOT NULL, "
    "passed INTEGER NOT NULL, rows INTEGER NOT NULL, evaluated INTEGER NOT NULL, successful INTEGER NOT NULL, "
    "unsuccessful INTEGER NOT NULL, failing_records INTEGER NOT NULL);"
)


def append_history(workspace: Workspace, rows: Iterable[HistoryRow]) -> StoreRead:
    """Add this run's rows in one transaction (a crash leaves the history as it was); the history as written."""
    columns = ", ".join(f.name for f in fields(HistoryRow))
    placeholders = ", ".join("?" for _ in fields(HistoryRow))
    workspace.existing(STORE)  # a history this workspace created and lost is an error, not a fresh start
    path = workspace.ensure().path(STORE)
    with open_store(path, _SCHEMA, LABEL) as connection:
        connection.execute("BEGIN IMMEDIATE")
        connection.executemany(f"INSERT INTO {_TABLE} ({columns}) VALUES ({placeholders})", map(astuple, rows))
        count = connection.execute(f"SELECT COUNT(*) FROM {_TABLE}").fetchone()[0]
        connection.execute("COMMIT")
    workspace.mark_created(STORE)
    return StoreRead(STORE, str(path), int(count), f"rows:{count}")


def read_history(workspace: Workspace) -> pd.DataFrame:
    """Every recorded row, oldest first; an empty frame when there is no history yet."""
    columns = [f.name for f in fields(HistoryRow)]
    path = workspace.existing(STORE)
    if path is None:
        return pd.DataFrame(columns=columns)
    with open_store(path, _SCHEMA, LABEL, create=False) as connection:
        rows = connection.execute(f"SELECT {', '.join(columns)} FROM {_TABLE} ORDER BY run_at, rowid").fetchall()
    frame = pd.DataFrame(rows, columns=columns)
    frame["passed"] = frame["passed"].astype(bool)
    frame["run_at"] = pd.to_datetime(frame["run_at"], utc=True)
    return frame


def plot_trend(history: pd.DataFrame, path: str | Path | None = None) -> Any:
    """Failed expectations and failing records per suite over time; saved as PNG when a path is given."""
    import matplotlib

    if path is not None:
        matplotlib.use("Agg")
    import matplotlib.pyplot as plt
    import matplotlib_fontja  # noqa: F401  (Japanese glyphs in the labels)

    figure, (top, bottom) = plt.subplots(2, 1, figsize=(8, 5.5), sharex=True)
    for suite, rows in history.groupby("suite", sort=True):
        top.plot(rows["run_at"], rows["unsuccessful"], marker="o", label=suite)
        bottom.plot(rows["run_at"], rows["failing_records"], marker="o", label=suite)
    top.set_ylabel("失敗した期待値の数")
    bottom.set_ylabel("不備のある記録の数")
    top.set_title("正確性チェックの推移 (accuracy checks over time)")
    for axis in (top, bottom):
        axis.grid(alpha=0.3)
        axis.set_ylim(bottom=0)
    if not history.empty:
        top.legend(loc="upper left")
    figure.autofmt_xdate()
    figure.tight_layout()
    if path is not None:
        figure.savefig(path, dpi=110)
    return figure
