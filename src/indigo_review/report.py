"""Readable HTML reports and the machine-readable result every job writes into its run folder."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pandas as pd
from jinja2 import Environment, select_autoescape

from . import __version__
from .contract import JobSettings, Outcome, run_outputs
from .output import atomic_write_text, write_json
from .workspace import StoreRead

_TEMPLATE = """<!doctype html>
<html lang="ja"><head><meta charset="utf-8"><title>{{ title }}</title>
<style>
body { font-family: "Noto Sans CJK JP", "Hiragino Sans", "Yu Gothic", sans-serif; margin: 2em; color: #222; }
h1 { font-size: 1.5em; } h2 { font-size: 1.15em; margin-top: 1.6em; border-bottom: 1px solid #ccc; }
table { border-collapse: collapse; font-size: 0.9em; } td, th { border: 1px solid #ddd; padding: 3px 8px; }
th { background: #f3f3f3; } .status { font-weight: bold; padding: 2px 8px; border-radius: 3px; }
.pass { background: #d7f5dd; } .fail { background: #fbd5d5; } .error { background: #fde9c8; }
.meta { color: #666; font-size: 0.85em; } .plot { max-width: 100%; }
</style></head><body>
<h1>{{ title }} <span class="status {{ status_class }}">{{ status }}</span></h1>
<p class="meta">indigo-review {{ version }} · {{ created }}</p>
{% for section in sections %}
<h2>{{ section.title }}</h2>
{% if section.text %}<p>{{ section.text }}</p>{% endif %}
{% if section.table is not none %}{{ section.table | safe }}{% endif %}
{% if section.image %}<p><img src="{{ section.image }}" alt="{{ section.title }}" class="plot"></p>{% endif %}
{% endfor %}
</body></html>
"""
_ENV = Environment(autoescape=select_autoescape(default=True, default_for_string=True))


@dataclass
class Section:
    """One part of an HTML report: a heading with text, a table and/or an image file name."""

    title: str
    text: str = ""
    table: pd.DataFrame | None = None
    image: str | None = None


def status_for(exit_code: int) -> str:
    """The word for an exit code in reports."""
    return {0: "pass", 1: "fail"}.get(exit_code, "error")


def write_html_report(path: str | Path, title: str, status: str, sections: list[Section]) -> Path:
    """Write a self-contained HTML report; every value is escaped."""
    rendered = _ENV.from_string(_TEMPLATE).render(
        title=title,
        status=status.upper(),
        status_class={"pass": "pass", "released": "pass", "answered": "pass", "fail": "fail", "block": "fail"}.get(
            status.lower(), "fail" if status.lower() in ("refused", "open") else "error"
        ),
        version=__version__,
        created=datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC"),
        sections=[
            {
                "title": s.title,
                "text": s.text,
                "table": None if s.table is None else s.table.to_html(index=False, escape=True, border=0),
                "image": s.image,
            }
            for s in sections
        ],
    )
    return atomic_write_text(path, rendered)


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
