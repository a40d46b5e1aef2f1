"""Attribute disclosure (l-diversity), members by status and the internal file's insider risk (issue 22).

Figures are recomputed here from the written files with plain pandas.
"""

from __future__ import annotations

import json
from pathlib import Path

import pandas as pd
import pytest

from indigo_review.anonymise import job
from indigo_review.anonymise.settings import AnonymiseSettings
from indigo_review.errors import ParameterError
from indigo_review.keys import KEY_ENV

from ..conftest import run_cli

KEY_TEXT = "disclosure-key-" + "d" * 40


def _run(sample_dir: Path, out: Path, **settings: object) -> dict:
    settings.setdefault("lang", "en")
    job.run(AnonymiseSettings(data=str(sample_dir), **settings), out)
    return json.loads((out / "report.json").read_text(encoding="utf-8"))


def _classes_with_one_outcome(frame: pd.DataFrame, by: list[str]) -> int:
    past = frame[frame["attended"].isin(["true", "false"])]
    return int((past.groupby(by)["attended"].nunique() < 2).sum())


def _guessing_advantage(frame: pd.DataFrame, by: list[str]) -> float:
    """Accuracy of guessing each shown past outcome as its class's majority, minus the base rate."""
    past = frame[frame["attended"].isin(["true", "false"])].assign(hit=lambda f: f["attended"] == "true")
    share = past.groupby(by)["hit"].transform("mean")
    accuracy = ((share >= 0.5) == past["hit"]).mean()
    base = max(past["hit"].mean(), 1 - past["hit"].mean())
    return float(accuracy - base)


@pytest.fixture(scope="module")
def third_party_k3(tmp_path_factory: pytest.TempPathFactory, sample_dir: Path) -> dict[int, Path]:
    """Third-party runs at k=3 with l=2 (the default) and l=1 (control off), each in its own workspace."""
    base = tmp_path_factory.mktemp("ldiv")
    out = {}
    for l_value in (1, 2):
        out[l_value] = base / f"l{l_value}"
        settings = AnonymiseSettings(
            data=str(sample_dir), release="third-party", k=3, l_diversity=l_value, workspace=str(base / f"ws{l_value}")
        )
        assert job.run(settings, out[l_value]).exit_code == 0
    return out


def test_without_l_the_sample_releases_classes_with_one_outcome(third_party_k3) -> None:
    frame = pd.read_parquet(third_party_k3[1] / "anonymised_signups.parquet")
    by = [c for c in frame.columns if c != "attended"]
    assert _classes_with_one_outcome(frame, by) > 50
    report = json.loads((third_party_k3[1] / "report.json").read_text(encoding="utf-8"))
    assert report["attribute_disclosure"]["share_disclosed_with_certainty"] > 0.01


def test_with_l_2_every_released_class_shows_both_outcomes(third_party_k3) -> None:
    frame = pd.read_parquet(third_party_k3[2] / "anonymised_signups.parquet")
    by = [c for c in frame.columns if c != "attended"]
    assert "attended" in frame and _classes_with_one_outcome(frame, by) == 0
    assert _guessing_advantage(frame, by) < 0.01
    report = json.loads((third_party_k3[2] / "report.json").read_text(encoding="utf-8"))
    measured = report["attribute_disclosure"]
    assert measured["homogeneous_classes"] == 0 and measured["outcomes_withheld_for_l"] > 0
    assert measured["guessing_advantage"] < 0.01 and 0.8 < measured["base_rate"] < 0.9
    assert measured["share_disclosed_with_certainty"] == 0


def test_withheld_outcomes_keep_the_rows_so_demand_counts_stay_true(third_party_k3) -> None:
    withheld = pd.read_parquet(third_party_k3[2] / "anonymised_signups.parquet")
    plain = pd.read_parquet(third_party_k3[1] / "anonymised_signups.parquet")
    assert (withheld["attended"] == "*").sum() > (plain["attended"] == "*").sum()
    assert abs(len(withheld) - len(plain)) < 0.01 * len(plain)


def test_internal_classes_also_show_l_outcomes(tmp_path: Path, sample_dir: Path, monkeypatch) -> None:
    monkeypatch.setenv(KEY_ENV, KEY_TEXT)
    report = _run(sample_dir, tmp_path / "run", k=5)
    frame = pd.read_parquet(tmp_path / "run" / "anonymised_signups.parquet")
    assert _classes_with_one_outcome(frame, report["verified_columns"]) == 0


def test_l_below_1_is_a_parameter_error() -> None:
    with pytest.raises(ParameterError, match="l must be"):
        AnonymiseSettings(l_diversity=0).validate()


# Members by status


def test_withdrawn_members_are_counted_in_the_report(tmp_path: Path, sample_dir: Path) -> None:
    report = _run(sample_dir, tmp_path / "run", release="third-party")
    # The sample's consenting withdrawn members (data/sample: 104 members, 593 sign-ups).
    assert report["members_by_status"]["released"]["withdrawn"] == {"members": 104, "signups": 593}
    assert "Members by status" in (tmp_path / "run" / "report.html").read_text(encoding="utf-8")


def test_exclude_status_leaves_them_out(tmp_path: Path, sample_dir: Path) -> None:
    out = tmp_path / "run"
    args = ["--release", "third-party", "--exclude-status", "withdrawn,lapsed", "--out", str(out)]
    result = run_cli("anonymise", "--data", str(sample_dir), *args)
    assert result.returncode == 0, result.stderr
    report = json.loads((out / "report.json").read_text(encoding="utf-8"))
    assert set(report["members_by_status"]["released"]) == {"active"}
    assert report["members_by_status"]["excluded"]["withdrawn"] == {"members": 104, "signups": 593}
    assert report["records_considered"] == 8151 - 593 - 1353
    assert report["settings"]["exclude_status"] == ["withdrawn", "lapsed"]


# The internal file's insider risk


@pytest.fixture(scope="module")
def internal(tmp_path_factory: pytest.TempPathFactory, sample_dir: Path) -> Path:
    out = tmp_path_factory.mktemp("internal") / "run"
    args = ["--data", str(sample_dir), "--lang", "en", "--out", str(out)]
    result = run_cli("anonymise", *args, env={KEY_ENV: KEY_TEXT})
    assert result.returncode == 0, result.stderr
    return out


def test_insider_risk_is_measured_from_the_written_file(internal: Path) -> None:
    report = json.loads((internal / "report.json").read_text(encoding="utf-8"))
    frame = pd.read_parquet(internal / "anonymised_signups.parquet")
    known = ["event_id", *[c for c in ("age_band", "area", "postal_area", "gender") if c in frame]]
    members = frame.groupby(known)["member_pseudonym"].transform("nunique")
    singled = frame.loc[members < 5, "member_pseudonym"].nunique() / frame["member_pseudonym"].nunique()
    insider = report["insider_risk"]
    assert insider["share_singled_out_by_one_event"] == pytest.approx(singled, abs=1e-4) and singled > 0.2
    star = frame[report["verified_columns"]].eq("*").all(axis=1)
    suppressed = set(frame.loc[star, "member_pseudonym"])
    recovered = suppressed & set(frame.loc[~star, "member_pseudonym"])
    assert insider["suppressed_members"] == len(suppressed) > 0
    assert insider["suppressed_members_recovered_through_pseudonym"] == len(recovered) > 0


def test_the_report_says_the_measured_risk_next_to_ok(internal: Path) -> None:
    report = json.loads((internal / "report.json").read_text(encoding="utf-8"))
    assert report["protection_per_member"]["ok"] is True  # k holds on the declared quasi-identifiers
    assert "insider risk" in report["summary"] and "singled out" in report["summary"]
    assert "unique" not in report["summary"]
    assert "singles out" in report["risk_statement"] and "holds" in report["risk_statement"]
    html = (internal / "report.html").read_text(encoding="utf-8")
    assert html.index("What someone can learn") < html.index("The guarantee")


def test_declaring_the_event_bounds_what_one_known_event_singles_out(tmp_path: Path, sample_dir: Path) -> None:
    out = tmp_path / "run"
    args = ["--quasi-identifiers", "age,address,postal,gender,channel,event", "--out", str(out)]
    result = run_cli("anonymise", "--data", str(sample_dir), *args, env={KEY_ENV: KEY_TEXT})
    assert result.returncode == 0, result.stderr
    report = json.loads((out / "report.json").read_text(encoding="utf-8"))
    assert "event" in report["quasi_identifiers"]
    assert report["insider_risk"]["share_singled_out_by_one_event"] == 0.0
