"""The answer folder: the member's own data in full and a letter, nobody else's values, private permissions;
and outside it, counts and masked values only."""

from __future__ import annotations

import stat
from pathlib import Path

import pandas as pd

from indigo_review.contract import Outcome
from indigo_review.release import Provision, append
from indigo_review.workspace import Workspace

from ..conftest import SAMPLE
from .conftest import (
    SampleMember,
    files_outside_answer,
    name_variants,
    read_csv,
    run_request,
    small_dataset,
    text_of,
    values_of,
)


def _answer_text(outcome: Outcome) -> str:
    return "\n".join(text_of(p) for p in (outcome.run_dir / "answer").iterdir())


def test_the_answer_holds_the_members_row_in_full(sample_disclosure: Outcome, named_member: SampleMember) -> None:
    row = read_csv(sample_disclosure.run_dir / "answer" / "members.csv").iloc[0]
    assert row.to_dict() == named_member.row.to_dict()


def test_no_other_members_values_appear_in_the_answer(sample_disclosure: Outcome, named_member: SampleMember) -> None:
    members = read_csv(SAMPLE / "members.csv")
    own = set(values_of(named_member.row)) | set(name_variants(named_member.row))
    text = _answer_text(sample_disclosure)
    leaked = [
        value
        for _, row in members[members["member_id"] != named_member.member_id].iterrows()
        for value in [*values_of(row), *name_variants(row)]
        if value not in own and value in text
    ]
    assert leaked == []


def test_a_companion_named_in_the_members_own_comment_is_masked(
    sample_disclosure: Outcome, named_member: SampleMember
) -> None:
    comments = read_csv(sample_disclosure.run_dir / "answer" / "signups.csv")["comment"]
    assert not comments.str.contains(named_member.companion + "(?:さん|様)").any()
    assert comments.str.contains(named_member.companion[0] + r"\*+(?:さん|様)").any()


def test_the_members_own_values_appear_nowhere_outside_the_answer(
    sample_disclosure: Outcome, named_member: SampleMember
) -> None:
    values = [*values_of(named_member.row), *name_variants(named_member.row)]
    for path in files_outside_answer(sample_disclosure.run_dir):
        text = text_of(path)
        assert [v for v in values if v in text] == [], path.name


def test_the_answer_folder_is_private(sample_disclosure: Outcome) -> None:
    folder = sample_disclosure.run_dir / "answer"
    assert stat.S_IMODE(folder.stat().st_mode) == 0o700
    assert {stat.S_IMODE(p.stat().st_mode) for p in folder.iterdir()} == {0o600}


def test_the_letter_is_japanese_and_names_the_purposes_and_how_to_correct(sample_disclosure: Outcome) -> None:
    letter = (sample_disclosure.run_dir / "answer" / "letter.html").read_text(encoding="utf-8")
    assert '<html lang="ja">' in letter
    assert "今後のイベントの企画のための分析" in letter
    assert "訂正・利用停止のご請求について" in letter


def test_the_run_folder_counts_records_per_table(sample_disclosure: Outcome, named_member: SampleMember) -> None:
    signups = read_csv(SAMPLE / "signups.csv")
    counts = sample_disclosure.result["records_per_table"]
    own = {"members": 1, "signups": int((signups["member_id"] == named_member.member_id).sum())}
    assert {k: v for k, v in counts.items() if k in own} == own
    assert sample_disclosure.result["tables_searched"] >= 10


def test_a_formula_in_the_members_data_is_defused_in_the_answer(tmp_path: Path, ginza) -> None:
    data = small_dataset(tmp_path / "data", {})
    members = read_csv(data / "members.csv")
    members.loc[0, "address"] = "=HYPERLINK(1)"
    members.to_csv(data / "members.csv", index=False)
    outcome = run_request(tmp_path / "run", data, "disclosure", "M000001")
    answered = pd.read_csv(outcome.run_dir / "answer" / "members.csv", dtype=str, encoding="utf-8-sig")
    assert answered.loc[0, "address"] == "'=HYPERLINK(1)"


def test_nothing_held_is_exit_1_with_a_letter_saying_so(tmp_path: Path, ginza) -> None:
    data = small_dataset(tmp_path / "data", {})
    outcome = run_request(tmp_path / "run", data, "disclosure", "M999998")
    assert outcome.exit_code == 1 and outcome.result["records_per_table"] == {"members": 0, "signups": 0}
    assert "保有している個人データはありませんでした" in _answer_text(outcome)


def _provision(ledger: Path, persons: list[str], recipient: str) -> None:
    append(
        ledger,
        Provision(
            outcome="released",
            basis="consent",
            recipient=recipient,
            file_name="venue.csv",
            file_sha256="0" * 64,
            scan_verdict="BLOCK",
            persons=persons,
            person_count=len(persons),
            items=[{"column": "email", "entities": ["EMAIL_ADDRESS"]}],
        ),
    )


def test_a_disclosure_covers_the_records_of_provision_to_third_parties(tmp_path: Path, ginza) -> None:
    data = small_dataset(tmp_path / "data", {})
    member, other = read_csv(data / "members.csv")["member_id"].tolist()[:2]
    workspace = Workspace.locate().ensure()
    _provision(workspace.path("ledger"), [member, other], "会場運営株式会社")
    _provision(workspace.path("ledger"), [other], "印刷会社")
    outcome = run_request(tmp_path / "run", data, "disclosure", member)
    provisions = read_csv(outcome.run_dir / "answer" / "provisions_to_third_parties.csv")
    assert provisions["recipient"].tolist() == ["会場運営株式会社"]
    assert "第三者への提供の記録" in (outcome.run_dir / "answer" / "letter.html").read_text(encoding="utf-8")
    assert outcome.result["records_per_table"]["provisions_to_third_parties"] == 1
    assert [s["store"] for s in outcome.stores] == ["requests", "ledger"]
