"""Planning analysis on anonymised sign-ups only: attendance, fill rate, repeat attendance, lead time, demand mix.

A count under k is shown as "<k" (a complement, hidden to protect it, as "x"), and it must stay hidden: no
other number in the planning tables may give it back; `cells.protect` decides which cells to hide. Tables of
different attributes meet only in the overall totals, which every system includes. Per category and per month,
the internal release sums only the events shown in full (and says how many were left out), so those tables
publish nothing the per-event table does not. Every table has a row for '*' (suppressed or unknown), so its
rows add up to the overall totals. `past` and `attended` count the sign-ups whose outcome is released: the
'*' row of suppressed sign-ups has none (its outcome is "n/a", not a hidden zero). Rates are shown only when
their numerator and denominator are both shown, so a rate never reveals a hidden count. No-shows are not
published (past - attended gives them). Event attributes (category, capacity, date) come from the events
table, which holds no personal data; past and attended of an event that has not happened are "n/a", a public
fact, not a hidden count.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from ..reference import PREFECTURE_BY_NAME, REGIONS
from .cells import COMPLEMENT, COUNTS, NOT_APPLICABLE, Cell, count_cells, protect, render, total_cells
from .hierarchies import STAR

LEAD_BANDS = ((0, 6, "0-6"), (7, 13, "7-13"), (14, 29, "14-29"), (30, 59, "30-59"), (60, 100000, "60+"))
REPEAT_BANDS = ((0, 0, "0"), (1, 1, "1"), (2, 2, "2"), (3, 5, "3-5"), (6, 100000, "6+"))
OUTCOMES = {"true": "attended", "false": "no_show", "": "future"}


@dataclass
class PlanningTables:
    """The planning tables, already protected: hidden cells shown as '<k', rates only where both parts show."""

    overview: pd.DataFrame
    by_event: pd.DataFrame | None
    tables: dict[str, pd.DataFrame] = field(default_factory=dict)
    hidden_cells: int = 0

    def all_tables(self) -> dict[str, pd.DataFrame]:
        """Every table that is written to the run folder, by file stem."""
        out = {"planning_overview": self.overview}
        if self.by_event is not None:
            out["planning_by_event"] = self.by_event
        return {**out, **self.tables}


def _region(area: str) -> str:
    if area in PREFECTURE_BY_NAME:
        return PREFECTURE_BY_NAME[area].region
    return area if area in REGIONS else STAR


def _band(value: float, bands: tuple[tuple[int, int, str], ...]) -> str:
    for low, high, label in bands:
        if low <= value <= high:
            return label
    return STAR


def _outcome(attended: pd.Series) -> pd.Series:
    return attended.map(OUTCOMES).fillna("suppressed")


def _atoms(frame: pd.DataFrame, keys: list[str]) -> pd.DataFrame:
    return frame.groupby([*keys, "outcome"], sort=True).size().rename("n").reset_index()


def _counts(frame: pd.DataFrame, by: str, columns: tuple[str, ...] = COUNTS) -> pd.DataFrame:
    outcome = frame["outcome"]
    table = (
        frame.assign(
            signups=1,
            past=outcome.isin(["attended", "no_show"]).astype(int),
            attended=(outcome == "attended").astype(int),
        )
        .groupby(by, sort=True)[list(columns)]
        .sum()
        .reset_index()
    )
    return table


def plan(anonymised: pd.DataFrame, events: pd.DataFrame, k: int) -> PlanningTables:
    """Run the planning analysis on the written anonymised table; protect every table against small cells."""
    events = events.drop_duplicates("event_id").set_index("event_id")
    frame = anonymised.copy()
    frame["outcome"] = _outcome(frame["attended"]) if "attended" in frame else "suppressed"
    has_events = "event_id" in frame
    if has_events:
        known = frame["event_id"].isin(events.index)
        frame["category"] = frame["event_id"].map(events.get("category", pd.Series(dtype=str))).where(known, STAR)
        frame["event_month"] = frame["event_id"].map(events["starts_at"].str[:7]).where(known, STAR)
    if "area" in frame:
        frame["region"] = frame["area"].map(_region)
    raw: dict[str, pd.DataFrame] = {}
    families: dict[str, list[str]] = {}
    rates: dict[str, dict] = {}
    # Without a released outcome there is nothing to say about attendance: sign-ups only.
    columns = COUNTS if "attended" in anonymised else ("signups",)
    attendance = {"attendance_rate": ("attended", "past")} if "attended" in anonymised else {}

    # The event family: per event (internal), per month and per category; one atom per event and outcome.
    event_key = "event_id" if has_events else ("event_month" if "event_month" in frame else None)
    if event_key is not None:
        if has_events:
            per_event = _counts(frame, "event_id", columns)
            per_event.insert(1, "category", per_event["event_id"].map(events.get("category", pd.Series(dtype=str))))
            per_event.insert(2, "month", per_event["event_id"].map(events["starts_at"].str[:7]))
            per_event["capacity"] = pd.to_numeric(per_event["event_id"].map(events["capacity"]), errors="coerce")
            raw["planning_by_event"] = per_event
            rates["planning_by_event"] = {"fill_rate": ("signups", "capacity"), **attendance}
            families["planning_by_event"] = ["event_id"]
        else:
            raw["demand_by_event_month"] = _counts(frame, "event_month", columns)
            rates["demand_by_event_month"] = dict(attendance)
            families["demand_by_event_month"] = ["event_month"]
    for attribute in ("region", "age_band", "channel"):
        if attribute in frame:
            name = f"demand_by_{attribute}"
            raw[name] = _counts(frame, attribute, columns)
            rates[name] = dict(attendance)
            families[name] = [attribute]

    hidden: dict[str, set[str]] = {name: set() for name in raw}
    not_applicable: dict[str, set[str]] = {name: set() for name in raw}
    total_hidden: set[str] = set()
    total_not_applicable: set[str] = set()
    # Past and attended of rows whose events have all yet to happen are public zeros, not hidden counts.
    for name, table in raw.items():
        key = families[name][0]
        if key in ("event_id", "event_month", "category"):
            future_only = frame.groupby(key)["outcome"].agg(lambda o: set(o) <= {"future"})
            for i, value in enumerate(table[key]):
                if future_only.get(value, False):
                    not_applicable[name] |= {f"{i}|past", f"{i}|attended"}

    for name, keys in families.items():
        key = keys[0]
        atoms = _atoms(frame, [key])
        cells = count_cells(name, raw[name][key], atoms, key, columns) + total_cells(atoms, columns)
        # A cell that sums no atom is no count (the '*' row's outcomes are not released): n/a, never hidden.
        for cell in cells:
            if not cell.atoms.any() and cell.table == "planning_overview":
                total_not_applicable.add(cell.column)
            elif not cell.atoms.any():
                not_applicable[name].add(f"{cell.row}|{cell.column}")
        cells = [
            c
            for c in cells
            if c.atoms.any() and (c.table == "planning_overview" or f"{c.row}|{c.column}" not in not_applicable[name])
        ]
        for i in protect(cells, k):
            cell = cells[i]
            if cell.table == "planning_overview":
                total_hidden.add(cell.column)
            else:
                hidden[cell.table].add(f"{cell.row}|{cell.column}")

    tables: dict[str, pd.DataFrame] = {}
    for name, table in raw.items():
        tables[name] = render(table, hidden[name], not_applicable[name], k, rates[name])
    if "planning_by_event" in tables:
        for attribute, column in (("category", "category"), ("event_month", "month")):
            tables[f"demand_by_{attribute}"] = _sum_shown(tables["planning_by_event"], column, attribute)

    if "member_pseudonym" in frame:
        tables["repeat_attendance"], repeat_hidden = _repeat(frame, k)
    else:
        repeat_hidden = 0

    if "signed_up" in frame and has_events:
        starts = pd.to_datetime(frame["event_id"].map(events["starts_at"]).str[:10], errors="coerce")
        day = pd.to_datetime(frame["signed_up"].where(frame["signed_up"].str.len() == 10), errors="coerce")
        lead = (starts - day).dt.days
        frame["lead_days"] = lead.map(lambda d: _band(d, LEAD_BANDS) if pd.notna(d) else STAR)
        lead_table = _counts(frame, "lead_days")[["lead_days", "signups"]]
        order = {b[2]: i for i, b in enumerate((*LEAD_BANDS, (0, 0, STAR)))}
        lead_table = lead_table.sort_values("lead_days", key=lambda s: s.map(order)).reset_index(drop=True)
        atoms = _atoms(frame, ["lead_days"])
        cells = count_cells("lead_time", lead_table["lead_days"], atoms, "lead_days", ("signups",))
        cells += total_cells(atoms, ("signups",))
        lead_hidden = {f"{cells[i].row}|signups" for i in protect(cells, k) if cells[i].table == "lead_time"}
        tables["lead_time"] = render(lead_table, lead_hidden, set(), k, {})
        raw["lead_time"], hidden["lead_time"] = lead_table, lead_hidden

    totals = _counts(frame.assign(_all="all"), "_all", columns)[list(columns)].iloc[0]
    names = {"signups": "sign-ups", "past": "sign-ups to past events", "attended": "attended"}
    overview_rows = [
        {"measure": names[c], "value": _total(int(totals[c]), c in total_hidden, c in total_not_applicable, k)}
        for c in columns
    ]
    if "past" in columns and not (total_hidden | total_not_applicable) & {"past", "attended"} and totals["past"]:
        overview_rows.append({"measure": "attendance rate", "value": round(totals["attended"] / totals["past"], 3)})
    if "member_pseudonym" in frame:
        overview_rows.append({"measure": "members (pseudonyms)", "value": int(frame["member_pseudonym"].nunique())})
    overview = pd.DataFrame(
        {
            "measure": [r["measure"] for r in overview_rows],
            "value": pd.Series([r["value"] for r in overview_rows], dtype=object),
        }
    )
    count = sum(len(h) for h in hidden.values()) + len(total_hidden) + repeat_hidden
    by_event = tables.pop("planning_by_event", None)
    return PlanningTables(overview, by_event, tables, count)


def _total(value: int, hidden: bool, not_applicable: bool, k: int) -> object:
    """An overview total as published: the number, '<k' only when it is under k, 'x' for a complement, or n/a."""
    if not_applicable:
        return NOT_APPLICABLE
    if hidden:
        return f"<{k}" if value < k else COMPLEMENT
    return value


def _sum_shown(by_event: pd.DataFrame, column: str, name: str) -> pd.DataFrame:
    """Sums of the per-event rows shown in full, per category or month: nothing here is not already published."""
    columns = [c for c in COUNTS if c in by_event]
    counts = by_event[columns]
    applicable = counts.ne(NOT_APPLICABLE)
    numbers = counts.apply(pd.to_numeric, errors="coerce")
    full = (numbers.notna() | ~applicable).all(axis=1)
    shown = numbers[full].fillna(0).astype(int).assign(**{name: by_event.loc[full, column]})
    table = shown.groupby(name, sort=True)[columns].sum().reset_index()
    left_out = (~full).groupby(by_event[column]).sum()
    table["events_left_out"] = table[name].map(left_out).fillna(0).astype(int)
    # Past and attended of a month or category whose events have all yet to happen are n/a, as per event.
    future = (~applicable[[c for c in columns if c != "signups"]]).all(axis=1).groupby(by_event[column]).all()
    missing = sorted(set(by_event[column]) - set(table[name]))
    if missing:
        empty = pd.DataFrame({name: missing, **{c: 0 for c in columns}})
        empty["events_left_out"] = [int(left_out.get(m, 0)) for m in missing]
        table = pd.concat([table, empty], ignore_index=True).sort_values(name).reset_index(drop=True)
    if "past" in columns:
        table["attendance_rate"] = (table["attended"] / table["past"].where(table["past"] > 0)).round(3)
        table["attendance_rate"] = table["attendance_rate"].astype(object).where(table["past"] > 0, "")
        all_future = table[name].map(future).fillna(False).astype(bool)
        for count in ("past", "attended"):
            table[count] = table[count].astype(object).where(~all_future, NOT_APPLICABLE)
    return table


def _repeat(frame: pd.DataFrame, k: int) -> tuple[pd.DataFrame, int]:
    """Members by number of events attended (0 included, so the bands add up to the members shown)."""
    attended = frame[frame["outcome"] == "attended"].groupby("member_pseudonym").size()
    per_member = attended.reindex(frame["member_pseudonym"].unique(), fill_value=0)
    bands = per_member.map(lambda n: _band(n, REPEAT_BANDS))
    table = pd.DataFrame({"events_attended": [b[2] for b in REPEAT_BANDS]})
    table["members"] = table["events_attended"].map(bands.value_counts()).fillna(0).astype(int)
    atoms = pd.DataFrame({"band": table["events_attended"], "outcome": "member", "n": table["members"]})
    atoms = atoms[atoms["n"] > 0].reset_index(drop=True)
    cells = [
        Cell("repeat_attendance", i, "members", int(n), (atoms["band"] == band).to_numpy(), 0)
        for i, (band, n) in enumerate(zip(table["events_attended"], table["members"], strict=True))
    ]
    cells.append(Cell("planning_overview", 0, "members", int(atoms["n"].sum()), np.ones(len(atoms), dtype=bool)))
    hidden = {f"{cells[i].row}|members" for i in protect(cells, k) if cells[i].table == "repeat_attendance"}
    counts = table["members"].copy()
    table["members"] = table["members"].astype(object)
    for cell in hidden:
        row = int(cell.split("|")[0])
        table.loc[row, "members"] = f"<{k}" if counts[row] < k else COMPLEMENT
    return table, len(hidden)
