"""Load the accuracy suites (`expectations/<table>.json`, GX 1.x suite JSON) or fail with a SuiteError naming the file.

GX itself logs and silently drops an expectation it cannot build; a scheduler must not pass on a
suite that lost a rule, so every expectation is built here first and any problem stops the run.
Each expectation may carry `meta.rule` (the rule name used in reports), `meta.evidence` (the
raw column whose masked value the failing-records report shows, when the expectation is stated on
a derived column), `meta.defect` (the defect kind of its findings, a code of `messages.DEFECTS`) and
`meta.diagnose` (the diagnosis that tells the defect kind from the value, `rules.DIAGNOSIS_NAMES`)
and `meta.description` (what the rule asks of a record in words, `{"en": ..., "ja": ...}`, shown in Data
Docs); an unknown code or diagnosis, or a description without both languages, is a SuiteError, so a
report never names a kind nobody described.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..errors import SuiteError
from . import expectations as _registers_expectations  # noqa: F401  (GX registers a class on import)
from .messages import DEFECTS
from .prepare import TABLES
from .rules import DIAGNOSIS_NAMES

# Values the job supplies at run time, referenced in a suite as {"$PARAMETER": name}.
RUN_PARAMETERS = ("reference_date",)


@dataclass(frozen=True)
class SuiteExpectation:
    """One expectation of a suite, as configured, with the rule name reports use."""

    type: str
    kwargs: dict[str, Any]
    meta: dict[str, Any]
    rule: str
    column: str | None
    evidence: str | None

    @property
    def columns(self) -> list[str]:
        """Every column the expectation names: column, column_A and column_B, or column_list."""
        named = [self.kwargs.get(k) for k in ("column", "column_A", "column_B")]
        listed = self.kwargs.get("column_list") or []
        return [c for c in [*named, *listed] if isinstance(c, str)]

    def description(self, lang: str) -> str:
        """What the rule asks of a record, in words, in `lang` ("" when the suite does not say)."""
        words = self.meta.get("description") or {}
        return str(words.get(lang) or words.get("en") or "")

    def config(self) -> dict[str, Any]:
        """The configuration GX builds the expectation from."""
        return {"type": self.type, "kwargs": self.kwargs, "meta": {**self.meta, "rule": self.rule}}


@dataclass(frozen=True)
class Suite:
    """A table's suite: its file, name and expectations."""

    table: str
    path: Path
    name: str
    expectations: list[SuiteExpectation] = field(default_factory=list)


def load_suites(suites_dir: str | Path, tables: tuple[str, ...] = TABLES) -> dict[str, Suite]:
    """Read and validate `<table>.json` for every table from the suites folder."""
    suites_dir = Path(suites_dir)
    if not suites_dir.is_dir():
        raise SuiteError(suites_dir, "suites folder not found", "pass --suites the folder holding members.json etc.")
    return {table: load_suite(suites_dir / f"{table}.json", table) for table in tables}


def load_suite(path: Path, table: str) -> Suite:
    """Read one suite file and check that GX can build every expectation in it."""
    if not path.is_file():
        raise SuiteError(path, "suite file not found", f"add the {table} suite (see expectations/ in the repository)")
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except json.JSONDecodeError as exc:
        raise SuiteError(path, f"is not valid JSON (line {exc.lineno}, column {exc.colno})", "fix the file") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise SuiteError(path, f"cannot be read ({type(exc).__name__})", "check the file and its permissions") from None
    if not isinstance(data, dict) or not isinstance(data.get("expectations"), list):
        raise SuiteError(path, "is not a suite: it needs an object with an 'expectations' list", "fix the file")
    if not data["expectations"]:
        raise SuiteError(path, "has no expectations", "a suite that checks nothing would always pass")
    expectations = [_expectation(path, number, item) for number, item in enumerate(data["expectations"], start=1)]
    rules = [e.rule for e in expectations]
    if len(set(rules)) != len(rules):
        raise SuiteError(path, "names a rule twice in meta.rule", "give every expectation its own rule name")
    return Suite(table, path, str(data.get("name") or table), expectations)


def _expectation(path: Path, number: int, item: Any) -> SuiteExpectation:
    from great_expectations.expectations.expectation_configuration import ExpectationConfiguration

    where = f"expectation {number}"
    if not isinstance(item, dict) or not isinstance(item.get("type"), str):
        raise SuiteError(path, f"{where} has no 'type'", "each expectation is an object with type and kwargs")
    kind = item["type"]
    kwargs = item.get("kwargs", {})
    meta = item.get("meta", {}) or {}
    if not isinstance(kwargs, dict) or not isinstance(meta, dict):
        raise SuiteError(path, f"{where} ({kind}): kwargs and meta must be objects", "fix the file")
    for name in _parameters(kwargs):
        if name not in RUN_PARAMETERS:
            raise SuiteError(path, f"{where} ({kind}) uses unknown $PARAMETER '{name}'", f"use {RUN_PARAMETERS}")
    try:
        ExpectationConfiguration(type=kind, kwargs=kwargs, meta=meta).to_domain_obj()
    except Exception as exc:
        raise SuiteError(path, f"{where} ({kind}) is not valid: {_reason(exc)}", "fix the file") from None
    if meta.get("defect") is not None and meta["defect"] not in DEFECTS:
        raise SuiteError(path, f"{where} ({kind}) names unknown defect '{meta['defect']}'", "use a code of DEFECTS")
    if meta.get("diagnose") is not None and meta["diagnose"] not in DIAGNOSIS_NAMES:
        raise SuiteError(path, f"{where} ({kind}) names unknown diagnosis '{meta['diagnose']}'", "see DIAGNOSES")
    words = meta.get("description")
    if words is not None and not (
        isinstance(words, dict) and all(isinstance(words.get(k), str) and words[k].strip() for k in ("en", "ja"))
    ):
        hint = 'write {"en": ..., "ja": ...}'
        raise SuiteError(path, f"{where} ({kind}): meta.description needs en and ja texts", hint)
    listed = kwargs.get("column_list")
    column = (
        kwargs.get("column") or kwargs.get("column_A") or (listed[0] if isinstance(listed, list) and listed else None)
    )
    rule = str(meta.get("rule") or (f"{kind}:{column}" if column else kind))
    evidence = meta.get("evidence", column)
    return SuiteExpectation(kind, kwargs, meta, rule, column, evidence)


def _parameters(value: Any) -> list[str]:
    """Names of the $PARAMETER references anywhere in a kwargs value."""
    if isinstance(value, dict):
        if set(value) == {"$PARAMETER"}:
            return [str(value["$PARAMETER"])]
        return [name for v in value.values() for name in _parameters(v)]
    if isinstance(value, list):
        return [name for v in value for name in _parameters(v)]
    return []


def _reason(exc: Exception) -> str:
    """A short reason: unknown type, or the fields GX rejected (the suite is configuration, never member data)."""
    if type(exc).__name__ in ("ExpectationNotFoundError", "InvalidExpectationConfigurationError"):
        return "unknown expectation type"
    errors = getattr(exc, "errors", None)
    if callable(errors):
        fields = sorted({".".join(str(p) for p in e.get("loc", ())) for e in errors()} - {"__root__"})
        messages = sorted({e.get("msg", "") for e in errors() if e.get("loc") == ("__root__",)})
        return "; ".join([f"bad or missing {', '.join(fields)}" if fields else "", *messages]).strip("; ")
    return type(exc).__name__
