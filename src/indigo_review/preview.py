"""What a job notebook shows before its job runs: the shape and columns of its inputs."""

from __future__ import annotations

import pandas as pd


def overview(tables: dict[str, pd.DataFrame]) -> pd.DataFrame:
    """One row per table: its name, rows, columns and column names."""
    return pd.DataFrame(
        [
            {"table": name, "rows": len(df), "columns": df.shape[1], "column names": ", ".join(map(str, df.columns))}
            for name, df in tables.items()
        ]
    )


def finish_unbuilt(out_dir: str, job: str, result_name: str, tables: dict[str, pd.DataFrame]) -> dict:
    """Record that the job itself is not built yet: exit 2, because an unchecked gate must not pass."""
    from pathlib import Path

    from .report import Section, write_html_report, write_result

    summary = f"the {job} job is not built yet; this run only read its inputs"
    write_html_report(
        Path(out_dir) / "report.html", f"indigo-review {job}", "error", [Section("Inputs", summary, overview(tables))]
    )
    return write_result(Path(out_dir) / result_name, job, 2, summary=summary, error=summary)
