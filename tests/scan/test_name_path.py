"""The cheaper name path: cells that cannot hold an undecided name never reach the neural pipes."""

from __future__ import annotations

from pathlib import Path

import pandas as pd

import indigo_review.scan.engine as engine
import indigo_review.scan.ner as ner
from indigo_review.scan import BLOCK, scan_path
from indigo_review.scan.profiles import profile_column
from indigo_review.scan.recognizers import Span


def _texts_sent_to_ner(monkeypatch, path: Path) -> tuple[list[str], object]:
    sent: list[str] = []
    real = ner.analyse_texts

    def spy(texts, *args, **kwargs):
        sent.extend(texts)
        return real(texts, *args, **kwargs)

    monkeypatch.setattr(ner, "analyse_texts", spy)
    return sent, scan_path(path)


def test_era_dates_are_found_without_the_name_recogniser(ginza, monkeypatch, tmp_path: Path) -> None:
    path = tmp_path / "dob.csv"
    pd.DataFrame({"生年月日": ["昭和60年4月12日", "平成3年11月30日"], "備考": ["田中さんと参加", ""]}).to_csv(
        path, index=False
    )
    sent, result = _texts_sent_to_ner(monkeypatch, path)
    assert result.verdict == BLOCK and set(result.findings["entity"]) == {"DATE_OF_BIRTH", "PERSON"}
    assert sent == ["田中さんと参加"]


def test_a_date_alone_is_not_free_text() -> None:
    profile = profile_column("開催日", ["令和7年4月1日"])
    assert not engine._needs_ner("令和7年4月1日", profile)
    assert engine._needs_ner("令和7年4月1日に田中さんと参加", profile)


def test_a_cell_a_finding_explains_whole_needs_nothing_more() -> None:
    span = Span("DATE_OF_BIRTH", 0, 10, 0.9)
    assert engine._whole_cell([span], "昭和60年4月12日")
    assert not engine._whole_cell([span], "昭和60年4月12日生まれの田中さん")
