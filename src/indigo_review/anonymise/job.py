"""The anonymise job end to end: read the tables, anonymise, write, verify the written file, plan, report.

A third-party release is also compared with every earlier release of its population that shares a period
(history.py: the difference attack), and recorded in the workspace's release history when it passes: at
anonymise time, not when the release job ships it, because any file written here could be shipped, and a file
is safe only if it stays safe beside every other one that could have left. A run that fails writes no file.
"""

from __future__ import annotations

import hashlib
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pandas as pd

from ..contract import Outcome
from ..errors import EXIT_FAILED, EXIT_PASS, ParameterError
from ..io import read_dataset
from ..keys import load_key
from ..output import write_safe_csv
from ..report import write_result
from ..stop_list import read_stop_list
from ..workspace import Workspace
from .appi import information_items, rule_34
from .hierarchies import STAR
from .history import History, Scheme, blocks_of, compare, plan_release, read_history, record_release
from .planning import PlanningTables, plan, plot_planning
from .publication import check_budget, publish_dp
from .records import DROPPED_IDENTIFIERS, check_columns
from .sections import write_report
from .settings import AnonymiseSettings
from .transform import Anonymised, anonymise, release_metadata, write_anonymised
from .verify import WrittenCheck, verify_written

RESULT_NAME = "report.json"
BANNERS = {
    "internal": "INTERNAL USE ONLY (仮名加工情報, pseudonymously processed information): keyed pseudonyms link each "
    "member's sign-ups. This data may not be given to a third party.",
    "third-party": "THIRD-PARTY RELEASE (匿名加工情報, anonymously processed information): no code links a row to a "
    "member, every combination of released values is shared by at least k members in each event month, every "
    "released class shows at least l attendance outcomes, and compared with every earlier release of the "
    "population the difference isolates nobody. Publish the information items below before or when providing it.",
}


@dataclass
class AnonymiseOutcome:
    """What the notebook shows (the job's `Outcome.detail`): the result's fields, and the tables behind them."""

    result: dict[str, Any]
    anonymised: Anonymised
    verification: WrittenCheck | None
    planning: PlanningTables | None
    plots: dict[str, str] = field(default_factory=dict)

    @property
    def banner(self) -> str:
        """The line shown on top of every report of this release kind."""
        return BANNERS[self.anonymised.settings.release]


def information_loss(anonymised: Anonymised, check: WrittenCheck | None = None) -> dict[str, Any]:
    """ARX-style loss (suppression counted, priorities weighted), per attribute, discernibility and class size."""
    best = anonymised.search.best
    return {
        "loss": round(best.loss, 4),
        "loss_by_attribute": anonymised.loss_by_attribute,
        "priority_weights": anonymised.weights,
        "discernibility": best.discernibility,
        "normalised_average_class_size_in_members": None
        if check is None
        else check.verification.normalised_average_class_size,
        "levels_by_attribute": anonymised.levels,
    }


def _in_range(settings: AnonymiseSettings):
    first, last = settings.months

    def inside(period: str) -> bool:
        if not (first or last):
            return True
        return period != STAR and (not first or period >= first) and (not last or period <= last)

    return inside


def _refuse(out_dir: Path, settings: AnonymiseSettings, base: dict[str, Any], reason: str, stores: list) -> Outcome:
    """Exit 1 with the reason: nothing written but the report, nothing recorded."""
    result = {"summary": f"refused: {reason}", "reason": reason, "k_reached": None, **base}
    result.setdefault("information_loss", {"loss": None, "discernibility": None, "loss_by_attribute": {}})
    result["information_loss"].setdefault("levels_by_attribute", {})
    write_report(out_dir, {**result, "exit_code": EXIT_FAILED}, None, None, {})
    return write_result(
        out_dir / RESULT_NAME, "anonymise", EXIT_FAILED, stores=stores, settings=settings, detail=None, **result
    )


def _statement(release: str, check: WrittenCheck, k: int) -> str:
    """The measured risk in one plain paragraph, next to the declared protection."""
    holds = "holds (verified on the written file)" if check.verification.ok else "does NOT hold"
    said = f"Declared protection: k={k} on {', '.join(check.columns)} {holds}."
    if release == "internal":
        insider = check.insider
        said += (
            f" Measured: someone who knows one event of a member and their {insider['knowledge'].split(' and ', 1)[1]}"
            f" singles out {insider['share_singled_out_by_one_event']:.1%} of members"
            f" ({insider['members_singled_out_by_one_event']} of {insider['members']}) and, through the pseudonym,"
            f" all their rows; {insider['suppressed_members_recovered_through_pseudonym']} of"
            f" {insider['suppressed_members']} members with a suppressed row get its values back from their other"
            f" rows. {check.protection['share_unique']:.1%} of members have a set of rows fewer than k share."
            " This is why the file stays inside the society; declare the event (--quasi-identifiers ...,event)"
            " to bound the first figure by k."
        )
    else:
        said += f" {check.protection['share_unique']:.1%} of members have a row fewer than k share."
    if check.disclosure:
        d = check.disclosure
        said += (
            f" Attendance: {d.get('homogeneous_classes', 0)} released classes show fewer than l={d['l']} outcomes;"
            f" guessing a member's outcome from their class is right {d.get('guess_accuracy', 0):.1%} of the time"
            f" against a base rate of {d.get('base_rate', 0):.1%}."
        )
    return said


def run(settings: AnonymiseSettings, out_dir: str | Path) -> Outcome:
    """Anonymise the sign-ups in `settings.data` into out_dir and write report.json and report.html; never the key."""
    started = time.perf_counter()
    out_dir = Path(out_dir)
    settings.validate()
    if not settings.data:
        raise ParameterError(None, "no data folder given", "pass --data the folder that holds the tables")
    k, release, suppression_limit = settings.k, settings.release, settings.suppression_limit
    data_dir = settings.data
    workspace = Workspace.locate(settings.workspace)
    # Third-party data carries no pseudonym, so it needs no key; internal data cannot be made without one.
    key = load_key(default_file=workspace.key_file) if release == "internal" else None
    stop_list = read_stop_list(workspace)
    stopped = stop_list.members
    tables = read_dataset(data_dir, ["members", "events", "signups"])
    check_columns(tables, data_dir)
    stores = [stop_list.read]
    base: dict[str, Any] = {
        "release": release,
        "release_note": BANNERS[release],
        "k_requested": k,
        "l_requested": settings.l_diversity,
        "quasi_identifiers": list(settings.protected),
        "priority": list(settings.priority) or "default",
        "suppression_limit": suppression_limit,
        "records_in": len(tables["signups"]),
    }
    history: History | None = None
    release_plan = None
    if release == "third-party":
        history = read_history(workspace, settings.population)
        stores.append(history.read)
        asked = Scheme((), (), k, settings.l_diversity, settings.protected)
        release_plan = plan_release(history, asked, _in_range(settings))
        if release_plan.refusal:
            return _refuse(out_dir, settings, base, release_plan.refusal, stores)
    if settings.dp_epsilon > 0:
        refusal = check_budget(workspace, settings)
        if refusal:
            return _refuse(out_dir, settings, base, refusal, stores)
    anonymised = anonymise(tables, key, settings, stopped, release_plan)
    counts = anonymised.counts
    base.update(
        {
            "stopped_members_left_out": anonymised.stopped_members,
            "stopped_signups_left_out": anonymised.stopped_signups,
            "excluded_without_consent": anonymised.excluded_no_consent,
            "members_by_status": {"released": counts["by_status"], "excluded": counts["excluded_by_status"]},
            "outside_period": counts["outside_period"],
            "records_considered": anonymised.records_in,
            "lattice": {"nodes": anonymised.search.nodes, "evaluated": anonymised.search.evaluated},
            "direct_identifiers_removed": list(DROPPED_IDENTIFIERS),
        }
    )
    if key is not None:
        base["key_fingerprint"] = key.fingerprint
    if not anonymised.reached:
        reason = (
            f"k={k} is not reachable within the suppression limit: even the most general node leaves "
            f"{anonymised.search.best.suppressed} of {anonymised.records_in} records in classes under k "
            f"(limit {int(suppression_limit * anonymised.records_in)})"
        )
        if release_plan is not None and release_plan.scheme is not None:
            reason = (
                f"the new periods cannot be released at the scheme of the earlier releases: {reason.split(': ', 1)[1]}"
                " at that node; raise --suppression-limit or release fewer new periods (--period)"
            )
        base["information_loss"] = information_loss(anonymised)
        return _refuse(out_dir, settings, base, reason, stores)

    paths = write_anonymised(anonymised, out_dir)
    check = verify_written(paths["parquet"], anonymised)
    written = pd.read_parquet(paths["parquet"])
    verification = check.verification
    reason = "" if check.ok else "the written file failed verification; it was removed and must not be released"
    history_fields: dict[str, Any] = {}
    if history is not None and release_plan is not None and check.ok:
        history_fields, reason = _compare_with_history(anonymised, written, history, release_plan)
    exit_code = EXIT_PASS if not reason else EXIT_FAILED
    dp: dict[str, Any] | None = None
    if exit_code == EXIT_PASS and settings.dp_epsilon > 0:
        dp, reason = publish_dp(workspace, settings, tables, stopped, out_dir)
        exit_code = EXIT_FAILED if reason else EXIT_PASS
    if exit_code != EXIT_PASS:
        # A file that failed its own verification or the comparison must not lie where a release could pick it up.
        for path in paths.values():
            path.unlink(missing_ok=True)
    elif history is not None:
        scheme = Scheme(
            tuple(written.columns),
            tuple(sorted(anonymised.levels.items())),
            k,
            settings.l_diversity,
            settings.protected,
        )
        history_fields["release_id"] = record_release(
            workspace,
            settings.population,
            scheme,
            frozenset(history_fields.pop("_periods")),
            history_fields.pop("_blocks"),
            hashlib.sha256(paths["parquet"].read_bytes()).hexdigest(),
            out_dir,
        )
    history_fields.pop("_periods", None)
    history_fields.pop("_blocks", None)
    planning = plan(written, tables["events"], k) if exit_code == EXIT_PASS else None
    plots: dict[str, str] = {}
    if planning is not None:
        for name, table in planning.all_tables().items():
            write_safe_csv(out_dir / f"{name}.csv", table)
        plots = plot_planning(planning, out_dir, k)
    summary = (
        f"{release} release: k={verification.k_reached} reached (requested {k}); {verification.records} records "
        f"out of {anonymised.records_in}, {anonymised.suppressed} suppressed, {anonymised.dropped} dropped, "
        f"{anonymised.withheld} outcomes withheld for l={settings.l_diversity}"
    )
    if release == "internal":
        summary += (
            f"; insider risk: {check.insider['share_singled_out_by_one_event']:.1%} of members singled out by one "
            "known event (see the report)"
        )
    else:
        summary += f"; {check.protection['share_unique']:.1%} of members unique"
    if reason:
        summary = f"refused: {reason}"
    fields: dict[str, Any] = {
        "k_reached": verification.k_reached,
        "verified_on": paths["parquet"].name,
        "verified_columns": check.columns,
        "records_out": verification.records,
        "suppressed": anonymised.suppressed,
        "suppressed_rows_in_file": int(written[check.columns].eq(STAR).all(axis=1).sum()) if check.columns else 0,
        "dropped": anonymised.dropped,
        "equivalence_classes": int(written.groupby(check.columns).ngroups) if check.columns else 0,
        # Third-party: k is verified within each event month (history.py); these are the classes it counted.
        "equivalence_classes_verified": verification.classes,
        "smallest_classes": verification.smallest_classes,
        "risk_statement": _statement(release, check, k),
        "protection_per_member": check.protection,
        "l_diversity_attended_past_events": {
            "l": verification.l_diversity,
            "classes_with_one_outcome": verification.classes_with_one_outcome,
        },
        "attribute_disclosure": check.disclosure,
        "information_loss": information_loss(anonymised, check),
        "information_items": information_items(written, anonymised.levels, anonymised.released_columns),
        "parquet_metadata": release_metadata(anonymised),
    }
    if check.insider:
        fields["insider_risk"] = check.insider
    if history_fields:
        fields["release_history"] = history_fields
    if dp is not None:
        fields["differential_privacy"] = dp
    if release == "third-party":
        fields["relinking_columns"] = check.relinking_columns
        fields["appi_rule_34"] = rule_34(
            written,
            k,
            anonymised.levels,
            anonymised.suppressed,
            anonymised.dropped,
            float(check.protection["share_unique"]),  # type: ignore[arg-type]
        )
    fields["planning_cells_hidden"] = planning.hidden_cells if planning is not None else 0
    fields["outputs"] = {name: path.name for name, path in paths.items() if path.exists()}
    if reason:
        fields["reason"] = reason
    fields["duration_seconds"] = round(time.perf_counter() - started, 2)
    result = {"summary": summary, **fields, **base}
    write_report(out_dir, {**result, "exit_code": exit_code}, verification.smallest_classes, planning, plots, dp)
    detail = AnonymiseOutcome(result, anonymised, check, planning, plots)
    return write_result(
        out_dir / RESULT_NAME,
        "anonymise",
        exit_code,
        stores=stores,
        settings=settings,
        detail=detail,
        **result,
    )


def _compare_with_history(
    anonymised: Anonymised, written: pd.DataFrame, history: History, release_plan
) -> tuple[dict[str, Any], str]:
    """Run the difference attack against every earlier release sharing a period; the fields and any refusal."""
    codes, periods = anonymised.member_codes, anonymised.periods
    blocks = blocks_of(written, periods, codes, release_plan.reused_blocks)
    new_periods = frozenset(str(p) for p in periods)
    reused = sorted(set(release_plan.reused_blocks["period"])) if len(release_plan.reused_blocks) else []
    comparisons = []
    for old in history.releases:
        if not old.periods & new_periods:
            continue
        outside = (codes >= 0) & ~pd.Series(periods).isin(old.periods).to_numpy()
        exposure = compare(blocks, new_periods, old, anonymised.settings.k, len(set(codes[outside])))
        comparisons.append(exposure)
    exposing = [e for e in comparisons if e.exposes]
    fields = {
        "population": history.population,
        "earlier_releases": len(history.releases),
        "reused_periods": reused,
        "new_periods": sorted(new_periods - set(reused)),
        "comparisons": [e.to_json() for e in comparisons],
        "members_exposed_by_comparison": 0 if not exposing else None,
        "_periods": new_periods,
        "_blocks": blocks,
    }
    if not exposing:
        return fields, ""
    first = exposing[0]
    reason = (
        f"compared with earlier release {first.release_id}, the difference isolates fewer than "
        f"{anonymised.settings.k} members in {first.isolating_classes} class(es) ({first.rows_isolated} rows)"
        + (f" and {first.changed_blocks} changed block(s) of periods both cover" if first.changed_blocks else "")
        + "; a released period must be released again exactly as before"
    )
    return fields, reason
