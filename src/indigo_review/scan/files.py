"""Which files a scan covers: the files and folders given, expanded; kept free of pandas for the CLI.

A folder stands for every supported export below it (recursively, in name order); a file named
explicitly is scanned whatever its type, so that an unsupported or broken file is an ERROR, never
skipped.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from ..errors import InputError
from ..formats import SUPPORTED


@dataclass(frozen=True)
class ExportFile:
    """A file to scan and the name it goes by in findings and reports."""

    path: Path
    label: str


def collect_exports(paths: Iterable[str | Path]) -> list[ExportFile]:
    """The files a list of files and folders names; a path that does not exist is an error naming it."""
    found: list[ExportFile] = []
    for given in paths:
        path = Path(given)
        if path.is_dir():
            inside = sorted(p for p in path.rglob("*") if p.is_file() and p.suffix.lower() in SUPPORTED)
            if not inside:
                raise InputError(path, "holds no supported export", f"put files of type {', '.join(SUPPORTED)} there")
            found.extend(ExportFile(p, p.relative_to(path).as_posix()) for p in inside)
        elif path.exists():
            found.append(ExportFile(path, path.name))
        else:
            raise InputError(path, "file not found", "check the path of the export to scan")
    if not found:
        raise InputError(None, "no export to scan", "name at least one file or folder")
    labels = Counter(f.label for f in found)
    # Two files of the same name from different places keep their full path, so findings stay unambiguous.
    unique = [f if labels[f.label] == 1 else ExportFile(f.path, str(f.path)) for f in found]
    return list({f.path.resolve(): f for f in unique}.values())
