"""The planning charts: bar charts of the protected demand tables, as PNG beside the report (which embeds them),
titled, labelled and with values in the run's language; hidden cells are left out.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from ..i18n import N_
from .hierarchies import STAR
from .planning import PlanningTables
from .words import TABLE_TITLES, VALUES, Words

# The charted tables and the column each one counts by.
CHARTS = {
    "demand_by_event_month": "event_month",
    "demand_by_category": "category",
    "demand_by_channel": "channel",
    "demand_by_age_band": "age_band",
    "demand_by_region": "region",
}
HIDDEN_NOTE = N_("counts under {k} not shown")


def plot_planning(result: PlanningTables, out_dir: str | Path, k: int, lang: str = "ja") -> dict[str, str]:
    """Save bar charts of the protected demand tables as PNG (hidden cells are left out); return title -> file.

    The title is also the PNG's Title metadata, so a chart copied on its own still says what it shows.
    """
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt
    import matplotlib_fontja  # noqa: F401  - registers a Japanese font so labels are not tofu boxes

    out_dir = Path(out_dir)
    w = Words(lang)
    t = w.t
    saved: dict[str, str] = {}
    for name, column in CHARTS.items():
        table = result.tables.get(name)
        if table is None:
            continue
        shown = table[pd.to_numeric(table["signups"], errors="coerce").notna()]
        shown = shown[shown[column] != STAR]
        if shown.empty:
            continue
        words = VALUES.get(column, {})
        labels = [t(words[v]) if v in words else v for v in shown[column].astype(str)]
        title = t(TABLE_TITLES[name])
        figure, axis = plt.subplots(figsize=(8, 3.5))
        axis.bar(labels, shown["signups"].astype(int), color="#4a6fa5")
        axis.set_title(title)
        axis.set_ylabel(w.column("signups"))
        axis.tick_params(axis="x", labelrotation=60 if len(shown) > 8 else 0)
        figure.text(0.99, 0.01, t(HIDDEN_NOTE, k=k), ha="right", fontsize=7, color="#666")
        figure.tight_layout()
        file_name = f"{name}.png"
        partial = out_dir / f".{file_name}.partial.png"
        figure.savefig(partial, dpi=110, metadata={"Title": title})
        plt.close(figure)
        partial.replace(out_dir / file_name)
        saved[title] = file_name
    return saved
