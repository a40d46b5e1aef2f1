"""The message catalogue: every message in the code has Japanese with the same placeholders, every translated
literal is one the catalogue can see, and a report in one language holds no sentence of the other."""

from __future__ import annotations

import ast
import importlib.util
import re
from datetime import UTC, datetime, timedelta
from html import unescape
from pathlib import Path

import pytest

from indigo_review.i18n import messages, translator

from .conftest import ROOT

SOURCE = ROOT / "src" / "indigo_review"
PLACEHOLDER = re.compile(r"\{(\w*)\}")
DATA_URI = re.compile(r"data:image/png;base64,[A-Za-z0-9+/=]+")


def _catalogue_tool():
    spec = importlib.util.spec_from_file_location("catalogue", ROOT / "tools" / "catalogue.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_every_message_in_the_code_has_japanese() -> None:
    japanese = messages()
    missing = [m for m in _catalogue_tool().messages_in_code() if not japanese.get(m)]
    assert missing == [], "run .venv/bin/python tools/catalogue.py and write the Japanese in locale/ja.po"


def test_every_translation_keeps_the_placeholders_of_its_message() -> None:
    differ = [m for m, ja in messages().items() if sorted(PLACEHOLDER.findall(m)) != sorted(PLACEHOLDER.findall(ja))]
    assert differ == []


def test_every_translated_literal_is_one_the_catalogue_can_see() -> None:
    # `words.t("...")` is translated at run time but never collected: the catalogue finds `t("...")` only.
    hidden = []
    for path in SOURCE.rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text("utf-8"))):
            called = isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr == "t"
            if called and node.args and isinstance(node.args[0], ast.Constant | ast.JoinedStr):
                hidden.append(f"{path.relative_to(ROOT)}:{node.lineno}")
    assert hidden == []


def test_the_japanese_catalogue_is_japanese() -> None:
    # Each message of words (not a bare code or placeholders) has a translation holding Japanese.
    japanese = re.compile(r"[\u3040-\u30ff\u4e00-\u9fff\uff00-\uffef]")
    worded = [m for m in messages() if len(re.findall(r"[A-Za-z]{2,}", PLACEHOLDER.sub("", m))) >= 2]
    # Words Japanese writes in Latin letters are translations too.
    latin = {"SNS"}
    untranslated = [m for m in worded if not japanese.search(messages()[m]) and messages()[m] not in latin]
    assert untranslated == []


def _sentences(lang: str) -> list[str]:
    """Whole sentences of the code's messages, without placeholders, in `lang` (English as in the code, Japanese from
    the catalogue): what a page in the other language must not show, translated or not."""
    english = [m for m in _catalogue_tool().messages_in_code() if not PLACEHOLDER.search(m) and len(m.split()) >= 5]
    japanese = messages()
    return english if lang == "en" else [japanese[m] for m in english if m in japanese]


def _reports(tmp_path: Path, lang: str) -> dict[str, str]:
    """Reports of three jobs rendered in `lang`: the ledger export, a member request's report, an anonymise refusal."""
    from indigo_review.anonymise import AnonymiseSettings
    from indigo_review.anonymise.report import write_report
    from indigo_review.release import Provision, append, export_html
    from indigo_review.requests.report import write_request_report
    from indigo_review.requests.settings import RequestSettings

    folder = tmp_path / lang
    (folder / "anonymise").mkdir(parents=True)
    ledger = folder / "ledger.sqlite"
    now = datetime(2026, 11, 25, 3, tzinfo=UTC)
    for day, (outcome, basis) in enumerate((("released", "consent"), ("refused", "outsourcing"))):
        provision = Provision(outcome, basis, "会場運営株式会社", "venue.csv", "a" * 64, "BLOCK", persons=["M000001"])
        append(ledger, provision, now + timedelta(days=day))
    request = {
        "request_id": "R20261102-M000001-abcd",
        "kind": "disclosure",
        "member_id": "M000001",
        "requester": "self",
        "id_documents": ["passport"],
        "received": "2026-11-02",
        "due": "2026-11-16",
        "refusal_case": "",
        "records_per_table": {"members": 1, "signups": 3},
        "mentions": {"certain": 1, "to_confirm": 2},
        "answer_files": ["members.csv", "signups.csv", "to_confirm.csv", "letter.html"],
        "tables_searched": 3,
        "could_not_read": [],
    }
    settings = RequestSettings(kind="disclosure", member_id="M000001", data="/srv/data", id_documents=("passport",))
    refused = {
        "release": "third-party",
        "exit_code": 1,
        "k_requested": 5,
        "records_in": 11814,
        "refusal": {"kind": "k_not_reachable", "k": 5, "suppressed": 900, "records": 1000, "limit": 50},
        "information_loss": {"loss": None, "levels_by_attribute": {}},
    }
    pages = {
        "ledger": export_html(ledger, folder / "ledger.html", lang=lang),
        "request": write_request_report(folder, request, "answered", settings, lang),
        "anonymise": write_report(folder / "anonymise", refused, AnonymiseSettings(release="third-party"), lang),
    }
    return {name: unescape(DATA_URI.sub("", path.read_text(encoding="utf-8"))) for name, path in pages.items()}


@pytest.mark.parametrize(("lang", "other"), [("ja", "en"), ("en", "ja")])
def test_a_report_holds_no_sentence_of_the_other_language(tmp_path: Path, lang: str, other: str) -> None:
    pages = _reports(tmp_path, lang)
    t = translator(lang)
    # The pages say what they should in their own language ...
    assert t("Provisions by recipient") in pages["ledger"] and t("Records held, per table") in pages["request"]
    assert t("Keep k at the society's standard: a smaller k protects members less.") in pages["anonymise"]
    # ... and no whole sentence of the catalogue in the other.
    found = {(name, s) for name, page in pages.items() for s in _sentences(other) if s in page}
    assert found == set()
