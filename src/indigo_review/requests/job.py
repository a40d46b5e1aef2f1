"""The member-request job (policy 8): log the request, find what is held, write the answer, close the log entry.

Outside `answer/` the run folder gets only counts and masked values: `request.json`, `report.html` and the
executed notebook. Exit 0 answered; 1 nothing held about the member, the request refused, or a correction
whose changes break an accuracy rule; 2 the job could not run (a table missing or unreadable).
"""

from __future__ import annotations

import secrets
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

import pandas as pd

from ..contract import Outcome
from ..errors import EXIT_FAILED, EXIT_PASS
from ..i18n import resolve_lang
from ..registry import available_key
from ..release import entries_for_member, ledger_read
from ..report import write_result
from ..resources import expectations_dir
from ..stop_list import add_to_stop_list, read_stop_list
from ..workspace import Workspace
from .answer import (
    Letter,
    addressee,
    answer_dir,
    write_disclosure,
    write_letter,
    write_nothing_held,
    write_private_csv,
    write_refusal,
    write_stop,
)
from .corrections import change_set, corrected_rows, read_changes, validate_changes
from .finding import MEMBERS, Holdings, find_holdings
from .labels import labels
from .log import ANSWERED, OPEN, REFUSED, Entry, close_request, record_open
from .policy import KINDS
from .report import NOTHING_HELD, RESULT, report_verdict, write_request_report
from .settings import RequestSettings

LEDGER = "ledger"

PROVISIONS = "provisions_to_third_parties"


@dataclass
class RequestOutcome:
    """What the notebook shows (the job's `Outcome.detail`; holdings keep raw values: never display them)."""

    request_id: str
    result: dict[str, Any]
    run_dir: Path
    holdings: Holdings | None = None
    answer_files: list[str] = field(default_factory=list)

    def counts(self) -> pd.DataFrame:
        """Records held per table (counts only)."""
        counts = self.result.get("records_per_table", {})
        return pd.DataFrame({"table": list(counts), "records": list(counts.values())})

    def masked_mentions(self) -> pd.DataFrame:
        """Mentions in other records with masked evidence only: table, record, column, match, evidence."""
        if self.holdings is None or self.holdings.mentions.empty:
            return pd.DataFrame(columns=["table", "record_id", "column", "match", "certain", "evidence"])
        return self.holdings.mentions[["table", "record_id", "column", "match", "certain", "evidence"]].copy()


def new_request_id(received: date, member_id: str) -> str:
    """A request number the member can quote: received date, member id and a short random part."""
    return f"R{received:%Y%m%d}-{member_id}-{secrets.token_hex(2)}"


def run(settings: RequestSettings, out_dir: str | Path) -> Outcome:
    """Run one member request end to end into out_dir and log it in the workspace."""
    settings = settings.validate()
    run_dir = Path(out_dir)
    run_dir.mkdir(parents=True, exist_ok=True)
    workspace = Workspace.locate(settings.workspace)
    received = settings.received_on
    data_dir = settings.data
    request_id = new_request_id(received, settings.member_id)
    entry = Entry(
        request_id,
        received,
        settings.kind,
        settings.member_id,
        settings.requester,
        tuple(settings.id_documents),
        settings.due_days,
        str(run_dir.resolve()),
    )
    stores = [record_open(workspace, entry)]
    folder = answer_dir(run_dir)
    letter = Letter(
        title=f"保有個人データの{KINDS[settings.kind]}のご請求について",
        request_id=request_id,
        received=received,
        kind=settings.kind,
        requester=settings.requester,
        addressee="ご請求者 様",
    )
    holdings: Holdings | None = None
    extra: dict[str, Any] = {}
    nothing_held = False
    if settings.refuse:
        files = write_refusal(folder, letter, settings.refuse)
        status, exit_code, summary = REFUSED, EXIT_FAILED, f"refused: case {settings.refuse}"
    else:
        holdings = find_holdings(data_dir, settings.member_id, available_key(workspace))
        ledger = workspace.existing(LEDGER) if settings.kind == "disclosure" else None
        if ledger is not None:
            holdings.other_tables[PROVISIONS] = entries_for_member(ledger, settings.member_id)
            holdings.sources[PROVISIONS] = ledger.name
            stores.append(ledger_read(ledger))
        letter.addressee = addressee(holdings)
        if holdings.empty:
            nothing_held = True
            files = write_nothing_held(folder, letter)
            status, exit_code, summary = ANSWERED, EXIT_FAILED, "nothing is held about this member id"
        elif settings.kind == "disclosure":
            files = write_disclosure(folder, holdings, letter)
            status, exit_code, summary = ANSWERED, EXIT_PASS, _held_summary(holdings)
        elif settings.kind == "stop":
            add_to_stop_list(workspace, settings.member_id, request_id, received)
            stores.append(read_stop_list(workspace).read)
            files = write_stop(folder, holdings, letter)
            status, exit_code, summary = ANSWERED, EXIT_PASS, f"added to the stop list; {_held_summary(holdings)}"
        else:
            files, status, exit_code, summary, extra = _correct(folder, holdings, letter, settings)
            nothing_held = holdings.member.empty
    note = extra.get("note", "")
    close_request(workspace, request_id, status, settings.refuse, note)
    result = {
        "summary": summary,
        "request_id": request_id,
        "kind": settings.kind,
        "member_id": settings.member_id,
        "requester": settings.requester,
        "id_documents": list(settings.id_documents),
        "received": received.isoformat(),
        "due": entry.due.isoformat(),
        "refusal_case": settings.refuse,
        "records_per_table": holdings.counts() if holdings else {},
        "mentions": holdings.mention_counts() if holdings else {},
        "answer_files": files,
        "tables_searched": len(holdings.sources) if holdings else 0,
        "could_not_read": holdings.unreadable if holdings else [],
        **{k: v for k, v in extra.items() if k != "note"},
    }
    detail = RequestOutcome(request_id, result, run_dir, holdings, files)
    lang = resolve_lang(settings.lang, workspace.settings())
    shown = NOTHING_HELD if nothing_held else status
    verdict = report_verdict(result, shown, settings, lang)
    write_request_report(run_dir, result, shown, settings, lang, verdict)
    return write_result(
        run_dir / RESULT,
        "request",
        exit_code,
        status=status,
        stores=stores,
        settings=settings,
        detail=detail,
        lang=lang,
        headline=verdict.headline,
        **result,
    )


def _held_summary(holdings: Holdings) -> str:
    counts = holdings.counts()
    mentions = holdings.mention_counts()
    tables = ", ".join(f"{name} {n}" for name, n in counts.items() if n)
    return (
        f"records held: {tables or 'none'}; mentions in other records: {mentions['certain']}"
        f" (+{mentions['to_confirm']} surname-only to confirm)"
    )


def _correct(
    folder: Path, holdings: Holdings, letter: Letter, settings: RequestSettings
) -> tuple[list[str], str, int, str, dict[str, Any]]:
    """Validate the changes; valid ones become changes.csv and a corrected copy, invalid ones are refused by rule."""
    if holdings.member.empty:
        files = write_nothing_held(folder, letter)
        return files, ANSWERED, EXIT_FAILED, "the member has no row in members to correct", {}
    member = holdings.member.iloc[0]
    changes = read_changes(settings.changes_path, list(holdings.member.columns))
    verdicts = validate_changes(member, changes, settings.suites or expectations_dir(), settings.received_on)
    refused = [v for v in verdicts if not v.valid]
    checked = [{"column": v.column, "rule": v.rule or "valid"} for v in verdicts]
    if refused:
        table = pd.DataFrame(
            {
                "column": [v.column for v in refused],
                "new_value": [v.new_value for v in refused],
                "rule": [v.rule for v in refused],
            }
        )
        write_private_csv(folder / "changes_refused.csv", table)
        words = labels("ja")
        shown = pd.DataFrame(
            {
                "項目": [words.column(v.column) for v in refused],
                "ご請求の内容": [words.value(v.column, v.new_value) for v in refused],
                "訂正できない理由": [words.rule(v.rule) for v in refused],
            }
        )
        letter.paragraphs.append(
            "ご請求の訂正内容のうち、次の項目は当会の記録の正確性の基準に合わないため、訂正できませんでした。"
            "内容をご確認のうえ、あらためてご請求ください。"
        )
        letter.tables.append(("訂正できなかった項目", shown))
        write_letter(folder, letter)
        rules = ", ".join(f"{v.column}: {v.rule}" for v in refused)
        return (
            ["changes_refused.csv", "letter.html"],
            OPEN,
            EXIT_FAILED,
            f"changes refused ({rules})",
            {"changes": checked, "note": f"changes refused: {rules}"},
        )
    write_private_csv(folder / "changes.csv", change_set(member, verdicts, MEMBERS))
    write_private_csv(folder / f"{MEMBERS}_corrected.csv", corrected_rows(holdings.member, verdicts))
    letter.paragraphs.append("ご請求の訂正内容を確認し、次のとおり訂正の手続きを行います（訂正前と訂正後の内容）。")
    words = labels("ja")
    changes = pd.DataFrame(
        {
            "項目": [words.column(v.column) for v in verdicts],
            "訂正前": [words.value(v.column, str(member[v.column])) for v in verdicts],
            "訂正後": [words.value(v.column, v.new_value) for v in verdicts],
        }
    )
    letter.tables.append(("訂正の内容", changes))
    write_letter(folder, letter)
    summary = f"{len(verdicts)} changes valid; change set written for review"
    return (
        ["changes.csv", f"{MEMBERS}_corrected.csv", "letter.html"],
        ANSWERED,
        EXIT_PASS,
        summary,
        {"changes": checked},
    )
