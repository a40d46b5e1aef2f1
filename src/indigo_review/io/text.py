"""Reading bytes and decoding text: strict decoding (BOMs, UTF-8, CP932), never a guess; plain-text files as lines."""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from ..errors import InputError, UnsupportedInput
from ..formats import READ_LIMIT_BYTES
from .table import DEFAULT_SHEET, lines_frame

# Control characters other than tab, CR, LF and form feed do not occur in real text exports.
_CONTROL = {chr(c) for c in range(32) if chr(c) not in "\t\r\n\f"} | {"\x7f"}
_PREFIX_BYTES = 1 << 20


def size_text(size: int) -> str:
    """A file size for a message: 1.5 MB, 120 MB."""
    mb = size / (1024 * 1024)
    return f"{mb:.1f} MB" if mb < 10 else f"{mb:.0f} MB"


def check_size(path: Path, kind: str) -> None:
    """Refuse a file too large to read whole for its kind (formats.READ_LIMIT_BYTES), before reading a byte."""
    limit = READ_LIMIT_BYTES[kind]
    size = path.stat().st_size
    if size > limit:
        raise UnsupportedInput(
            path,
            f"is too large to read whole ({size_text(size)}; the limit for a {kind} file is {size_text(limit)})",
            "split it, or export it as CSV (the scan reads CSV in chunks at any size)",
            "too_large",
        )


def read_bytes(path: Path) -> bytes:
    """The whole file; missing, a folder, unreadable or empty is an InputError naming it."""
    if not path.exists():
        raise InputError(path, "file not found", "check the path")
    if path.is_dir():
        raise InputError(path, "is a directory, not a file", "name one export file")
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise UnsupportedInput(
            path, f"cannot be read ({exc.strerror})", "check its permissions", "permission"
        ) from None
    if not raw.strip():
        raise InputError(path, "is empty", "export the table again; a valid file has at least a header row", "empty")
    return raw


def decode_text(path: Path, raw: bytes) -> tuple[str, str]:
    """Decode bytes as UTF-8 (with or without BOM), UTF-16 with BOM, or CP932; return text and encoding."""
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        candidates = ["utf-16"]
    elif raw.startswith(b"\xef\xbb\xbf"):
        candidates = ["utf-8-sig"]
    else:
        if b"\x00" in raw:
            line = raw[: raw.index(b"\x00")].count(b"\n") + 1
            raise InputError(path, f"contains NUL bytes (line {line})", "this is a binary file or a damaged export")
        reject_binary(path, raw[:65536].decode("latin-1"))
        candidates = ["utf-8", "cp932"]
    failure: UnicodeDecodeError | None = None
    for encoding in candidates:
        try:
            text = raw.decode(encoding)
        except UnicodeDecodeError as exc:
            # Keep the first failure's position: it is usually the most telling.
            failure = failure or exc
            continue
        reject_binary(path, text)
        return text, encoding
    assert failure is not None
    line = raw[: failure.start].count(b"\n") + 1
    raise InputError(
        path,
        f"cannot be decoded as {' or '.join(candidates)} (first bad byte at line {line})",
        "save it as UTF-8 (or CP932 from Excel) and run again",
    )


def reject_binary(path: Path, text: str) -> None:
    """An InputError when decoded text is mostly control characters: a binary file under a text name."""
    sample = text[:65536]
    controls = sum(ch in _CONTROL for ch in sample)
    if "\x00" in sample or controls > max(2, len(sample) // 1000):
        raise InputError(
            path, "looks like binary data, not text", "check that this is the export you meant", "disguised"
        )


def detect_encoding(path: str | Path) -> str:
    """The encoding of a text file, detected from its first megabyte exactly as `read_table` does."""
    path = Path(path)
    if not path.is_file():
        raise InputError(path, "file not found", "check the path")
    with path.open("rb") as handle:
        prefix = handle.read(_PREFIX_BYTES)
        more = bool(handle.read(1))
    if not prefix.strip():
        raise InputError(path, "is empty", "export the table again; a valid file has at least a header row", "empty")
    if more and b"\n" in prefix:
        # Cut at a line end so that a multi-byte character is never split (0x0A is never a trail byte).
        prefix = prefix[: prefix.rindex(b"\n") + 1]
    return decode_text(path, prefix)[1]


def read_text_lines(text: str) -> dict[str, pd.DataFrame]:
    """A plain-text file: one sheet, one row per line (row N is line N + 1), in the column `text`."""
    return {DEFAULT_SHEET: lines_frame(text.splitlines())}
