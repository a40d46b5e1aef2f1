"""report.html of the anonymise job: a verdict that says what the file may do and what to do next for every outcome,
measures in words (no None, NaN or raw field names), plots embedded, in Japanese or English."""

from __future__ import annotations

import base64
import json
import re
import shutil
from pathlib import Path

import pytest

from indigo_review.anonymise import AnonymiseSettings
from indigo_review.anonymise import job as anonymise_job
from indigo_review.anonymise.job import AnonymiseOutcome
from indigo_review.anonymise.report import write_report
from indigo_review.keys import KEY_ENV

KEY_TEXT = "report-key-" + "r" * 40
# Raw names of the result's fields and the file's columns: a person reads words instead.
RAW_NAMES = (
    "age_band",
    "postal_area",
    "member_pseudonym",
    "share_unique",
    "share_singled_out",
    "k_reached",
    "records_considered",
    "records_reused",
    "insider_risk",
    "guessing_advantage",
    "attendance_rate",
    "events_left_out",
    "_period",
)
DATA_URI = re.compile(r"data:image/png;base64,[A-Za-z0-9+/=]+")


def _text(path: Path) -> str:
    """The page without its embedded images (base64 can spell anything)."""
    return DATA_URI.sub("", path.read_text(encoding="utf-8"))


def _verdict(path: Path) -> str:
    """The verdict block: from its opening to the first section."""
    html = _text(path)
    start = html.index('<div class="verdict')
    end = html.find("<h2", start)
    return html[start : end if end > 0 else len(html)]


@pytest.fixture(scope="module")
def runs(tmp_path_factory: pytest.TempPathFactory, sample_dir: Path) -> dict[str, AnonymiseOutcome]:
    """One in-process run of each kind on the sample (Japanese), with its tables for rendering again."""
    base = tmp_path_factory.mktemp("anonymise-report")
    found = {}
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv(KEY_ENV, KEY_TEXT)
        for release in ("internal", "third-party"):
            settings = AnonymiseSettings(data=str(sample_dir), release=release, lang="ja", workspace=str(base / "ws"))
            outcome = anonymise_job.run(settings, base / release)
            assert outcome.exit_code == 0
            found[release] = outcome.detail
    return found


def _render(outcome: AnonymiseOutcome, tmp_path: Path, lang: str) -> Path:
    """The same run's report in another language, in a folder holding its plots."""
    out = tmp_path / lang
    shutil.copytree(_run_dir(outcome), out)
    settings = outcome.anonymised.settings
    return write_report(out, {**outcome.result, "exit_code": 0}, settings, lang, outcome.planning, outcome.plots)


def _run_dir(outcome: AnonymiseOutcome) -> Path:
    return Path(outcome.anonymised.settings.workspace).parent / outcome.anonymised.settings.release


def test_the_internal_verdict_says_inside_only_with_the_insider_risk_beside_the_protection(runs, tmp_path) -> None:
    verdict = _verdict(_render(runs["internal"], tmp_path, "en"))
    assert "INTERNAL USE ONLY" in verdict and "may not be given to a third party" in verdict
    # The sample's figures at k=5 (README): declared protection holds, one known event singles out 87.0%.
    assert "k = 5 on age band, area of residence" in verdict and "holds" in verdict
    assert "singles out 87.0% of members (1,190 of 1,368)" in verdict
    assert "--release third-party" in verdict and "gender,channel,signup_time,event" in verdict


def test_the_third_party_verdict_says_release_it_as_anonymous_and_publish_the_items(runs, tmp_path) -> None:
    verdict = _verdict(_render(runs["third-party"], tmp_path, "en"))
    assert "anonymously processed information (匿名加工情報)" in verdict
    assert "Publish the items of information" in verdict
    assert re.search(r"indigo-review release \S+anonymised_signups\.parquet --to RECIPIENT --basis anonymous", verdict)


@pytest.mark.parametrize("release", ["internal", "third-party"])
@pytest.mark.parametrize("lang", ["ja", "en"])
def test_the_page_shows_no_none_nan_or_raw_field_name(runs, tmp_path, release: str, lang: str) -> None:
    html = _text(_render(runs[release], tmp_path, lang))
    assert not re.search(r"\b(None|NaN|nan)\b", html)
    assert [name for name in RAW_NAMES if name in html] == []
    assert not re.search(r"<td[^>]*>-?\d[\d,]*\.0</td>", html), "a whole number shown as 8151.0"


def test_a_report_copied_alone_keeps_its_plots(runs, tmp_path) -> None:
    run = _run_dir(runs["internal"])
    alone = tmp_path / "elsewhere" / "report.html"
    alone.parent.mkdir()
    shutil.copy(run / "report.html", alone)
    html = alone.read_text(encoding="utf-8")
    images = re.findall(r'<img src="([^"]+)"', html)
    assert len(images) == len(list(run.glob("*.png"))) >= 3
    assert all(base64.b64decode(src.split(",", 1)[1])[:8] == b"\x89PNG\r\n\x1a\n" for src in images)


def test_the_japanese_page_labels_the_planning_tables_in_japanese(runs) -> None:
    html = _text(_run_dir(runs["internal"]) / "report.html")
    # A short label or value is kept on one line (class "nowrap"): the cell is matched whatever its class.
    assert re.search(r"<th[^>]*>出席率</th>", html) and re.search(r"<th[^>]*>申込方法</th>", html)
    assert re.search(r"<td[^>]*>オンライン</td>", html)
    assert "内部利用限定" in _verdict(_run_dir(runs["internal"]) / "report.html")


def test_the_charts_of_a_japanese_run_are_titled_in_japanese(runs) -> None:
    from PIL import Image

    run = _run_dir(runs["internal"])
    titles = {Image.open(run / name).info.get("Title") for name in runs["internal"].plots.values()}
    assert {"申込方法別の申込数", "開催月別の申込数"} <= titles
    assert [title for title in titles if re.search(r"[A-Za-z]{3,}", title)] == []


def test_the_banner_and_the_statement_follow_the_runs_language(runs) -> None:
    internal = runs["internal"]
    assert "第三者に提供することはできません" in internal.banner
    assert "実測" in internal.risk_statement


def test_the_command_line_says_the_reports_headline_in_the_runs_language(runs) -> None:
    from indigo_review.cli.common import _outcome_line
    from indigo_review.contract import Outcome

    folder = _run_dir(runs["internal"])
    result = json.loads((folder / "report.json").read_text(encoding="utf-8"))
    assert result["lang"] == "ja" and "仮名加工情報" in result["headline"]
    line = _outcome_line(Outcome.from_result("anonymise", folder, result))
    assert line.startswith("anonymise: PASS 合格 — ") and line.endswith(result["headline"])


def test_the_statement_in_report_json_follows_the_runs_language(runs) -> None:
    # The notebook prints report.json's statement: a Japanese run says it in Japanese.
    said = runs["internal"].result["risk_statement"]
    assert said == runs["internal"].risk_statement and "Declared protection" not in said


# Refusals: nothing written, why, and the command to run instead


def _refused(tmp_path: Path, sample_dir: Path, **settings) -> Path:
    out = tmp_path / "refused"
    outcome = anonymise_job.run(AnonymiseSettings(data=str(sample_dir), lang="en", **settings), out)
    assert outcome.exit_code == 1
    return out / "report.html"


def test_k_not_reachable_says_nothing_was_written_and_gives_a_coarser_command(tmp_path, sample_dir) -> None:
    verdict = _verdict(_refused(tmp_path, sample_dir, release="third-party", k=5000, period="2025-01..2025-02"))
    assert "Nothing was written: k = 5000 cannot be reached" in verdict
    assert "--suppression-limit 0.1" in verdict


def test_the_release_history_refusal_gives_the_earlier_settings_and_the_new_months(tmp_path, sample_dir) -> None:
    first = AnonymiseSettings(data=str(sample_dir), release="third-party", period="..2025-06", lang="en")
    assert anonymise_job.run(first, tmp_path / "first").exit_code == 0
    verdict = _verdict(_refused(tmp_path, sample_dir, release="third-party", k=3))
    assert "the release history refuses this release" in verdict
    assert "2024-01 to 2025-06" in verdict and "k 3 (earlier 5)" in verdict
    assert "indigo-review anonymise --data" in verdict and "--release third-party --k 5</code>" in verdict
    assert "--k 3 --period 2025-07..</code>" in verdict


def _synthetic(refusal: dict) -> dict:
    """A refused run's result as the job writes it, for the refusals hard to provoke on the sample."""
    return {
        "release": "third-party",
        "exit_code": 1,
        "k_requested": 5,
        "l_requested": 2,
        "records_in": 100,
        "refusal": refusal,
        "information_loss": {"loss": None, "levels_by_attribute": {}},
    }


@pytest.mark.parametrize(
    ("refusal", "said", "command"),
    [
        (
            {"kind": "dp_budget", "population": "members", "year": 2026, "budget": 4.0, "spent": 3.5, "epsilon": 1.0},
            "3.5 is spent, so ε = 1.0 more is refused",
            "--dp-epsilon 0.5",
        ),
        (
            {"kind": "difference_attack", "release_id": 7, "classes": 2, "rows": 9, "next_month": "2025-07"},
            "Compared with earlier release 7",
            "--period 2025-07..",
        ),
        (
            {"kind": "verification", "failed": ["l", "relinking"]},
            "l on the written file, a column that links rows to members",
            "--suppression-limit 0.1",
        ),
    ],
)
def test_every_refusal_says_why_and_what_to_run(tmp_path, refusal: dict, said: str, command: str) -> None:
    settings = AnonymiseSettings(data="/srv/data", release="third-party", dp_epsilon=1.0)
    verdict = _verdict(write_report(tmp_path, _synthetic(refusal), settings, "en"))
    assert "FAIL" in verdict and "Nothing was written" in verdict
    assert said in verdict and command in verdict
