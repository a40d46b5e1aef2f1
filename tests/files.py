"""Writers of the workbooks and documents the tests read, made in the test with the formats' own libraries
(xlwt, odfpy, python-docx, fpdf2, msoffcrypto-tool), so no binary fixture is committed."""

from __future__ import annotations

import io
import re
import zipfile
from collections.abc import Sequence
from pathlib import Path
from typing import Any

Rows = Sequence[Sequence[Any]]


def write_xls(path: Path, sheets: dict[str, Rows]) -> Path:
    """A legacy Excel 97-2003 workbook; dates get a date format, as Excel would show them."""
    import datetime as dt

    import xlwt

    book = xlwt.Workbook(encoding="utf-8")
    date_style = xlwt.easyxf(num_format_str="YYYY-MM-DD")
    for title, rows in sheets.items():
        sheet = book.add_sheet(title)
        for i, row in enumerate(rows):
            for j, value in enumerate(row):
                if isinstance(value, dt.date):
                    sheet.write(i, j, value, date_style)
                elif value is not None:
                    sheet.write(i, j, value)
    book.save(str(path))
    return path


def write_ods(path: Path, sheets: dict[str, Rows]) -> Path:
    """An OpenDocument spreadsheet: first row the header."""
    import pandas as pd

    with pd.ExcelWriter(path, engine="odf") as writer:
        for title, rows in sheets.items():
            pd.DataFrame(list(rows[1:]), columns=list(rows[0])).to_excel(writer, sheet_name=title, index=False)
    return path


def write_docx(
    path: Path,
    paragraphs: Sequence[str] = (),
    tables: Sequence[Rows] = (),
    header: str = "",
    after: Sequence[str] = (),
) -> Path:
    """A Word document: paragraphs, then tables, then more paragraphs; a page header when given."""
    import docx

    document = docx.Document()
    for text in paragraphs:
        document.add_paragraph(text)
    for rows in tables:
        table = document.add_table(rows=len(rows), cols=max(len(r) for r in rows))
        for i, row in enumerate(rows):
            for j, value in enumerate(row):
                table.cell(i, j).text = str(value)
    for text in after:
        document.add_paragraph(text)
    if header:
        document.sections[0].header.paragraphs[0].text = header
    document.save(str(path))
    return path


def _japanese_font() -> str:
    import matplotlib_fontja

    return str(Path(matplotlib_fontja.__file__).parent / "fonts" / "ipaexg.ttf")


def write_pdf(
    path: Path,
    pages: Sequence[dict[str, Any]],
    user_password: str | None = None,
    owner_password: str | None = None,
) -> Path:
    """A PDF with a Japanese font: each page's `lines` (text), then its `table` (ruled, first row header),
    then `after` (more lines); `picture` draws an image instead of text."""
    from fpdf import FPDF
    from fpdf.fonts import FontFace

    pdf = FPDF()
    pdf.add_font("ipa", fname=_japanese_font())
    pdf.set_font("ipa", size=10)
    for spec in pages:
        pdf.add_page()
        for line in spec.get("lines", ()):
            pdf.cell(text=line, new_x="LMARGIN", new_y="NEXT")
        if spec.get("table"):
            with pdf.table(headings_style=FontFace()) as table:
                for row in spec["table"]:
                    cells = table.row()
                    for value in row:
                        cells.cell(str(value))
        for line in spec.get("after", ()):
            pdf.cell(text=line, new_x="LMARGIN", new_y="NEXT")
        if spec.get("picture"):
            from PIL import Image

            image = Image.new("RGB", (60, 40), "gray")
            pdf.image(image, x=20, y=20, w=60)
    if user_password is not None or owner_password is not None:
        pdf.set_encryption(owner_password=owner_password or "owner", user_password=user_password)
    pdf.output(str(path))
    return path


def encrypt_office(raw: bytes, password: str = "secret") -> bytes:
    """An Office Open XML file (.xlsx, .docx) as Office saves it with a password (ECMA-376 agile encryption)."""
    from msoffcrypto.format.ooxml import OOXMLFile

    out = io.BytesIO()
    OOXMLFile(io.BytesIO(raw)).encrypt(password, out)
    return out.getvalue()


def encrypt_ods(raw: bytes) -> bytes:
    """An .ods as LibreOffice saves it with a password: the manifest lists encryption data, content.xml is
    ciphertext (here random bytes: what matters is that it is not readable XML)."""
    import os

    source = zipfile.ZipFile(io.BytesIO(raw))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as target:
        for item in source.infolist():
            data = source.read(item.filename)
            if item.filename == "META-INF/manifest.xml":
                entry = re.search(rb'<manifest:file-entry manifest:full-path="content.xml"[^>]*/>', data)
                assert entry is not None, "the manifest lists content.xml"
                opened = entry.group(0)[:-2] + b">"
                encryption = b'<manifest:encryption-data manifest:checksum-type="SHA1/1K" manifest:checksum="AAAA"/>'
                data = data.replace(entry.group(0), opened + encryption + b"</manifest:file-entry>")
            elif item.filename == "content.xml":
                data = os.urandom(len(data))
            target.writestr(item, data)
    return out.getvalue()


def pdf_text(text: str) -> bytes:
    """A PDF text string in UTF-16 with its byte-order mark, as PDF writers store non-ASCII text."""
    return b"<" + ("\ufeff" + text).encode("utf-16-be").hex().upper().encode() + b">"


def raw_pdf(objects: Sequence[bytes]) -> bytes:
    """A PDF from its objects' bodies (object n is objects[n - 1], object 1 the catalog), with a correct xref
    table: for what fpdf2 does not write (form fields, notes, a font with no character map)."""
    out = bytearray(b"%PDF-1.7\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    for offset in offsets:
        out += b"%010d 00000 n \n" % offset
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
    return bytes(out)


def pdf_stream(data: bytes) -> bytes:
    """A stream object's body."""
    return b"<< /Length %d >>\nstream\n" % len(data) + data + b"\nendstream"


def write_form_pdf(
    path: Path, fields: dict[str, str], note: str = "", font: bytes = b"", attachment: bytes = b""
) -> Path:
    """One page with a line of text, filled-in form fields (field name -> value) and a sticky note; `font`
    replaces the page's standard font (a Type0 font without a character map, say); `attachment` is attached
    to the PDF as a file named members.csv."""
    field_refs = b" ".join(b"%d 0 R" % (8 + i) for i in range(len(fields)))
    attached = 8 + len(fields)
    names = b" /Names << /EmbeddedFiles << /Names [(members.csv) %d 0 R] >> >>" % attached if attachment else b""
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R /AcroForm << /Fields [" + field_refs + b"] >>" + names + b" >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R "
        b"/Resources << /Font << /F1 5 0 R >> >> /Annots [6 0 R] >>",
        pdf_stream(b"BT /F1 12 Tf 72 720 Td " + (b"<00410042>" if font else b"(Membership application)") + b" Tj ET"),
        font or b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
        b"<< /Type /Annot /Subtype /Text /Rect [72 600 92 620] /Contents " + pdf_text(note) + b" >>",
        b"<< /Type /FontDescriptor /FontName /NoMap /Flags 4 /FontBBox [0 0 1000 1000] /ItalicAngle 0 "
        b"/Ascent 800 /Descent -200 /CapHeight 700 /StemV 80 >>",
    ]
    objects += [
        b"<< /FT /Tx /T (" + name.encode() + b") /V " + pdf_text(value) + b" >>" for name, value in fields.items()
    ]
    path.write_bytes(raw_pdf(objects))
    return path


# A Type0 font with Identity-H encoding and no ToUnicode map: its glyphs cannot be turned back into text.
UNMAPPED_FONT = (
    b"<< /Type /Font /Subtype /Type0 /BaseFont /NoMap /Encoding /Identity-H /DescendantFonts "
    b"[<< /Type /Font /Subtype /CIDFontType2 /BaseFont /NoMap /CIDSystemInfo << /Registry (Adobe) "
    b"/Ordering (Identity) /Supplement 0 >> /FontDescriptor 7 0 R >>] >>"
)
