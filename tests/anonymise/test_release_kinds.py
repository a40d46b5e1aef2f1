"""The two APPI release kinds (issue 11): internal pseudonymous data, third-party anonymous data, and
planning tables whose hidden cells stay hidden."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import numpy as np
import pandas as pd
import pyarrow.parquet as pq
import pytest
from scipy.optimize import linprog

from indigo_review.anonymise.planning import plan
from indigo_review.anonymise.pseudonyms import pseudonymise
from indigo_review.anonymise.settings import AnonymiseSettings
from indigo_review.anonymise.transform import MEMBER_COLUMN, anonymise, write_anonymised
from indigo_review.anonymise.verify import verify_written
from indigo_review.io import read_dataset
from indigo_review.keys import KEY_ENV, PseudonymKey
from indigo_review.release.origin import anonymise_origin
from indigo_review.stop_list import add_to_stop_list
from indigo_review.workspace import Workspace

from ..conftest import run_cli

KEY_TEXT = "release-kinds-key-" + "r" * 40
K = 5


@pytest.fixture(scope="module")
def tables(sample_dir: Path) -> dict[str, pd.DataFrame]:
    return read_dataset(sample_dir, ["members", "events", "signups"])


@pytest.fixture(scope="module")
def key() -> PseudonymKey:
    return PseudonymKey(KEY_TEXT.encode(), "test")


@pytest.fixture(scope="module")
def third_party(tables):
    return anonymise(tables, None, AnonymiseSettings(k=K, release="third-party"))


@pytest.fixture(scope="module")
def runs(tmp_path_factory: pytest.TempPathFactory, sample_dir: Path) -> dict[str, Path]:
    """One CLI run of each kind on the sample, in a workspace that has no stop list."""
    base = tmp_path_factory.mktemp("kinds")
    out = {}
    for release in ("internal", "third-party"):
        out[release] = base / release
        result = run_cli(
            "anonymise",
            "--data",
            str(sample_dir),
            "--release",
            release,
            "--out",
            str(out[release]),
            "--workspace",
            str(base / "workspace"),
            "--lang",
            "en",
            env={KEY_ENV: KEY_TEXT},
        )
        assert result.returncode == 0, result.stderr
    return out


def _report(run: Path) -> dict:
    return json.loads((run / "report.json").read_text(encoding="utf-8"))


# Third-party: no link back to members


def test_third_party_output_holds_no_value_that_relinks_to_member_ids(tables, key, third_party) -> None:
    pseudonyms = set(pseudonymise(tables["members"]["member_id"], key))
    released = set(third_party.frame.astype(str).to_numpy().ravel())
    assert MEMBER_COLUMN not in third_party.frame.columns
    assert not released & pseudonyms
    assert not released & set(tables["members"]["member_id"]) and not released & set(tables["signups"]["signup_id"])


def test_third_party_rows_are_ordered_by_their_values_not_by_sign_up(third_party) -> None:
    frame = third_party.frame
    assert frame.equals(frame.sort_values(list(frame.columns), kind="stable").reset_index(drop=True))


def test_third_party_needs_no_key(tmp_path: Path, sample_dir: Path) -> None:
    out = tmp_path / "run"
    env = {KEY_ENV: ""}
    result = run_cli("anonymise", "--data", str(sample_dir), "--release", "third-party", "--out", str(out), env=env)
    assert result.returncode == 0, result.stderr
    assert "key_fingerprint" not in _report(out)


def test_third_party_k_holds_over_every_released_column_of_the_written_file(tables, third_party, tmp_path) -> None:
    path = write_anonymised(third_party, tmp_path)["parquet"]
    written = pd.read_parquet(path)
    # Members come from the codes kept in memory: the file itself cannot say whose a row is.
    members = written.assign(_member=third_party.member_codes).groupby(list(written.columns))["_member"].nunique()
    assert members.min() >= K
    assert verify_written(path, third_party).verification.k_reached == members.min()


def test_a_third_party_class_under_k_fails_verification(third_party, tmp_path) -> None:
    path = write_anonymised(third_party, tmp_path)["parquet"]
    one_member = third_party.member_codes.copy()
    one_member[:] = 0  # as if every row were one member's
    broken = type(third_party)(**{**third_party.__dict__, "member_codes": one_member})
    check = verify_written(path, broken)
    assert not check.ok and check.protection["share_unique"] == 1.0


def test_third_party_keeps_event_month_and_region_on_the_sample(third_party) -> None:
    assert third_party.levels["event"] == "event_month" and third_party.levels["address"] == "region"
    assert third_party.suppressed <= 0.05 * third_party.records_in


# Protection per member, both kinds


def test_per_member_uniqueness_is_zero_for_third_party(runs) -> None:
    protection = _report(runs["third-party"])["protection_per_member"]
    assert protection["share_unique"] == 0 and protection["rows_linkable"] is False


def test_internal_reports_how_many_members_their_linked_rows_single_out(runs) -> None:
    protection = _report(runs["internal"])["protection_per_member"]
    assert protection["rows_linkable"] is True
    # The pseudonym links rows: most members' sets of events are their own, and the report says so.
    assert 0.5 < protection["share_unique_by_set_of_events"] <= 1
    assert protection["share_unique"] >= protection["share_unique_by_set_of_events"]


# Internal: pseudonyms stay stable


def test_internal_gives_the_same_pseudonym_for_the_same_member_and_key(tables, key) -> None:
    first = anonymise(tables, key, AnonymiseSettings(k=K))
    second = anonymise(tables, key, AnonymiseSettings(k=K))
    assert first.frame[MEMBER_COLUMN].tolist() == second.frame[MEMBER_COLUMN].tolist()
    expected = set(pseudonymise(tables["members"]["member_id"], key))
    assert set(first.frame[MEMBER_COLUMN]) <= expected


# What the run folder says


@pytest.mark.parametrize("release", ["internal", "third-party"])
def test_release_kind_is_in_report_html_and_parquet_metadata(runs, release: str) -> None:
    run = runs[release]
    assert _report(run)["release"] == release
    metadata = json.loads(pq.read_schema(run / "anonymised_signups.parquet").metadata[b"indigo_review"])
    assert metadata["release"] == release and metadata["k"] == K and metadata["tool_version"]
    # The release job reads the same key and comes to the same kind.
    assert anonymise_origin(run / "anonymised_signups.parquet").release == release
    html = (run / "report.html").read_text(encoding="utf-8")
    banner = "INTERNAL USE ONLY" if release == "internal" else "THIRD-PARTY RELEASE"
    assert html.index(banner) < html.index("The guarantee")


def test_rule_34_lists_all_five_standards_with_what_was_done(runs) -> None:
    rules = _report(runs["third-party"])["appi_rule_34"]
    assert [r["standard"] for r in rules] == [1, 2, 3, 4, 5]
    assert all(r["ja"] and r["en"] and r["done"] for r in rules)
    assert "appi_rule_34" not in _report(runs["internal"])


@pytest.mark.parametrize("release", ["internal", "third-party"])
def test_information_items_describe_exactly_the_written_columns(runs, release: str) -> None:
    items = _report(runs[release])["information_items"]
    written = pd.read_parquet(runs[release] / "anonymised_signups.parquet")
    assert [i["column"] for i in items] == list(written.columns)
    assert all(i["ja"] and i["en"] for i in items)
    levels = _report(runs[release])["information_loss"]["levels_by_attribute"]
    assert {i["level"] for i in items if i["level"]} <= set(levels.values())


def test_loss_is_reported_per_attribute(runs) -> None:
    loss = _report(runs["internal"])["information_loss"]
    assert set(loss["loss_by_attribute"]) == set(loss["levels_by_attribute"])
    assert all(0 <= v <= 1 for v in loss["loss_by_attribute"].values())


@pytest.mark.parametrize("release", ["internal", "third-party"])
def test_report_figures_are_recomputed_from_the_written_file(runs, release: str) -> None:
    report = _report(runs[release])
    written = pd.read_parquet(runs[release] / "anonymised_signups.parquet")
    assert report["records_out"] == len(written)
    assert report["equivalence_classes"] == len(written.groupby(report["verified_columns"]))


def test_the_release_gate_passes_the_third_party_release(runs) -> None:
    from indigo_review.scan import scan_path

    for name in ("anonymised_signups.parquet", "anonymised_signups.csv"):
        assert scan_path(runs["third-party"] / name).verdict == "PASS", name


def test_the_release_gate_blocks_the_internal_release_for_its_linking_pseudonyms(runs) -> None:
    """Pseudonymised data is personal data for the society (APPI: it can collate it): never anonymous."""
    from indigo_review.scan import scan_path

    for name in ("anonymised_signups.parquet", "anonymised_signups.csv"):
        result = scan_path(runs["internal"] / name)
        assert result.verdict == "BLOCK" and set(result.counts_by_entity()) == {"LINK_CODE"}, name


# Stop of use (policy 8)


def test_stopped_members_are_left_out_and_counted(tables) -> None:
    stopped = frozenset(tables["signups"]["member_id"].iloc[:3])
    result = anonymise(tables, None, AnonymiseSettings(k=K, release="third-party"), stopped)
    full = anonymise(tables, None, AnonymiseSettings(k=K, release="third-party"))
    their_signups = int(tables["signups"]["member_id"].isin(stopped).sum())
    assert result.stopped_members == len(stopped) and result.stopped_signups == their_signups
    assert result.records_in + result.excluded_no_consent + their_signups == len(tables["signups"])
    assert result.records_in < full.records_in


def test_the_workspace_stop_list_leaves_members_out_and_reports_only_a_count(tmp_path: Path, sample_dir: Path) -> None:
    member = "M000001"
    add_to_stop_list(Workspace.locate(), member, "R-1", date(2026, 11, 2))
    out = tmp_path / "run"
    args = ["--release", "internal", "--out", str(out)]
    result = run_cli("anonymise", "--data", str(sample_dir), *args, env={KEY_ENV: KEY_TEXT})
    assert result.returncode == 0, result.stderr
    report = _report(out)
    assert report["stopped_members_left_out"] == 1
    assert [s["store"] for s in report["stores"]] == ["stop_list"] and report["stores"][0]["entries"] == 1
    key = PseudonymKey(KEY_TEXT.encode(), "test")
    stopped_pseudonym = pseudonymise(pd.Series([member]), key)[0]
    assert stopped_pseudonym not in set(pd.read_parquet(out / "anonymised_signups.parquet")[MEMBER_COLUMN])
    assert member not in (out / "report.json").read_text(encoding="utf-8")


def test_a_stop_list_the_workspace_lost_exits_2_before_any_run_folder(tmp_path: Path, sample_dir: Path) -> None:
    workspace = Workspace.locate()
    add_to_stop_list(workspace, "M000001", "R-1", date(2026, 11, 2))
    workspace.path("stop_list").unlink()
    out = tmp_path / "run"
    result = run_cli("anonymise", "--data", str(sample_dir), "--out", str(out), env={KEY_ENV: KEY_TEXT})
    assert result.returncode == 2
    assert "stop list is missing" in result.stderr and len(result.stderr.strip().splitlines()) == 1


# Hidden planning cells stay hidden. The solver below is independent of the library: it reads the published
# CSV tables, takes every "<k" as an unknown, and builds the equations a reader could: each table's rows add
# up to the overview totals, a shown rate times its shown denominator is its numerator, attended <= past <=
# sign-ups in a row, a hidden count lies in 0..k-1 (a listed row has at least one sign-up), and a complement
# ("x", hidden to protect another cell) is at least k.

COUNT_COLUMNS = ("signups", "past", "attended")
TOTALS = {"sign-ups": "signups", "sign-ups to past events": "past", "attended": "attended"}


def derivable_hidden_cells(tables: dict[str, pd.DataFrame], k: int) -> list[str]:
    """The hidden cells ('<k' or 'x') whose value the published numbers pin to a single integer."""
    hidden = f"<{k}"
    unknowns: dict[tuple[str, int, str], int] = {}
    complements = set()
    for name, table in tables.items():
        for column in (*COUNT_COLUMNS, "members"):
            if column in table:
                for row, value in enumerate(table[column].astype(str)):
                    if value in (hidden, "x"):
                        unknowns[(name, row, column)] = len(unknowns)
                    if value == "x":
                        complements.add((name, row, column))
    if not unknowns:
        return []
    n = len(unknowns)
    eq_rows, eq_values, ub_rows, ub_values = [], [], [], []

    def value_or_unknown(name: str, row: int, column: str) -> tuple[np.ndarray, float]:
        """A cell as (coefficients on the unknowns, constant)."""
        vector = np.zeros(n)
        if (name, row, column) in unknowns:
            vector[unknowns[(name, row, column)]] = 1
            return vector, 0.0
        text = str(tables[name][column].iloc[row])
        return vector, 0.0 if text in ("n/a", "") else float(text)

    overview = tables["planning_overview"].set_index("measure")["value"].astype(str)
    totals = {TOTALS[m]: float(v) for m, v in overview.items() if m in TOTALS and v not in (hidden, "x", "n/a")}
    if "members (pseudonyms)" in overview:
        totals["members"] = float(overview["members (pseudonyms)"])
    for name, table in tables.items():
        if name == "planning_overview" or "events_left_out" in table:
            continue  # sums of events shown in full: no equation on a hidden cell
        for column in (*COUNT_COLUMNS, "members"):
            if column not in table or column not in totals:
                continue
            vector, constant = np.zeros(n), 0.0
            for row in range(len(table)):
                v, c = value_or_unknown(name, row, column)
                vector, constant = vector + v, constant + c
            eq_rows.append(vector)
            eq_values.append(totals[column] - constant)
        for row in range(len(table)):
            for small, large in (("attended", "past"), ("past", "signups")):
                if small in table and large in table:
                    v_small, c_small = value_or_unknown(name, row, small)
                    v_large, c_large = value_or_unknown(name, row, large)
                    ub_rows.append(v_small - v_large)
                    ub_values.append(c_large - c_small)
            for rate, numerator, denominator in (
                ("attendance_rate", "attended", "past"),
                ("fill_rate", "signups", "capacity"),
            ):
                if rate in table and str(table[rate].iloc[row]) not in ("", "nan"):
                    shown = float(table[rate].iloc[row])
                    v_num, c_num = value_or_unknown(name, row, numerator)
                    v_den, c_den = value_or_unknown(name, row, denominator)
                    # |numerator - rate * denominator| <= half a unit of the rate's last digit times the denominator
                    slack = 0.0005 * (c_den if not v_den.any() else 10_000)
                    diff, const = v_num - shown * v_den, c_num - shown * c_den
                    ub_rows += [diff, -diff]
                    ub_values += [slack - const, slack + const]
    bounds = [(k, None) if key in complements else (1 if key[2] == "signups" else 0, k - 1) for key in unknowns]
    a_eq = np.array(eq_rows) if eq_rows else None
    b_eq = np.array(eq_values) if eq_rows else None
    a_ub = np.array(ub_rows) if ub_rows else None
    b_ub = np.array(ub_values) if ub_rows else None
    pinned = []
    for key_, index in unknowns.items():
        objective = np.zeros(n)
        objective[index] = 1
        low = linprog(objective, A_ub=a_ub, b_ub=b_ub, A_eq=a_eq, b_eq=b_eq, bounds=bounds, method="highs")
        high = linprog(-objective, A_ub=a_ub, b_ub=b_ub, A_eq=a_eq, b_eq=b_eq, bounds=bounds, method="highs")
        assert low.status == 0 and high.status == 0, f"the published tables contradict themselves at {key_}"
        if np.floor(-high.fun + 1e-6) - np.ceil(low.fun - 1e-6) < 1:
            pinned.append(f"{key_[0]} row {key_[1]} {key_[2]}")
    return pinned


def _published(run: Path) -> dict[str, pd.DataFrame]:
    skip = {"anonymised_signups"}
    return {
        p.stem: pd.read_csv(p, dtype=str, keep_default_na=False, encoding="utf-8-sig")
        for p in run.glob("*.csv")
        if p.stem not in skip
    }


def test_the_solver_finds_a_cell_hidden_only_by_masking() -> None:
    tables = {
        "planning_overview": pd.DataFrame({"measure": ["sign-ups"], "value": ["30"]}),
        "demand_by_region": pd.DataFrame({"region": ["a", "b", "c"], "signups": ["12", "<5", "15"]}),
    }
    assert derivable_hidden_cells(tables, 5) == ["demand_by_region row 1 signups"]


def test_the_solver_finds_a_cell_given_back_by_a_rate() -> None:
    tables = {
        "planning_overview": pd.DataFrame({"measure": ["sign-ups to past events"], "value": ["28"]}),
        "demand_by_region": pd.DataFrame(
            {
                "region": ["a", "b", "c"],
                "past": ["10", "10", "8"],
                "attended": ["<5", "9", "7"],
                "attendance_rate": ["0.3", "0.9", "0.875"],
            }
        ),
    }
    assert derivable_hidden_cells(tables, 5) == ["demand_by_region row 0 attended"]


@pytest.mark.parametrize("release", ["internal", "third-party"])
def test_no_hidden_planning_cell_can_be_derived_from_the_run_folder(runs, release: str) -> None:
    published = _published(runs[release])
    assert derivable_hidden_cells(published, K) == []


def test_the_internal_sample_run_does_hide_cells_so_the_check_above_bites(runs) -> None:
    published = _published(runs["internal"])
    hidden = sum(t.isin([f"<{K}", "x"]).to_numpy().sum() for t in published.values())
    assert hidden > 0 and hidden == _report(runs["internal"])["planning_cells_hidden"]


def test_small_events_and_future_zeros_stay_hidden_on_a_small_frame() -> None:
    events = pd.DataFrame(
        {
            "event_id": ["E1", "E2", "E3", "E4"],
            "category": ["a", "a", "b", "b"],
            "starts_at": ["2024-01-10", "2024-01-20", "2024-02-10", "2099-01-01"],
            "capacity": ["50", "50", "50", "50"],
        }
    )
    rows = []
    for event, n, attended in (("E1", 30, 25), ("E2", 2, 1), ("E3", 20, 18), ("E4", 7, 0)):
        for i in range(n):
            outcome = "" if event == "E4" else ("true" if i < attended else "false")
            rows.append({MEMBER_COLUMN: f"m{event}{i}", "event_id": event, "attended": outcome})
    planning = plan(pd.DataFrame(rows), events, 5)
    tables = planning.all_tables()
    assert tables["planning_by_event"].isin(["<5", "x"]).to_numpy().sum() >= 2
    assert tables["planning_by_event"].set_index("event_id").loc["E4", "past"] == "n/a"
    assert derivable_hidden_cells(tables, 5) == []


def test_the_demo_runs_a_third_party_release_and_ships_it_as_anonymous(sample_dir: Path) -> None:
    from indigo_review.demo import DemoInputs, demo_runs

    runs = demo_runs(DemoInputs(sample_dir, (Path("a.csv"),), Path("b.csv"), work=Path("w")))
    commands = [(command, expected) for _, command, expected in runs]
    out = str(Path("w/anonymise-third-party"))
    own = ["--workspace", str(Path("w/workspace"))]
    assert (["anonymise", "--data", str(sample_dir), "--release", "third-party", "--out", out, *own], {0}) in commands
    shipped = str(Path(out) / "anonymised_signups.parquet")
    assert [e for c, e in commands if c[:2] == ["release", shipped] and "anonymous" in c] == [{0}]


def test_a_file_that_fails_its_verification_is_removed_and_the_run_fails(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path, sample_dir: Path
) -> None:
    from indigo_review.anonymise import job

    real = job.verify_written

    def failing(path, result):
        check = real(path, result)
        return type(check)(check.verification, check.columns, {**check.protection, "ok": False}, [])

    monkeypatch.setattr(job, "verify_written", failing)
    outcome = job.run(AnonymiseSettings(release="third-party", data=str(sample_dir)), tmp_path)
    assert outcome.exit_code == 1 and "removed" in outcome.result["reason"]
    assert not list(tmp_path.glob("anonymised_signups.*"))


def test_suppressed_rows_are_counted_from_the_written_file(runs) -> None:
    report = _report(runs["third-party"])
    # Dropped rows are suppressed rows whose '*' class (within an event month) held fewer than k members.
    assert report["suppressed_rows_in_file"] == report["suppressed"] - report["dropped"] > 0


def test_linked_rows_single_out_a_member_whose_set_of_events_is_their_own() -> None:
    from indigo_review.anonymise.risk import members_unique_by_linked_set, members_unique_by_rows

    frame = pd.DataFrame({"event_id": ["a", "b", "b", "a", "a", "c"]})
    members = np.array([1, 1, 2, 2, 3, 3])  # 1 and 2 share {a, b}; 3 alone has {a, c}
    assert members_unique_by_linked_set(frame, ["event_id"], members, 2) == pytest.approx(1 / 3, abs=1e-4)
    # Row by row, only the row of event c is held by fewer than 2 members.
    assert members_unique_by_rows(frame, ["event_id"], members, 2) == pytest.approx(1 / 3, abs=1e-4)
    assert members_unique_by_linked_set(frame, ["event_id"], members, 4) == 1.0
