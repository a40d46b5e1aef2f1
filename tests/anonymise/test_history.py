"""Third-party releases compared with each other (issue 22): the difference attack recovers no member.

The attack is written here, independently of the job's own check (history.py): it reads two released files,
takes the multiset difference of their rows class by class, and asks the source data which members could be
behind each class of the difference. Generalisation is redone here from the reference data (prefecture to
region) and the events table; a column the test does not recompute (the age band) and a '*' count as wildcards,
which only makes a class look less isolating, so a finding is a real one.
"""

from __future__ import annotations

import itertools
import json
from collections import Counter
from datetime import date
from pathlib import Path

import pandas as pd
import pytest

from indigo_review.anonymise import job
from indigo_review.anonymise.settings import AnonymiseSettings
from indigo_review.anonymise.transform import anonymise
from indigo_review.io import read_dataset
from indigo_review.reference import PREFECTURE_BY_NAME, REGIONS
from indigo_review.stop_list import add_to_stop_list
from indigo_review.workspace import Workspace

K = 5


@pytest.fixture(scope="module")
def tables(sample_dir: Path) -> dict[str, pd.DataFrame]:
    return read_dataset(sample_dir, ["members", "events", "signups"])


def _write(tables: dict[str, pd.DataFrame], folder: Path) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for name, table in tables.items():
        table.to_csv(folder / f"{name}.csv", index=False)
    return folder


def as_of(tables: dict[str, pd.DataFrame], day: str, events_until: bool = False) -> dict[str, pd.DataFrame]:
    """The data as the society held it on `day`: later sign-ups not yet made, later outcomes not yet known.

    `events_until` also drops the events after `day` (so the latest event, and every member's age, moves).
    """
    events = tables["events"]
    if events_until:
        events = events[events["starts_at"].str[:10] <= day]
    starts = events.set_index("event_id")["starts_at"].str[:10]
    signups = tables["signups"]
    signups = signups[(signups["signed_up_at"].str[:10] <= day) & signups["event_id"].isin(starts.index)].copy()
    later = signups["event_id"].map(starts) > day
    signups.loc[later, "attended"] = ""
    return {"members": tables["members"], "events": events, "signups": signups}


def release(data: Path, out: Path, **settings: object) -> dict:
    """One third-party run of the job in this test's workspace; its report."""
    outcome = job.run(AnonymiseSettings(release="third-party", data=str(data), **settings), out)
    report = json.loads((out / "report.json").read_text(encoding="utf-8"))
    assert report["exit_code"] == outcome.exit_code
    return report


def rows(run: Path) -> Counter:
    """The released rows of a run as a multiset of value tuples (with the column names)."""
    frame = pd.read_parquet(run / "anonymised_signups.parquet").astype(str)
    return Counter(tuple(zip(frame.columns, row, strict=True)) for row in frame.to_numpy())


def source_rows(tables: dict[str, pd.DataFrame], left_out: set[str] = frozenset()) -> pd.DataFrame:
    """Every consenting member's sign-ups with the values an attacker can match: month, region, prefecture."""
    members = tables["members"].set_index("member_id")
    signups = tables["signups"][~tables["signups"]["member_id"].isin(left_out)]
    consenting = signups["member_id"].map(members["consent_analysis"]).eq("true")
    signups = signups[consenting]
    months = tables["events"].set_index("event_id")["starts_at"].str[:7]
    prefecture = signups["member_id"].map(members["prefecture"])
    return pd.DataFrame(
        {
            "member": signups["member_id"].to_numpy(),
            "event_month": signups["event_id"].map(months).to_numpy(),
            "prefecture": prefecture.to_numpy(),
            "region": prefecture.map(lambda p: PREFECTURE_BY_NAME[p].region if p in PREFECTURE_BY_NAME else "*"),
            "attended": signups["attended"].fillna("").str.lower().to_numpy(),
        }
    )


def candidates(row: tuple, source: pd.DataFrame) -> set[str]:
    """Members with a sign-up that could be this released row ('*' and unknown columns match anything)."""
    match = pd.Series(True, index=source.index)
    for column, value in row:
        if value == "*" or column == "age_band":
            continue
        if column == "area":
            match &= source["region" if value in REGIONS else "prefecture"] == value
        elif column in source:
            match &= source[column] == value
    return set(source.loc[match, "member"])


def isolated_members(a: Counter, b: Counter, source: pd.DataFrame, k: int) -> set[str]:
    """Members behind a class of the difference that fewer than k members could have made (the attack)."""
    found: set[str] = set()
    for row in (a - b) + (b - a):
        who = candidates(row, source)
        if 0 < len(who) < k:
            found |= who
    return found


def departed_recovered(before: Counter, after: Counter, departed: set[str], source: pd.DataFrame) -> int:
    """Departed members whose rows show in what the second release lacks (the issue's exact difference)."""
    gone = before - after
    if not gone:
        return 0
    return sum(1 for m in departed if any(m in candidates(row, source) for row in gone))


def _two_busy_members(tables: dict[str, pd.DataFrame]) -> list[str]:
    consenting = set(tables["members"].loc[tables["members"]["consent_analysis"] == "true", "member_id"])
    counts = tables["signups"]["member_id"].value_counts()
    return [m for m in counts.index if m in consenting][:2]


def test_the_attack_recovers_stopped_members_from_two_unprotected_releases(tables) -> None:
    # Without the history (two fresh anonymisations), the difference is the stopped members' rows: it bites.
    stopped = _two_busy_members(tables)
    first = anonymise(tables, None, AnonymiseSettings(k=K, release="third-party"))
    second = anonymise(tables, None, AnonymiseSettings(k=K, release="third-party"), frozenset(stopped))
    before = Counter(tuple(zip(first.frame.columns, r, strict=True)) for r in first.frame.astype(str).to_numpy())
    after = Counter(tuple(zip(second.frame.columns, r, strict=True)) for r in second.frame.astype(str).to_numpy())
    assert departed_recovered(before, after, set(stopped), source_rows(tables)) == 2


def test_release_stop_two_members_release_again_recovers_no_one(tmp_path: Path, sample_dir: Path, tables) -> None:
    first = release(sample_dir, tmp_path / "r1", k=K)
    stopped = _two_busy_members(tables)
    for member in stopped:
        add_to_stop_list(Workspace.locate(), member, "R-test", date(2026, 1, 1))
    second = release(sample_dir, tmp_path / "r2", k=K)
    assert first["exit_code"] == second["exit_code"] == 0
    a, b = rows(tmp_path / "r1"), rows(tmp_path / "r2")
    source = source_rows(tables)
    assert departed_recovered(a, b, set(stopped), source) == 0
    assert isolated_members(a, b, source, K) == set()
    # Their already-released rows stay: the second file is the first, row for row.
    assert a == b
    history = second["release_history"]
    assert history["earlier_releases"] == 1 and history["new_periods"] == []
    assert [c["exposes"] for c in history["comparisons"]] == [False]


def test_monthly_re_runs_add_only_the_new_month_and_isolate_no_one(tmp_path: Path, tables) -> None:
    runs = []
    for month, day in (("2025-06", "2025-06-30"), ("2025-07", "2025-07-31"), ("2025-08", "2025-08-31")):
        data = _write(as_of(tables, day), tmp_path / f"data-{month}")
        report = release(data, tmp_path / month, k=K, period=f"..{month}")
        assert report["exit_code"] == 0, report.get("reason")
        runs.append((month, tmp_path / month, as_of(tables, day)))
    for (_, first, _), (month, second, held) in itertools.pairwise(runs):
        a, b = rows(first), rows(second)
        added = b - a
        assert added and not a - b, "a re-run changed rows of a month already released"
        assert {dict(r)["event_month"] for r in added} <= {month, "*"}
        assert isolated_members(a, b, source_rows(held), K) == set()


def test_a_member_ageing_into_another_band_changes_no_released_period(tmp_path: Path, tables) -> None:
    options = {"k": 3, "quasi_identifiers": ("age",), "priority": ("age", "event")}
    early = _write(as_of(tables, "2025-06-30", events_until=True), tmp_path / "early")
    late = _write(as_of(tables, "2026-06-30", events_until=True), tmp_path / "late")
    first = release(early, tmp_path / "r1", **options)
    second = release(late, tmp_path / "r2", **options)
    assert first["exit_code"] == second["exit_code"] == 0
    assert "age_band" in pd.read_parquet(tmp_path / "r1" / "anonymised_signups.parquet")
    a, b = rows(tmp_path / "r1"), rows(tmp_path / "r2")
    assert b - a and not a - b  # every row of the first release is in the second, unchanged
    released_months = {dict(r)["event_month"] for r in a} - {"*"}
    assert not {dict(r)["event_month"] for r in b - a} & released_months
    assert isolated_members(a, b, source_rows(as_of(tables, "2026-06-30", events_until=True)), 3) == set()


def test_the_job_refuses_a_release_whose_difference_would_isolate_members(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path, sample_dir: Path, tables
) -> None:
    # Take the closed-period rule away: the job's own comparison must still catch the stopped members' rows.
    from indigo_review.anonymise import history

    release(sample_dir, tmp_path / "r1", k=K)
    for member in _two_busy_members(tables):
        add_to_stop_list(Workspace.locate(), member, "R-test", date(2026, 1, 1))
    real = history.plan_release

    def forgetful(earlier, asked, in_range):
        plan = real(earlier, asked, in_range)
        return history.ReleasePlan(closed=frozenset(), overlapping=plan.overlapping)

    monkeypatch.setattr(job, "plan_release", forgetful)
    report = release(sample_dir, tmp_path / "r2", k=K)
    assert report["exit_code"] == 1 and "isolates fewer than 5 members" in report["reason"]
    assert not (tmp_path / "r2" / "anonymised_signups.parquet").exists()
    assert len(history.read_history(Workspace.locate(), "members").releases) == 1


def test_a_released_period_cannot_be_released_again_under_another_scheme(tmp_path: Path, sample_dir: Path) -> None:
    release(sample_dir, tmp_path / "r1", k=K, period="..2025-06")
    refused = release(sample_dir, tmp_path / "r2", k=3, period="..2025-06")
    assert refused["exit_code"] == 1 and "k 3 (earlier: 5)" in refused["reason"]
    # New periods only: free to choose a scheme, nothing to compare.
    fresh = release(sample_dir, tmp_path / "r3", k=3, period="2025-07..2025-12")
    assert fresh["exit_code"] == 0 and fresh["release_history"]["reused_periods"] == []


def test_a_second_release_over_the_same_months_counts_the_rows_it_reused_apart(
    tmp_path: Path, sample_dir: Path
) -> None:
    first = release(sample_dir, tmp_path / "r1", k=K, period="..2024-12")
    second = release(sample_dir, tmp_path / "r2", k=K, period="..2025-03")
    considered, reused, written = second["records_considered"], second["records_reused"], second["records_out"]
    assert reused == first["records_out"] and written == considered - second["dropped"] + reused
    said = f"{written} records out of {considered} considered now and {reused} reused unchanged from earlier releases"
    assert said in second["summary"]


def test_the_cli_refusal_says_why_on_stderr(tmp_path: Path, sample_dir: Path) -> None:
    from ..conftest import run_cli

    first = run_cli("anonymise", "--data", str(sample_dir), "--release", "third-party", "--period", "..2024-12")
    assert first.returncode == 0, first.stderr
    again = run_cli("anonymise", "--data", str(sample_dir), "--release", "third-party", "--k", "7")
    assert again.returncode == 1 and "released again only exactly as before" in again.stderr


def test_the_history_keeps_counts_and_values_never_member_ids(tmp_path: Path, sample_dir: Path, tables) -> None:
    release(sample_dir, tmp_path / "r1", k=K)
    raw = Workspace.locate().path("releases").read_bytes()
    for member in tables["members"]["member_id"].head(200):
        assert member.encode() not in raw
