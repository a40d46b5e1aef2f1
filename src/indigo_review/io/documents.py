"""Word documents (.docx): every paragraph and every table of the body, headers, footers, footnotes, endnotes and
comments, opened with python-docx.

A story (the body, `header1`, `footnotes`, ...) is one sheet with a `text` column, one row per paragraph in
document order, empty paragraphs included, so that row N is the story's paragraph N + 1. Each table is a sheet
of its own (`table 1`, `header1 table 1`, in document order; a table inside a table cell is one too), its first
row naming the columns. Every piece of text goes to exactly one place: a table cell's text to its cell, a text
box's to its own paragraph, so nothing is counted twice. Text a reader does not see is still in the file and
is read too: deleted text of tracked changes and field instructions (a `mailto:` link).

Not readable in full, so an UnsupportedInput naming the file: a password-protected document, a legacy .doc,
a document whose only content is pictures, and one with embedded files (a workbook inside the document).
"""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import pandas as pd

from ..errors import InputError, UnsupportedInput
from .table import document_table, lines_frame
from .workbooks import OLE2_MAGIC, ZIP_MAGIC, is_encrypted_office_file

_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_P, _TBL, _TR, _TC = f"{_W}p", f"{_W}tbl", f"{_W}tr", f"{_W}tc"
_TEXT = {
    f"{_W}t": None,
    f"{_W}delText": None,
    f"{_W}instrText": None,
    f"{_W}tab": "\t",
    f"{_W}br": "\n",
    f"{_W}cr": "\n",
}
_STORIES = {
    "document.main": "body",
    "document.macroEnabled.main": "body",
    "template.main": "body",
    "header": None,
    "footer": None,
    "footnotes": "footnotes",
    "endnotes": "endnotes",
    "comments": "comments",
}
_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml."


def _story_name(part) -> str | None:
    """The sheet name of a part that holds text a reader sees, or None for styles, settings, themes, ..."""
    content_type = part.content_type.removesuffix("+xml")
    if content_type.startswith(_CONTENT_TYPE):
        kind = content_type[len(_CONTENT_TYPE) :]
    elif content_type.startswith("application/vnd.ms-word."):
        kind = content_type[len("application/vnd.ms-word.") :]
    else:
        return None
    if kind not in _STORIES:
        return None
    return _STORIES[kind] or Path(str(part.partname)).stem


def _nearest(element, tags: tuple[str, ...]):
    """The closest ancestor with one of the tags, or None."""
    for ancestor in element.iterancestors(*tags):
        return ancestor
    return None


def _story(root, name: str) -> dict[str, pd.DataFrame]:
    """One story's paragraphs (outside tables) and its tables, each a sheet."""
    # Each piece of text belongs to its nearest table cell if it has one, else to its nearest paragraph.
    paragraphs = [p for p in root.iter(_P) if _nearest(p, (_TC,)) is None]
    # Keyed by the elements themselves, which keeps their lxml proxies alive (an id() could be reused).
    texts: dict = {p: [] for p in paragraphs}
    cells: dict = {}
    for element in root.iter(*_TEXT):
        piece = _TEXT[element.tag] if _TEXT[element.tag] is not None else (element.text or "")
        cell = _nearest(element, (_TC,))
        paragraph = _nearest(element, (_P,))
        if cell is not None:
            cells.setdefault(cell, {}).setdefault(paragraph, []).append(piece)
        elif paragraph is not None:
            texts[paragraph].append(piece)
    sheets: dict[str, pd.DataFrame] = {name: lines_frame(["".join(texts[p]) for p in paragraphs])}
    for number, table in enumerate(root.iter(_TBL), start=1):
        rows = []
        for tr in table.iter(_TR):
            if _nearest(tr, (_TBL,)) is not table:
                continue  # a row of a table nested inside this one: that table is a sheet of its own
            cells_of_row = [tc for tc in tr.iter(_TC) if _nearest(tc, (_TR,)) is tr]
            rows.append(["\n".join("".join(p) for p in cells.get(tc, {}).values()) for tc in cells_of_row])
        sheets[f"table {number}" if name == "body" else f"{name} table {number}"] = document_table(rows)
    return sheets


def read_docx(path: Path, raw: bytes) -> dict[str, pd.DataFrame]:
    """Every story and table of a Word document as sheets of strings."""
    if is_encrypted_office_file(raw):
        raise UnsupportedInput(
            path, "is password-protected (encrypted)", "remove the password (save a copy without it)", "encrypted"
        )
    if raw.startswith(OLE2_MAGIC):
        raise UnsupportedInput(
            path, "is a legacy Word .doc file, which cannot be read", "save it as .docx in Word", "legacy"
        )
    if not raw.startswith(ZIP_MAGIC):
        raise InputError(path, "is not a valid .docx document", "open it in Word and save it again as .docx")
    import docx  # deferred: only Word documents pay for the import
    from lxml import etree

    try:
        document = docx.Document(io.BytesIO(raw))
        parts = list(document.part.package.iter_parts())
    except (zipfile.BadZipFile, KeyError, ValueError, etree.LxmlError) as exc:
        raise InputError(path, f"is a corrupt .docx document ({type(exc).__name__})", "save it again in Word") from None
    except Exception as exc:  # any parser failure on an untrusted document means it is damaged
        raise InputError(path, f"is a corrupt .docx document ({type(exc).__name__})", "save it again in Word") from None
    embedded = [p for p in parts if str(p.partname).startswith("/word/embeddings/")]
    if embedded:
        raise UnsupportedInput(
            path,
            f"holds {len(embedded)} embedded file(s) (a workbook or another document inside it), which are not read",
            "save each embedded file on its own and scan it, or remove them",
            "embedded",
        )
    parser = etree.XMLParser(resolve_entities=False, no_network=True)
    sheets: dict[str, pd.DataFrame] = {}
    try:
        stories = sorted(((_story_name(p), p) for p in parts), key=lambda s: (s[0] != "body", str(s[1].partname)))
        for name, part in stories:
            if name is not None:
                sheets.update(_story(etree.fromstring(part.blob, parser), name))
    except etree.LxmlError as exc:
        raise InputError(path, f"has a part that cannot be read ({type(exc).__name__})", "save it again") from None
    has_text = any(df.map(bool).to_numpy().any() for df in sheets.values() if not df.empty)
    pictures = [p for p in parts if str(p.partname).startswith("/word/media/")]
    if not has_text and pictures:
        raise UnsupportedInput(
            path,
            "holds only pictures and no text (a scanned page?), which cannot be read",
            "send the text itself",
            "pictures",
        )
    return sheets
