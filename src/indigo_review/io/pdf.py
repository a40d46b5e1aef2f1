"""PDF with text, read by pdfplumber: a page is a sheet, its tables are sheets of their own.

Sheet `page N` holds the page's text lines outside its tables, one row per line from the top (column `text`);
sheet `page N table M` holds the M-th table found on the page (ruled tables, as pdfplumber finds them), its first
row naming the columns. Filled-in form fields are the sheet `form fields` (field, value) and the notes and
comments attached to pages the sheet `annotations` (page, text): a form's values are not page text.

Not readable in full, so an UnsupportedInput naming the file and the pages: a password-protected PDF (one
that opens without a password, with an owner password only, is read), a page that holds pictures but no text
(a scan: there is no OCR here), text whose font has no map back to characters (pdfminer shows `(cid:N)`), and
files attached to the PDF.
"""

from __future__ import annotations

import io
from pathlib import Path
from typing import Any

import pandas as pd

from ..errors import InputError, UnsupportedInput
from .table import document_table, frame, lines_frame

_PDF_MAGIC = b"%PDF-"
_ENCRYPTION_ERRORS = {"PDFPasswordIncorrect", "PDFEncryptionError", "PDFEncryptionWarning"}
_UNDECODED = "(cid:"
_MAX_PAGES_NAMED = 5


def _pages_text(numbers: list[int]) -> str:
    shown = ", ".join(str(n) for n in numbers[:_MAX_PAGES_NAMED])
    more = f" and {len(numbers) - _MAX_PAGES_NAMED} more" if len(numbers) > _MAX_PAGES_NAMED else ""
    return f"page{'s' if len(numbers) > 1 else ''} {shown}{more}"


def _inside(obj: dict[str, Any], boxes: list[tuple[float, float, float, float]]) -> bool:
    return any(
        x0 <= obj["x0"] and obj["x1"] <= x1 and top <= obj["top"] and obj["bottom"] <= bottom
        for x0, top, x1, bottom in boxes
    )


def _page_sheets(page: Any) -> dict[str, pd.DataFrame]:
    """A page's text lines outside its tables, then each table."""
    tables = page.find_tables()
    boxes = [table.bbox for table in tables]
    outside = page.filter(lambda obj: not _inside(obj, boxes)) if boxes else page
    lines = [line["text"] for line in outside.extract_text_lines()]
    sheets = {f"page {page.page_number}": lines_frame(lines)}
    for number, table in enumerate(tables, start=1):
        rows = [[cell or "" for cell in row] for row in table.extract()]
        sheets[f"page {page.page_number} table {number}"] = document_table(rows)
    return sheets


def _decoded(value: Any) -> str:
    from pdfminer.psparser import PSLiteral
    from pdfminer.utils import decode_text

    if isinstance(value, bytes):
        return decode_text(value)
    if isinstance(value, PSLiteral):
        return str(value.name)
    return "" if value is None else str(value)


def _form_fields(document: Any) -> list[list[str]]:
    """(field name, value) of every filled-in form field, nested fields named with dots."""
    from pdfminer.pdftypes import resolve1

    acroform = resolve1(document.catalog.get("AcroForm"))
    if not isinstance(acroform, dict):
        return []
    found: list[list[str]] = []
    stack = [(resolve1(f), "") for f in reversed(resolve1(acroform.get("Fields")) or [])]
    while stack:
        field, prefix = stack.pop()
        if not isinstance(field, dict):
            continue
        name = f"{prefix}{_decoded(resolve1(field.get('T')))}" if field.get("T") is not None else prefix.rstrip(".")
        value = resolve1(field.get("V"))
        if value is not None and _decoded(value):
            found.append([name, _decoded(value)])
        kids = resolve1(field.get("Kids")) or []
        stack.extend((resolve1(kid), f"{name}.") for kid in reversed(kids))
    return found


def _has_attachments(document: Any, annotations: list[dict[str, Any]]) -> bool:
    """True when files are attached to the PDF (its EmbeddedFiles name tree, or a file attachment on a page)."""
    from pdfminer.pdftypes import resolve1
    from pdfminer.psparser import PSLiteral

    names = resolve1(document.catalog.get("Names"))
    if isinstance(names, dict) and names.get("EmbeddedFiles") is not None:
        return True
    for annotation in annotations:
        subtype = resolve1((annotation.get("data") or {}).get("Subtype"))
        if isinstance(subtype, PSLiteral) and subtype.name == "FileAttachment":
            return True
    return False


def read_pdf(path: Path, raw: bytes) -> dict[str, pd.DataFrame]:
    """Every page of a PDF as sheets of text lines and tables; form fields and annotations as two more."""
    if _PDF_MAGIC not in raw[:1024]:
        raise InputError(path, "is not a PDF file", "check that this is the document you meant")
    import pdfplumber  # deferred: only PDFs pay for the import
    from pdfplumber.utils.exceptions import PdfminerException

    sheets: dict[str, pd.DataFrame] = {}
    pictures_only: list[int] = []
    undecoded: list[int] = []
    notes: list[list[str]] = []
    annotations: list[dict[str, Any]] = []
    try:
        with pdfplumber.open(io.BytesIO(raw)) as document:
            for page in document.pages:
                page_sheets = _page_sheets(page)
                has_text = bool(page.chars)
                if not has_text and page.images:
                    pictures_only.append(page.page_number)
                if any(_UNDECODED in v for df in page_sheets.values() for v in df.to_numpy().ravel()):
                    undecoded.append(page.page_number)
                sheets.update(page_sheets)
                notes.extend(
                    [str(page.page_number), _decoded(a.get("contents"))] for a in page.annots if a.get("contents")
                )
                page.close()
            fields = _form_fields(document.doc)
            attached = _has_attachments(document.doc, annotations)
    except PdfminerException as exc:
        cause = exc.args[0] if exc.args else exc
        if type(cause).__name__ in _ENCRYPTION_ERRORS:
            raise UnsupportedInput(
                path, "is password-protected (encrypted)", "save a copy without the password", "encrypted"
            ) from None
        raise InputError(path, f"is a corrupt PDF ({type(cause).__name__})", "save or export it again") from None
    except Exception as exc:  # any parser failure on an untrusted document means it is damaged
        raise InputError(path, f"is a corrupt PDF ({type(exc).__name__})", "save or export it again") from None
    if attached:
        raise UnsupportedInput(
            path,
            "has files attached to it (a workbook or another document inside the PDF), which are not read",
            "save each attachment on its own and scan it, or remove them",
            "embedded",
        )
    if pictures_only:
        raise UnsupportedInput(
            path,
            f"has {_pages_text(pictures_only)} with pictures but no text (scanned?), which cannot be read",
            "send the text itself, or a PDF made from it",
            "pictures",
        )
    if undecoded:
        raise UnsupportedInput(
            path,
            f"has text on {_pages_text(undecoded)} that cannot be decoded (a font without a character map)",
            "export the PDF again with its fonts embedded as Unicode, or send the text itself",
            "undecodable",
        )
    if fields:
        sheets["form fields"] = frame(fields, ["field", "value"])
    if notes:
        sheets["annotations"] = frame(notes, ["page", "text"])
    return sheets
