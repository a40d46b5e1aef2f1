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
from ..i18n import resolve_lang, translator
from ..io import read_dataset
from ..keys import load_key
from ..output import write_safe_csv
from ..release import budget_spent
from ..report import write_result
from ..stop_list import read_stop_list
from ..workspace import Workspace
from .appi import information_items, rule_34
from .charts import plot_planning
from .dp import current_year
from .hierarchies import STAR
from .history import History, Scheme, blocks_of, compare, plan_release, read_history, record_release
from .planning import PlanningTables, plan
from .publication import LEDGER, check_budget, publish_dp
from .records import DROPPED_IDENTIFIERS, check_columns
from .report import BANNERS, RESULT_NAME, report_verdict, risk_statement, write_report
from .settings import ALWAYS_PROTECTED_THIRD_PARTY, DEFAULT_QUASI_IDENTIFIERS_BY_RELEASE, AnonymiseSettings
from .transform import Anonymised, anonymise, release_metadata, write_anonymised
from .verify import WrittenCheck, verify_written


@dataclass
class AnonymiseOutcome:
    """What the notebook shows (the job's `Outcome.detail`): the result's fields, and the tables behind them."""

    result: dict[str, Any]
    anonymised: Anonymised
    verification: WrittenCheck | None
    planning: PlanningTables | None
    plots: dict[str, str] = field(default_factory=dict)
    lang: str = "en"

    @property
    def banner(self) -> str:
        """The line shown on top of every report of this release kind, in the run's language."""
        return translator(self.lang)(BANNERS[self.anonymised.settings.release])

    @property
    def risk_statement(self) -> str:
        """The declared protection and the measured risk beside it, in the run's language."""
        return risk_statement(self.result, self.lang)


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


def _refuse(
    out_dir: Path,
    settings: AnonymiseSettings,
    base: dict[str, Any],
    reason: str,
    stores: list,
    refusal: dict[str, Any],
    lang: str,
) -> Outcome:
    """Exit 1 with the reason: nothing written but the report, nothing recorded. `refusal` says which rule refused
    (its `kind`) with the figures the report words it with, in either language."""
    result = {"summary": f"refused: {reason}", "reason": reason, "refusal": refusal, "k_reached": None, **base}
    result.setdefault("information_loss", {"loss": None, "discernibility": None, "loss_by_attribute": {}})
    result["information_loss"].setdefault("levels_by_attribute", {})
    return _finish(out_dir, settings, result, EXIT_FAILED, stores, lang)


def _next_month(months: frozenset[str] | set[str]) -> str:
    """The month after the last of these (YYYY-MM), where a release of new months only would start."""
    real = sorted(m for m in months if m and m != STAR)
    if not real:
        return ""
    year, month = map(int, real[-1].split("-"))
    return f"{year + month // 12}-{month % 12 + 1:02d}"


def _history_refusal(release_plan, settings: AnonymiseSettings) -> dict[str, Any]:
    """What the release history refused, with the earlier settings that would be accepted."""
    overlapping = release_plan.overlapping
    schemes = {r.scheme for r in overlapping}
    closed = _next_month(release_plan.closed)
    if len(schemes) > 1:
        return {"kind": "history_schemes", "releases": [r.release_id for r in overlapping], "next_month": closed}
    earlier = next(iter(schemes))
    months = sorted(p for r in overlapping for p in r.periods)
    declared = [a for a in earlier.protected if a not in ALWAYS_PROTECTED_THIRD_PARTY]
    if tuple(declared) == DEFAULT_QUASI_IDENTIFIERS_BY_RELEASE["third-party"]:
        declared = []  # the default: the command need not say it
    differences = [
        {"setting": name, "now": now, "earlier": then}
        for name, now, then in (
            ("k", settings.k, earlier.k),
            ("l", settings.l_diversity, earlier.l_diversity),
            ("quasi_identifiers", ",".join(settings.protected), ",".join(earlier.protected)),
        )
        if now != then
    ]
    return {
        "kind": "history_scheme",
        "first_month": months[0] if months else "",
        "last_month": months[-1] if months else "",
        "differences": differences,
        "earlier": {"k": earlier.k, "l_diversity": earlier.l_diversity, "quasi_identifiers": ",".join(declared)},
        "next_month": closed,
    }


def _budget_refusal(workspace: Workspace, settings: AnonymiseSettings) -> dict[str, Any]:
    """The ε account the differential-privacy publication would overdraw."""
    ledger = workspace.existing(LEDGER)
    year = current_year()
    spent = budget_spent(ledger, settings.population, year) if ledger is not None else 0.0
    return {
        "kind": "dp_budget",
        "population": settings.population,
        "year": year,
        "budget": settings.dp_budget_per_year,
        "spent": round(spent, 6),
        "epsilon": settings.dp_epsilon,
    }


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
    lang = resolve_lang(settings.lang, workspace.settings())
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
            refusal = _history_refusal(release_plan, settings)
            return _refuse(out_dir, settings, base, release_plan.refusal, stores, refusal, lang)
    if settings.dp_epsilon > 0:
        over = check_budget(workspace, settings)
        if over:
            return _refuse(out_dir, settings, base, over, stores, _budget_refusal(workspace, settings), lang)
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
        at_scheme = release_plan is not None and release_plan.scheme is not None
        refusal = {
            "kind": "k_not_reachable",
            "k": k,
            "suppressed": anonymised.search.best.suppressed,
            "records": anonymised.records_in,
            "limit": int(suppression_limit * anonymised.records_in),
            "at_scheme": at_scheme,
        }
        reason = (
            f"k={k} is not reachable within the suppression limit: even the most general node leaves "
            f"{refusal['suppressed']} of {refusal['records']} records in classes under k (limit {refusal['limit']})"
        )
        if at_scheme:
            reason = (
                f"the new periods cannot be released at the scheme of the earlier releases: {reason.split(': ', 1)[1]}"
                " at that node; raise --suppression-limit or release fewer new periods (--period)"
            )
        base["information_loss"] = information_loss(anonymised)
        return _refuse(out_dir, settings, base, reason, stores, refusal, lang)

    paths = write_anonymised(anonymised, out_dir)
    check = verify_written(paths["parquet"], anonymised)
    written = pd.read_parquet(paths["parquet"])
    verification = check.verification
    reason = "" if check.ok else "the written file failed verification; it was removed and must not be released"
    refusal: dict[str, Any] = {} if check.ok else {"kind": "verification", "failed": _failed_checks(check, k)}
    history_fields: dict[str, Any] = {}
    if history is not None and release_plan is not None and check.ok:
        history_fields, reason, refusal = _compare_with_history(anonymised, written, history, release_plan)
    exit_code = EXIT_PASS if not reason else EXIT_FAILED
    dp: dict[str, Any] | None = None
    if exit_code == EXIT_PASS and settings.dp_epsilon > 0:
        dp, reason = publish_dp(workspace, settings, tables, stopped, out_dir)
        exit_code = EXIT_FAILED if reason else EXIT_PASS
        refusal = _budget_refusal(workspace, settings) if reason else {}
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
        plots = plot_planning(planning, out_dir, k, lang)
    # Rows of months released before come from the release history, not from the sign-ups considered now.
    reused = int((~anonymised.fresh).sum())
    summary = (
        f"{release} release: k={verification.k_reached} reached (requested {k}); {verification.records} records "
        f"out of {anonymised.records_in}"
        + (f" considered now and {reused} reused unchanged from earlier releases" if reused else "")
        + f", {anonymised.suppressed} suppressed, {anonymised.dropped} dropped, "
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
        "records_reused": reused,
        "suppressed": anonymised.suppressed,
        "suppressed_rows_in_file": int(written[check.columns].eq(STAR).all(axis=1).sum()) if check.columns else 0,
        "dropped": anonymised.dropped,
        "equivalence_classes": int(written.groupby(check.columns).ngroups) if check.columns else 0,
        # Third-party: k is verified within each event month (history.py); these are the classes it counted.
        "equivalence_classes_verified": verification.classes,
        "smallest_classes": verification.smallest_classes,
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
        fields["refusal"] = refusal
    fields["duration_seconds"] = round(time.perf_counter() - started, 2)
    result = {"summary": summary, **fields, **base}
    # Said in the run's language, as the report and the notebook (which prints it) say it.
    result["risk_statement"] = risk_statement(result, lang)
    detail = AnonymiseOutcome(result, anonymised, check, planning, plots, lang)
    return _finish(out_dir, settings, result, exit_code, stores, lang, detail, planning, plots)


def _finish(
    out_dir: Path,
    settings: AnonymiseSettings,
    result: dict[str, Any],
    exit_code: int,
    stores: list,
    lang: str,
    detail: AnonymiseOutcome | None = None,
    planning: PlanningTables | None = None,
    plots: dict[str, str] | None = None,
) -> Outcome:
    """Write report.html, then report.json with the report's headline (what the command line says)."""
    verdict = report_verdict({**result, "exit_code": exit_code}, settings, out_dir, lang)
    write_report(out_dir, {**result, "exit_code": exit_code}, settings, lang, planning, plots, verdict)
    return write_result(
        out_dir / RESULT_NAME,
        "anonymise",
        exit_code,
        stores=stores,
        settings=settings,
        detail=detail,
        lang=lang,
        headline=verdict.headline,
        **result,
    )


def _compare_with_history(
    anonymised: Anonymised, written: pd.DataFrame, history: History, release_plan
) -> tuple[dict[str, Any], str, dict[str, Any]]:
    """Run the difference attack against every earlier release sharing a period; the fields, any refusal's reason
    and what the report words it with."""
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
        return fields, "", {}
    first = exposing[0]
    reason = (
        f"compared with earlier release {first.release_id}, the difference isolates fewer than "
        f"{anonymised.settings.k} members in {first.isolating_classes} class(es) ({first.rows_isolated} rows)"
        + (f" and {first.changed_blocks} changed block(s) of periods both cover" if first.changed_blocks else "")
        + "; a released period must be released again exactly as before"
    )
    refusal = {
        "kind": "difference_attack",
        "release_id": first.release_id,
        "classes": first.isolating_classes + first.changed_blocks,
        "rows": first.rows_isolated,
        "next_month": _next_month(set(history.closed)),
    }
    return fields, reason, refusal


def _failed_checks(check: WrittenCheck, k: int) -> list[str]:
    """Which of the written file's checks failed: k, l, members unique, a column that re-links rows."""
    failed = []
    if not check.verification.ok:
        failed.append("k")
    if int(check.disclosure.get("homogeneous_classes", 0) or 0):  # type: ignore[call-overload]
        failed.append("l")
    if check.protection.get("ok") is not True:
        failed.append("unique")
    if check.relinking_columns:
        failed.append("relinking")
    return failed
