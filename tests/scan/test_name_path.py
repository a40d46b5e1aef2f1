"""The cheaper name path: cells that cannot hold an undecided name never reach the neural pipes."""

from __future__ import annotations

from pathlib import Path

import pandas as pd

import indigo_review.scan.cells as cells
import indigo_review.scan.ner as ner
from indigo_review.reference import my_number_check_digit
from indigo_review.scan import BLOCK, scan_path
from indigo_review.scan.profiles import profile_column
from indigo_review.scan.recognizers import Span


def _texts_sent_to_ner(monkeypatch, path: Path) -> tuple[list[str], object]:
    sent: list[str] = []
    real = ner.read_texts

    def spy(texts, *args, **kwargs):
        sent.extend(texts)
        return real(texts, *args, **kwargs)

    monkeypatch.setattr(ner, "read_texts", spy)
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
    assert not cells._needs_ner("令和7年4月1日", profile)
    assert cells._needs_ner("令和7年4月1日に田中さんと参加", profile)


def test_a_cell_a_finding_explains_whole_needs_nothing_more() -> None:
    span = Span("DATE_OF_BIRTH", 0, 10, 0.9)
    assert cells._whole_cell([span], "昭和60年4月12日")
    assert not cells._whole_cell([span], "昭和60年4月12日生まれの田中さん")


def test_the_model_text_folds_digits_and_blanks_found_values_keeping_positions() -> None:
    text = "マイナンバー 1234-5678-9012 提出済み、3名"
    found = [Span("JP_MY_NUMBER", 7, 21, 1.0)]
    model = ner.model_text(text, found)
    assert model == "マイナンバー ______________ 提出済み、0名"
    assert len(model) == len(text)


def test_remarks_that_differ_only_in_found_values_are_read_once(ginza, monkeypatch, tmp_path: Path) -> None:
    path = tmp_path / "remarks.csv"
    digits = [first + str(my_number_check_digit(first)) for first in ("12345678901", "43218765123")]
    remarks = [f"マイナンバー {d[:4]} {d[4:8]} {d[8:]} 提出済み" for d in digits]
    emails = ["連絡先 a.kimura@example.jp", "連絡先 b.tanaka@example.jp"]
    pd.DataFrame({"備考": [*remarks, *emails]}).to_csv(path, index=False)
    sent, result = _texts_sent_to_ner(monkeypatch, path)
    assert (result.findings["entity"] == "JP_MY_NUMBER").sum() == 2
    assert (result.findings["entity"] == "EMAIL_ADDRESS").sum() == 2
    assert len(sent) <= 2
    assert all("@" not in text and not any(ch in text for ch in "123456789") for text in sent)


def test_a_name_beside_a_found_value_is_still_found(ginza, tmp_path: Path) -> None:
    path = tmp_path / "remarks.csv"
    remarks = ["田中様の連絡先 090-1234-5678", "ogawa@example.jp 野村様より電話あり"]
    pd.DataFrame({"備考": remarks}).to_csv(path, index=False)
    findings = scan_path(path).findings
    assert set(zip(findings["row"], findings["entity"], strict=True)) == {
        (0, "PERSON"),
        (0, "PHONE_NUMBER"),
        (1, "EMAIL_ADDRESS"),
        (1, "PERSON"),
    }


def test_a_place_the_model_reads_is_measured_as_an_address_in_the_real_text() -> None:
    reading = ner.Reading(persons=(), places=(8,))
    text = "3月から送付先を北海道札幌市中央区北一条西12丁目1番地に変更"
    assert ner.model_text(text)[8:] == "北海道札幌市中央区北一条西00丁目0番地に変更"
    assert [text[s.start : s.end] for s in reading.spans(text)] == ["北海道札幌市中央区北一条西12丁目1番地"]
