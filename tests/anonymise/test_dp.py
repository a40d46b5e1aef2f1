"""Differentially private planning tables (issue 22): consistent, non-negative, paid for from a yearly ε account."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from hypothesis import given
from hypothesis import strategies as st

from indigo_review.anonymise import job
from indigo_review.anonymise.dp import _split
from indigo_review.anonymise.settings import AnonymiseSettings
from indigo_review.errors import ParameterError
from indigo_review.reference import PREFECTURE_BY_NAME
from indigo_review.release import PRIVACY_BUDGET, budget_spent, read_entries, verify
from indigo_review.workspace import Workspace

from ..conftest import run_cli


@pytest.fixture(scope="module")
def published(tmp_path_factory: pytest.TempPathFactory, sample_dir: Path) -> tuple[Path, Path]:
    base = tmp_path_factory.mktemp("dp")
    out, workspace = base / "run", base / "workspace"
    settings = AnonymiseSettings(data=str(sample_dir), release="third-party", dp_epsilon=1.0, workspace=str(workspace))
    assert job.run(settings, out).exit_code == 0
    return out, workspace


def _table(out: Path, name: str) -> pd.DataFrame:
    return pd.read_csv(out / f"{name}.csv", encoding="utf-8-sig", keep_default_na=False)


def test_every_margin_adds_up_to_the_published_cube_and_nothing_is_negative(published) -> None:
    out, _ = published
    cube = _table(out, "dp_demand_by_month_region_age_channel")
    assert (cube["signups"] >= 0).all()
    for name, keep in (
        ("dp_demand_by_month_region", ["month", "region"]),
        ("dp_demand_by_month", ["month"]),
        ("dp_demand_by_region", ["region"]),
        ("dp_demand_by_age_band", ["age_band"]),
        ("dp_demand_by_channel", ["channel"]),
    ):
        margin = _table(out, name).set_index(keep)["signups"]
        summed = cube.groupby(keep)["signups"].sum()
        assert (margin >= 0).all() and margin.sort_index().equals(summed.sort_index()), name
    assert _table(out, "dp_total")["signups"].iloc[0] == cube["signups"].sum()


def test_the_reported_error_is_the_error_against_the_true_counts(published, sample_dir: Path) -> None:
    out, _ = published
    members = pd.read_csv(sample_dir / "members.csv", dtype=str).set_index("member_id")
    signups = pd.read_csv(sample_dir / "signups.csv", dtype=str)
    events = pd.read_csv(sample_dir / "events.csv", dtype=str).set_index("event_id")
    signups = signups[signups["member_id"].map(members["consent_analysis"]) == "true"]

    def region(member: str) -> str:
        # A prefecture that is not one (a planted error) is read from the start of the address, else unknown.
        named = members.loc[member, "prefecture"]
        if named not in PREFECTURE_BY_NAME:
            named = next((p for p in PREFECTURE_BY_NAME if str(members.loc[member, "address"]).startswith(p)), "")
        return PREFECTURE_BY_NAME[named].region if named else "*"

    truth = pd.DataFrame(
        {"month": signups["event_id"].map(events["starts_at"].str[:7]), "region": signups["member_id"].map(region)}
    ).value_counts()
    table = _table(out, "dp_demand_by_month_region").set_index(["month", "region"])["signups"]
    error = (table - truth.reindex(table.index, fill_value=0)).abs()
    assert truth.sum() == 8151 and error.mean() > 0  # noise was added
    report = json.loads((out / "report.json").read_text(encoding="utf-8"))
    row = next(r for r in report["differential_privacy"]["error"] if r["table"] == "dp_demand_by_month_region")
    assert row["mean_absolute_error"] == pytest.approx(error.mean(), abs=0.01)
    assert row["relative_error"] == pytest.approx(error.mean() / truth.reindex(table.index, fill_value=0).mean(), 1e-3)


def test_each_publication_spends_from_the_population_account_in_the_ledger(published) -> None:
    out, workspace = published
    ledger = Workspace.locate(str(workspace)).path("ledger")
    entries = read_entries(ledger)
    spent = entries[entries["kind"] == PRIVACY_BUDGET]
    assert len(spent) == 1 and spent["details"].iloc[0]["population"] == "members"
    assert spent["details"].iloc[0]["epsilon"] == pytest.approx(1.0)
    assert budget_spent(ledger, "members") == pytest.approx(1.0) and budget_spent(ledger, "other") == 0.0
    assert verify(ledger).ok
    report = json.loads((out / "report.json").read_text(encoding="utf-8"))
    assert report["differential_privacy"]["ledger_entry"] == int(spent["seq"].iloc[0])


def test_a_publication_beyond_the_yearly_cap_is_refused_with_the_reason(tmp_path: Path, sample_dir: Path) -> None:
    common = ["--data", str(sample_dir), "--release", "third-party", "--dp-budget", "1.5"]
    first = run_cli("anonymise", *common, "--dp-epsilon", "1", "--out", str(tmp_path / "one"))
    assert first.returncode == 0, first.stderr
    second = run_cli("anonymise", *common, "--dp-epsilon", "1", "--out", str(tmp_path / "two"), "--period", "..2024-06")
    assert second.returncode == 1 and "budget" in second.stderr and "1.5" in second.stderr
    assert not list((tmp_path / "two").glob("dp_*.csv"))
    assert not (tmp_path / "two" / "anonymised_signups.parquet").exists()
    assert budget_spent(Workspace.locate().path("ledger"), "members") == pytest.approx(1.0)


def test_dp_settings_are_checked() -> None:
    with pytest.raises(ParameterError, match="above the yearly budget"):
        AnonymiseSettings(dp_epsilon=5.0, dp_budget_per_year=4.0).validate()
    with pytest.raises(ParameterError, match="non-negative"):
        AnonymiseSettings(dp_epsilon=-1.0).validate()


@given(
    st.lists(st.integers(0, 500), min_size=1, max_size=6),
    st.integers(2, 7),
    st.randoms(use_true_random=False),
)
def test_children_are_non_negative_integers_that_sum_to_their_parent(parents, fanout, rnd) -> None:
    noisy = np.array([[rnd.uniform(-60, 200) for _ in range(fanout)] for _ in parents])
    children = _split(np.array(parents), noisy)
    assert (children >= 0).all() and children.dtype.kind == "i"
    assert children.sum(axis=1).tolist() == parents
