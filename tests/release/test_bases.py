"""The rule of each legal basis, on facts built in the test: released, or refused with every reason."""

from __future__ import annotations

from pathlib import Path

import pytest

from indigo_review.errors import ParameterError
from indigo_review.release.bases import Facts, decide, id_list, recorded_persons
from indigo_review.release.origin import AnonymiseOrigin
from indigo_review.release.persons import ConsentRecords
from indigo_review.release.settings import ReleaseSettings
from indigo_review.release.shared_use import SharedUseNotice

CLEAN = {"scan_verdict": "PASS", "counts_by_entity": {}, "member_ids": []}
PERSONAL = {"scan_verdict": "BLOCK", "counts_by_entity": {"PERSON": 3, "EMAIL_ADDRESS": 3}}


def _consent(consented: set[str], known: set[str] | None = None) -> ConsentRecords:
    return ConsentRecords(Path("members.csv"), "f" * 64, frozenset(consented), frozenset(known or consented))


def _notice(**fields) -> SharedUseNotice:
    full = {"items": ["氏名", "メール"], "shared_with": "提携団体", "purpose": "合同イベント", "manager": "事務局長"}
    full.update(fields)
    kept = {k: v for k, v in full.items() if v is not None}
    missing = tuple(k for k in ("items", "shared_with", "purpose", "manager") if not kept.get(k))
    return SharedUseNotice(Path("notice.toml"), kept, missing)


def test_an_anonymous_release_of_a_clean_file_is_released() -> None:
    decision = decide(ReleaseSettings("会場", "anonymous"), Facts(**CLEAN))
    assert decision.released and decision.reasons == []
    assert decision.details["policy_clause"] == "3(1)"


def test_an_anonymous_release_of_a_blocked_file_is_refused_with_the_counts() -> None:
    decision = decide(ReleaseSettings("会場", "anonymous"), Facts(**PERSONAL, member_ids=[]))
    assert not decision.released
    assert "the scan found personal data (EMAIL_ADDRESS 3, PERSON 3)" in decision.reason


def test_an_anonymous_release_of_a_file_holding_members_values_is_refused() -> None:
    decision = decide(ReleaseSettings("会場", "anonymous"), Facts("PASS", {}, ["M000001"]))
    assert not decision.released and "holds values of 1 member(s) of the society" in decision.reason
    assert "M000001" not in decision.ledger_reason


def test_an_anonymous_release_of_a_file_with_a_linking_code_is_refused() -> None:
    decision = decide(ReleaseSettings("会場", "anonymous"), Facts("BLOCK", {"LINK_CODE": 40}, []))
    assert not decision.released and "can link rows back to a person" in decision.reason


@pytest.mark.parametrize("basis", ["anonymous", "consent", "outsourcing", "shared-use"])
def test_my_numbers_are_refused_under_every_basis_but_law(basis: str) -> None:
    facts = Facts("BLOCK", {"JP_MY_NUMBER": 5}, [], consent=_consent(set()), notice=_notice())
    decision = decide(ReleaseSettings("先方", basis, contract="C-1"), facts)
    assert not decision.released and "特定個人情報" in decision.reason


def test_my_numbers_may_go_where_a_law_requires_them() -> None:
    facts = Facts("BLOCK", {"JP_MY_NUMBER": 5}, [])
    assert decide(ReleaseSettings("税務署", "law", legal_basis="番号法第19条"), facts).released


def test_card_numbers_need_the_releasers_explicit_allow() -> None:
    facts = Facts("BLOCK", {"CREDIT_CARD": 2}, [])
    refused = decide(ReleaseSettings("決済代行", "outsourcing", contract="C-9"), facts)
    allowed = decide(ReleaseSettings("決済代行", "outsourcing", contract="C-9", allow_entities=("CREDIT_CARD",)), facts)
    assert not refused.released and "--allow-entity CREDIT_CARD" in refused.reason and allowed.released


@pytest.mark.parametrize(
    ("release", "declared", "released"),
    [("third-party", True, True), ("internal", True, False), ("internal", False, False)],
)
def test_an_anonymise_output_must_be_a_third_party_release(release: str, declared: bool, released: bool) -> None:
    origin = AnonymiseOrigin("report.json beside the file", release, declared)
    decision = decide(ReleaseSettings("会場", "anonymous"), Facts(**CLEAN, origin=origin))
    assert decision.released is released
    assert decision.details["anonymise_release"] == release
    if not released:
        assert "仮名加工情報" in decision.reason and "--release third-party" in decision.reason


def test_an_anonymise_output_that_does_not_say_its_kind_is_refused_as_internal() -> None:
    origin = AnonymiseOrigin("report.json beside the file", "internal", False)
    decision = decide(ReleaseSettings("会場", "anonymous"), Facts(**CLEAN, origin=origin))
    assert "does not say which release it is" in decision.reason


def test_a_release_with_consent_of_consenting_members_is_released_and_records_them() -> None:
    request = ReleaseSettings("会場", "consent")
    facts = Facts(**PERSONAL, member_ids=["M000001", "M000002"], consent=_consent({"M000001", "M000002"}))
    decision = decide(request, facts)
    assert decision.released
    assert decision.details["consent"]["obtained"] is True
    assert decision.details["consent"]["source_sha256"] == "f" * 64
    assert recorded_persons(request, decision, facts.member_ids) == ["M000001", "M000002"]


def test_members_without_consent_refuse_the_release_by_id_only() -> None:
    facts = Facts(**PERSONAL, member_ids=["M000001", "M000002", "M000003"], consent=_consent({"M000001"}, {"M000002"}))
    decision = decide(ReleaseSettings("会場", "consent"), facts)
    assert not decision.released
    assert decision.refused_members == {"no_consent": ["M000002", "M000003"]}
    assert "2 member(s) in the file have no recorded consent" in decision.reason
    assert "M000002, M000003" in decision.reason
    # The ledger's wording keeps the count, never the ids.
    assert "M0000" not in decision.ledger_reason and "2 member(s)" in decision.ledger_reason


def test_a_refused_release_with_consent_records_no_persons() -> None:
    request = ReleaseSettings("会場", "consent")
    facts = Facts(**PERSONAL, member_ids=["M000001"], consent=_consent(set(), {"M000001"}))
    assert recorded_persons(request, decide(request, facts), facts.member_ids) == []


def test_every_released_provision_records_the_members_it_holds() -> None:
    for basis in ("outsourcing", "law", "shared-use"):
        request = ReleaseSettings("委託先", basis, contract="C-1", legal_basis="刑事訴訟法第197条第2項")
        facts = Facts(**PERSONAL, member_ids=["M000002", "M000001"], notice=_notice())
        decision = decide(request, facts)
        assert decision.released, basis
        assert recorded_persons(request, decision, facts.member_ids) == ["M000001", "M000002"]


def test_an_outsourcing_release_records_the_contract_and_is_exempt_from_article_29() -> None:
    decision = decide(
        ReleaseSettings("印刷会社", "outsourcing", contract="委託契約 2026-07"), Facts(**PERSONAL, member_ids=[])
    )
    assert decision.released
    assert decision.details["contract"] == "委託契約 2026-07"
    assert decision.details["art29"].startswith("exempt (APPI Art. 27(5)(i))")


@pytest.mark.parametrize(
    ("basis", "field", "says"), [("outsourcing", "contract", "--contract"), ("law", "legal_basis", "--legal-basis")]
)
def test_a_basis_without_its_particular_cannot_run(basis: str, field: str, says: str) -> None:
    with pytest.raises(ParameterError, match=says):
        ReleaseSettings("先方", basis, **{field: "  "}).validate()


def test_an_unknown_basis_cannot_run() -> None:
    with pytest.raises(ParameterError, match="unknown basis 'friendship'"):
        ReleaseSettings("先方", "friendship").validate()


def test_a_release_required_by_law_records_the_law() -> None:
    decision = decide(
        ReleaseSettings("警察署", "law", legal_basis="刑事訴訟法第197条第2項"), Facts(**PERSONAL, member_ids=[])
    )
    assert decision.released and decision.details["legal_basis"] == "刑事訴訟法第197条第2項"


def test_a_shared_use_release_with_a_complete_notice_records_it() -> None:
    decision = decide(ReleaseSettings("提携団体", "shared-use"), Facts(**PERSONAL, member_ids=[], notice=_notice()))
    assert decision.released
    assert decision.details["shared_use_notice"]["manager"] == "事務局長"


@pytest.mark.parametrize("missing", ["items", "shared_with", "purpose", "manager"])
def test_a_shared_use_notice_missing_a_field_refuses_the_release(missing: str) -> None:
    notice = _notice(**{missing: None})
    decision = decide(ReleaseSettings("提携団体", "shared-use"), Facts(**PERSONAL, member_ids=[], notice=notice))
    assert not decision.released and f"lacks {missing} (" in decision.reason


@pytest.mark.parametrize("basis", ["anonymous", "consent", "outsourcing", "shared-use", "law"])
def test_a_member_on_the_stop_list_refuses_any_release(basis: str) -> None:
    facts = Facts(
        "PASS",
        {},
        ["M000001", "M000007"],
        stopped=frozenset({"M000007", "M000099"}),
        consent=_consent({"M000001", "M000007"}),
        notice=_notice(),
    )
    request = ReleaseSettings("先方", basis, contract="C-1", legal_basis="法令")
    decision = decide(request, facts)
    assert not decision.released
    assert decision.refused_members["stop_of_use"] == ["M000007"]
    assert "asked the society to stop using their data (policy 8): M000007" in decision.reason


def test_a_long_list_of_ids_is_shortened_in_the_one_line_reason() -> None:
    ids = [f"M{i:06d}" for i in range(1, 26)]
    text = id_list(ids)
    assert text.startswith("M000001, ") and "M000020" in text and "M000021" not in text
    assert text.endswith("(and 5 more, all in release.json)")
