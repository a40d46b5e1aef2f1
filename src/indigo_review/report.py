"""Readable HTML reports and the machine-readable result every job writes into its run folder."""

from __future__ import annotations

import base64
import html
import math
import os
import re
from collections.abc import Callable, Collection, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any
from unicodedata import east_asian_width

import numpy as np
import pandas as pd
from jinja2 import Environment, select_autoescape

from . import __version__
from .contract import EXECUTED_NOTEBOOK, EXECUTED_NOTEBOOK_ENV, JobSettings, Outcome, run_outputs
from .i18n import N_
from .output import atomic_write_text, write_json
from .workspace import StoreRead

# The page's layout (its styles, the print stylesheet for A4); every word on it comes from the caller.
_TEMPLATE = (Path(__file__).with_name("templates") / "report.html").read_text(encoding="utf-8")
_ENV = Environment(autoescape=select_autoescape(default=True, default_for_string=True))
# How each outcome is shown: green when the data may go on, red when it may not, amber when nothing was decided
# or the outcome holds a condition (a file for use inside the society only, a request that found nothing, a ledger
# whose MACs could not be checked).
STYLES = {
    "pass": "good",
    "released": "good",
    "answered": "good",
    "block": "bad",
    "fail": "bad",
    "refused": "bad",
    "open": "warn",
    "error": "warn",
    "internal use only": "warn",
    "nothing held": "warn",
    "not verified": "warn",
}
_LABELS = {
    "pass": N_("PASS"),
    "released": N_("RELEASED"),
    "answered": N_("ANSWERED"),
    "block": N_("BLOCK"),
    "fail": N_("FAIL"),
    "refused": N_("REFUSED"),
    "open": N_("OPEN"),
    "error": N_("ERROR"),
    "internal use only": N_("INTERNAL USE ONLY"),
    "nothing held": N_("NOTHING HELD"),
    "not verified": N_("NOT VERIFIED"),
}


@dataclass
class Verdict:
    """The block on top of every report: what happened, why, what to do next and the exact command."""

    status: str
    headline: str
    why: str = ""
    steps: list[str] = field(default_factory=list)
    commands: list[str] = field(default_factory=list)


@dataclass
class Section:
    """One part of an HTML report: a heading with text, a table and/or a PNG of the run folder (embedded)."""

    title: str
    text: str = ""
    table: pd.DataFrame | None = None
    image: str | None = None
    note: str = ""
    anchor: str = ""


def status_for(exit_code: int) -> str:
    """The word for an exit code in reports."""
    return {0: "pass", 1: "fail"}.get(exit_code, "error")


def status_label(status: str, t: Callable[..., str]) -> str:
    """An outcome as the report and the command line say it (合格 PASS, 提供不可 REFUSED, ...)."""
    word = _LABELS.get(status.lower(), status.upper())
    return t(word)


def cell_text(value: Any, t: Callable[..., str]) -> str:
    """A value as a person reads it: whole numbers without '.0', thousands separated, yes/no, '—' for nothing."""
    if value is None or value is pd.NA or value is pd.NaT:
        return "—"
    if isinstance(value, bool | np.bool_):
        return t("yes") if value else t("no")
    if isinstance(value, float | np.floating):
        if math.isnan(value):
            return "—"
        return f"{int(value):,}" if float(value).is_integer() else f"{value:,.3f}".rstrip("0").rstrip(".")
    if isinstance(value, int | np.integer):
        return f"{int(value):,}"
    if isinstance(value, list | tuple | set | frozenset):
        return ", ".join(cell_text(v, t) for v in value) or "—"
    if isinstance(value, dict):
        return "; ".join(f"{k}: {cell_text(v, t)}" for k, v in value.items()) or "—"
    text = str(value)
    return text if text.strip() else "—"


NOWRAP = ' class="nowrap"'
# A date or a timestamp as the stores and tables write them (2026-11-25, 2026-11-25T03:00:00+00:00).
_DATE = re.compile(r"\d{4}-\d{2}(-\d{2}([ T]\d{2}:\d{2}(:\d{2}(\.\d+)?)?( ?UTC|Z|[+-]\d{2}:?\d{2})?)?)?")
# The widest unbroken word kept on one line, in half-width characters (a full-width character counts two): a
# file name, an id, a date with its entry number; a hash or a sentence in Japanese (no spaces) may still wrap.
COMPACT_WIDTH = 28
# A header kept on one line: a short one only (詳細, 日付), so that a long header never widens its column.
HEADER_WIDTH = 12


def compact(text: str, width: int = COMPACT_WIDTH) -> bool:
    """A cell that must not be broken across lines: a date or timestamp, or one short word (a file name, an id)."""
    if _DATE.fullmatch(text):
        return True
    if any(c.isspace() for c in text):
        return False
    return sum(2 if east_asian_width(c) in "WF" else 1 for c in text) <= width


def table_html(frame: pd.DataFrame, t: Callable[..., str], labels: dict[str, str] | None = None) -> str:
    """A table in HTML with readable values and translated headers; numbers right-aligned; every value escaped."""
    labels = labels or {}
    heads = [t(labels.get(str(c), str(c))) for c in frame.columns]
    head = "".join(f"<th{NOWRAP if compact(h, HEADER_WIDTH) else ''}>{html.escape(h)}</th>" for h in heads)
    rows = []
    for record in frame.itertuples(index=False, name=None):
        cells = []
        for value in record:
            text = cell_text(value, t)
            numeric = isinstance(value, int | float | np.integer | np.floating) and not isinstance(value, bool)
            css = ' class="number"' if numeric else NOWRAP if compact(text) else ""
            cells.append(f"<td{css}>{html.escape(text)}</td>")
        rows.append("<tr>" + "".join(cells) + "</tr>")
    return f"<table><thead><tr>{head}</tr></thead><tbody>{''.join(rows)}</tbody></table>"


def embedded(path: Path) -> str | None:
    """A PNG as a data URI, so a report copied on its own keeps its plots."""
    if not path.is_file():
        return None
    return "data:image/png;base64," + base64.b64encode(path.read_bytes()).decode("ascii")


def write_html_report(
    path: str | Path,
    title: str,
    verdict: Verdict,
    sections: list[Section],
    lang: str = "ja",
    links: Sequence[tuple[str, str]] = (),
    labels: dict[str, str] | None = None,
    written_after: Collection[str] = (),
) -> Path:
    """Write a self-contained HTML report: the verdict block on top, then the sections; every value escaped.

    Tables show readable values (no None, NaN or 8151.0) under translated headers (`labels` maps a column name
    to its English label, which the catalogue translates); images are embedded; links point at the run's files:
    those there now, those the job writes after the report (`written_after`: its result file) and the executed
    notebook when the runner keeps one. A link to a file the run did not write (the anonymised file of a refused
    run) is left out.
    """
    from .i18n import translator

    path = Path(path)
    t = translator(lang)
    rendered = _ENV.from_string(_TEMPLATE).render(
        lang=lang,
        title=title,
        version=__version__,
        created=datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC"),
        links=[(label, href) for label, href in links if _linkable(path.parent, href, written_after)],
        labels={"why": t("Why:"), "next": t("What to do next:")},
        verdict={
            "style": STYLES.get(verdict.status.lower(), "warn"),
            "label": status_label(verdict.status, t),
            "headline": verdict.headline,
            "why": verdict.why,
            "steps": verdict.steps,
            "commands": verdict.commands,
        },
        sections=[
            {
                "title": s.title,
                "text": s.text,
                "table": None if s.table is None else table_html(s.table, t, labels),
                "image": embedded(path.parent / s.image) if s.image else None,
                "note": s.note,
                "anchor": s.anchor,
            }
            for s in sections
        ],
    )
    return atomic_write_text(path, rendered)


def _linkable(folder: Path, href: str, written_after: Collection[str]) -> bool:
    """A link the reader can follow: a place on the page, a file there, or one written once the report is."""
    if "#" in href or href in written_after or (folder / href).exists():
        return True
    return href == EXECUTED_NOTEBOOK and os.environ.get(EXECUTED_NOTEBOOK_ENV) == EXECUTED_NOTEBOOK


_VERDICT = re.compile(r'<div class="verdict (\w+)">.*?</div><!-- end of verdict -->', re.S)
_INLINE = {"good": "#2e8b57", "bad": "#c0392b", "warn": "#d68910"}


def verdict_html(report: str | Path) -> str:
    """The verdict block of a written report, styled inline, for the notebook to show the same story on top."""
    match = _VERDICT.search(Path(report).read_text(encoding="utf-8")) if Path(report).is_file() else None
    if match is None:
        return ""
    colour = _INLINE.get(match.group(1), "#888")
    return f'<div style="border-left: 8px solid {colour}; padding: .5em 1em">{match.group(0)}</div>'


def write_result(
    path: str | Path,
    job: str,
    exit_code: int,
    *,
    summary: str,
    status: str | None = None,
    stores: Sequence[StoreRead] = (),
    settings: JobSettings | None = None,
    detail: Any = None,
    **fields: Any,
) -> Outcome:
    """Write the job's machine-readable result, the fields every job shares first, and return its Outcome.

    Written last, so that `outputs` lists every file the job wrote into its run folder.
    """
    path = Path(path)
    status = status or status_for(exit_code)
    written = {*run_outputs(path.parent), path.name}
    result = {
        "job": job,
        "status": status,
        "exit_code": exit_code,
        "summary": summary,
        "outputs": sorted(written),
        "stores": [store.to_json() for store in stores],
        "settings": settings.to_parameters() if settings is not None else {},
        "tool_version": __version__,
        "finished_at": datetime.now(UTC).isoformat(timespec="seconds"),
        **fields,
    }
    write_json(path, result)
    outcome = Outcome.from_result(job, path.parent, result)
    outcome.detail = detail
    return outcome
