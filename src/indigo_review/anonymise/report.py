"""report.html of the anonymise job: what the file is and may do, why, what to do next and the exact command, then
what someone can learn from it (measured), the guarantee and the planning tables; in Japanese or English.

The verdict block says it plainly. Internal (仮名加工情報): for use inside the society only, with the measured
insider risk beside the declared protection. Third-party (匿名加工情報): may be released as anonymous data through
`indigo-review release ... --basis anonymous`, once the information items are published. Refused: nothing was
written, why (k not reached, the release history, l, the ε budget) and the command to run instead.
"""

from __future__ import annotations

import shlex
from pathlib import Path
from typing import Any

from ..i18n import N_
from ..report import Section, Verdict, write_html_report
from . import sections as parts
from .planning import PlanningTables
from .settings import AnonymiseSettings
from .words import Words

REPORT_NAME = "report.html"
# The machine-readable result, written after report.html (report.py links it all the same).
RESULT_NAME = "report.json"
PARQUET = "anonymised_signups.parquet"
# The verdict of an internal file: amber, for it may be used but not given out (report.py's STYLES and labels).
INTERNAL = "internal use only"
KINDS = {
    "internal": N_("for use inside the society (仮名加工情報, pseudonymously processed information)"),
    "third-party": N_("for a third party (匿名加工情報, anonymously processed information)"),
}
# What the file is, on top of the report and of the notebook.
BANNERS = {
    "internal": N_(
        "INTERNAL USE ONLY (仮名加工情報, pseudonymously processed information): keyed pseudonyms link each member's "
        "sign-ups. This data may not be given to a third party."
    ),
    "third-party": N_(
        "THIRD-PARTY RELEASE (匿名加工情報, anonymously processed information): no code links a row to a member, "
        "every combination of released values is shared by at least k members in each event month, every released "
        "class shows at least l attendance outcomes, and compared with every earlier release of the population the "
        "difference isolates nobody. Publish the information items below before or when providing it."
    ),
}
LINKS = (
    (N_("anonymised data (CSV)"), "anonymised_signups.csv"),
    (N_("anonymised data (Parquet)"), PARQUET),
    (N_("planning overview (CSV)"), "planning_overview.csv"),
    (N_("machine-readable result"), RESULT_NAME),
    (N_("executed notebook"), "notebook.ipynb"),
)


# The command-line option of each setting, for the commands the report gives.
OPTIONS = {
    "release": "--release",
    "k": "--k",
    "quasi_identifiers": "--quasi-identifiers",
    "priority": "--priority",
    "suppression_limit": "--suppression-limit",
    "l_diversity": "--l",
    "exclude_status": "--exclude-status",
    "population": "--population",
    "period": "--period",
    "dp_epsilon": "--dp-epsilon",
    "dp_budget_per_year": "--dp-budget",
    "dp_max_signups": "--dp-max-signups",
}


def command(settings: AnonymiseSettings, **changes: Any) -> str:
    """The anonymise command for these settings with some changed (by field name), saying only what differs from
    the defaults, and k always."""
    defaults = AnonymiseSettings()
    words = ["indigo-review", "anonymise", "--data", shlex.quote(settings.data or "DIR")]
    dp = changes.get("dp_epsilon", settings.dp_epsilon)
    for name, option in OPTIONS.items():
        value = changes.get(name, getattr(settings, name))
        if isinstance(value, tuple | list):
            value = ",".join(value)
        if name != "k" and (value in ("", None) or value == getattr(defaults, name)):
            continue
        if name in ("dp_budget_per_year", "dp_max_signups") and not dp:
            continue
        words += [option, shlex.quote(f"{value:g}" if isinstance(value, float) else str(value))]
    return " ".join(words)


def risk_statement(result: dict[str, Any], lang: str) -> str:
    """The declared protection and, beside it, what was measured on the written file, in one paragraph."""
    w = Words(lang)
    t = w.t
    k = result["k_requested"]
    protection = result.get("protection_per_member") or {}
    columns = w.columns(result.get("verified_columns", []))
    # k on the declared columns (per event month for a third party), as verified on the written file.
    if (result.get("k_reached") or 0) >= k:
        said = [
            t("Declared protection: k = {k} on {columns} holds (verified on the written file).", k=k, columns=columns)
        ]
    else:
        said = [t("Declared protection: k = {k} on {columns} does NOT hold on the written file.", k=k, columns=columns)]
    insider = result.get("insider_risk")
    if insider:
        said.append(
            t(
                "Measured: someone who knows one event of a member and their {known} singles out {share} of members "
                "({singled} of {members}) and, through the pseudonym, all their rows; {recovered} of the {suppressed} "
                "members with a suppressed row get its values back from their other rows. {unique} of members have "
                "a set of rows that fewer than k members share. This is why the file stays inside the society.",
                known=w.columns(insider.get("recovered_attributes", [])),
                share=w.percent(insider["share_singled_out_by_one_event"]),
                singled=f"{insider['members_singled_out_by_one_event']:,}",
                members=f"{insider['members']:,}",
                recovered=insider["suppressed_members_recovered_through_pseudonym"],
                suppressed=insider["suppressed_members"],
                unique=w.percent(protection.get("share_unique")),
            )
        )
    elif protection:
        said.append(
            t(
                "{unique} of members have a row that fewer than k members share.",
                unique=w.percent(protection.get("share_unique")),
            )
        )
    measured = result.get("attribute_disclosure") or {}
    if measured.get("past_signups"):
        said.append(
            t(
                "Attendance: {homogeneous} released classes show fewer than l = {l} outcomes; a guess of a member's "
                "outcome from their class is right {accuracy} of the time, against {base} without the file.",
                homogeneous=measured.get("homogeneous_classes", 0),
                l=measured["l"],
                accuracy=w.percent(measured.get("guess_accuracy", 0.0)),
                base=w.percent(measured.get("base_rate", 0.0)),
            )
        )
    return ("" if lang == "ja" else " ").join(said)


def _passed(result: dict[str, Any], settings: AnonymiseSettings, out_dir: Path, w: Words) -> Verdict:
    t = w.t
    file = Path(out_dir) / PARQUET
    records = f"{result['records_out']:,}"
    if result["release"] == "internal":
        steps = [
            t(
                "Use the file inside the society only (planning, repeat attendance); do not send it to a venue, "
                "partner or contractor."
            ),
            t(
                "To give sign-up data to a third party, anonymise it for a third party and release that file: it "
                "carries no pseudonym, and every released combination is shared by at least k members."
            ),
        ]
        commands = [command(settings, release="third-party", quasi_identifiers="", priority="")]
        if "event" not in settings.declared:
            steps.append(
                t(
                    "To bound what one known event reveals by k, declare the event as a quasi-identifier (more detail "
                    "is lost)."
                )
            )
            commands.append(command(settings, quasi_identifiers=",".join([*settings.declared, "event"])))
        return Verdict(
            INTERNAL,
            t(
                "{file} holds {records} sign-ups as pseudonymously processed information (仮名加工情報), for use "
                "inside the society only: it may not be given to a third party, because the pseudonym links each "
                "member's rows.",
                file=file.name,
                records=records,
            ),
            why=risk_statement(result, w.lang),
            steps=steps,
            commands=commands,
        )
    history = result.get("release_history") or {}
    why = [
        t(
            "Every combination of released values ({columns}) is shared by at least {k} members within each event "
            "month (verified on the written file), and no code links a row to a member.",
            columns=w.columns(result.get("verified_columns", [])),
            k=result["k_reached"],
        )
    ]
    if result.get("attribute_disclosure"):
        why.append(t("Every released class shows at least {l} attendance outcomes.", l=result["l_requested"]))
    if history.get("earlier_releases"):
        why.append(
            t(
                "Compared with the {n} earlier release(s) of population {population}, the difference isolates nobody.",
                n=history["earlier_releases"],
                population=history["population"],
            )
        )
    elif history:
        why.append(
            t(
                "This is the first release of population {population}: later ones are compared with it.",
                population=history["population"],
            )
        )
    steps = [
        t(
            "Publish the items of information listed below (APPI Art. 43(3)), e.g. on the society's website, before "
            "or when the file is provided."
        ),
        t("Release the file with the release job: it scans the file again and records the provision in the ledger."),
        t(
            "Keep this run folder: the release history now holds this release, and later releases of the same months "
            "must match it."
        ),
    ]
    if result.get("differential_privacy"):
        steps.append(
            t("Of the differentially private tables, give out only the dp_*.csv files; this report stays inside.")
        )
    return Verdict(
        "pass",
        t(
            "{file} is anonymously processed information (匿名加工情報) of {records} sign-ups: it may be given to a "
            "third party as anonymous data, through the release job.",
            file=file.name,
            records=records,
        ),
        why=("" if w.lang == "ja" else " ").join(why),
        steps=steps,
        commands=[f"indigo-review release {shlex.quote(str(file))} --to RECIPIENT --basis anonymous"],
    )


def _refused(result: dict[str, Any], settings: AnonymiseSettings, w: Words) -> Verdict:
    """Why nothing was written, what to do instead, and the command."""
    t = w.t
    refusal = dict(result.get("refusal") or {"kind": "verification"})
    kind = refusal.pop("kind")
    for name in ("suppressed", "records", "limit", "rows", "classes"):
        if isinstance(refusal.get(name), int):
            refusal[name] = f"{refusal[name]:,}"
    headline = t(HEADLINES.get(kind, HEADLINES["verification"]), k=settings.k)
    next_month = refusal.get("next_month", "")
    if kind == "k_not_reachable":
        limit = min(0.5, round(settings.suppression_limit * 2, 3))
        why = t(
            "k = {k} cannot be reached within the suppression limit: even the coarsest levels leave {suppressed} of "
            "{records} sign-ups in classes of fewer than k members, and at most {limit} may be suppressed.",
            **refusal,
        )
        steps = [
            t(
                "Anonymise again with a coarser setting: allow more sign-ups to be suppressed, or declare fewer "
                "quasi-identifiers."
            ),
            t("Keep k at the society's standard: a smaller k protects members less."),
        ]
        commands = [command(settings, suppression_limit=limit)]
        if refusal.get("at_scheme"):
            steps.insert(1, t("Months released before fix the levels: release fewer new months at a time (--period)."))
    elif kind == "history_scheme":
        why = t(
            "Months {months} of population {population} were released before with other settings ({differences}); a "
            "month released before is released again only exactly as before.",
            months=t("{first} to {last}", first=refusal["first_month"], last=refusal["last_month"]),
            population=settings.population,
            differences=w.join(
                [
                    t(
                        "{setting} {now} (earlier {earlier})",
                        now=d["now"],
                        earlier=d["earlier"],
                        setting=t(SETTINGS_WORDS[d["setting"]]),
                    )
                    for d in refusal["differences"]
                ]
            ),
        )
        steps = [t("Anonymise again with the earlier settings, or release only the months never released (--period).")]
        commands = [command(settings, **refusal["earlier"])]
        if next_month:
            commands.append(command(settings, period=f"{next_month}.."))
    elif kind == "history_schemes":
        why = t(
            "The months asked for span earlier releases made with different settings (releases {releases}).",
            releases=w.join([str(r) for r in refusal["releases"]]),
        )
        steps = [t("Release the months of one earlier setting at a time (--period).")]
        commands = [command(settings, period="YYYY-MM..YYYY-MM")]
    elif kind == "difference_attack":
        why = t(
            "Compared with earlier release {release_id}, the rows one has and the other lacks come from fewer than "
            "k members in {classes} class(es) ({rows} rows): together the two files would expose them.",
            **refusal,
        )
        steps = [
            t(
                "Release only the months after the last release (--period), so that released months stay exactly as "
                "before."
            )
        ]
        commands = [command(settings, period=f"{next_month}..")] if next_month else [command(settings)]
    elif kind == "dp_budget":
        remaining = max(0.0, round(refusal["budget"] - refusal["spent"], 6))
        why = t(
            "The differential-privacy budget of population {population} for {year} is ε = {budget}; {spent} is spent, "
            "so ε = {epsilon} more is refused.",
            **refusal,
        )
        steps = [
            t(
                "Publish with a smaller ε (at most what is left this year), or without differentially private tables, "
                "or wait for next year."
            )
        ]
        commands = [command(settings, dp_epsilon=remaining) if remaining > 0 else command(settings, dp_epsilon=0.0)]
    else:
        why = t(
            "The written file did not hold the protection the search found ({failed}); it was removed and must not be "
            "released.",
            failed=w.join([t(VERIFICATION_WORDS[f]) for f in refusal.get("failed", [])]) or t("unknown"),
        )
        steps = [
            t("Anonymise again with a coarser setting; if it fails again, keep this report and tell the data team."),
        ]
        commands = [command(settings, suppression_limit=min(0.5, round(settings.suppression_limit * 2, 3)))]
    return Verdict("fail", headline, why=why, steps=steps, commands=commands)


HEADLINES = {
    "k_not_reachable": N_("Nothing was written: k = {k} cannot be reached with these settings."),
    "history_scheme": N_("Nothing was written: the release history refuses this release."),
    "history_schemes": N_("Nothing was written: the release history refuses this release."),
    "difference_attack": N_("Nothing was written: next to an earlier release, this one would expose members."),
    "dp_budget": N_("Nothing was written: this year's differential-privacy budget would be exceeded."),
    "verification": N_("Nothing was written: the file failed its own check and was removed."),
}
SETTINGS_WORDS = {
    "k": N_("k"),
    "l": N_("l (outcomes per class)"),
    "quasi_identifiers": N_("quasi-identifiers"),
}
VERIFICATION_WORDS = {
    "k": N_("k on the written file"),
    "l": N_("l on the written file"),
    "unique": N_("members with a row fewer than k share"),
    "relinking": N_("a column that links rows to members"),
}


def report_verdict(result: dict[str, Any], settings: AnonymiseSettings, out_dir: Path, lang: str) -> Verdict:
    """The verdict on top of the report (and its headline on the command line), in the run's language."""
    w = Words(lang)
    return _passed(result, settings, out_dir, w) if result["exit_code"] == 0 else _refused(result, settings, w)


def write_report(
    out_dir: Path,
    result: dict[str, Any],
    settings: AnonymiseSettings,
    lang: str,
    planning: PlanningTables | None = None,
    plots: dict[str, str] | None = None,
    verdict: Verdict | None = None,
) -> Path:
    """Write report.html: the verdict (made here unless given), what someone can learn, the guarantee, then the
    tables and charts."""
    w = Words(lang)
    t = w.t
    passed = result["exit_code"] == 0
    verdict = verdict or report_verdict(result, settings, out_dir, lang)
    sections: list[Section | None] = []
    if passed:
        sections.append(Section(t("What this file is"), t(BANNERS[result["release"]])))
        sections.append(
            Section(
                t("What someone can learn from this file (measured)"),
                t("What an insider who knows one event of a member learns from the file as written.")
                if result.get("insider_risk")
                else risk_statement(result, lang),
                parts.insider(result, w),
            )
        )
    third_party = result["release"] == "third-party"
    order = [
        parts.information_items if third_party else None,
        parts.guarantee,
        parts.protection,
        parts.disclosure,
        parts.history,
        parts.members_by_status,
        parts.loss,
        None if third_party else parts.information_items,
        parts.rule_34,
        parts.smallest_classes if passed else None,
        parts.differential_privacy,
    ]
    sections += [build(result, w) for build in order if build is not None]
    if planning is not None:
        sections += parts.planning_sections(planning, plots or {}, result["k_requested"], w)
    title = t("Anonymised sign-ups: {kind}", kind=t(KINDS[result["release"]]))
    links = [(t(label), href) for label, href in LINKS]
    return write_html_report(
        out_dir / REPORT_NAME,
        title,
        verdict,
        [s for s in sections if s is not None],
        lang,
        links,
        written_after=(RESULT_NAME,),
    )
