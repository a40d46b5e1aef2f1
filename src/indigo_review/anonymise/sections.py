"""The anonymise report's sections: every measure labelled in words, tables with translated headers and values.

Nothing here decides anything: the figures come from the job's result (recomputed from the written file); this
module only says them in Japanese or English, with the labels of `words`.
"""

from __future__ import annotations

from typing import Any

import pandas as pd

from ..i18n import N_
from ..report import Section
from .hierarchies import TOP_AGE
from .planning import PlanningTables
from .words import DP_TABLES, LEVELS, OVERVIEW, RULE_34_DONE, TABLE_TITLES, Words, measures, readable


def guarantee(result: dict[str, Any], w: Words) -> Section:
    """k requested and reached, what was counted, suppressed and dropped, and the loss of detail."""
    t = w.t
    loss = result.get("information_loss") or {}
    lattice = result.get("lattice") or {}
    rows: list[tuple[str, Any]] = [
        (N_("k requested (members every combination must be shared by)"), result["k_requested"]),
        (N_("k reached (recomputed from the written file)"), result.get("k_reached")),
        (N_("columns checked"), w.columns(result["verified_columns"]) if result.get("verified_columns") else None),
        (N_("sign-ups read"), result.get("records_in")),
        (N_("sign-ups considered"), result.get("records_considered")),
        (
            N_("members who asked to stop the use of their data, left out (policy 8)"),
            result.get("stopped_members_left_out"),
        ),
        (N_("sign-ups of members without consent to analysis, left out"), result.get("excluded_without_consent")),
        (N_("sign-ups outside the period"), result.get("outside_period")),
        (N_("sign-ups suppressed (values replaced by '*')"), result.get("suppressed")),
        (N_("sign-ups dropped"), result.get("dropped")),
        (N_("sign-ups of months released before, reused unchanged"), result.get("records_reused") or None),
        (N_("sign-ups written"), result.get("records_out")),
        (N_("classes of identical released values"), result.get("equivalence_classes")),
        (N_("loss of detail (0 none, 1 everything)"), loss.get("loss")),
        (N_("average class size, in multiples of k"), loss.get("normalised_average_class_size_in_members")),
        (N_("combinations of levels evaluated"), t("{evaluated} of {nodes}", **lattice) if lattice else None),
    ]
    table = measures([r for r in rows if r[1] is not None], w)
    if result.get("k_reached") is None or result.get("exit_code", 0) != 0:
        return Section(t("What was asked and counted"), t("No file was kept."), table, anchor="guarantee")
    text = t(
        "Every combination of the checked columns is shared by sign-ups of at least k different members; the "
        "figures are recomputed from the file as written."
    )
    return Section(t("The guarantee"), text, table, anchor="guarantee")


def protection(result: dict[str, Any], w: Words) -> Section | None:
    """The share of members whose row, set of events or set of rows fewer than k members share."""
    found = result.get("protection_per_member")
    if not found:
        return None
    t = w.t
    k = result["k_requested"]
    rows: list[tuple[str, Any]] = [
        (N_("members in the file"), found.get("members")),
        (N_("rows of one member linked by the pseudonym"), bool(found.get("rows_linkable"))),
        (
            N_("members with a row fewer than k members share"),
            w.percent(found.get("share_with_a_row_combination_under_k")),
        ),
    ]
    if "share_unique_by_set_of_events" in found:
        rows.append(
            (
                N_("members whose set of events fewer than k members share"),
                w.percent(found["share_unique_by_set_of_events"]),
            )
        )
        rows.append(
            (
                N_("members whose set of rows fewer than k members share"),
                w.percent(found["share_unique_by_set_of_rows"]),
            )
        )
    rows.append((N_("the declared protection holds"), bool(found.get("ok"))))
    text = t("Measured per member, with k = {k}: a share of 0% means no member can be singled out this way.", k=k)
    return Section(t("Protection per member"), text, measures(rows, w))


def insider(result: dict[str, Any], w: Words) -> pd.DataFrame | None:
    """What an insider who knows one event of a member learns from the internal file, labelled."""
    risk = result.get("insider_risk")
    if not risk:
        return None
    t = w.t
    known = w.join([w.column(c) for c in risk.get("recovered_attributes", [])])
    rows: list[tuple[str, Any]] = [
        (N_("what the insider is assumed to know"), t("one event of the member, and their {known}", known=known)),
        (N_("members in the file"), risk["members"]),
        (N_("members singled out by one known event"), risk["members_singled_out_by_one_event"]),
        (N_("share of members singled out"), w.percent(risk["share_singled_out_by_one_event"])),
        (N_("members with a suppressed row"), risk["suppressed_members"]),
        (
            N_("of them, with its values given back by their other rows"),
            risk["suppressed_members_recovered_through_pseudonym"],
        ),
    ]
    return measures(rows, w)


def disclosure(result: dict[str, Any], w: Words) -> Section | None:
    """Attribute disclosure of the attendance outcome: l, withheld outcomes and the guessing advantage."""
    measured = result.get("attribute_disclosure") or {}
    if not measured:
        return None
    t = w.t
    advantage = measured.get("guessing_advantage")
    rows: list[tuple[str, Any]] = [
        (N_("outcomes every class must show (l)"), measured.get("l")),
        (N_("fewest outcomes a class shows"), measured.get("l_reached")),
        (N_("classes with a released outcome"), measured.get("classes")),
        (N_("classes showing fewer than l outcomes"), measured.get("homogeneous_classes")),
        (N_("sign-ups to past events"), measured.get("past_signups")),
        (N_("outcomes withheld ('*') so that l holds"), measured.get("outcomes_withheld")),
        (
            N_("sign-ups whose outcome is disclosed with certainty"),
            w.percent(measured.get("share_disclosed_with_certainty")),
        ),
        (N_("right guesses of an outcome from the member's class"), w.percent(measured.get("guess_accuracy"))),
        (N_("right guesses without the file (base rate)"), w.percent(measured.get("base_rate"))),
        (
            N_("what the file adds to a guess"),
            None if advantage is None else t("{points} percentage points", points=f"{advantage * 100:.2f}"),
        ),
    ]
    text = t(
        "Every released class shows at least l = {l} different outcomes among past events, or its outcomes are "
        "withheld ('*'). A guess of each member's outcome as their class's most common one is compared with always "
        "guessing the most common outcome.",
        l=measured.get("l"),
    )
    return Section(t("What the attendance column tells"), text, measures([r for r in rows if r[1] is not None], w))


def history(result: dict[str, Any], w: Words) -> Section | None:
    """The release history: months reused unchanged, new months, and the difference attack per earlier release."""
    found = result.get("release_history")
    if not found:
        return None
    t = w.t
    text = t(
        "Population {population}: {earlier} earlier release(s). Months released before and released again "
        "unchanged: {reused}. New months: {new}. Each earlier release that shares a month was compared with this "
        "one, class by class: the rows one has and the other lacks must come from at least k members.",
        population=found["population"],
        earlier=found["earlier_releases"],
        reused=_months(found.get("reused_periods", []), w),
        new=_months(found.get("new_periods", []), w),
    )
    rows = [
        {
            t("earlier release"): c["release_id"],
            t("months both cover"): c["shared_periods"],
            t("classes compared"): c["classes_compared"],
            t("blocks changed"): c["changed_blocks"],
            t("classes isolating fewer than k members"): c["isolating_classes"],
            t("rows isolated"): c["rows_isolated"],
            t("exposes someone"): c["exposes"],
        }
        for c in found.get("comparisons", [])
    ]
    note = "" if rows else t("No earlier release shares a month with this one: there was nothing to compare.")
    return Section(
        t("Earlier releases and the difference attack"), text, pd.DataFrame(rows) if rows else None, note=note
    )


def _months(months: list[str], w: Words) -> str:
    """Months as a short span (2024-01 to 2026-12, 36 months) rather than a list of 36."""
    t = w.t
    if not months:
        return t("none")
    if len(months) <= 3:
        return w.join(months)
    return t("{first} to {last} ({n} months)", first=months[0], last=months[-1], n=len(months))


def members_by_status(result: dict[str, Any], w: Words) -> Section | None:
    """Members and sign-ups per member status, in the file or left out."""
    found = result.get("members_by_status")
    if not found:
        return None
    rows = [{"status": s, **v, "released": True} for s, v in found["released"].items()]
    rows += [{"status": s, **v, "released": False} for s, v in found["excluded"].items()]
    frame = pd.DataFrame(rows, columns=["status", "members", "signups", "released"])
    t = w.t
    text = t("Members of every status not left out with --exclude-status are in the file.")
    return Section(t("Members by status"), text, readable(frame, w))


def loss(result: dict[str, Any], w: Words) -> Section | None:
    """Each attribute's generalisation level and the detail it lost."""
    found = result.get("information_loss") or {}
    levels = found.get("levels_by_attribute") or {}
    if not levels:
        return None
    t = w.t
    weights = found.get("priority_weights") or {}
    rows = [
        {
            t("attribute"): w.attribute(a),
            t("level released"): t(LEVELS.get(level, level)),
            t("detail lost (0 none, 1 all)"): (found.get("loss_by_attribute") or {}).get(a),
            t("weight (priority)"): weights.get(a),
        }
        for a, level in levels.items()
    ]
    text = t("An attribute released at 'not released' is not in the file.")
    return Section(t("How much detail each attribute keeps"), text, pd.DataFrame(rows))


def information_items(result: dict[str, Any], w: Words) -> Section | None:
    """The items the society publishes (APPI Art. 43(3)), generated from the written file's columns."""
    items = result.get("information_items")
    if not items:
        return None
    t = w.t
    frame = pd.DataFrame(
        {
            t("item of information"): [i["ja"] if w.lang == "ja" else i["en"] for i in items],
            t("rows with '*'"): [i.get("rows_suppressed_to_star", 0) for i in items],
        }
    )
    if result.get("release") == "third-party":
        text = t(
            "Publish these items (APPI Art. 43(3)), e.g. on the society's website, before or when the file is "
            "provided. They are generated from the columns of the written file and their levels."
        )
    else:
        text = t("What the file holds, generated from its columns and their levels.")
    return Section(t("Items of information in the file"), text, frame, anchor="items")


def rule_34(result: dict[str, Any], w: Words) -> Section | None:
    """The five standards of APPI Enforcement Rules Art. 34: what was done, and on which columns."""
    rules = result.get("appi_rule_34")
    if not rules:
        return None
    t = w.t
    k = result["k_requested"]
    columns = [c for r in rules for c in r.get("columns", [])]
    top = t("Ages {age} and over shown as '{age}+'. ", age=TOP_AGE) if "age_band" in columns else ""
    share = (result.get("protection_per_member") or {}).get("share_unique")
    levels = (result.get("information_loss") or {}).get("levels_by_attribute") or {}
    done = {
        **{n: t(m) for n, m in RULE_34_DONE.items()},
        4: top
        + t(
            "Every combination of released values is held by at least {k} members; {suppressed} sign-ups suppressed "
            "to '*' and {dropped} dropped.",
            k=k,
            suppressed=result.get("suppressed", 0),
            dropped=result.get("dropped", 0),
        ),
        5: t(
            "The event and the attendance outcome count as quasi-identifiers; k = {k} over all released columns "
            "together, verified on the written file; members with a row fewer than k share: {share}; levels: "
            "{levels}.",
            k=k,
            share=w.percent(share),
            levels=w.join([f"{w.attribute(a)} {t(LEVELS.get(v, v))}" for a, v in levels.items()]),
        ),
    }
    frame = pd.DataFrame(
        {
            t("standard"): [r["standard"] for r in rules],
            t("what the rule asks"): [r["ja"] if w.lang == "ja" else r["en"] for r in rules],
            t("what was done"): [done.get(r["standard"], "") for r in rules],
            t("columns"): [w.columns(r.get("columns", [])) for r in rules],
        }
    )
    return Section(t("APPI Enforcement Rules Art. 34: the five standards"), "", frame)


def smallest_classes(result: dict[str, Any], w: Words) -> Section | None:
    """The smallest classes of identical released values, with their member counts."""
    found = result.get("smallest_classes")
    if not found:
        return None
    t = w.t
    text = t("Each row is one combination of released values and the number of different members it holds.")
    return Section(t("The smallest classes"), text, readable(pd.DataFrame(found), w))


def differential_privacy(result: dict[str, Any], w: Words) -> Section | None:
    """The DP tables' expected error and the ε spent."""
    dp = result.get("differential_privacy")
    if not dp:
        return None
    t = w.t
    error = pd.DataFrame(dp["error"])
    error["table"] = error["table"].map(lambda n: t(DP_TABLES.get(n, n)))
    text = t(
        "ε = {spent} spent from population {population} ({year}: {total} of {budget}), recorded as ledger entry "
        "{entry}. Each member counts with at most {bound} sign-ups ({beyond} sign-ups left out). The error below is "
        "measured against the true counts, so this report stays inside: give the recipient only the dp_*.csv tables.",
        spent=dp["epsilon_spent"],
        population=dp["population"],
        year=dp["year"],
        total=dp["spent_this_year"],
        budget=dp["budget_per_year"],
        entry=dp["ledger_entry"],
        bound=dp["max_signups_per_member"],
        beyond=f"{dp['signups_beyond_the_bound']:,}",
    )
    return Section(t("Differentially private planning tables: the error to expect"), text, readable(error, w))


def planning_sections(planning: PlanningTables, plots: dict[str, str], k: int, w: Words) -> list[Section]:
    """The planning overview and tables, each with its chart where there is one (embedded)."""
    t = w.t
    legend = t(
        "'<{k}': a count under {k}, hidden. 'x': a count of {k} or more, hidden so that no hidden count can be worked "
        "out from the others. '*': suppressed or unknown. '{na}': not applicable (an event not yet held).",
        k=k,
        na=t("n/a"),
    )
    overview = planning.overview.assign(measure=planning.overview["measure"].map(lambda m: t(OVERVIEW.get(m, m))))
    overview["value"] = overview["value"].map(w.percent)
    sections = [Section(t("Planning overview"), legend, readable(overview, w, counts=True), anchor="planning")]
    charts = {file_name.removesuffix(".png"): file_name for file_name in plots.values()}
    tables = planning.all_tables()
    tables.pop("planning_overview", None)
    for name, table in tables.items():
        sections.append(
            Section(t(TABLE_TITLES.get(name, name)), table=readable(table, w, counts=True), image=charts.get(name))
        )
    return sections
