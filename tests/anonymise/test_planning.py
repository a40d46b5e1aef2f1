"""Planning tables never publish a false number (issue 22): a shown count is the true count of the anonymised
data, '<k' stands only for a count under k, 'x' only for one of k or more, and n/a only where no count exists.

The true counts are recomputed here with plain pandas from the anonymised rows, not by the planning code.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from indigo_review.anonymise.planning import plan
from indigo_review.anonymise.settings import AnonymiseSettings
from indigo_review.anonymise.transform import anonymise
from indigo_review.io import read_dataset
from indigo_review.keys import PseudonymKey
from indigo_review.reference import PREFECTURE_BY_NAME, REGIONS

KEY = PseudonymKey(b"planning-truth-key-" + b"p" * 40, "test")


@pytest.fixture(scope="module")
def tables(sample_dir: Path) -> dict[str, pd.DataFrame]:
    return read_dataset(sample_dir, ["members", "events", "signups"])


def _truth(frame: pd.DataFrame, events: pd.DataFrame) -> pd.DataFrame:
    """The anonymised rows with the planning keys and outcome flags, derived independently."""
    events = events.drop_duplicates("event_id").set_index("event_id")
    out = pd.DataFrame(index=frame.index)
    if "event_id" in frame:
        out["event_id"] = frame["event_id"]
        out["event_month"] = frame["event_id"].map(events["starts_at"].str[:7]).fillna("*")
    elif "event_month" in frame:
        out["event_month"] = frame["event_month"]
    if "area" in frame:
        regions = {name: p.region for name, p in PREFECTURE_BY_NAME.items()}
        out["region"] = frame["area"].map(lambda a: regions.get(a, a if a in REGIONS else "*"))
    for column in ("age_band", "channel"):
        if column in frame:
            out[column] = frame[column]
    attended = frame["attended"] if "attended" in frame else pd.Series("*", index=frame.index)
    out["signups"] = 1
    out["past"] = attended.isin(["true", "false"]).astype(int)
    out["attended"] = (attended == "true").astype(int)
    return out


def _check_table(table: pd.DataFrame, key: str, truth: pd.DataFrame, k: int) -> list[str]:
    """Every published cell against the true count; the list of false cells."""
    sums = truth.groupby(key)[["signups", "past", "attended"]].sum()
    wrong = []
    for _, row in table.iterrows():
        for column in ("signups", "past", "attended"):
            if column not in table:
                continue
            shown, true = str(row[column]), int(sums.loc[row[key], column])
            ok = {
                f"<{k}": true < k,
                "x": true >= k,
                "n/a": column != "signups",
            }.get(shown, shown.isdigit() and int(shown) == true)
            if not ok:
                wrong.append(f"{key}={row[key]} {column}: published {shown}, true {true}")
    return wrong


@pytest.mark.parametrize("release", ["internal", "third-party"])
@pytest.mark.parametrize("k", [3, 5, 10])
def test_every_published_planning_number_is_true(tables, release: str, k: int) -> None:
    result = anonymise(tables, KEY if release == "internal" else None, AnonymiseSettings(k=k, release=release))
    planning = plan(result.frame, tables["events"], k)
    truth = _truth(result.frame, tables["events"])
    wrong = []
    for name, table in planning.all_tables().items():
        key = name.removeprefix("demand_by_").removeprefix("planning_by_")
        key = {"event": "event_id"}.get(key, key)
        if key in truth and "events_left_out" not in table:
            wrong += _check_table(table, key, truth, k)
    overview = planning.overview.set_index("measure")["value"]
    # The overview's totals are shown, and true: a run never hides its own size.
    assert overview["sign-ups"] == len(result.frame)
    if "sign-ups to past events" in overview:
        assert overview["sign-ups to past events"] == truth["past"].sum()
        assert overview["attended"] == truth["attended"].sum()
    assert wrong == []


def test_the_suppressed_row_shows_n_a_for_its_outcome_not_a_hidden_count(tables) -> None:
    result = anonymise(tables, None, AnonymiseSettings(k=3, release="third-party"))
    region = plan(result.frame, tables["events"], 3).tables["demand_by_region"].set_index("region")
    assert region.loc["*", "past"] == "n/a" and region.loc["*", "attended"] == "n/a"
    assert str(region.loc["*", "signups"]).isdigit()


def test_a_hidden_total_of_k_or_more_is_shown_as_x_never_as_under_k() -> None:
    # One region under k forces complements; whatever is hidden, a total of 40 is never called '<5'.
    events = pd.DataFrame({"event_id": ["E1"], "starts_at": ["2024-01-10"], "capacity": ["50"], "category": ["a"]})
    rows = [{"event_id": "E1", "area": "東京都", "attended": "true"}] * 38
    rows += [{"event_id": "E1", "area": "大阪府", "attended": "false"}] * 2
    planning = plan(pd.DataFrame(rows), events, 5)
    for value in planning.overview["value"]:
        assert value != "<5"
    region = planning.tables["demand_by_region"].set_index("region")
    assert region.loc["近畿", "signups"] == "<5"
