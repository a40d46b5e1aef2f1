"""release.html: the decision first (released or refused, why, what to do next, the exact command), then what
the ledger recorded, in Japanese or English; member ids only where they stopped the release."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pandas as pd

from ..i18n import N_, translator
from ..report import Section, Verdict, write_html_report
from ..vocabulary import ENTITY_LABELS
from .bases import Decision
from .ledger import REFUSED, RELEASED

REPORT_NAME = "release.html"
# The machine-readable result, written after release.html (report.py links it all the same).
RESULT_NAME = "release.json"
BASIS_LABELS = {
    "anonymous": N_("anonymous (no one can be identified, policy 3(1))"),
    "consent": N_("with the members' consent (policy 3)"),
    "outsourcing": N_("to an outsourced contractor (policy 3(2))"),
    "shared-use": N_("shared use (policy 4)"),
    "law": N_("required by law (policy 3(3))"),
}
LINKS = (
    (N_("the scan's report"), "report.html"),
    (N_("findings (masked)"), "findings.csv"),
    (N_("machine-readable result"), RESULT_NAME),
    (N_("executed notebook"), "notebook.ipynb"),
)
REFUSED_WHY = {"stop_of_use": N_("asked to stop the use of their data"), "no_consent": N_("no recorded consent")}
COLUMNS = {
    "item": N_("item"),
    "value": N_("value"),
    "column": N_("column"),
    "items": N_("items of personal data"),
    "member_id": N_("member id"),
    "why": N_("why"),
}


def _items(items: list[dict[str, Any]], t) -> pd.DataFrame:
    rows = [
        {"column": i["column"], "items": ", ".join(t(ENTITY_LABELS.get(e, e)) for e in i["entities"])} for i in items
    ]
    return pd.DataFrame(rows, columns=["column", "items"])


def write_release_report(out_dir: Path, result: dict[str, Any], decision: Decision, lang: str) -> Verdict:
    """Write release.html for a decided release; its verdict (the command line says its headline)."""
    t = translator(lang)
    released = result["status"] == RELEASED
    basis = t(BASIS_LABELS[result["basis"]])
    recipient = result["recipient"]["name"]
    if released:
        verdict = Verdict(
            RELEASED,
            t(
                "{file} may be given to {recipient}: released on the basis {basis}, recorded as ledger entry {seq}.",
                file=result["file"],
                recipient=recipient,
                basis=basis,
                seq=result["ledger"]["seq"],
            ),
            steps=[
                t("Hand over exactly this file: its SHA-256 is in the ledger."),
                t("Keep the ledger entry number with the correspondence with the recipient."),
            ],
            commands=[f"indigo-review ledger list --since {result['provided_on']}"],
        )
    else:
        verdict = Verdict(
            REFUSED,
            t(
                "{file} may not be given to {recipient} on the basis {basis}. The refusal is recorded as ledger entry "
                "{seq}.",
                file=result["file"],
                recipient=recipient,
                basis=basis,
                seq=result["ledger"]["seq"],
            ),
            # Each reason a sentence: 。 after Japanese, ". " between English ones.
            why="".join(f"{r.text(t)}。" for r in decision.refusals)
            if lang == "ja"
            else " ".join(f"{r.text(t)}." for r in decision.refusals),
            steps=[r.next_step(t) for r in decision.refusals if r.step],
            commands=[result.get("command", "")] if result.get("command") else [],
        )
    details = result["details"]
    registry = result.get("member_registry") or {}
    stop_list = next((s for s in result.get("stores", []) if s["store"] == "stop_list"), None)
    record = pd.DataFrame(
        [
            (t("date of provision"), result["provided_on"]),
            (t("recipient"), recipient),
            (t("recipient's address"), result["recipient"]["address"]),
            (t("recipient's representative"), result["recipient"]["representative"]),
            (t("legal basis"), basis),
            (t("record under APPI Art. 29"), t(details.get("art29", ""))),
            (t("file"), result["file"]),
            (t("SHA-256 of the file"), result["sha256"]),
            (t("scan verdict"), t(result["scan_verdict"])),
            (t("members of the society in the file"), result["person_count"]),
            (
                t("member registry"),
                t(
                    "{members} members ({source})",
                    members=registry.get("members", 0),
                    source=Path(str(registry.get("source", ""))).name,
                ),
            ),
            (
                t("stop list read"),
                t("{entries} member(s) stopped ({path})", entries=stop_list["entries"], path=stop_list["path"])
                if stop_list
                else "—",
            ),
            (t("ledger entry"), f"{result['ledger']['seq']} ({result['ledger']['hash'][:16]}…)"),
        ],
        columns=["item", "value"],
    )
    sections = [
        Section(
            t("What the ledger records"), t("The provision ledger keeps this record for at least three years."), record
        ),
        Section(
            t("Items of personal data in the file"),
            "",
            _items(result["items"], t) if result["items"] else None,
            note="" if result["items"] else t("The scan found no personal data."),
        ),
    ]
    refused = [
        {"member_id": m, "why": t(REFUSED_WHY.get(why, why))}
        for why, ids in result["refused_members"].items()
        for m in ids
    ]
    if refused:
        sections.append(Section(t("Members who stop the release (ids only)"), "", pd.DataFrame(refused)))
    if result["persons"]:
        sections.append(Section(t("Members provided (recorded in the ledger)"), ", ".join(result["persons"])))
    title = t("Release of {file}", file=result["file"])
    links = [(t(label), href) for label, href in LINKS]
    write_html_report(out_dir / REPORT_NAME, title, verdict, sections, lang, links, COLUMNS, (RESULT_NAME,))
    return verdict
