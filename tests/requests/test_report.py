"""report.html of a member's request: for each outcome the verdict says what the handler does next and the command;
counts only, never a member's value; Japanese or English."""

from __future__ import annotations

import re
from html import unescape
from pathlib import Path

import pandas as pd

from .conftest import read_csv, run_request, small_dataset, values_of

ALICE = "M000001"  # the sample's first member


def _verdict(run_dir: Path) -> str:
    html = (run_dir / "report.html").read_text(encoding="utf-8")
    start = html.index('<div class="verdict')
    return unescape(html[start : html.index("<h2", start)])


def _run(tmp_path: Path, kind: str = "disclosure", member_id: str = ALICE, comments=None, **fields):
    data = small_dataset(tmp_path / "data", comments or {})
    fields.setdefault("lang", "en")
    return run_request(tmp_path / "run", data, kind, member_id, **fields)


def test_an_answered_disclosure_says_print_and_mail_the_letter_by_the_due_date(tmp_path: Path, ginza) -> None:
    verdict = _verdict(_run(tmp_path).run_dir)
    assert "ANSWERED" in verdict and "The answer to disclosure request R20261102-M000001-" in verdict
    assert "Print answer/letter.html and mail it to the member by 2026-11-16" in verdict
    assert "indigo-review request list" in verdict


def test_a_surname_only_mention_asks_the_handler_to_check_to_confirm(tmp_path: Path, ginza) -> None:
    members = read_csv(small_dataset(tmp_path / "probe", {}) / "members.csv")
    surname = members.loc[0, "name_kanji"].split("\u3000")[0]
    signups = read_csv(tmp_path / "probe" / "signups.csv")
    other = signups[signups["member_id"] != ALICE]["signup_id"].iloc[0]
    verdict = _verdict(_run(tmp_path, comments={other: f"{surname}さんと参加します"}).run_dir)
    assert "Check answer/to_confirm.csv: 1 mention(s) by surname only" in verdict


def test_a_refused_request_says_which_case_and_to_mail_the_notice(tmp_path: Path) -> None:
    verdict = _verdict(_run(tmp_path, refuse="1", id_documents=()).run_dir)
    assert "REFUSED" in verdict and "case (1) of the policy: the requester's identity could not be confirmed" in verdict
    assert "Print the written notice answer/letter.html and mail it by 2026-11-16" in verdict


def test_nothing_held_says_to_check_the_member_id_and_gives_the_command(tmp_path: Path, ginza) -> None:
    verdict = _verdict(_run(tmp_path, member_id="M099998").run_dir)
    assert "NOTHING HELD" in verdict and "Nothing is held under member id M099998" in verdict
    assert "Check the member id against the request form" in verdict
    assert "indigo-review request --kind disclosure --member MEMBER_ID --data" in verdict


def test_a_stop_request_says_the_member_is_on_the_stop_list(tmp_path: Path, ginza) -> None:
    verdict = _verdict(_run(tmp_path, kind="stop").run_dir)
    assert "Member M000001 was added to the stop list" in verdict and "mail it to the member by" in verdict


def _changes(tmp_path: Path, rows: list[tuple[str, str]]) -> str:
    path = tmp_path / "changes.csv"
    pd.DataFrame(rows, columns=["column", "new_value"]).to_csv(path, index=False)
    return str(path)


def test_valid_changes_say_review_and_apply_the_change_set_then_check(tmp_path: Path, ginza) -> None:
    outcome = _run(tmp_path, kind="correction", changes_path=_changes(tmp_path, [("phone", "090-1234-5678")]))
    verdict = _verdict(outcome.run_dir)
    assert "pass the accuracy rules: the change set is ready for review" in verdict
    assert "Review answer/changes.csv and apply it to the members table" in verdict
    assert "indigo-review check --data" in verdict


def test_refused_changes_keep_the_request_open_and_give_the_command_to_correct_again(tmp_path: Path, ginza) -> None:
    outcome = _run(tmp_path, kind="correction", changes_path=_changes(tmp_path, [("postal_code", "999-9999")]))
    verdict = _verdict(outcome.run_dir)
    assert "OPEN" in verdict and "1 of the 1 requested change(s) break an accuracy rule" in verdict
    assert "postal code: no such postal code" in verdict
    assert re.search(r"indigo-review request --kind correction --member M000001 .*--changes NEW_CHANGES\.csv", verdict)


def test_the_report_holds_counts_and_no_value_of_the_member(tmp_path: Path, ginza) -> None:
    members = read_csv(small_dataset(tmp_path / "probe", {}) / "members.csv")
    outcome = _run(tmp_path, lang="ja")
    html = (outcome.run_dir / "report.html").read_text(encoding="utf-8")
    assert [v for v in values_of(members.iloc[0]) if v in html] == []
    assert "保有している記録（表ごと）" in html and re.search(r"<td[^>]*>会員情報</td>", html)
    assert "2026年11月16日" in html  # the due date as a person in Japan writes it


def test_the_japanese_report_says_why_a_file_could_not_be_read_in_japanese(tmp_path: Path, ginza) -> None:
    data = small_dataset(tmp_path / "data", {})
    (data / "payments.xls").write_bytes(b"<html><table><tr><td>1</td></tr></table></html>")
    outcome = run_request(tmp_path / "run", data, "disclosure", ALICE, lang="ja")
    html = unescape((outcome.run_dir / "report.html").read_text(encoding="utf-8"))
    assert "名前（拡張子）と中身の種類が違う" in html and "is not an Excel workbook" not in html
