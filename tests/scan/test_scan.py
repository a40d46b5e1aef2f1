"""The scan engine: verdicts, the sample's truth, clean exports, allow-lists, positions, fail-closed cases."""

from __future__ import annotations

import csv
import io
import json
import socket
import zipfile
from pathlib import Path

import pandas as pd
import pytest

from indigo_review.errors import InputError, ParameterError
from indigo_review.io import iter_csv_chunks
from indigo_review.scan import BLOCK, ERROR, PASS, load_policy, make_policy, scan_path
from indigo_review.scan.recognizers.contact import offline_tldextract

from ..conftest import SAMPLE

EXPORTS = SAMPLE / "exports"
LEAKY = ["leaky_export_utf8bom.csv", "leaky_export_cp932.csv", "leaky_export.xlsx", "leaky_export.parquet"]
TRUTH = pd.read_csv(EXPORTS / "leaky_export_truth.csv", dtype=str)


def write_csv(path: Path, rows: list[dict[str, str]], encoding: str = "utf-8") -> Path:
    with path.open("w", encoding=encoding, newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(rows[0]))
        writer.writeheader()
        writer.writerows(rows)
    return path


def cells(result) -> set[tuple[int, str, str]]:
    return set(zip(result.findings["row"], result.findings["column"], result.findings["entity"], strict=True))


@pytest.fixture(scope="module")
def leaky_utf8(ginza):
    return scan_path(EXPORTS / "leaky_export_utf8bom.csv")


@pytest.mark.parametrize("name", LEAKY)
def test_the_leaky_export_blocks_with_every_planted_leak_found_in_every_format(ginza, name: str) -> None:
    result = scan_path(EXPORTS / name)
    assert result.verdict == BLOCK and result.exit_code == 1
    truth = {(int(r), c, e) for r, c, e in TRUTH.itertuples(index=False)}
    assert truth - cells(result) == set()


def test_look_alike_columns_of_the_leaky_export_have_no_findings(leaky_utf8) -> None:
    lookalikes = {"会員番号", "参加イベント", "イベント日", "注文番号", "アプリ版", "カード"}
    assert not set(leaky_utf8.findings["column"]) & lookalikes


def test_the_clean_planning_export_passes(ginza) -> None:
    result = scan_path(EXPORTS / "planning_export.csv")
    assert result.verdict == PASS and result.exit_code == 0 and result.rows == 1605


def test_a_table_shaped_like_the_anonymise_output_passes(ginza, tmp_path: Path) -> None:
    base = {
        "event_id": "E0001",
        "category": "ワークショップ",
        "event_month": "2025-04",
        "venue_prefecture": "東京都",
        "region": "関東",
        "prefecture": "東京都",
        "postal_area": "100",
        "age_band": "30-39",
        "gender": "F",
        "channel": "web",
        "signup_month": "2025-03",
        "lead_days_band": "0-6",
        "attended": "true",
    }
    variants = [
        {"member_pseudonym": "a1b2c3d4e5f60718"},
        # An all-digit pseudonym that passes Luhn and starts like a Visa card must not look like a card.
        {"member_pseudonym": "4111111111111111", "prefecture": "*", "postal_area": "*", "age_band": "30-49"},
        {
            "member_pseudonym": "0f0e0d0c0b0a0908",
            "category": "講座",
            "venue_prefecture": "大阪府",
            "region": "近畿",
            "prefecture": "大阪府",
            "postal_area": "5",
            "gender": "X",
            "channel": "oral",
            "lead_days_band": "7-13",
            "attended": "",
        },
        {
            "member_pseudonym": "ffeeddccbbaa9988",
            "category": "見学会",
            "gender": "*",
            "channel": "mail",
            "event_month": "2026-12",
            "signup_month": "2026-11",
            "age_band": "*",
            "attended": "false",
        },
    ]
    rows = [{"member_pseudonym": "", **base, **v} for v in variants for _ in range(3)]
    result = scan_path(write_csv(tmp_path / "anonymised.csv", rows))
    assert result.verdict == PASS, result.findings


def test_positions_point_into_the_original_cell_and_evidence_is_masked(ginza, tmp_path: Path) -> None:
    remark = "日中の連絡先　０９０－１２３４－５６７８まで"
    result = scan_path(write_csv(tmp_path / "e.csv", [{"備考": remark}]))
    (finding,) = result.findings.itertuples(index=False)
    assert (finding.row, finding.column, finding.entity) == (0, "備考", "PHONE_NUMBER")
    assert remark[finding.start : finding.end] == "０９０－１２３４－５６７８"
    assert finding.evidence == "***－****－５６７８"


def test_headerless_columns_are_judged_by_their_values(ginza, tmp_path: Path) -> None:
    rows = [
        {"col1": f"E{i:04d}", "col2": code}
        for i, code in enumerate(["1000001", "7900852", "3360022", "9830828", "9893127", "1000001"])
    ]
    result = scan_path(write_csv(tmp_path / "e.csv", rows))
    assert result.verdict == BLOCK and set(result.findings["entity"]) == {"JP_POSTAL_CODE"}
    assert len(result.findings) == 6  # repeated values are analysed once but reported for every row


def test_every_sheet_of_a_workbook_is_examined(ginza, tmp_path: Path) -> None:
    path = tmp_path / "two.xlsx"
    with pd.ExcelWriter(path) as writer:
        pd.DataFrame({"region": ["関東"]}).to_excel(writer, sheet_name="summary", index=False)
        pd.DataFrame({"note": ["連絡先 taro@example.jp"]}).to_excel(writer, sheet_name="detail", index=False)
    result = scan_path(path)
    assert result.verdict == BLOCK and list(result.findings["sheet"]) == ["detail"]


def test_json_findings_name_the_record_and_the_dotted_key_path(ginza, tmp_path: Path) -> None:
    path = tmp_path / "e.json"
    path.write_text(json.dumps([{"id": 1}, {"id": 2, "contact": {"tel": "090-1234-5678"}}]), encoding="utf-8")
    result = scan_path(path)
    assert cells(result) == {(1, "contact.tel", "PHONE_NUMBER")}


def test_allowed_columns_and_entities_are_accepted_and_recorded(ginza, tmp_path: Path) -> None:
    path = write_csv(tmp_path / "e.csv", [{"contact": "taro@example.jp", "tel": "090-1234-5678"}])
    assert scan_path(path, allow_columns=["contact"]).verdict == BLOCK
    result = scan_path(path, allow_columns=["contact"], allow_entities=["PHONE_NUMBER"])
    assert result.verdict == PASS and dict(result.allowed) == {"EMAIL_ADDRESS": 1, "PHONE_NUMBER": 1}
    assert result.to_json()["allow_list"]["allow_columns"] == ["contact"]


def test_allowed_findings_are_counted_and_left_out_of_the_findings(ginza, tmp_path: Path) -> None:
    path = write_csv(tmp_path / "e.csv", [{"contact": "taro@example.jp", "tel": "090-1234-5678"}] * 3)
    result = scan_path(path, allow_columns=["contact"], findings_path=tmp_path / "findings.csv")
    assert dict(result.allowed) == {"EMAIL_ADDRESS": 3}
    assert list(result.findings["column"]) == ["tel"] * 3 and list(result.findings["row"]) == [0, 1, 2]
    assert pd.read_csv(tmp_path / "findings.csv", encoding="utf-8-sig")["column"].tolist() == ["tel"] * 3


def test_an_unknown_entity_in_the_allow_list_is_a_parameter_error() -> None:
    with pytest.raises(ParameterError):
        make_policy(allow_entities=["EMAIL"])


def test_policy_files_in_json_and_toml(tmp_path: Path) -> None:
    (tmp_path / "p.json").write_text('{"allow_columns": ["a"], "allow_entities": ["LOCATION"]}')
    (tmp_path / "p.toml").write_text('allow_columns = ["a"]\nallow_entities = ["LOCATION"]\n')
    assert load_policy(tmp_path / "p.json") == load_policy(tmp_path / "p.toml") == make_policy(["a"], ["LOCATION"])
    (tmp_path / "bad.json").write_text('{"allow_everything": true}')
    with pytest.raises(ParameterError):
        load_policy(tmp_path / "bad.json")


def test_a_large_csv_read_in_chunks_gives_the_same_findings(leaky_utf8) -> None:
    chunked = scan_path(EXPORTS / "leaky_export_utf8bom.csv", chunk_threshold=0, chunk_rows=37)
    assert chunked.verdict == BLOCK and chunked.rows == 200
    assert cells(chunked) == cells(leaky_utf8)


def test_the_input_is_never_modified(ginza, tmp_path: Path) -> None:
    path = tmp_path / "leaky.csv"
    path.write_bytes((EXPORTS / "leaky_export_cp932.csv").read_bytes())
    before = (path.read_bytes(), path.stat().st_mtime_ns)
    scan_path(path, findings_path=tmp_path / "out" / "findings.csv")
    assert (path.read_bytes(), path.stat().st_mtime_ns) == before


def test_no_network_is_touched(ginza, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def no_network(*args, **kwargs):
        raise AssertionError("the scan tried to open a network socket")

    offline_tldextract.cache_clear()
    monkeypatch.setattr(socket, "socket", no_network)
    monkeypatch.setattr(socket, "create_connection", no_network)
    path = write_csv(tmp_path / "e.csv", [{"note": "メールはhanako＠example.co.jpまで"}])
    result = scan_path(path)
    assert result.verdict == BLOCK and list(result.findings["entity"]) == ["EMAIL_ADDRESS"]
    offline_tldextract.cache_clear()


# --- fail closed ---------------------------------------------------------------------------------


def test_a_truncated_csv_is_an_error_never_a_pass(tmp_path: Path) -> None:
    raw = (EXPORTS / "leaky_export_utf8bom.csv").read_bytes()
    path = tmp_path / "truncated.csv"
    path.write_bytes(raw[: len(raw) // 2])
    result = scan_path(path)
    assert result.verdict == ERROR and result.exit_code == 2 and str(path) in result.error


def test_a_file_cut_inside_a_quoted_field_is_an_error(tmp_path: Path) -> None:
    path = tmp_path / "cut.csv"
    path.write_text('id,note\n1,"unfinished\n', encoding="utf-8")
    assert scan_path(path).verdict == ERROR
    assert scan_path(path, chunk_threshold=0).verdict == ERROR


def test_a_decoding_error_after_the_first_megabyte_is_an_error(tmp_path: Path) -> None:
    path = tmp_path / "mixed.csv"
    body = "".join(f"{i},イベント\n" for i in range(120_000)).encode("utf-8")
    path.write_bytes(b"id,category\n" + body + b"99," + "東京".encode("cp932") + b"\n")
    result = scan_path(path, chunk_threshold=0)
    assert result.verdict == ERROR and "cannot be decoded" in result.error
    assert scan_path(path).verdict == ERROR  # read whole, too


def test_a_truncated_parquet_file_is_an_error(tmp_path: Path) -> None:
    raw = (EXPORTS / "leaky_export.parquet").read_bytes()
    path = tmp_path / "cut.parquet"
    path.write_bytes(raw[:-100])
    assert scan_path(path).verdict == ERROR


def test_a_workbook_with_an_unreadable_sheet_is_an_error(tmp_path: Path) -> None:
    source = zipfile.ZipFile(EXPORTS / "leaky_export.xlsx")
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as target:
        for item in source.infolist():
            data = source.read(item.filename)
            if item.filename.startswith("xl/worksheets/sheet"):
                data = data[: len(data) // 2]
            target.writestr(item, data)
    path = tmp_path / "broken.xlsx"
    path.write_bytes(buffer.getvalue())
    result = scan_path(path)
    assert result.verdict == ERROR and result.exit_code == 2


def test_a_failing_recognizer_is_an_error_that_names_the_column_but_no_value(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from indigo_review.scan.recognizers.cards import CreditCardRecognizer

    def broken(self, text, context=None):
        raise ValueError(text)

    monkeypatch.setattr(CreditCardRecognizer, "find", broken)
    path = write_csv(tmp_path / "e.csv", [{"note": "secret-value-123"}])
    result = scan_path(path, use_ner=False)
    assert result.verdict == ERROR and "'note'" in result.error and "secret-value-123" not in result.error


def test_chunks_continue_row_numbers_and_reject_a_ragged_row_late_in_the_file(tmp_path: Path) -> None:
    path = tmp_path / "e.csv"
    path.write_text("a,b\n" + "".join(f"{i},x\n" for i in range(10)), encoding="utf-8")
    chunks = list(iter_csv_chunks(path, rows=4))
    assert [list(c.index) for c in chunks] == [[0, 1, 2, 3], [4, 5, 6, 7], [8, 9]]
    path.write_text("a,b\n" + "".join(f"{i},x\n" for i in range(10)) + "10\n", encoding="utf-8")
    with pytest.raises(InputError, match="data row 10"):
        list(iter_csv_chunks(path, rows=4))


def test_a_full_name_cache_is_emptied_without_losing_texts_already_seen(ginza, tmp_path: Path, monkeypatch) -> None:
    import indigo_review.scan.cells as cells

    monkeypatch.setattr(cells, "_CACHE_LIMIT", 1)
    rows = [{"note": text} for text in ["田中さんと参加", "特になし", "鈴木様より電話", "田中さんと参加"] * 5]
    result = scan_path(write_csv(tmp_path / "e.csv", rows), chunk_threshold=0, chunk_rows=3)
    assert result.verdict == BLOCK and len(result.findings) == 15


def test_the_clean_catalogue_export_passes(ginza) -> None:
    result = scan_path(EXPORTS / "catalogue_export.csv")
    assert result.verdict == PASS and result.rows == 200


def test_the_clean_catalogue_export_passes_without_its_headers(ginza, tmp_path: Path) -> None:
    # Headers say nothing here (col1..col12): every column is judged by its values alone.
    frame = pd.read_csv(EXPORTS / "catalogue_export.csv", dtype=str, keep_default_na=False)
    frame.columns = [f"col{i + 1}" for i in range(len(frame.columns))]
    frame.to_csv(tmp_path / "headerless.csv", index=False)
    assert scan_path(tmp_path / "headerless.csv").verdict == PASS
