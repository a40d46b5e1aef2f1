"""The release job: scan the file, apply the legal basis, record the decision in the ledger, write the run folder.

Flow: check the request (a missing particular is exit 2 before anything runs), read the stop list, the
shared-use notice and the members' consent (unreadable: exit 2), run the scan through its public job
function into the run folder (ERROR: exit 2, nothing recorded, as nothing was decided), find the member
ids the file holds, apply the basis (`bases.decide`), append the decision to the ledger, and write
`release.json` and `release.html`. Exit 0 released and recorded, 1 refused and recorded.

Refusals are recorded too: the auditor sees every attempt to release a file, not only the ones that
went out, with the reason in counts (the refused members' ids stay in the run folder's release.json and
never enter the ledger, which keeps member ids only for provisions Art. 29 asks it to record).
"""

from __future__ import annotations

import shlex
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

import pandas as pd

from ..contract import Outcome
from ..errors import EXIT_FAILED, EXIT_PASS, ParameterError
from ..i18n import resolve_lang
from ..report import write_result
from ..stop_list import read_stop_list
from ..workspace import Workspace
from .bases import Decision, Facts, decide, recorded_persons
from .ledger import REFUSED, RELEASED, Provision, append, ledger_read, ready_to_append
from .ledger import STORE as LEDGER
from .origin import anonymise_origin
from .persons import read_consent
from .report import RESULT_NAME, write_release_report
from .settings import ANONYMOUS, CONSENT, SHARED_USE, ReleaseSettings
from .shared_use import load_notice


@dataclass
class ReleaseOutcome:
    """What the notebook shows (the job's `Outcome.detail`): the result's fields, the decision, the ledger entry."""

    result: dict[str, Any]
    decision: Decision
    entry: dict[str, Any]

    def items(self) -> pd.DataFrame:
        """The items of personal data the scan found: one row per column with its entities."""
        rows = [{"column": i["column"], "entities": ", ".join(i["entities"])} for i in self.result["items"]]
        return pd.DataFrame(rows, columns=["column", "entities"])

    def refused_members(self) -> pd.DataFrame:
        """Member ids that made the release refused, with why (ids only, never other values)."""
        rows = [{"member_id": m, "why": why} for why, ids in self.decision.refused_members.items() for m in ids]
        return pd.DataFrame(rows, columns=["member_id", "why"])


def scan_items(counts_by_column: dict[str, dict[str, int]]) -> list[dict[str, Any]]:
    """The items of personal data (Rules Art. 20): each column the scan found something in, with its entities."""
    return [
        {"column": column, "entities": sorted(entities)}
        for column, entities in sorted(counts_by_column.items())
        if entities
    ]


def run(settings: ReleaseSettings, out_dir: str | Path, now: datetime | None = None) -> Outcome:
    """Scan the file into out_dir, apply the basis, append the decision to the ledger, write release.json."""
    settings = settings.validate()
    path, out_dir = Path(settings.path), Path(out_dir)
    if not settings.path:
        raise ParameterError(None, "no file to release", "name the file to release")
    workspace = Workspace.locate(settings.workspace)
    basis, recipient = settings.basis, settings.recipient.strip()
    # The stores are read before the scan: a lost stop list or ledger stops the job before anything is decided.
    stop_list = read_stop_list(workspace)
    existing = workspace.existing(LEDGER)
    ledger_file = existing or workspace.ensure().path(LEDGER)
    ready_to_append(ledger_file)  # a damaged ledger, or a keyed one without its key, stops the job here (exit 2)
    # Who is in the file is decided by the society's own members table: without it nothing can be decided.
    members_dir = workspace.members_folder(settings.members_dir)
    if not members_dir:
        raise ParameterError(
            None,
            "no member registry: a release must know the society's members to find them in the file",
            "give --members DIR, or once: indigo-review workspace set --data DIR",
        )
    notice = load_notice(settings.shared_use_path) if basis == SHARED_USE and settings.shared_use_path else None
    consent = read_consent(members_dir) if basis == CONSENT else None

    # Imported here: the scan loads Presidio and GiNZA, which the ledger commands never need.
    from ..scan import ScanSettings, raise_for_error
    from ..scan import run as run_scan

    scanned = ScanSettings(paths=(str(path),), members=members_dir, workspace=settings.workspace)
    batch = run_scan(scanned, out_dir).detail
    scan = batch.results[0]
    raise_for_error(scan)  # fail closed: a file the scan could not read in full is never released
    member_ids = sorted(scan.members)
    facts = Facts(
        scan_verdict=scan.verdict,
        counts_by_entity=scan.counts_by_entity(),
        member_ids=member_ids,
        stopped=stop_list.members,
        origin=anonymise_origin(path) if basis == ANONYMOUS else None,
        consent=consent,
        notice=notice,
    )
    decision = decide(settings, facts)
    items = scan_items(scan.counts_by_column())
    persons = recorded_persons(settings, decision, member_ids)
    outcome = RELEASED if decision.released else REFUSED
    details = dict(decision.details)
    if not decision.released:
        details["reason"] = decision.ledger_reason
        details["reasons"] = decision.ledger_reasons
    details["run_folder"] = str(out_dir.resolve())
    details["stop_list"] = stop_list.read.to_json()
    entry = append(
        ledger_file,
        Provision(
            outcome=outcome,
            basis=basis,
            recipient=recipient,
            recipient_address=settings.recipient_address.strip(),
            recipient_representative=settings.recipient_representative.strip(),
            file_name=path.name,
            file_sha256=scan.sha256,
            scan_verdict=scan.verdict,
            persons=persons,
            person_count=len(member_ids),
            items=items,
            details=details,
        ),
        now,
    )
    workspace.mark_created(LEDGER)
    exit_code = EXIT_PASS if decision.released else EXIT_FAILED
    summary = (
        f"{path.name} released to {recipient} on basis {basis}; ledger entry {entry['seq']}"
        if decision.released
        else f"{path.name} refused for {recipient} on basis {basis}: {decision.reason}"
    )
    result = {
        "summary": summary,
        "reason": decision.reason,
        "basis": basis,
        "recipient": {
            "name": recipient,
            "address": settings.recipient_address.strip(),
            "representative": settings.recipient_representative.strip(),
        },
        "file": path.name,
        "sha256": scan.sha256,
        "scan_verdict": scan.verdict,
        "items": items,
        "person_count": len(member_ids),
        "member_registry": scan.registry,
        "persons": persons,
        "refused_members": decision.refused_members,
        "details": decision.details,
        "provided_on": entry["provided_on"],
        "ledger": {"path": str(ledger_file.resolve()), "seq": entry["seq"], "hash": entry["hash"]},
    }
    result["command"] = command_line(settings)
    stores = [stop_list.read, ledger_read(ledger_file)]
    lang = resolve_lang(settings.lang, workspace.settings())
    verdict = write_release_report(
        out_dir, {**result, "status": outcome, "stores": [s.to_json() for s in stores]}, decision, lang
    )
    return write_result(
        out_dir / RESULT_NAME,
        "release",
        exit_code,
        status=outcome,
        stores=stores,
        settings=settings,
        detail=ReleaseOutcome(result, decision, entry),
        lang=lang,
        headline=verdict.headline,
        **result,
    )


def command_line(settings: ReleaseSettings) -> str:
    """The command that asks for this release again (after the file was fixed), for the report."""
    words = ["indigo-review", "release", shlex.quote(settings.path), "--to", shlex.quote(settings.recipient)]
    words += ["--basis", settings.basis]
    for option, value in (
        ("--recipient-address", settings.recipient_address),
        ("--recipient-representative", settings.recipient_representative),
        ("--contract", settings.contract),
        ("--legal-basis", settings.legal_basis),
        ("--shared-use", settings.shared_use_path),
        ("--members", settings.members_dir),
    ):
        if value:
            words += [option, shlex.quote(value)]
    words += [w for entity in settings.allow_entities for w in ("--allow-entity", entity)]
    return " ".join(words)
