"""The ledger's HTML export for an auditor: the verification on top, provisions grouped by recipient, details in
words (no Python dicts), readable on A4, in Japanese or English; the CSV export stays machine-readable."""

from __future__ import annotations

import csv
import io
import re
import sqlite3
from datetime import UTC, datetime, timedelta
from html import unescape
from pathlib import Path

from indigo_review.keys import LEDGER_KEY_ENV, LedgerKey
from indigo_review.release import PRIVACY_BUDGET, Provision, append, export_csv, export_html, read_entries
from indigo_review.release.export import AUDIT_COLUMNS

from ..conftest import run_cli
from .support import record

NOW = datetime(2026, 11, 25, 3, 0, tzinfo=UTC)
CONSENT = {
    "policy_clause": "3",
    "art29": "required: provision with the person's consent (APPI Art. 29(1), Rules Art. 20)",
    "consent": {"obtained": True, "source": "members.csv column consent_third_party", "source_sha256": "b" * 64},
    "stop_list": {"store": "stop_list", "path": "/ws/stop_list.sqlite", "entries": 2, "head": "x"},
}


def _ledger(tmp_path: Path) -> Path:
    """Two recipients, provisions interleaved in time, one refused."""
    ledger = tmp_path / "ledger.sqlite"
    record(ledger, NOW, recipient="会場運営株式会社", file_name="venue-1.csv", details=CONSENT)
    record(
        ledger,
        NOW + timedelta(days=1),
        recipient="株式会社データ分析",
        file_name="analysis.csv",
        basis="outsourcing",
        outcome="refused",
        persons=[],
        details={"policy_clause": "3(2)", "contract": "C-2026-01", "reason": "1 member(s) in the file asked ..."},
    )
    record(ledger, NOW + timedelta(days=2), recipient="会場運営株式会社", file_name="venue-2.csv", details=CONSENT)
    return ledger


def _html(ledger: Path, tmp_path: Path, lang: str = "en") -> str:
    return unescape(export_html(ledger, tmp_path / f"ledger-{lang}.html", lang=lang).read_text(encoding="utf-8"))


def test_provisions_are_grouped_by_recipient(tmp_path: Path) -> None:
    html = _html(_ledger(tmp_path), tmp_path)
    venue = html.index('<h2 id="recipient-1">Recipient: 会場運営株式会社')
    analysis = html.index('<h2 id="recipient-2">Recipient: 株式会社データ分析')
    assert venue < html.index("venue-1.csv") < html.index("venue-2.csv") < analysis < html.index("analysis.csv")
    assert '<a href="#recipient-2">株式会社データ分析</a>' in html


def test_the_verification_and_the_head_to_keep_are_on_top(tmp_path: Path) -> None:
    ledger = _ledger(tmp_path)
    html = _html(ledger, tmp_path)
    head = read_entries(ledger)["hash"].iloc[-1]
    top = html[: html.index("<h2")]
    assert "PASS" in top and f"The ledger is intact: 3 entries, a SHA-256 chain. Head: entry 3, hash {head}." in top
    assert f"indigo-review ledger verify --head {head}" in top


def test_a_broken_chain_is_the_verdict_naming_the_entry(tmp_path: Path) -> None:
    ledger = _ledger(tmp_path)
    conn = sqlite3.connect(ledger)
    conn.execute("DROP TRIGGER entries_are_never_updated")
    conn.execute("UPDATE entries SET recipient = 'someone else' WHERE seq = 2")
    conn.commit()
    conn.close()
    top = _html(ledger, tmp_path).split("<h2")[0]
    assert "FAIL" in top and "The ledger is broken at entry 2" in top and "keep a copy of the ledger file" in top


def test_the_japanese_export_says_what_broke_the_chain_in_japanese(tmp_path: Path) -> None:
    ledger = _ledger(tmp_path)
    conn = sqlite3.connect(ledger)
    conn.execute("DROP TRIGGER entries_are_never_updated")
    conn.execute("UPDATE entries SET recipient = 'someone else' WHERE seq = 2")
    conn.commit()
    conn.close()
    top = _html(ledger, tmp_path, "ja").split("<h2")[0]
    assert "この記録の内容がハッシュと一致しません（編集されています）。" in top
    assert "its fields do not match its hash" not in top


def test_a_keyed_ledger_without_its_key_says_not_verified_and_how_to_export_with_the_key(
    tmp_path: Path, monkeypatch
) -> None:
    ledger = tmp_path / "ledger.sqlite"
    key = LedgerKey(b"k" * 40, "test")
    append(ledger, Provision("released", "law", "裁判所", "court.csv", "c" * 64, "BLOCK"), NOW, key=key)
    monkeypatch.delenv(LEDGER_KEY_ENV, raising=False)
    top = _html(ledger, tmp_path).split("<h2")[0]
    assert "NOT VERIFIED" in top and "1 entries carry MACs under the ledger key" in top
    assert "INDIGO_LEDGER_KEY_FILE=KEY_FILE indigo-review ledger export --format html" in top


def test_details_read_as_words_never_as_python_literals(tmp_path: Path) -> None:
    html = _html(_ledger(tmp_path), tmp_path)
    assert not re.search(r"\{'|': |\['|\bTrue\b|\bNone\b", html)
    assert "consent obtained from every member (members.csv column consent_third_party)" in html
    assert "stop list read: 2 member(s)" in html and "contract: C-2026-01" in html
    assert "name_kanji (name of a person)" in html


def test_the_recipient_table_fits_a4(tmp_path: Path) -> None:
    html = _html(_ledger(tmp_path), tmp_path)
    section = html[html.index('id="recipient-1"') : html.index('id="recipient-2"')]
    header = re.search(r"<thead><tr>(.*?)</tr></thead>", section).group(1)
    assert len(re.findall(r"<th[ >]", header)) <= 8  # the chain's hashes have a table of their own


def test_the_japanese_export_reads_in_japanese(tmp_path: Path) -> None:
    html = _html(_ledger(tmp_path), tmp_path, "ja")
    assert "提供記録は改ざんされていません：3 件" in html and "提供先：会場運営株式会社" in html
    assert "同意：全員から取得済み" in html and "The ledger is intact" not in html


def test_the_japanese_export_names_a_code_that_links_rows_in_japanese(tmp_path: Path) -> None:
    ledger = tmp_path / "ledger.sqlite"
    record(ledger, NOW, items=[{"column": "token", "entities": ["LINK_CODE"]}], details=CONSENT)
    html = _html(ledger, tmp_path, "ja")
    assert "token（行を結び付ける符号（仮名IDやトークン））" in html and "code that links rows" not in html


def test_the_privacy_budget_names_the_tables_by_the_files_published(tmp_path: Path) -> None:
    ledger = tmp_path / "ledger.sqlite"
    spent = {"population": "members", "epsilon": 1.0, "budget_per_year": 4.0, "tables": ["dp_total", "dp_by_month"]}
    budget = Provision("spent", "anonymous", "", "dp_planning_tables", "c" * 64, "", details=spent, kind=PRIVACY_BUDGET)
    append(ledger, budget, NOW)
    assert "<td>dp_total.csv, dp_by_month.csv</td>" in _html(ledger, tmp_path, "ja")


def test_the_cli_exports_html_in_the_language_asked(tmp_path: Path) -> None:
    ledger = _ledger(tmp_path)
    for lang, said in (("ja", "提供先ごとの提供"), ("en", "Provisions by recipient")):
        out = tmp_path / f"cli-{lang}.html"
        args = ["export", "--format", "html", "--lang", lang, "--out", str(out), "--workspace", str(ledger.parent)]
        result = run_cli("ledger", *args)
        assert result.returncode == 0, result.stderr
        assert said in out.read_text(encoding="utf-8")


def test_the_csv_export_keeps_its_machine_readable_columns(tmp_path: Path) -> None:
    text = export_csv(_ledger(tmp_path))
    rows = list(csv.DictReader(io.StringIO(text)))
    assert list(rows[0]) == AUDIT_COLUMNS and [r["recipient"] for r in rows][1] == "株式会社データ分析"
    assert rows[0]["persons"] == "M000001" and rows[1]["outcome"] == "refused"


def test_the_csv_export_writes_nested_details_as_json_never_as_python_literals(tmp_path: Path) -> None:
    rows = list(csv.DictReader(io.StringIO(export_csv(_ledger(tmp_path)))))
    assert '"obtained": true' in rows[0]["details"] and "{'" not in rows[0]["details"]


def test_the_member_ids_a_released_provision_keeps_are_listed_under_its_recipient(tmp_path: Path) -> None:
    ledger = tmp_path / "ledger.sqlite"
    ids = [f"M{n:06d}" for n in range(1, 14)]
    record(ledger, NOW, persons=ids, person_count=len(ids))
    html = _html(ledger, tmp_path)
    assert "Members provided: entry 1: M000001, M000002" in html and "M000010 and 3 more (CSV export)" in html
    assert "M000011" not in html
