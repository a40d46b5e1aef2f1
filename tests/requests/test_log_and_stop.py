"""The request log (received, due, status, documents, refusal case; open and overdue) and the stop list."""

from __future__ import annotations

import sqlite3
from datetime import date
from pathlib import Path

import pytest

from indigo_review.errors import InputError, ParameterError, StoreError
from indigo_review.requests import pending, read_log, refusal_case
from indigo_review.requests.log import Entry, record_open
from indigo_review.stop_list import read_stop_list
from indigo_review.workspace import Workspace

from .conftest import run_request, small_dataset

ALICE = "M000001"


def _run(tmp_path: Path, kind: str = "disclosure", member_id: str = ALICE, **overrides):
    data = small_dataset(tmp_path / "data", {})
    overrides.setdefault("id_documents", ("drivers_license",))
    return run_request(tmp_path / f"run-{len(list(tmp_path.glob('run-*')))}", data, kind, member_id, **overrides)


def _log():
    return read_log(Workspace.locate())


def test_an_answered_request_is_logged_with_its_due_date(tmp_path: Path, ginza) -> None:
    _run(tmp_path)
    row = _log().iloc[0]
    assert (row["received"], row["due"], row["status"], row["kind"], row["member_id"]) == (
        "2026-11-02",
        "2026-11-16",
        "answered",
        "disclosure",
        ALICE,
    )


def test_the_due_date_follows_the_configured_number_of_days(tmp_path: Path, ginza) -> None:
    _run(tmp_path, due_days=30)
    assert _log().iloc[0]["due"] == "2026-12-02"


def test_the_log_records_the_documents_checked_by_name(tmp_path: Path, ginza) -> None:
    _run(tmp_path, requester="agent", id_documents=("passport", "power_of_attorney", "seal_certificate"))
    row = _log().iloc[0]
    assert (row["requester"], row["id_documents"]) == ("agent", "passport,power_of_attorney,seal_certificate")


def test_a_refusal_records_the_policys_case_and_writes_a_refusal_letter(tmp_path: Path) -> None:
    outcome = _run(tmp_path, id_documents=(), refuse="1")
    row = _log().iloc[0]
    assert outcome.exit_code == 1
    assert (row["status"], row["refusal_case"]) == ("refused", "identity_not_confirmed")
    letter = (outcome.run_dir / "answer" / "letter.html").read_text(encoding="utf-8")
    assert "(1) ご本人であることが確認できない場合" in letter


def test_a_refusal_reads_no_member_data(tmp_path: Path) -> None:
    outcome = _run(tmp_path, id_documents=(), refuse="agency_not_confirmed")
    assert outcome.detail.holdings is None and outcome.result["records_per_table"] == {}
    assert [p.name for p in (outcome.run_dir / "answer").iterdir()] == ["letter.html"]


def test_refusal_cases_are_named_by_number_or_name() -> None:
    assert [refusal_case(str(n)) for n in range(1, 8)] == [
        "identity_not_confirmed",
        "agency_not_confirmed",
        "documents_incomplete",
        "not_retained_personal_data",
        "risk_to_rights",
        "business_hindrance",
        "violates_law",
    ]
    with pytest.raises(ParameterError, match="unknown refusal case"):
        refusal_case("8")


def test_a_request_without_an_identity_document_cannot_run(tmp_path: Path) -> None:
    with pytest.raises(ParameterError, match="no identity document"):
        _run(tmp_path, id_documents=())
    assert not Workspace.locate().path("requests").exists()


def test_an_agent_without_proof_of_agency_cannot_run(tmp_path: Path) -> None:
    with pytest.raises(ParameterError, match="power_of_attorney and seal_certificate, or family_register"):
        _run(tmp_path, requester="agent", id_documents=("passport", "power_of_attorney"))


def test_an_open_request_past_its_due_date_is_overdue(tmp_path: Path) -> None:
    log = Workspace.locate()
    record_open(log, Entry("R-1", date(2026, 10, 1), "disclosure", ALICE, "self", ("passport",)))
    record_open(log, Entry("R-2", date(2026, 11, 20), "stop", "M000002", "self", ("passport",)))
    waiting = pending(log, date(2026, 11, 25))
    assert waiting[["request_id", "overdue"]].values.tolist() == [["R-1", True], ["R-2", False]]


def test_a_run_that_cannot_read_a_table_leaves_the_request_open(tmp_path: Path) -> None:
    data = small_dataset(tmp_path / "data", {})
    (data / "signups.csv").unlink()
    with pytest.raises(InputError):
        run_request(tmp_path / "run", data, "disclosure", ALICE)
    assert pending(Workspace.locate(), date(2026, 11, 3))["request_id"].str.contains(ALICE).all()


def test_answered_and_refused_requests_are_not_pending(tmp_path: Path, ginza) -> None:
    _run(tmp_path)
    _run(tmp_path, id_documents=(), refuse="3")
    assert pending(Workspace.locate(), date(2027, 1, 1)).empty


def test_a_log_the_workspace_lost_is_an_error_not_an_empty_log(tmp_path: Path, ginza) -> None:
    _run(tmp_path)
    Workspace.locate().path("requests").unlink()
    with pytest.raises(StoreError, match="the request log is missing"):
        pending(Workspace.locate())


def test_the_log_holds_no_personal_value(tmp_path: Path, ginza) -> None:
    _run(tmp_path)
    with sqlite3.connect(Workspace.locate().path("requests")) as db:
        text = repr(db.execute("SELECT * FROM requests").fetchall())
    assert not any(v in text for v in ("小川", "オガワ", "ogawa", "4734", "都島"))


def test_a_stop_request_adds_the_member_to_the_workspace_stop_list(tmp_path: Path, ginza) -> None:
    outcome = _run(tmp_path, kind="stop")
    assert outcome.exit_code == 0
    assert read_stop_list(Workspace.locate()).members == {ALICE}
    with sqlite3.connect(Workspace.locate().path("stop_list")) as db:
        assert db.execute("SELECT member_id, request_id FROM stops").fetchall() == [
            (ALICE, outcome.result["request_id"])
        ]
    assert [s["store"] for s in outcome.stores] == ["requests", "stop_list"]


def test_a_stop_request_for_a_member_with_nothing_held_adds_nobody(tmp_path: Path, ginza) -> None:
    outcome = _run(tmp_path, kind="stop", member_id="M999998")
    assert outcome.exit_code == 1 and not Workspace.locate().path("stop_list").exists()
