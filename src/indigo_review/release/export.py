"""The auditor's view of the ledger: a table per entry as formula-safe CSV, or a readable HTML report.

The CSV carries every column of every entry (member ids joined, items as `column (ENTITY, ...)`, details as
`key: value`), with the chain fields (sequence number, previous hash, hash), so the auditor can check the chain
without our tool; it is machine-readable and stays as it is. The HTML report is for reading on A4, in Japanese or
English: the verification on top (intact, broken at an entry, or not verified without the ledger key) with the head
to keep and the command for the next audit; then the provisions grouped by recipient, each entry's items and
details in words; the privacy budget spent, the purges, and the chain itself.
"""

from __future__ import annotations

import io
import json
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

import pandas as pd

from ..i18n import N_, resolve_lang, translator
from ..keys import LEDGER_KEY_ENV
from ..output import atomic_write_bytes, defuse_frame
from ..report import Section, Verdict, write_html_report
from ..vocabulary import ENTITY_LABELS
from .budget import PRIVACY_BUDGET
from .ledger import COLUMNS, items_text, read_entries
from .report import BASIS_LABELS
from .verification import Verification, verify

# The auditor sees every column of the ledger, in chain order.
AUDIT_COLUMNS = list(COLUMNS)
# Member ids an entry of the HTML report lists before pointing at the CSV export for the rest.
IDS_SHOWN = 10
# A keyed ledger exported without its key: amber (report.py's STYLES), for nothing is wrong but not all is checked.
NOT_VERIFIED = "not verified"
OUTCOMES = {
    "released": N_("released"),
    "refused": N_("refused"),
    "purged": N_("purged"),
    "spent": N_("ε spent"),
}
RELEASE_KINDS = {
    "internal": N_("internal (仮名加工情報)"),
    "third-party": N_("third-party (匿名加工情報)"),
}


def _details_text(details: dict[str, Any]) -> str:
    # A nested value as JSON, which an auditor's tools read, never as a Python literal.
    return "; ".join(
        f"{key}: {json.dumps(value, ensure_ascii=False) if isinstance(value, dict | list) else value}"
        for key, value in details.items()
    )


def audit_table(ledger: str | Path, since: date | None = None) -> pd.DataFrame:
    """Entries as text columns for people: ids joined, items as `column (ENTITY, ...)`, details as key: value."""
    frame = read_entries(ledger, since)
    out = frame.copy()
    out["persons"] = frame["persons"].map(" ".join)
    out["items"] = frame["items"].map(items_text)
    out["details"] = frame["details"].map(_details_text)
    return out[AUDIT_COLUMNS]


def csv_text(frame: pd.DataFrame) -> str:
    """The table as CSV text with every cell a spreadsheet would run as a formula defused."""
    buffer = io.StringIO()
    defuse_frame(frame).to_csv(buffer, index=False, lineterminator="\n")
    return buffer.getvalue()


def export_csv(ledger: str | Path, out: str | Path | None = None, since: date | None = None) -> str:
    """Export the ledger as CSV (UTF-8 with BOM when written to a file, for Excel); return the text."""
    text = csv_text(audit_table(ledger, since))
    if out is not None:
        atomic_write_bytes(out, text.encode("utf-8-sig"))
    return text


def _verdict(checked: Verification, t: Callable[..., str]) -> Verdict:
    """Intact (with the head to keep), broken at an entry, or not verified without the ledger key."""
    mode = (
        t("an HMAC-SHA-256 chain under the ledger key {key}", key=checked.key_fingerprint)
        if checked.key_fingerprint
        else t("a SHA-256 chain")
    )
    if not checked.ok:
        where = t("at entry {seq}", seq=checked.first_bad) if checked.first_bad is not None else ""
        return Verdict(
            "fail",
            t("The ledger is broken {where}: it cannot be trusted as it is.", where=where).replace("  ", " "),
            why=checked.problem_text(t),
            steps=[
                t("Do not purge the ledger or release anything more: keep a copy of the ledger file as evidence."),
                t(
                    "Compare the entries with the last export or backup to find what changed, and report it to the "
                    "manager of personal information."
                ),
            ],
            commands=["indigo-review ledger verify", "indigo-review ledger export --format csv --out ledger.csv"],
        )
    if checked.unchecked_macs:
        return Verdict(
            NOT_VERIFIED,
            t(
                "Not verified: {n} entries carry MACs under the ledger key {key}, which cannot be checked without it.",
                n=checked.unchecked_macs,
                key=checked.key_fingerprint,
            ),
            why=t("The chain, time order, purges and guards hold; only the MACs were not checked."),
            steps=[t("Set the ledger's key ({variable} or its _FILE form) and export again.", variable=LEDGER_KEY_ENV)],
            commands=[f"{LEDGER_KEY_ENV}_FILE=KEY_FILE indigo-review ledger export --format html --out ledger.html"],
        )
    if checked.head_seq is None:
        return Verdict("pass", t("The ledger is intact and empty: nothing was released or refused yet."))
    return Verdict(
        "pass",
        t(
            "The ledger is intact: {entries} entries, {mode}. Head: entry {seq}, hash {hash}.",
            entries=checked.entries,
            mode=mode,
            seq=checked.head_seq,
            hash=checked.head_hash,
        ),
        why=t(
            "Every entry matches its hash and follows the one before it, time never runs backwards, every purge "
            "kept the retention period, and the append-only guards are in place."
        ),
        steps=[
            t(
                "Keep the head (entry number and hash) where the ledger's users cannot write: the audit file, a "
                "ticket, paper."
            ),
            t("At the next audit, verify against it: an entry deleted or rewritten since then is found."),
        ],
        commands=[f"indigo-review ledger verify --head {checked.head_hash}"],
    )


def _items(items: list[dict[str, Any]], lang: str) -> str:
    """Items of personal data in words: `email (e-mail address)`, `email（メールアドレス）`."""
    t = translator(lang)
    comma, opening, closing, semicolon = ("、", "（", "）", "；") if lang == "ja" else (", ", " (", ")", "; ")
    said = []
    for item in items:
        kinds = comma.join(t(ENTITY_LABELS.get(e, e)) for e in item.get("entities", []))
        said.append(f"{item.get('column', '')}{opening}{kinds}{closing}")
    return semicolon.join(said)


def _members_provided(entries: pd.DataFrame, lang: str) -> str:
    """The member ids each released entry keeps (the first few; all are in the CSV export), below the table so that
    the table stays narrow enough for A4."""
    t = translator(lang)
    comma = "、" if lang == "ja" else ", "
    said = []
    for seq, ids in zip(entries["seq"], entries["persons"], strict=True):
        if ids:
            more = t(" and {n} more (CSV export)", n=len(ids) - IDS_SHOWN) if len(ids) > IDS_SHOWN else ""
            said.append(t("entry {seq}: {ids}", seq=seq, ids=comma.join(ids[:IDS_SHOWN]) + more))
    return t("Members provided: {entries}", entries=" · ".join(said)) if said else ""


def _value(value: Any, comma: str = ", ") -> str:
    """A stored value as text: a dict or list as its values, never a Python literal."""
    if isinstance(value, dict):
        return comma.join(_value(v, comma) for v in value.values() if v not in ("", None))
    if isinstance(value, list | tuple):
        return comma.join(_value(v, comma) for v in value)
    return str(value)


def _manager(value: Any, lang: str) -> str:
    """The manager of a shared use: a name, or a name with its address and representative."""
    if not isinstance(value, dict):
        return str(value)
    comma, opening, closing = ("、", "（", "）") if lang == "ja" else (", ", " (", ")")
    more = comma.join(str(value[k]) for k in ("address", "representative") if value.get(k))
    return f"{value.get('name', '')}{opening}{more}{closing}" if more else str(value.get("name", ""))


def _reasons(reasons: list[Any], recorded: str, lang: str) -> str:
    """A refusal's reasons, kept as templates with their values, in the reader's language; the English as
    recorded if one of them cannot be filled in (a damaged entry)."""
    t = translator(lang)
    try:
        said = [t(str(r["message"]), **dict(r.get("values") or {})) for r in reasons]
    except (AttributeError, IndexError, KeyError, TypeError, ValueError):
        return str(recorded)
    return ("。" if lang == "ja" else "; ").join(said)


def details_text(details: dict[str, Any], lang: str) -> str:
    """An entry's details as sentences (policy clause, Art. 29 record, contract, consent, notice, reason, ...)."""
    t = translator(lang)
    said = []
    comma = "、" if lang == "ja" else ", "
    # The ledger stores keys sorted; an auditor reads the basis first.
    first = ("policy_clause", "art29", "contract", "legal_basis", "consent", "shared_use_notice", "reasons", "reason")
    for key in sorted(details, key=lambda k: (first.index(k) if k in first else len(first), k)):
        value = details[key]
        if key == "policy_clause":
            said.append(t("policy clause {clause}", clause=value))
        elif key == "art29":
            said.append(t("APPI Art. 29 record: {record}", record=t(value)))
        elif key == "contract":
            said.append(t("contract: {contract}", contract=value))
        elif key == "legal_basis":
            said.append(t("law or order: {law}", law=value))
        elif key == "consent" and isinstance(value, dict):
            done = t("obtained from every member") if value.get("obtained") else t("missing for some members")
            said.append(t("consent {done} ({source})", done=done, source=value.get("source", "")))
        elif key == "shared_use_notice" and isinstance(value, dict):
            said.append(
                t(
                    "shared-use notice {file}: items {items}; shared with {shared_with}; purpose {purpose}; manager "
                    "{manager}",
                    **{k: _value(value.get(k, ""), comma) for k in ("file", "items", "shared_with", "purpose")},
                    manager=_manager(value.get("manager", ""), lang),
                )
            )
        elif key == "anonymise_release":
            said.append(t("anonymise output: {kind}", kind=t(RELEASE_KINDS.get(str(value), str(value)))))
        elif key == "information_items" and isinstance(value, list):
            words = [i.get("ja" if lang == "ja" else "en", "") if isinstance(i, dict) else str(i) for i in value]
            said.append(t("information items: {items}", items=comma.join(words)))
        elif key == "reasons" and isinstance(value, list):
            said.append(t("reason: {reason}", reason=_reasons(value, details.get("reason", ""), lang)))
        elif key == "reason" and not isinstance(details.get("reasons"), list):
            # An entry recorded before its reasons were kept as templates: its English, as recorded.
            said.append(t("reason (as recorded): {reason}", reason=value))
        elif key == "reason":
            continue
        elif key == "stop_list" and isinstance(value, dict):
            said.append(t("stop list read: {n} member(s)", n=value.get("entries", 0)))
        elif key == "run_folder":
            said.append(t("run folder: {path}", path=value))
        elif key != "anonymise_release_source":
            said.append(f"{key}: {_value(value, comma)}")
    return "".join(f"{s}。" for s in said) if lang == "ja" else "; ".join(said)


def _recipient_table(entries: pd.DataFrame, lang: str) -> pd.DataFrame:
    """One row per entry in six columns, so that the table reads on A4: entry and date, outcome and basis, file,
    members, items and details (the hashes have a table of their own)."""
    t = translator(lang)
    return pd.DataFrame(
        {
            t("entry and date of provision"): [
                t("{seq} ({day})", seq=seq, day=day)
                for seq, day in zip(entries["seq"], entries["provided_on"], strict=True)
            ],
            t("outcome and legal basis"): [
                t(
                    "{outcome}: {basis}",
                    outcome=t(OUTCOMES.get(o, o)),
                    basis=t(BASIS_LABELS[b]) if b in BASIS_LABELS else b,
                )
                for o, b in zip(entries["outcome"], entries["basis"], strict=True)
            ],
            t("file"): entries["file_name"],
            t("members in the file"): entries["person_count"],
            t("items of personal data"): [_items(i, lang) or "—" for i in entries["items"]],
            t("details"): [details_text(d, lang) for d in entries["details"]],
        }
    )


def _budget_table(entries: pd.DataFrame, t: Callable[..., str]) -> pd.DataFrame:
    return pd.DataFrame(
        {
            t("entry"): entries["seq"],
            t("date"): entries["provided_on"],
            t("population"): [d.get("population", "") for d in entries["details"]],
            t("ε spent"): [d.get("epsilon") for d in entries["details"]],
            t("spent before this year"): [d.get("spent_this_year_before") for d in entries["details"]],
            t("budget per year"): [d.get("budget_per_year") for d in entries["details"]],
            # The tables by the files the publication wrote into its run folder (dp_total.csv, ...).
            t("tables"): [", ".join(f"{name}.csv" for name in d.get("tables", [])) for d in entries["details"]],
        }
    )


def _purge_table(entries: pd.DataFrame, t: Callable[..., str]) -> pd.DataFrame:
    return pd.DataFrame(
        {
            t("entry"): entries["seq"],
            t("date"): entries["provided_on"],
            t("what was removed"): [
                t(
                    "{count} entries ({first} to {last}) provided before {before}, kept {years} years or more",
                    count=d.get("purged_count"),
                    first=d.get("purged_first_seq"),
                    last=d.get("purged_last_seq"),
                    before=d.get("before"),
                    years=d.get("retention_years"),
                )
                for d in entries["details"]
            ],
            t("hash of the last entry removed"): [d.get("anchor_hash", "") for d in entries["details"]],
        }
    )


def export_html(ledger: str | Path, out: str | Path, since: date | None = None, lang: str = "") -> Path:
    """Export the ledger as an HTML report: the verification and the head first, then the provisions by recipient,
    the privacy budget, the purges and the chain; in Japanese or English (`lang`; "" is the locale's)."""
    lang = resolve_lang(lang)
    t = translator(lang)
    checked = verify(ledger)
    frame = read_entries(ledger, since)
    provisions = frame[frame["kind"] == "provision"]
    recipients = list(dict.fromkeys(provisions["recipient"]))
    counts = pd.DataFrame(
        [
            {
                t("recipient"): name,
                t("released"): int((group["outcome"] == "released").sum()),
                t("refused"): int((group["outcome"] == "refused").sum()),
                t("first"): group["provided_on"].min(),
                t("last"): group["provided_on"].max(),
            }
            for name in recipients
            for group in [provisions[provisions["recipient"] == name]]
        ]
    )
    shown = (
        t("{n} entries provided on or after {since}", n=len(frame), since=since)
        if since
        else t("{n} entries", n=len(frame))
    )
    sections = [
        Section(
            t("Provisions by recipient"),
            t(
                "{shown}. The verification above covers the whole ledger. Member ids are kept for released provisions "
                "(APPI Art. 29, Art. 33(5)); a refusal keeps a count.",
                shown=shown,
            ),
            counts if len(counts) else None,
            note="" if len(counts) else t("No provision recorded."),
        )
    ]
    links = []
    for number, name in enumerate(recipients, start=1):
        group = provisions[provisions["recipient"] == name]
        latest = group.iloc[-1]
        about = [
            t("address: {address}", address=latest["recipient_address"]) if latest["recipient_address"] else "",
            t("representative: {name}", name=latest["recipient_representative"])
            if latest["recipient_representative"]
            else "",
        ]
        anchor = f"recipient-{number}"
        sections.append(
            Section(
                t("Recipient: {name}", name=name),
                " · ".join(a for a in about if a),
                _recipient_table(group, lang),
                note=_members_provided(group, lang),
                anchor=anchor,
            )
        )
        links.append((name, f"#{anchor}"))
    budget = frame[frame["kind"] == PRIVACY_BUDGET]
    if len(budget):
        said = t("Each differentially private publication of planning tables spends ε from its population's account.")
        sections.append(Section(t("Privacy budget spent"), said, _budget_table(budget, t), anchor="budget"))
    purges = frame[frame["kind"] == "purge"]
    if len(purges):
        said = t("Entries older than the retention period removed; each purge is itself an entry of the chain.")
        sections.append(Section(t("Purges"), said, _purge_table(purges, t), anchor="purges"))
    chain = pd.DataFrame(
        {
            t("entry"): frame["seq"],
            t("recorded at (UTC)"): frame["recorded_at"],
            t("SHA-256 of the file"): frame["file_sha256"],
            t("hash of the entry before"): frame["prev_hash"],
            t("hash"): frame["hash"],
        }
    )
    sections.append(
        Section(
            t("The chain"),
            t(
                "Each entry's hash covers its fields and the hash of the entry before it; the CSV export has every "
                "field to recompute them. The SHA-256 of a file identifies exactly the file that was provided."
            ),
            chain if len(chain) else None,
            anchor="chain",
        )
    )
    title = t("Provision ledger {name}", name=Path(ledger).name)
    return write_html_report(out, title, _verdict(checked, t), sections, lang, links)
