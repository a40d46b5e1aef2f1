"""Reading what people send: legacy .xls, .ods and .xlsx by calamine, Word, PDF and plain text.

Every file here is written in the test by the format's own library (xlwt, odfpy, openpyxl, python-docx, fpdf2,
msoffcrypto-tool), not by our reader's code. A cell's origin must be one a person can find: sheet or page,
row or paragraph or line, column.
"""

from __future__ import annotations

import datetime as dt
import io
from pathlib import Path

import openpyxl
import pandas as pd
import pytest

from indigo_review.errors import InputError, UnsupportedInput
from indigo_review.io import find_table_file, read_table

from .files import (
    UNMAPPED_FONT,
    encrypt_ods,
    encrypt_office,
    write_docx,
    write_form_pdf,
    write_ods,
    write_pdf,
    write_xls,
)
from .test_io import EXPECTED, ROWS, write_xlsx

TYPED = [["n", "f", "d", "t", "b"], [42, 1.5, dt.date(2025, 4, 1), "0012", True]]


def _xlsx(path: Path, sheets: dict) -> Path:
    return write_xlsx(path.with_suffix(".xlsx"), sheets)


WRITERS = {"xlsx": _xlsx, "xls": write_xls, "ods": write_ods}


@pytest.mark.parametrize("kind", sorted(WRITERS))
def test_every_workbook_format_reads_the_same_strings(tmp_path: Path, kind: str) -> None:
    path = WRITERS[kind](tmp_path / f"export.{kind}", {"会員": ROWS})
    table = read_table(path)
    assert table.format == kind and list(table.sheets) == ["会員"]
    pd.testing.assert_frame_equal(table.sheets["会員"], EXPECTED)


@pytest.mark.parametrize("kind", sorted(WRITERS))
def test_numbers_dates_and_text_become_what_a_person_sees(tmp_path: Path, kind: str) -> None:
    path = WRITERS[kind](tmp_path / f"export.{kind}", {"s": TYPED})
    row = read_table(path).frame.iloc[0].tolist()
    assert row == ["42", "1.5", "2025-04-01", "0012", "true"]


def test_a_long_number_keeps_its_digits(tmp_path: Path) -> None:
    path = write_xlsx(tmp_path / "export.xlsx", {"s": [["card"], [4111111111111111]]})
    assert read_table(path).frame.loc[0, "card"] == "4111111111111111"


def test_hidden_sheets_are_read_and_chart_sheets_have_no_cells(tmp_path: Path) -> None:
    book = openpyxl.Workbook()
    book.active.append(["a"])
    hidden = book.create_sheet("hidden")
    hidden.sheet_state = "hidden"
    hidden.append(["氏名"])
    hidden.append(["山田太郎"])
    book.create_chartsheet("chart")
    book.save(tmp_path / "export.xlsx")
    table = read_table(tmp_path / "export.xlsx")
    assert list(table.sheets) == ["Sheet", "hidden"]
    assert table.sheets["hidden"].loc[0, "氏名"] == "山田太郎"


def test_a_macro_workbook_is_read_like_any_other(tmp_path: Path) -> None:
    path = write_xlsx(tmp_path / "export.xlsx", {"s": ROWS})
    path.rename(tmp_path / "export.xlsm")
    pd.testing.assert_frame_equal(read_table(tmp_path / "export.xlsm").frame, EXPECTED)


def test_a_legacy_workbook_saved_under_the_new_name_is_read_by_its_content(tmp_path: Path) -> None:
    xls = write_xls(tmp_path / "export.xls", {"s": ROWS})
    renamed = tmp_path / "export.xlsx"
    renamed.write_bytes(xls.read_bytes())
    pd.testing.assert_frame_equal(read_table(renamed).frame, EXPECTED)


def _encrypted_xls(path: Path) -> Path:
    """A legacy workbook with a FILEPASS record after its BOF: how Excel 97-2003 marks a password-protected file."""
    import os
    import struct

    import xlwt

    book = xlwt.Workbook()
    book.add_sheet("s").write(0, 0, "secret")
    bof = book._Workbook__bof_rec
    filepass = struct.pack("<HH", 0x2F, 54) + b"\x01\x00\x01\x00\x01\x00" + os.urandom(48)
    book._Workbook__bof_rec = lambda: bof() + filepass
    book.save(str(path))
    return path


def _encrypted(tmp_path: Path, kind: str) -> Path:
    if kind == "xls":
        return _encrypted_xls(tmp_path / "locked.xls")
    if kind == "ods":
        plain = write_ods(tmp_path / "plain.ods", {"s": ROWS})
        target = tmp_path / "locked.ods"
        target.write_bytes(encrypt_ods(plain.read_bytes()))
        return target
    if kind == "pdf":
        return write_pdf(tmp_path / "locked.pdf", [{"lines": ["秘密"]}], user_password="secret")
    plain = (
        write_xlsx(tmp_path / "plain.xlsx", {"s": ROWS})
        if kind == "xlsx"
        else write_docx(tmp_path / "p.docx", ["秘密"])
    )
    target = tmp_path / f"locked.{kind}"
    target.write_bytes(encrypt_office(plain.read_bytes()))
    return target


@pytest.mark.parametrize("kind", ["xlsx", "xls", "ods", "docx", "pdf"])
def test_a_password_protected_file_is_unsupported_input_naming_it(tmp_path: Path, kind: str) -> None:
    path = _encrypted(tmp_path, kind)
    with pytest.raises(UnsupportedInput) as caught:
        read_table(path)
    assert str(caught.value).startswith(f"{path}: is password-protected (encrypted) — ")
    assert "\n" not in str(caught.value)


def test_a_pdf_with_an_owner_password_only_opens_and_is_read(tmp_path: Path) -> None:
    path = write_pdf(tmp_path / "export.pdf", [{"lines": ["印刷のみ制限"]}], owner_password="owner")
    assert read_table(path).sheets["page 1"]["text"].tolist() == ["印刷のみ制限"]


# Word ---------------------------------------------------------------------------------------------------------


def test_a_word_document_gives_its_paragraphs_in_order_and_each_table_a_sheet(tmp_path: Path) -> None:
    path = write_docx(
        tmp_path / "letter.docx",
        paragraphs=["会員各位", "", "幹事: 山田太郎"],
        tables=[[["氏名", "電話"], ["鈴木花子", "03-1234-5678"]], [["a"], ["b"], ["c"]]],
        after=["以上"],
        header="担当 田中",
    )
    table = read_table(path)
    assert list(table.sheets) == ["body", "table 1", "table 2", "header1"]
    # Row N is paragraph N + 1 of the body, empty paragraphs counted, text outside tables only.
    assert table.sheets["body"]["text"].tolist() == ["会員各位", "", "幹事: 山田太郎", "以上"]
    assert table.sheets["table 1"].to_dict("list") == {"氏名": ["鈴木花子"], "電話": ["03-1234-5678"]}
    assert table.sheets["table 2"]["a"].tolist() == ["b", "c"]
    assert table.sheets["header1"]["text"].tolist() == ["担当 田中"]


def test_a_table_inside_a_table_cell_is_a_sheet_of_its_own_and_nothing_is_read_twice(tmp_path: Path) -> None:
    import docx

    document = docx.Document()
    outer = document.add_table(rows=2, cols=2)
    outer.cell(0, 0).text, outer.cell(0, 1).text, outer.cell(1, 0).text = "氏名", "連絡先", "山田太郎"
    inner = outer.cell(1, 1).add_table(rows=2, cols=1)
    inner.cell(0, 0).text, inner.cell(1, 0).text = "電話", "090-1234-5678"
    document.save(tmp_path / "nested.docx")
    sheets = read_table(tmp_path / "nested.docx").sheets
    assert sheets["table 1"].to_dict("list") == {"氏名": ["山田太郎"], "連絡先": [""]}
    assert sheets["table 2"].to_dict("list") == {"電話": ["090-1234-5678"]}
    texts = [v for df in sheets.values() for v in df.to_numpy().ravel()]
    assert texts.count("090-1234-5678") == 1


def test_deleted_text_of_tracked_changes_is_still_read(tmp_path: Path) -> None:
    import docx
    from docx.oxml import parse_xml

    document = docx.Document()
    paragraph = document.add_paragraph("連絡先: ")
    paragraph._p.append(
        parse_xml(
            '<w:del xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" w:id="1" w:author="x">'
            "<w:r><w:delText>090-1234-5678</w:delText></w:r></w:del>"
        )
    )
    document.save(tmp_path / "tracked.docx")
    assert read_table(tmp_path / "tracked.docx").sheets["body"]["text"].tolist() == ["連絡先: 090-1234-5678"]


def test_a_word_document_of_pictures_only_is_unsupported(tmp_path: Path) -> None:
    import docx
    from PIL import Image

    image = io.BytesIO()
    Image.new("RGB", (40, 30), "gray").save(image, format="PNG")
    image.seek(0)
    document = docx.Document()
    document.add_picture(image)
    document.save(tmp_path / "scan.docx")
    with pytest.raises(UnsupportedInput, match="holds only pictures and no text"):
        read_table(tmp_path / "scan.docx")


def test_a_word_document_with_an_embedded_workbook_is_unsupported(tmp_path: Path) -> None:
    import zipfile

    plain = write_docx(tmp_path / "plain.docx", ["本文"])
    embedded = write_xlsx(tmp_path / "inner.xlsx", {"s": ROWS}).read_bytes()
    target = tmp_path / "embedding.docx"
    relationship = (
        '<Relationship Id="rIdX" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/package" '
        'Target="embeddings/Microsoft_Excel_Worksheet.xlsx"/></Relationships>'
    )
    with zipfile.ZipFile(plain) as source, zipfile.ZipFile(target, "w") as out:
        for item in source.infolist():
            data = source.read(item.filename)
            if item.filename == "word/_rels/document.xml.rels":
                data = data.replace(b"</Relationships>", relationship.encode())
            if item.filename == "[Content_Types].xml":
                data = data.replace(
                    b"</Types>",
                    b'<Default Extension="xlsx" ContentType="application/vnd.openxmlformats-officedocument.'
                    b'spreadsheetml.sheet"/></Types>',
                )
            out.writestr(item, data)
        out.writestr("word/embeddings/Microsoft_Excel_Worksheet.xlsx", embedded)
    with pytest.raises(UnsupportedInput, match=r"holds 1 embedded file\(s\)"):
        read_table(target)


# PDF ----------------------------------------------------------------------------------------------------------


def test_a_pdf_page_is_a_sheet_of_lines_and_its_tables_are_sheets_of_their_own(tmp_path: Path) -> None:
    path = write_pdf(
        tmp_path / "list.pdf",
        [
            {
                "lines": ["参加者名簿", "幹事 山田太郎"],
                "table": [["氏名", "電話"], ["鈴木花子", "03-1234-5678"]],
                "after": ["以上"],
            },
            {"lines": ["2ページ目"]},
        ],
    )
    table = read_table(path)
    assert table.format == "pdf" and list(table.sheets) == ["page 1", "page 1 table 1", "page 2"]
    # The lines of a page outside its tables, from the top: row N is line N + 1 of what is not a table.
    assert table.sheets["page 1"]["text"].tolist() == ["参加者名簿", "幹事 山田太郎", "以上"]
    assert table.sheets["page 1 table 1"].to_dict("list") == {"氏名": ["鈴木花子"], "電話": ["03-1234-5678"]}
    assert table.sheets["page 2"]["text"].tolist() == ["2ページ目"]


def test_form_fields_and_notes_of_a_pdf_are_read(tmp_path: Path) -> None:
    path = write_form_pdf(
        tmp_path / "form.pdf", {"applicant": "山田太郎", "phone": "090-1234-5678"}, note="折り返し 03-1111-2222"
    )
    sheets = read_table(path).sheets
    assert sheets["form fields"].to_dict("list") == {
        "field": ["applicant", "phone"],
        "value": ["山田太郎", "090-1234-5678"],
    }
    assert sheets["annotations"].to_dict("list") == {"page": ["1"], "text": ["折り返し 03-1111-2222"]}


def test_a_pdf_with_a_file_attached_is_unsupported(tmp_path: Path) -> None:
    path = write_form_pdf(tmp_path / "cover.pdf", {}, attachment="氏名,電話\n山田太郎,090-1234-5678\n".encode())
    with pytest.raises(UnsupportedInput, match="has files attached to it"):
        read_table(path)


def test_a_pdf_whose_text_cannot_be_decoded_is_unsupported_naming_the_page(tmp_path: Path) -> None:
    path = write_form_pdf(tmp_path / "nomap.pdf", {}, font=UNMAPPED_FONT)
    with pytest.raises(UnsupportedInput, match="has text on page 1 that cannot be decoded"):
        read_table(path)


def test_a_pdf_page_of_pictures_only_is_unsupported_naming_the_page(tmp_path: Path) -> None:
    path = write_pdf(tmp_path / "scan.pdf", [{"lines": ["表紙"]}, {"picture": True}])
    with pytest.raises(UnsupportedInput, match=r"scan\.pdf: has page 2 with pictures but no text"):
        read_table(path)


def test_a_pdf_with_text_beside_a_picture_is_read(tmp_path: Path) -> None:
    path = write_pdf(tmp_path / "logo.pdf", [{"lines": ["会報 第12号"], "picture": True}])
    assert read_table(path).sheets["page 1"]["text"].tolist() == ["会報 第12号"]


# Plain text, sizes and data tables ------------------------------------------------------------------------------


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "cp932"])
def test_a_text_file_is_one_row_per_line(tmp_path: Path, encoding: str) -> None:
    path = tmp_path / "memo.txt"
    path.write_bytes("山田太郎さんから電話\r\n\r\n090-1234-5678\r\n".encode(encoding))
    table = read_table(path)
    assert table.encoding == encoding and list(table.sheets) == ["data"]
    assert table.frame["text"].tolist() == ["山田太郎さんから電話", "", "090-1234-5678"]


def test_a_file_too_large_to_read_whole_is_refused_before_reading(tmp_path: Path) -> None:
    path = tmp_path / "huge.pdf"
    with path.open("wb") as handle:
        handle.truncate(200 * 1024 * 1024)  # sparse: nothing is read, the size decides
    with pytest.raises(
        UnsupportedInput, match=r"too large to read whole \(200 MB; the limit for a pdf file is 100 MB\)"
    ):
        read_table(path)


def test_an_unsupported_type_is_unsupported_input_and_a_missing_file_is_not(tmp_path: Path) -> None:
    (tmp_path / "deck.key").write_bytes(b"PK\x03\x04")
    with pytest.raises(UnsupportedInput, match=r"unsupported file type '\.key'"):
        read_table(tmp_path / "deck.key")
    with pytest.raises(InputError, match="file not found") as caught:
        read_table(tmp_path / "nope.key")
    assert not isinstance(caught.value, UnsupportedInput)


def test_a_document_is_never_taken_for_a_data_table(tmp_path: Path) -> None:
    write_docx(tmp_path / "members.docx", ["会員"])
    (tmp_path / "members.txt").write_text("会員\n", encoding="utf-8")
    with pytest.raises(InputError, match="table not found"):
        find_table_file(tmp_path, "members")
    write_xls(tmp_path / "members.xls", {"s": ROWS})
    assert find_table_file(tmp_path, "members").name == "members.xls"
