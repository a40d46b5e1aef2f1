"""report.html of a member's request, for the person handling it: answered, refused, open or nothing held, what to
do next (check to_confirm.csv, print the letter and mail it by the due date, apply the change set after review)
and the command; then the request, counts per table and the answer's files. Counts only: the member's values stay
in `answer/`, and no mention's text or evidence is shown here.
"""

from __future__ import annotations

import shlex
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pandas as pd

from ..errors import READING_PROBLEMS
from ..i18n import N_, translator
from ..report import Section, Verdict, write_html_report
from .labels import labels
from .log import ANSWERED, OPEN, REFUSED
from .policy import refusal_number
from .settings import RequestSettings

REPORT_NAME = "report.html"
# The machine-readable result, written after report.html (report.py links it all the same).
RESULT = "request.json"
# A request with nothing held under its member id: answered with a letter saying so, but exit 1 (amber in
# report.py's STYLES).
NOTHING_HELD = "nothing held"
KINDS = {"disclosure": N_("disclosure"), "correction": N_("correction"), "stop": N_("stop of use")}
REQUESTERS = {"self": N_("the member"), "agent": N_("an agent")}
DOCUMENTS = {
    "drivers_license": N_("driver's licence"),
    "passport": N_("passport"),
    "health_insurance_card": N_("health insurance card"),
    "pension_book": N_("pension book"),
    "residence_card": N_("residence card (formerly alien registration card)"),
    "power_of_attorney": N_("power of attorney"),
    "seal_certificate": N_("seal registration certificate"),
    "family_register": N_("copy of the family register"),
}
REFUSAL_CASES = {
    "identity_not_confirmed": N_("the requester's identity could not be confirmed"),
    "agency_not_confirmed": N_("the agent's authority could not be confirmed"),
    "documents_incomplete": N_("the documents are incomplete"),
    "not_retained_personal_data": N_("what is asked for is not personal data the society holds"),
    "risk_to_rights": N_("answering could harm the life, body, property or other rights of the member or another"),
    "business_hindrance": N_("answering would seriously hinder the society's proper work"),
    "violates_law": N_("answering would break another law"),
}
# What each file of the answer folder is for.
FILES = {
    "letter.html": N_("the letter to the member: print it and mail it"),
    "members.csv": N_("the member's row in the members table, as held"),
    "signups.csv": N_("the member's sign-ups, others named in them masked"),
    "mentions.csv": N_("mentions of the member in other records, others masked"),
    "to_confirm.csv": N_("mentions by surname only: confirm each before sending; not in the letter"),
    "provisions_to_third_parties.csv": N_("provisions to third parties that included the member"),
    "changes.csv": N_("the change set for the data team to apply after review"),
    "members_corrected.csv": N_("the member's row with the changes applied"),
    "changes_refused.csv": N_("the changes refused, with the rule each breaks"),
}
LINKS = (
    (N_("the letter (answer/letter.html)"), "answer/letter.html"),
    (N_("mentions to confirm (answer/to_confirm.csv)"), "answer/to_confirm.csv"),
    (N_("the change set (answer/changes.csv)"), "answer/changes.csv"),
    (N_("machine-readable result"), RESULT),
    (N_("executed notebook"), "notebook.ipynb"),
)


def _unread_why(unread: dict[str, str], t: Callable[..., str]) -> str:
    """Why a file could not be read, in the report's language (request.json keeps the English detail)."""
    reason = READING_PROBLEMS.get(unread.get("reason", ""))
    return t(reason) if reason else unread.get("why", "")


def _command(settings: RequestSettings, **changes: str) -> str:
    """The request command again (with some options changed), for a request to be redone."""
    options: dict[str, Any] = {
        "--kind": settings.kind,
        "--member": settings.member_id,
        "--data": settings.data,
        "--requester": "" if settings.requester == "self" else settings.requester,
        **{f"--{k.replace('_', '-')}": v for k, v in changes.items()},
    }
    words = ["indigo-review", "request"]
    for option, value in options.items():
        if value:
            words += [option, shlex.quote(str(value))]
    words += [w for d in settings.id_documents for w in ("--id-document", d)]
    return " ".join(words)


def report_verdict(result: dict[str, Any], status: str, settings: RequestSettings, lang: str) -> Verdict:
    """The verdict on top of the report (and its headline on the command line), in the run's language."""
    return _verdict(result, status, settings, lang)


def _verdict(result: dict[str, Any], status: str, settings: RequestSettings, lang: str) -> Verdict:
    """What happened to the request and what the handler does next."""
    t = translator(lang)
    words = labels(lang)
    member, due, request = result["member_id"], words.value("", result["due"]), result["request_id"]
    records = sum(n for n in result["records_per_table"].values())
    mentions = result.get("mentions") or {}
    unread = len(result.get("could_not_read") or [])
    mail = t("Print answer/letter.html and mail it to the member by {due}, as the policy says.", due=due)
    by_hand = t(
        "Look through the {n} file(s) that could not be read (listed below) by hand: the member may be in them.",
        n=unread,
    )
    listing = "indigo-review request list"
    if status == REFUSED:
        case = result["refusal_case"]
        return Verdict(
            REFUSED,
            t(
                "Request {request} was refused under case ({number}) of the policy: {case}. No member data was read.",
                request=request,
                number=refusal_number(case),
                case=t(REFUSAL_CASES[case]),
            ),
            steps=[t("Print the written notice answer/letter.html and mail it by {due}.", due=due)],
            commands=[listing],
        )
    if status == NOTHING_HELD:
        steps = [
            t("Check the member id against the request form: a mistyped id finds nothing."),
            t("If the id is right, mail answer/letter.html, which says that nothing is held, by {due}.", due=due),
        ]
        if unread:
            steps.insert(1, by_hand)
        return Verdict(
            NOTHING_HELD,
            t(
                "Nothing is held under member id {member}: {tables} table(s) were searched.",
                member=member,
                tables=result.get("tables_searched", 0),
            ),
            steps=steps,
            commands=[_command(settings, member="MEMBER_ID")],
        )
    if status == OPEN:
        refused = [c for c in result.get("changes", []) if c["rule"] != "valid"]
        return Verdict(
            OPEN,
            t(
                "{refused} of the {asked} requested change(s) break an accuracy rule: request {request} stays open.",
                refused=len(refused),
                asked=len(result.get("changes", [])),
                request=request,
            ),
            why=("、" if lang == "ja" else "; ").join(
                f"{words.column(c['column'])}{'：' if lang == 'ja' else ': '}{words.rule(c['rule'])}" for c in refused
            ),
            steps=[
                t(
                    "Mail answer/letter.html, which lists the items that cannot be corrected, and ask the member for "
                    "corrected values; the answer is due by {due}.",
                    due=due,
                ),
                t("When the member replies, run the correction again with the new values."),
            ],
            commands=[_command(settings, changes="NEW_CHANGES.csv")],
        )
    held = t(
        "{records} record(s) in {tables} table(s); {mentions} mention(s) in other records.",
        records=records,
        tables=sum(1 for n in result["records_per_table"].values() if n),
        mentions=mentions.get("certain", 0),
    )
    steps = []
    if mentions.get("to_confirm"):
        steps.append(
            t(
                "Check answer/to_confirm.csv: {n} mention(s) by surname only. Add to the answer only those about this "
                "member; the others are someone else's.",
                n=mentions["to_confirm"],
            )
        )
    if unread:
        steps.append(by_hand)
    commands = [listing]
    if result["kind"] == "stop":
        headline = t(
            "Member {member} was added to the stop list: releases and anonymisation leave them out from now on. {held}",
            member=member,
            held=held,
        )
    elif result["kind"] == "correction":
        headline = t(
            "The {n} requested change(s) for member {member} pass the accuracy rules: the change set is ready for "
            "review. The source files were not edited.",
            n=len(result.get("changes", [])),
            member=member,
        )
        steps.append(t("Review answer/changes.csv and apply it to the members table in the society's system."))
        steps.append(t("Then run the accuracy check on the corrected data."))
        commands = ["indigo-review check --data " + shlex.quote(settings.data), listing]
    else:
        headline = t("The answer to disclosure request {request} is ready: {held}", request=request, held=held)
    steps.append(mail)
    steps.append(t("Keep this run folder for the audit: answer/ holds the member's data and only you can read it."))
    return Verdict(ANSWERED, headline, why=_why(result, t), steps=steps, commands=commands)


def _why(result: dict[str, Any], t: Callable[..., str]) -> str:
    return t(
        "Everything held under member id {member} was searched for in {tables} table(s) below the data folder, and "
        "in other members' records by name, reading, phone and e-mail.",
        member=result["member_id"],
        tables=result.get("tables_searched", 0),
    )


def write_request_report(
    run_dir: Path,
    result: dict[str, Any],
    status: str,
    settings: RequestSettings,
    lang: str,
    verdict: Verdict | None = None,
) -> Path:
    """Write report.html for a member's request: the verdict (made here unless given), the request, counts per
    table, the answer's files."""
    t = translator(lang)
    words = labels(lang)
    verdict = verdict or _verdict(result, status, settings, lang)
    documents = ", ".join(t(DOCUMENTS.get(d, d)) for d in result["id_documents"]) or "—"
    request = pd.DataFrame(
        [
            (t("request number"), result["request_id"]),
            (t("kind of request"), t(KINDS[result["kind"]])),
            (t("member id"), result["member_id"]),
            (t("requested by"), t(REQUESTERS.get(result["requester"], result["requester"]))),
            (t("identity documents checked"), documents),
            (t("received"), words.value("", result["received"])),
            (t("answer due"), words.value("", result["due"])),
            (t("outcome"), t(STATUS_WORDS.get(status, status))),
        ],
        columns=[t("item"), t("value")],
    )
    if result.get("refusal_case"):
        case = result["refusal_case"]
        said = t("({number}) {case}", number=refusal_number(case), case=t(REFUSAL_CASES[case]))
        request.loc[len(request)] = [t("case of the policy refused under"), said]
    sections = [Section(t("The request"), "", request)]
    counts = result.get("records_per_table") or {}
    if counts:
        table = pd.DataFrame({t("record"): [words.table(n) for n in counts], t("records held"): list(counts.values())})
        sections.append(Section(t("Records held, per table"), t("Counts only: the records are in answer/."), table))
    mentions = result.get("mentions") or {}
    if counts:
        sections.append(
            Section(
                t("Mentions in other members' records"),
                t(
                    "{certain} mention(s) by full name, reading, phone, e-mail or member id (in answer/mentions.csv, "
                    "others masked); {to_confirm} by surname only, to confirm (answer/to_confirm.csv).",
                    certain=mentions.get("certain", 0),
                    to_confirm=mentions.get("to_confirm", 0),
                ),
            )
        )
    unread = result.get("could_not_read") or []
    if unread:
        frame = pd.DataFrame([{t("file"): u.get("file", ""), t("why"): _unread_why(u, t)} for u in unread])
        said = t("The member may be in them: look at them by hand.")
        sections.append(Section(t("Files that could not be read"), said, frame))
    if result.get("changes"):
        changes = pd.DataFrame(
            {
                t("item"): [words.column(c["column"]) for c in result["changes"]],
                t("result"): [t("valid") if c["rule"] == "valid" else words.rule(c["rule"]) for c in result["changes"]],
            }
        )
        sections.append(Section(t("Requested changes"), t("Rules only; the values are in answer/."), changes))
    names = result["answer_files"]
    files = pd.DataFrame(
        {
            t("file"): [f"answer/{f}" for f in names],
            t("what it is"): [t(FILES[f]) if f in FILES else "—" for f in names],
        }
    )
    sections.append(Section(t("The answer folder"), t("answer/ is readable by its owner only."), files))
    title = t("Member request {request}: {kind}", request=result["request_id"], kind=t(KINDS[result["kind"]]))
    links = [(t(label), href) for label, href in LINKS]
    return write_html_report(run_dir / REPORT_NAME, title, verdict, sections, lang, links, written_after=(RESULT,))


STATUS_WORDS = {ANSWERED: N_("answered"), OPEN: N_("open"), REFUSED: N_("refused"), NOTHING_HELD: N_("nothing held")}
