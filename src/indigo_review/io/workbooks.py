"""Workbooks: Excel (.xlsx, .xlsm, legacy .xls) and OpenDocument (.ods), every sheet, read by calamine.

calamine (Rust, via python-calamine) reads a workbook several times faster than openpyxl. It gives numbers as
floats (42.0 for the 42 a person typed; `cell_text` writes it back as 42), dates and times as `date`, `datetime`,
`time` or `timedelta` from the cell's number format, and text as it is, so leading zeros survive. Hidden sheets
are read like the others: what a person cannot see is still in the file. Chart sheets hold no cells.

A password-protected workbook is an UnsupportedInput naming the file: calamine, opening the file by its
extension, refuses an encrypted .xlsx (an OLE2 container with an `EncryptionInfo` stream), .ods (encryption
data in its manifest) or .xls (a FILEPASS record) with its PasswordError.
"""

from __future__ import annotations

import io
from pathlib import Path

import pandas as pd

from ..errors import InputError, UnsupportedInput
from .table import cell_text, sheet_frame

ZIP_MAGIC = b"PK\x03\x04"
OLE2_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
# Directory entries of an OLE2 file are named in UTF-16; an encrypted Office Open XML file has these streams.
_ENCRYPTED_STREAMS = ("EncryptionInfo".encode("utf-16-le"), "EncryptedPackage".encode("utf-16-le"))
_LABELS = {"xlsx": ".xlsx", "xls": ".xls", "ods": ".ods"}
_UNPROTECT = "remove the password (save a copy without it) and run again"


def is_encrypted_office_file(raw: bytes) -> bool:
    """True for an Office Open XML file (.xlsx, .docx) saved with a password: an OLE2 container holding it."""
    return raw.startswith(OLE2_MAGIC) and any(name in raw for name in _ENCRYPTED_STREAMS)


def _check_container(path: Path, raw: bytes, kind: str) -> None:
    """Refuse what is not a workbook of its kind, naming why; a password-protected one by name."""
    label = _LABELS[kind]
    if is_encrypted_office_file(raw):
        raise UnsupportedInput(path, "is password-protected (encrypted)", _UNPROTECT, "encrypted")
    if kind == "xlsx" and raw.startswith(OLE2_MAGIC):
        # Not an encrypted workbook: a legacy .xls saved under the new name, which calamine reads by its content.
        return
    if kind in ("xlsx", "ods") and not raw.startswith(ZIP_MAGIC):
        raise InputError(
            path, f"is not a valid {label} workbook", f"open it in a spreadsheet and save it again as {label}"
        )
    if kind == "xls" and not raw.startswith((OLE2_MAGIC, ZIP_MAGIC)):
        # Web applications often write an HTML or text table under the name .xls; it is no workbook.
        raise UnsupportedInput(
            path,
            "is not an Excel workbook (an HTML or text table named .xls?)",
            "open it and save it as .xlsx or CSV",
            "disguised",
        )


def _open(path: Path, raw: bytes, kind: str):
    """The workbook opened by its extension (which gives calamine's specific errors, PasswordError among
    them); a legacy .xls saved as .xlsx is opened by its content."""
    from python_calamine import CalamineWorkbook, PasswordError

    try:
        return CalamineWorkbook.from_path(str(path))
    except PasswordError:
        raise
    except Exception:
        if kind == "xlsx" and raw.startswith(OLE2_MAGIC):
            return CalamineWorkbook.from_filelike(io.BytesIO(raw))
        raise


def read_workbook(path: Path, raw: bytes, kind: str) -> dict[str, pd.DataFrame]:
    """Every sheet of a workbook as a DataFrame of strings: first row the header, index the data row."""
    from python_calamine import PasswordError, SheetTypeEnum  # deferred: only workbooks pay for the import

    _check_container(path, raw, kind)
    label = _LABELS[kind]
    try:
        book = _open(path, raw, kind)
    except PasswordError:
        raise UnsupportedInput(path, "is password-protected (encrypted)", _UNPROTECT, "encrypted") from None
    except Exception as exc:  # any parser failure on an untrusted workbook means it is damaged
        if raw.startswith(OLE2_MAGIC) and kind != "xls":
            raise InputError(
                path,
                f"is a password-protected workbook or not one that can be read ({type(exc).__name__})",
                "remove the password, or open it in Excel and save it again as .xlsx",
            ) from None
        raise InputError(
            path, f"is a corrupt {label} workbook ({type(exc).__name__})", "open it and save it again"
        ) from None
    sheets: dict[str, pd.DataFrame] = {}
    try:
        for meta in book.sheets_metadata:
            if meta.typ == SheetTypeEnum.ChartSheet:
                continue
            rows = book.get_sheet_by_name(meta.name).to_python(skip_empty_area=False)
            sheets[meta.name] = sheet_frame(path, meta.name, [[cell_text(v) for v in row] for row in rows])
    except InputError:
        raise
    except PasswordError:
        raise UnsupportedInput(path, "is password-protected (encrypted)", _UNPROTECT, "encrypted") from None
    except Exception as exc:  # any parser failure on an untrusted workbook means it is damaged
        raise InputError(
            path, f"has a sheet that cannot be read in full ({type(exc).__name__})", "save the workbook again"
        ) from None
    finally:
        book.close()
    if not sheets:
        raise InputError(path, "has no sheets", "export the table again")
    return sheets
