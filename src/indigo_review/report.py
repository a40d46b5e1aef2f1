"""Readable HTML reports and the machine-readable result every job writes into its run folder."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pandas as pd
from jinja2 import Environment, select_autoescape

from . import __version__
from .output import atomic_write_text, write_json

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
        status_class={"pass": "pass", "fail": "fail", "block": "fail"}.get(status.lower(), "error"),
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


def write_result(path: str | Path, job: str, exit_code: int, **fields: Any) -> dict[str, Any]:
    """Write the job's machine-readable result with the common fields first; return what was written."""
    result = {
        "job": job,
        "status": fields.pop("status", status_for(exit_code)),
        "exit_code": exit_code,
        "tool_version": __version__,
        "finished_at": datetime.now(UTC).isoformat(timespec="seconds"),
        **fields,
    }
    write_json(path, result)
    return result
