"""Reading exports: every format and encoding gives the same strings; every bad input is a clear InputError."""

from __future__ import annotations

import csv
import io
import json
import zipfile
from pathlib import Path

import openpyxl
import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from indigo_review.errors import InputError
from indigo_review.io import find_table_file, flatten_record, read_dataset, read_table

ROWS = [
    ["郵便番号", "氏名", "電話"],
    ["0600001", "山田　太郎", "090-1234-5678"],
    ["1000001", "ｽｽﾞｷ", "０３１２３４５６７８"],
]
EXPECTED = pd.DataFrame(
    [["0600001", "山田　太郎", "090-1234-5678"], ["1000001", "ｽｽﾞｷ", "０３１２３４５６７８"]],
    columns=["郵便番号", "氏名", "電話"],
).astype("str")


def csv_text(rows: list[list[str]], sep: str = ",") -> str:
    return "\r\n".join(sep.join(row) for row in rows) + "\r\n"


def write_xlsx(path: Path, sheets: dict[str, list[list[object]]]) -> Path:
    book = openpyxl.Workbook()
    book.remove(book.active)
    for title, rows in sheets.items():
        sheet = book.create_sheet(title)
        for row in rows:
            sheet.append(row)
    book.save(path)
    return path


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "cp932", "utf-16"])
def test_csv_encodings_are_detected_and_read_identically(tmp_path: Path, encoding: str) -> None:
    path = tmp_path / "export.csv"
    path.write_bytes(csv_text(ROWS).encode(encoding))
    table = read_table(path)
    pd.testing.assert_frame_equal(table.frame, EXPECTED)


def test_cp932_is_detected_from_content_not_from_extension(tmp_path: Path) -> None:
    path = tmp_path / "export.csv"
    path.write_bytes(csv_text(ROWS).encode("cp932"))
    assert read_table(path).encoding == "cp932"


def test_tsv_is_read_with_tabs(tmp_path: Path) -> None:
    path = tmp_path / "export.tsv"
    path.write_text(csv_text(ROWS, "\t"), encoding="utf-8")
    pd.testing.assert_frame_equal(read_table(path).frame, EXPECTED)


def test_quoted_csv_fields_may_hold_commas_and_newlines(tmp_path: Path) -> None:
    path = tmp_path / "export.csv"
    path.write_text('id,備考\n1,"東京都, 千代田区\n二行目"\n', encoding="utf-8")
    assert read_table(path).frame.loc[0, "備考"] == "東京都, 千代田区\n二行目"


def test_xlsx_every_sheet_is_read_as_strings(tmp_path: Path) -> None:
    path = write_xlsx(tmp_path / "export.xlsx", {"会員": ROWS, "空": [["a", "b"]]})
    table = read_table(path)
    assert list(table.sheets) == ["会員", "空"]
    pd.testing.assert_frame_equal(table.sheets["会員"], EXPECTED)
    assert table.sheets["空"].shape == (0, 2)


def test_xlsx_numbers_and_dates_become_the_text_a_person_sees(tmp_path: Path) -> None:
    import datetime as dt

    path = write_xlsx(tmp_path / "export.xlsx", {"s": [["n", "f", "d", "b"], [42, 1.5, dt.date(2025, 4, 1), True]]})
    assert read_table(path).frame.iloc[0].tolist() == ["42", "1.5", "2025-04-01", "true"]


def test_parquet_is_read_as_strings_keeping_leading_zeros(tmp_path: Path) -> None:
    path = tmp_path / "export.parquet"
    pq.write_table(pa.Table.from_pandas(EXPECTED.astype(object), preserve_index=False), path)
    pd.testing.assert_frame_equal(read_table(path).frame, EXPECTED)


def test_json_records_are_flattened_to_dotted_columns(tmp_path: Path) -> None:
    path = tmp_path / "export.json"
    records = [{"id": "007", "contact": {"email": "a@example.com", "tel": ["03-1234-5678"]}}, {"id": "008"}]
    path.write_text(json.dumps(records, ensure_ascii=False), encoding="utf-8")
    frame = read_table(path).frame
    assert list(frame.columns) == ["id", "contact.email", "contact.tel.0"]
    assert frame.loc[0, "contact.tel.0"] == "03-1234-5678"
    assert frame.loc[1, "contact.email"] == ""


def test_json_lines_are_one_record_per_line(tmp_path: Path) -> None:
    path = tmp_path / "export.jsonl"
    path.write_text('{"id": 1, "ok": true}\n\n{"id": 2, "ok": null}\n', encoding="utf-8")
    assert read_table(path).frame.to_dict("list") == {"id": ["1", "2"], "ok": ["true", ""]}


def test_header_only_csv_is_an_empty_table(tmp_path: Path) -> None:
    path = tmp_path / "export.csv"
    path.write_text("a,b,c\n", encoding="utf-8")
    frame = read_table(path).frame
    assert frame.shape == (0, 3)
    assert list(frame.columns) == ["a", "b", "c"]


def test_cells_report_sheet_row_and_column(tmp_path: Path) -> None:
    path = tmp_path / "export.csv"
    path.write_text("a,b\n,x\ny,\n", encoding="utf-8")
    cells = [(c.sheet, c.row, c.column, c.value) for c in read_table(path).cells()]
    assert cells == [("data", 1, "a", "y"), ("data", 0, "b", "x")]


def test_flatten_record_rejects_colliding_key_paths() -> None:
    with pytest.raises(ValueError):
        flatten_record({"a.b": 1, "a": {"b": 2}})


def test_read_dataset_reads_named_tables(sample_dir: Path) -> None:
    tables = read_dataset(sample_dir, ["members", "events"])
    assert set(tables) == {"members", "events"}
    assert tables["members"]["member_id"].is_unique


def test_find_table_file_names_the_missing_table(tmp_path: Path) -> None:
    with pytest.raises(InputError, match=r"members\.csv: table not found"):
        find_table_file(tmp_path, "members")


def _xlsx_bytes() -> bytes:
    buffer = io.BytesIO()
    book = openpyxl.Workbook()
    book.active.append(["a"])
    book.save(buffer)
    return buffer.getvalue()


def _corrupt_xlsx() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("[Content_Types].xml", "<not really/>")
    return buffer.getvalue()


# name, file name, content, what the message must say. Every value is secret-free by construction.
BAD_INPUTS = [
    ("empty", "export.csv", b"", "is empty"),
    ("blank", "export.csv", b"\r\n  \n", "is empty"),
    ("binary garbage", "export.csv", bytes(range(1, 256)) * 40, "binary"),
    ("undecodable", "export.csv", b"a,b\n1,\x82\xff\xfe\n", "cannot be decoded"),
    ("NUL bytes", "export.csv", b"a,b\n1,2\x00\n", "NUL"),
    ("ragged long", "export.csv", b"a,b\n1,2\n3,4,5\n", "data row 1 (line 3) has 3 fields"),
    ("ragged short", "export.csv", b"a,b\n1\n", "data row 0 (line 2) has 1 fields"),
    ("duplicate columns", "export.csv", b"id,name,id\n1,2,3\n", "duplicate column name 'id'"),
    ("malformed JSON", "export.json", b'[{"a": 1},', "not valid JSON"),
    ("JSON not records", "export.json", b'{"a": 1}', "not an array of records"),
    ("JSON duplicate key", "export.json", b'[{"a": 1, "a": 2}]', "key 'a' twice"),
    ("malformed JSON line", "export.jsonl", b'{"a": 1}\n{"a": \n', "line 2 is not valid JSON"),
    ("corrupt xlsx", "export.xlsx", _corrupt_xlsx(), "corrupt .xlsx"),
    ("truncated xlsx", "export.xlsx", _xlsx_bytes()[:300], "corrupt .xlsx"),
    ("password-protected xlsx", "export.xlsx", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 600, "password"),
    ("not a workbook", "export.xlsx", b"a,b\n1,2\n", "not a valid .xlsx"),
    ("truncated parquet", "export.parquet", b"PAR1" + b"\x00" * 50, "not a complete Parquet"),
    ("unsupported extension", "export.pages", b"PK\x03\x04 a Pages document", "unsupported file type '.pages'"),
    ("not a PDF", "export.pdf", b"a,b\n1,2\n", "is not a PDF file"),
    ("corrupt PDF", "export.pdf", b"%PDF-1.4\n garbage", "is a corrupt PDF"),
    ("not an ods", "export.ods", b"a,b\n1,2\n", "not a valid .ods"),
    ("corrupt docx", "export.docx", _corrupt_xlsx(), "corrupt .docx"),
    ("legacy doc", "export.docx", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 600, "legacy Word .doc"),
    ("HTML named xls", "export.xls", b"<html><table><tr><td>1</td></tr></table></html>", "not an Excel workbook"),
    ("truncated xls", "export.xls", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 600, "corrupt .xls"),
    ("binary named txt", "notes.txt", bytes(range(1, 256)) * 40, "binary"),
    ("zip named csv", "export.csv", _xlsx_bytes(), "binary file"),
]


@pytest.mark.parametrize(("name", "file_name", "content", "says"), BAD_INPUTS, ids=[b[0] for b in BAD_INPUTS])
def test_bad_input_raises_input_error_naming_the_file(
    tmp_path: Path, name: str, file_name: str, content: bytes, says: str
) -> None:
    path = tmp_path / file_name
    path.write_bytes(content)
    with pytest.raises(InputError) as caught:
        read_table(path)
    message = str(caught.value)
    assert message.startswith(str(path)), name
    assert says in message
    assert "\n" not in message


def test_missing_file_is_an_input_error(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="file not found"):
        read_table(tmp_path / "nope.csv")


def test_directory_is_an_input_error(tmp_path: Path) -> None:
    folder = tmp_path / "export.csv"
    folder.mkdir()
    with pytest.raises(InputError, match="is a directory"):
        read_table(folder)


def test_error_messages_never_quote_cell_values(tmp_path: Path) -> None:
    path = tmp_path / "export.csv"
    path.write_text("氏名,電話\n山田太郎,090-1234-5678,extra\n", encoding="utf-8")
    with pytest.raises(InputError) as caught:
        read_table(path)
    assert "山田" not in str(caught.value) and "090" not in str(caught.value)


def test_reading_never_modifies_the_input(tmp_path: Path) -> None:
    path = tmp_path / "export.csv"
    path.write_bytes(csv_text(ROWS).encode("cp932"))
    before = (path.read_bytes(), path.stat().st_mtime_ns)
    read_table(path)
    assert (path.read_bytes(), path.stat().st_mtime_ns) == before


def test_leaky_sample_export_reads_identically_in_every_format(sample_dir: Path) -> None:
    exports = sample_dir / "exports"
    names = ["leaky_export_cp932.csv", "leaky_export_utf8bom.csv", "leaky_export.xlsx", "leaky_export.parquet"]
    tables = [read_table(exports / name) for name in names]
    assert [t.encoding for t in tables[:2]] == ["cp932", "utf-8-sig"]
    first = tables[0].frame
    assert len(first) > 0
    for table in tables[1:]:
        pd.testing.assert_frame_equal(table.frame, first)


CELL_TEXT = st.text(alphabet=st.sampled_from(list('ab1,"\n 　山田ﾔﾏﾀﾞ０-')), max_size=8)


@settings(max_examples=40, deadline=None)
@given(
    rows=st.lists(st.lists(CELL_TEXT, min_size=3, max_size=3), max_size=6), encoding=st.sampled_from(["utf-8", "cp932"])
)
def test_any_table_written_as_csv_reads_back_cell_for_cell(rows: list[list[str]], encoding: str) -> None:
    import tempfile

    buffer = io.StringIO()
    csv.writer(buffer, lineterminator="\r\n").writerows([["a", "b", "c"], *rows])
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "export.csv"
        path.write_bytes(buffer.getvalue().encode(encoding))
        frame = read_table(path).frame
    assert frame.to_numpy().tolist() == rows


def test_a_file_cut_inside_a_quoted_field_is_an_input_error(tmp_path: Path) -> None:
    path = tmp_path / "export.csv"
    path.write_text('id,note\n1,"unfinished\n', encoding="utf-8")
    with pytest.raises(InputError, match="not valid delimited text"):
        read_table(path)
