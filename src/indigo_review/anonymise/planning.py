"""Planning analysis on anonymised sign-ups only: attendance, fill rate, repeat attendance, lead time, demand mix.

Every count below k is shown as "<k" (and a rate built on it is hidden), so that small cells cannot
single anyone out even in aggregate tables. Event attributes (category, capacity, date) come from the
events table, which holds no personal data.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from ..reference import PREFECTURE_BY_NAME, REGIONS
from .hierarchies import STAR

LEAD_BANDS = ((0, 6, "0-6"), (7, 13, "7-13"), (14, 29, "14-29"), (30, 59, "30-59"), (60, 100000, "60+"))
REPEAT_BANDS = ((1, 1, "1"), (2, 2, "2"), (3, 5, "3-5"), (6, 100000, "6+"))


@dataclass
class PlanningTables:
    """The planning tables, already masked for small cells."""

    overview: pd.DataFrame
    by_event: pd.DataFrame
    tables: dict[str, pd.DataFrame] = field(default_factory=dict)


def mask_small(frame: pd.DataFrame, counts: list[str], k: int, rates: dict[str, tuple[str, str]] | None = None):
    """Show counts under k as '<k' and hide any rate whose numerator or denominator is under k."""
    out = frame.copy()
    for rate, (numerator, denominator) in (rates or {}).items():
        small = (frame[numerator] < k) | (frame[denominator] < k)
        out[rate] = frame[rate].round(3).astype(object).where(~small, "")
    for column in counts:
        out[column] = frame[column].astype(object).where(frame[column] >= k, f"<{k}")
    return out


def _attended(frame: pd.DataFrame) -> pd.DataFrame:
    return frame.assign(
        signups=1,
        attended_n=(frame["attended"] == "true").astype(int),
        no_show=(frame["attended"] == "false").astype(int),
        past=frame["attended"].isin(["true", "false"]).astype(int),
    )


def _region(area: str) -> str:
    if area in PREFECTURE_BY_NAME:
        return PREFECTURE_BY_NAME[area].region
    return area if area in REGIONS else STAR


def _band(value: float, bands: tuple[tuple[int, int, str], ...]) -> str:
    for low, high, label in bands:
        if low <= value <= high:
            return label
    return STAR


def demand(frame: pd.DataFrame, by: str, k: int) -> pd.DataFrame:
    """Sign-ups, attendance and no-show rate by one attribute, masked for small cells."""
    counts = (
        _attended(frame)
        .groupby(by, sort=True)[["signups", "past", "attended_n", "no_show"]]
        .sum()
        .reset_index()
        .rename(columns={"attended_n": "attended"})
    )
    counts["no_show_rate"] = counts["no_show"] / counts["past"].where(counts["past"] > 0)
    return mask_small(counts, ["signups", "past", "attended", "no_show"], k, {"no_show_rate": ("no_show", "past")})


def plan(anonymised: pd.DataFrame, events: pd.DataFrame, k: int) -> PlanningTables:
    """Run the planning analysis on the anonymised table; every output is masked for cells under k."""
    events = events.drop_duplicates("event_id").set_index("event_id")
    frame = anonymised.copy()
    known = frame["event_id"].isin(events.index) if "event_id" in frame else pd.Series(False, index=frame.index)
    frame["category"] = frame["event_id"].map(events["category"]).where(known, STAR) if "category" in events else STAR
    frame["event_month"] = frame["event_id"].map(events["starts_at"].str[:7]).where(known, STAR)
    if "area" in frame:
        frame["region"] = frame["area"].map(_region)
    tables: dict[str, pd.DataFrame] = {}

    per_event = _attended(frame[known]).groupby("event_id")[["signups", "past", "attended_n", "no_show"]].sum()
    per_event = per_event.rename(columns={"attended_n": "attended"})
    per_event["capacity"] = pd.to_numeric(events["capacity"], errors="coerce").reindex(per_event.index)
    per_event["fill_rate"] = per_event["signups"] / per_event["capacity"].where(per_event["capacity"] > 0)
    per_event["attendance_rate"] = per_event["attended"] / per_event["past"].where(per_event["past"] > 0)
    per_event = per_event.reset_index()
    per_event.insert(1, "category", per_event["event_id"].map(events["category"]) if "category" in events else "")
    per_event.insert(2, "month", per_event["event_id"].map(events["starts_at"].str[:7]))
    by_event = mask_small(
        per_event,
        ["signups", "past", "attended", "no_show"],
        k,
        {"fill_rate": ("signups", "signups"), "attendance_rate": ("attended", "past")},
    )

    totals = _attended(frame)[["signups", "past", "attended_n", "no_show"]].sum()
    overview = pd.DataFrame(
        [
            {"measure": "sign-ups", "value": int(totals["signups"])},
            {"measure": "sign-ups to past events", "value": int(totals["past"])},
            {"measure": "attendance rate", "value": round(totals["attended_n"] / max(totals["past"], 1), 3)},
            {"measure": "no-show rate", "value": round(totals["no_show"] / max(totals["past"], 1), 3)},
            {"measure": "members (pseudonyms)", "value": int(frame["member_pseudonym"].nunique())},
        ]
    )

    for attribute in ("category", "event_month", "region", "age_band", "channel"):
        if attribute in frame:
            tables[f"demand_by_{attribute}"] = demand(frame, attribute, k)

    attended_events = frame[frame["attended"] == "true"].groupby("member_pseudonym").size()
    repeat = attended_events.map(lambda n: _band(n, REPEAT_BANDS)).value_counts()
    repeat_table = pd.DataFrame({"events_attended": [b[2] for b in REPEAT_BANDS]})
    repeat_table["members"] = repeat_table["events_attended"].map(repeat).fillna(0).astype(int)
    tables["repeat_attendance"] = mask_small(repeat_table, ["members"], k)

    if "signed_up" in frame:
        starts = pd.to_datetime(frame["event_id"].map(events["starts_at"]).str[:10], errors="coerce")
        day = pd.to_datetime(frame["signed_up"].where(frame["signed_up"].str.len() == 10), errors="coerce")
        lead = (starts - day).dt.days
        bands = lead.map(lambda d: _band(d, LEAD_BANDS) if pd.notna(d) else "not available (generalised)")
        lead_table = bands.value_counts().rename_axis("lead_days").reset_index(name="signups")
        order = [b[2] for b in LEAD_BANDS] + [STAR, "not available (generalised)"]
        lead_table["order"] = lead_table["lead_days"].map({b: i for i, b in enumerate(order)})
        lead_table = lead_table.sort_values("order").drop(columns="order").reset_index(drop=True)
        tables["lead_time"] = mask_small(lead_table, ["signups"], k)

    return PlanningTables(overview, by_event, tables)


def plot_planning(result: PlanningTables, out_dir: str | Path, k: int) -> dict[str, str]:
    """Save bar charts of the masked demand tables as PNG (cells under k are left out); return title -> file."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt
    import matplotlib_fontja  # noqa: F401  - registers a Japanese font so labels are not tofu boxes

    out_dir = Path(out_dir)
    charts = {
        "demand_by_event_month": ("Sign-ups by event month / 開催月別の申込数", "event_month"),
        "demand_by_category": ("Sign-ups by category / カテゴリ別の申込数", "category"),
        "demand_by_channel": ("Sign-ups by channel / 受付経路別の申込数", "channel"),
        "demand_by_age_band": ("Sign-ups by age band / 年代別の申込数", "age_band"),
        "demand_by_region": ("Sign-ups by region / 地方別の申込数", "region"),
    }
    saved: dict[str, str] = {}
    for name, (title, column) in charts.items():
        table = result.tables.get(name)
        if table is None:
            continue
        shown = table[pd.to_numeric(table["signups"], errors="coerce").notna()]
        shown = shown[shown[column] != STAR]
        if shown.empty:
            continue
        figure, axis = plt.subplots(figsize=(8, 3.5))
        axis.bar(shown[column].astype(str), shown["signups"].astype(int), color="#4a6fa5")
        axis.set_title(title)
        axis.set_ylabel("sign-ups")
        axis.tick_params(axis="x", labelrotation=60 if len(shown) > 8 else 0)
        figure.text(0.99, 0.01, f"cells under {k} not shown", ha="right", fontsize=7, color="#666")
        figure.tight_layout()
        file_name = f"{name}.png"
        figure.savefig(out_dir / f".{file_name}.partial.png", dpi=110)
        plt.close(figure)
        (out_dir / f".{file_name}.partial.png").replace(out_dir / file_name)
        saved[title] = file_name
    return saved
