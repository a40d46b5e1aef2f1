"""Which files a scan covers: the files and folders given, expanded; kept free of pandas for the CLI.

Nothing below a folder is left out silently: every entry found (recursively, hidden ones included, in name
order) is either scanned or listed as skipped with its reason. A file of a type no reader supports is
scanned too, and so becomes an ERROR naming it, unless the run was told to skip such files
(`--skip-unsupported`), when it is listed as skipped. Files an operating system or an editor leaves beside
exports (.DS_Store, Thumbs.db, desktop.ini, `~$` and `.~lock` files) are never exports: they are always
listed as skipped, and never make a run fail. A folder that cannot be listed, a broken link and anything
that is not a regular file are listed with what they are and count as files the scan could not read.
A file named explicitly is scanned whatever its name.
"""

from __future__ import annotations

import os
import stat
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from ..errors import InputError
from ..formats import is_metadata_file
from ..i18n import N_

# Why an entry is not scanned: operating-system or editor files are listed only; the rest stop a run unless
# unsupported files may be skipped.
METADATA, UNREADABLE = "metadata", "unreadable"


@dataclass(frozen=True)
class ExportFile:
    """A file to scan and the name it goes by in findings and reports; `skip` says why it is not scanned."""

    path: Path
    label: str
    skip: str = ""
    reason: str = ""


def _walk(folder: Path) -> Iterator[tuple[Path, str, str]]:
    """(path, skip kind, reason) of every entry below a folder, in name order, never following a link to a folder."""
    try:
        entries = sorted(os.scandir(folder), key=lambda e: e.name)
    except OSError as exc:
        yield folder, UNREADABLE, f"folder cannot be listed ({exc.strerror})"
        return
    for entry in entries:
        path = Path(entry.path)
        try:
            if entry.is_dir(follow_symlinks=False):
                yield from _walk(path)
                continue
            mode = os.stat(path).st_mode  # follows a link to a file; a broken link raises
        except OSError as exc:
            yield path, UNREADABLE, f"cannot be read ({exc.strerror or 'broken link'})"
            continue
        if is_metadata_file(entry.name):
            yield path, METADATA, N_("operating-system or editor file, not an export")
        elif stat.S_ISDIR(mode):
            yield path, UNREADABLE, N_("link to a folder, not followed")
        elif not stat.S_ISREG(mode):
            yield path, UNREADABLE, N_("not a regular file")
        else:
            yield path, "", ""


def _label(folder: Path, path: Path) -> str:
    """A file's name in reports: its path below the folder given (the folder's own name for the folder itself)."""
    return path.relative_to(folder).as_posix() if path != folder else f"{folder.name}/"


def collect_exports(paths: Iterable[str | Path]) -> list[ExportFile]:
    """Every file a list of files and folders names, with a reason for those not to be scanned; a path that
    does not exist, or a folder with nothing in it, is an error naming it."""
    found: list[ExportFile] = []
    for given in paths:
        path = Path(given)
        if path.is_dir():
            inside = [ExportFile(p, _label(path, p), s, r) for p, s, r in _walk(path)]
            if not inside:
                raise InputError(path, "is an empty folder", "name the folder that holds the exports to scan")
            found.extend(inside)
        elif path.exists():
            found.append(ExportFile(path, path.name))
        else:
            raise InputError(path, "file not found", "check the path of the export to scan")
    if not found:
        raise InputError(None, "no export to scan", "name at least one file or folder")
    labels = Counter(f.label for f in found)
    # Two files of the same name from different places keep their full path, so findings stay unambiguous.
    unique = [f if labels[f.label] == 1 else ExportFile(f.path, str(f.path), f.skip, f.reason) for f in found]
    return list({f.path.resolve(): f for f in unique}.values())
