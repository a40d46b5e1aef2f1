"""Stores that earlier versions kept in `runs/` or at paths named by INDIGO_STOP_LIST, INDIGO_LEDGER and
INDIGO_REQUEST_LOG, moved into the workspace once, with a message.

Earlier versions resolved each store on its own (option, then variable, then `runs/` of the working folder), so
a stop request made in one folder did not stop a release made from another. A legacy store found now is moved
into the workspace and the old file renamed `*.migrated`, so it is never read again. A stop list is merged
(stopping more members is always safe); a ledger, request log or history is copied only when the workspace has
none yet, since two hash chains or two logs cannot be merged without a person deciding which one is true.
"""

from __future__ import annotations

import csv
import io
import os
from collections.abc import Mapping
from pathlib import Path

from .errors import StoreError
from .stop_list import import_rows
from .workspace import STORE_NAMES, Workspace, copy_store, retire

LEGACY_FOLDER = Path("runs")
# store -> (its file name in runs/, the variable that once named it)
LEGACY = {
    "stop_list": ("stop_list.csv", "INDIGO_STOP_LIST"),
    "ledger": ("ledger.sqlite", "INDIGO_LEDGER"),
    "requests": ("requests.sqlite", "INDIGO_REQUEST_LOG"),
    "history": ("history.sqlite", ""),
}


def find_legacy(folder: Path = LEGACY_FOLDER, environ: Mapping[str, str] | None = None) -> list[tuple[str, Path]]:
    """Legacy stores in `folder` and at the paths the old variables name, as (store, path)."""
    environ = os.environ if environ is None else environ
    found: dict[Path, str] = {}
    for store, (name, variable) in LEGACY.items():
        for candidate in (folder / name, Path(environ[variable]) if variable and environ.get(variable) else None):
            if candidate is not None and candidate.is_file():
                found.setdefault(candidate.resolve(), store)
    return [(store, path) for path, store in found.items()]


def _stop_rows(path: Path) -> list[tuple[str, str, str]]:
    try:
        text = path.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError):
        raise StoreError(path, "the old stop list cannot be read", "restore it from a backup, then run again") from None
    reader = csv.DictReader(io.StringIO(text))
    if reader.fieldnames is None or "member_id" not in reader.fieldnames:
        raise StoreError(path, "the old stop list has no member_id column", "restore it from a backup")
    return [(r["member_id"] or "", r.get("added_on") or "", r.get("request_id") or "") for r in reader]


def migrate_legacy(
    workspace: Workspace, folder: Path = LEGACY_FOLDER, environ: Mapping[str, str] | None = None
) -> list[str]:
    """Move legacy stores into the workspace; one message per store moved (for stderr)."""
    messages = []
    for store, path in find_legacy(folder, environ):
        label = STORE_NAMES[store]
        if store == "stop_list":
            added = import_rows(workspace, _stop_rows(path))
            kept = retire(path)
            messages.append(
                f"indigo-review: the {label} {path} was merged into the workspace ({added} member(s) added to "
                f"{workspace.path(store)}); the old file is now {kept.name}"
            )
            continue
        target = workspace.path(store)
        if target.exists() or workspace.was_created(store):
            raise StoreError(
                path,
                f"is a {label} of an earlier version, and the workspace already has one ({target})",
                "keep the one that is true: move the other away (a ledger's chain cannot be merged), then run again",
            )
        copy_store(path, workspace.ensure().path(store))
        workspace.mark_created(store)
        kept = retire(path)
        messages.append(
            f"indigo-review: the {label} {path} was moved into the workspace ({target}); "
            f"the old file is now {kept.name}"
        )
    return messages


def legacy_variables(environ: Mapping[str, str] | None = None) -> list[str]:
    """A notice for each old variable still set: it is no longer read (the workspace is)."""
    environ = os.environ if environ is None else environ
    return [
        f"indigo-review: {variable} is no longer read (the {STORE_NAMES[store]} lives in the workspace); unset it"
        for store, (_, variable) in LEGACY.items()
        if variable and environ.get(variable)
    ]
