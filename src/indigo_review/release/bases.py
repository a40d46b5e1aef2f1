"""The legal bases for a provision to a third party (policy 3, 4; APPI Art. 27–29) and the rule each one applies.

| basis | policy | rule | Art. 29 record |
| --- | --- | --- | --- |
| anonymous | 3(1) | scan PASS (no registry member, no linking code); an anonymise output is third-party | n/a |
| consent | 3 | every member the file holds has consent_third_party = true | required (Rules Art. 20) |
| outsourcing | 3(2) | a contract with confidentiality is named | exempt (Art. 27(5)(i)); kept for policy 7 |
| shared-use | 4 | the notice names items, who shares, purpose, manager | exempt (Art. 27(5)(iii)) |
| law | 3(3) | the law or order is named | exempt (Art. 27(1)) |

Every basis: a member on the stop list (policy 8) in the file refuses the release; My Number (特定個人情報,
APPI's My Number Act Art. 19) is refused under every basis but law; card numbers go out only when the
person releasing names CREDIT_CARD with --allow-entity. "In the file" means found by the scan's registry
match (a member id, e-mail or phone of the member, whatever the column is called), not a column's name.
The rules here are pure: the job gathers the facts (scan verdict, member ids, consent, notice) and `decide`
turns them into released or refused with reasons that name member ids and counts, never personal values.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from string import Formatter
from typing import Any

from ..errors import ParameterError
from ..i18n import N_
from ..stop_list import member_key
from .origin import AnonymiseOrigin
from .persons import ConsentRecords
from .settings import ANONYMOUS, CONSENT, LAW, OUTSOURCING, POLICY_CLAUSE, SHARED_USE, ReleaseSettings
from .shared_use import REQUIRED_FIELDS, SharedUseNotice

ART29 = {
    ANONYMOUS: N_("not applicable: no personal data is provided (policy 3(1))"),
    CONSENT: N_("required: provision with the person's consent (APPI Art. 29(1), Rules Art. 20)"),
    OUTSOURCING: N_("exempt (APPI Art. 27(5)(i)); recorded for the society's security management (policy 7)"),
    SHARED_USE: N_("exempt (APPI Art. 27(5)(iii)); recorded with the shared-use notice (policy 4)"),
    LAW: N_("exempt (APPI Art. 27(1)); recorded with the legal basis (policy 3(3))"),
}
# How many member ids a one-line reason lists before pointing at release.json for the rest.
IDS_IN_A_LINE = 20


@dataclass
class Facts:
    """What the job found about the file, gathered before the rule is applied."""

    scan_verdict: str
    counts_by_entity: dict[str, int]
    # The members the scan matched in the file (registry ids); empty when it holds none.
    member_ids: list[str]
    stopped: frozenset[str] = frozenset()
    origin: AnonymiseOrigin | None = None
    consent: ConsentRecords | None = None
    notice: SharedUseNotice | None = None


@dataclass(frozen=True)
class Reason:
    """Why a release was refused: English templates filled in on demand, so a report can translate them."""

    message: str
    values: dict[str, Any]
    ledger: str
    step: str = ""

    def text(self, t: Callable[..., str] | None = None, ledger: bool = False) -> str:
        """The reason, in the language of `t` (English without one); the ledger's wording keeps counts only."""
        template = self.ledger if ledger else self.message
        return t(template, **self.values) if t else template.format(**self.values)

    def next_step(self, t: Callable[..., str] | None = None) -> str:
        """What to do about it."""
        return (t(self.step, **self.values) if t else self.step.format(**self.values)) if self.step else ""


@dataclass
class Decision:
    """Released or refused, why, and what the ledger records for the basis."""

    released: bool
    refusals: list[Reason] = field(default_factory=list)
    refused_members: dict[str, list[str]] = field(default_factory=dict)
    details: dict[str, Any] = field(default_factory=dict)

    def refuse(self, message: str, ledger: str = "", step: str = "", **values: Any) -> None:
        """Add a reason: an English template with {fields}, its wording for the ledger (which keeps no ids of
        refused members) and what the person releasing should do; reports translate all three."""
        self.refusals.append(Reason(message, values, ledger or message, step))

    @property
    def reasons(self) -> list[str]:
        """Each reason in English (member ids included: for stderr and the run folder)."""
        return [r.text() for r in self.refusals]

    @property
    def reason(self) -> str:
        """All reasons in one line, each with what to do (member ids included: for stderr and the run folder)."""
        return "; ".join(f"{r.text()} — {r.next_step()}" if r.step else r.text() for r in self.refusals)

    @property
    def ledger_reason(self) -> str:
        """All reasons in one line with counts instead of member ids (for the ledger)."""
        return "; ".join(r.text(ledger=True) for r in self.refusals)

    @property
    def ledger_reasons(self) -> list[dict[str, Any]]:
        """Each reason's ledger wording as its English template and the values it names (counts, never member
        ids), so that the ledger's export can say it in the reader's language."""
        said = []
        for reason in self.refusals:
            names = {name for _, name, _, _ in Formatter().parse(reason.ledger) if name}
            said.append({"message": reason.ledger, "values": {k: v for k, v in reason.values.items() if k in names}})
        return said


def id_list(ids: list[str]) -> str:
    """Member ids for a one-line message, shortened after IDS_IN_A_LINE."""
    shown = ", ".join(ids[:IDS_IN_A_LINE])
    more = len(ids) - IDS_IN_A_LINE
    return f"{shown} (and {more} more, all in release.json)" if more > 0 else shown


def _stop_list(facts: Facts, decision: Decision) -> None:
    stopped = sorted({m for m in facts.member_ids if member_key(m) in facts.stopped})
    if stopped:
        decision.refused_members["stop_of_use"] = stopped
        decision.refuse(
            "{count} member(s) in the file asked the society to stop using their data (policy 8): {ids}",
            "{count} member(s) in the file asked the society to stop using their data (policy 8)",
            "Remove the rows of the members listed in release.json, then release the file again.",
            count=len(stopped),
            ids=id_list(stopped),
        )


def _anonymous(facts: Facts, decision: Decision) -> None:
    if facts.scan_verdict != "PASS":
        found = ", ".join(f"{entity} {count}" for entity, count in sorted(facts.counts_by_entity.items()))
        decision.refuse(
            "the scan found personal data ({found}); an anonymous release must pass the scan",
            step="Remove the columns the scan report lists, or release on another legal basis.",
            found=found or "scan.json",
        )
    if facts.member_ids:
        decision.refuse(
            "the file holds values of {count} member(s) of the society: for the society it is personal data, "
            "never anonymous",
            step="Give third parties only anonymised data: indigo-review anonymise --release third-party.",
            count=len(facts.member_ids),
        )
    if facts.counts_by_entity.get("LINK_CODE"):
        decision.refuse(
            "the file has a column of codes that repeat (pseudonyms or tokens) and can link rows back to a person; "
            "an anonymous release may not carry it",
            step="Remove the column of codes, or anonymise again with --release third-party.",
        )
    origin = facts.origin
    if origin is not None:
        decision.details["anonymise_release"] = origin.release
        decision.details["anonymise_release_source"] = origin.source
        if origin.information_items:
            decision.details["information_items"] = origin.information_items
        if not origin.third_party:
            decision.refuse(
                "the file is an anonymise output whose {source} says '{release}': internal pseudonymously "
                "processed information (仮名加工情報) may not be given to a third party"
                if origin.declared
                else "the file is an anonymise output whose {source} does not say which release it is: internal "
                "pseudonymously processed information (仮名加工情報) may not be given to a third party",
                step="Anonymise again with --release third-party and release that file.",
                source=origin.source,
                release=origin.release,
            )


def _consent(facts: Facts, decision: Decision) -> None:
    records = facts.consent
    if records is None:
        raise ParameterError(None, "a release with consent needs the members table", "give --members DIR")
    missing = records.without_consent(facts.member_ids)
    decision.details["consent"] = {
        "obtained": not missing,
        "source": f"{records.path.name} column consent_third_party",
        "source_sha256": records.sha256,
    }
    if missing:
        decision.refused_members["no_consent"] = missing
        decision.refuse(
            "{count} member(s) in the file have no recorded consent to third-party provision: {ids}",
            "{count} member(s) in the file have no recorded consent to third-party provision",
            "Remove their rows, or record their consent in the members table first.",
            count=len(missing),
            ids=id_list(missing),
        )


def _shared_use(facts: Facts, decision: Decision) -> None:
    notice = facts.notice
    if notice is None:
        raise ParameterError(None, "a shared-use release needs the notice", "give --shared-use FILE (TOML)")
    decision.details["shared_use_notice"] = {"file": notice.path.name, **notice.fields}
    if notice.missing:
        decision.refuse(
            "the shared-use notice {file} lacks {fields}; members must have been told all four (policy 4)",
            step="Complete the notice (items, shared_with, purpose, manager) and release again.",
            file=notice.path.name,
            fields=", ".join(f"{name} ({REQUIRED_FIELDS[name]})" for name in notice.missing),
        )


def decide(request: ReleaseSettings, facts: Facts) -> Decision:
    """Apply the stop list and the basis's rule to the facts: released, or refused with every reason."""
    request.check_particulars()
    decision = Decision(released=False)
    decision.details.update(
        {"policy_clause": POLICY_CLAUSE[request.basis], "art29": ART29[request.basis]},
    )
    if request.basis == OUTSOURCING:
        decision.details["contract"] = request.contract.strip()
    if request.basis == LAW:
        decision.details["legal_basis"] = request.legal_basis.strip()
    _stop_list(facts, decision)
    _special_items(request, facts, decision)
    {
        ANONYMOUS: _anonymous,
        CONSENT: _consent,
        SHARED_USE: _shared_use,
        OUTSOURCING: lambda f, d: None,
        LAW: lambda f, d: None,
    }[request.basis](facts, decision)
    decision.released = not decision.refusals
    return decision


def _special_items(request: ReleaseSettings, facts: Facts, decision: Decision) -> None:
    """Items no basis but law may provide (My Number), and items that need the releaser's explicit word (cards)."""
    if facts.counts_by_entity.get("JP_MY_NUMBER") and request.basis != LAW:
        decision.refuse(
            "the file holds My Numbers ({count}): specific personal information (特定個人情報) may be provided only "
            "where a law requires it (My Number Act Art. 19)",
            step="Remove the My Number column.",
            count=facts.counts_by_entity["JP_MY_NUMBER"],
        )
    if facts.counts_by_entity.get("CREDIT_CARD") and "CREDIT_CARD" not in request.allow_entities:
        decision.refuse(
            "the file holds card numbers ({count}): they go out only when you name them",
            step="Remove the card column, or give --allow-entity CREDIT_CARD if the recipient must receive them.",
            count=facts.counts_by_entity["CREDIT_CARD"],
        )


def recorded_persons(request: ReleaseSettings, decision: Decision, member_ids: list[str]) -> list[str]:
    """Member ids the ledger keeps: the members of a released provision, whatever its basis (a refusal keeps a
    count only). Art. 29 asks for them with consent; for outsourcing, shared use and law they answer a member's
    disclosure request about whom their data went to (APPI Art. 33(5), policy 8)."""
    return sorted(member_ids) if decision.released else []
