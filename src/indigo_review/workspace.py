"""Where the society's stored state lives: one root, the same whichever folder a job starts in.

The root is `--workspace DIR`, else `INDIGO_HOME`, else the per-user data folder platformdirs gives
(`~/.local/share/indigo-review` on Linux). It is never the working folder: a stop request made in one
folder must stop a release made from another. Under the root, one file per store, owner-only:

    stop_list.sqlite   members whose use is stopped (policy 8); read by anonymise and release
    ledger.sqlite      the provision ledger (policy 3, 4; APPI Art. 29)
    requests.sqlite    the member-request log (policy 8)
    history.sqlite     the accuracy checks' run history (policy 2(3))
    releases.sqlite    the third-party release history (anonymise)
    pseudonym.key      the default pseudonymisation key file
    workspace.toml     what a person sets: `data` (the folder holding the member registry), `lang`
    .created/          one marker per store ever created, so a lost store is an error, never an empty one

Every SQLite store is opened the same way (`open_store`): WAL journal, a busy timeout so that jobs running
at once wait for each other instead of failing, owner-only files (the WAL and shared-memory files SQLite
creates beside a store take its mode), SQLite's quick integrity check of every page, and any corruption
reported as a `StoreError` naming the file (exit 2) without quoting what it holds.

This module imports no pandas: the command line finds the workspace before any job imports the world.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import shutil
import sqlite3
import stat
import time
import tomllib
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from .errors import ParameterError, StoreError

HOME_ENV = "INDIGO_HOME"
APP_NAME = "indigo-review"
STORES = {
    "stop_list": "stop_list.sqlite",
    "ledger": "ledger.sqlite",
    "requests": "requests.sqlite",
    "history": "history.sqlite",
    "releases": "releases.sqlite",
}
STORE_NAMES = {
    "stop_list": "stop list",
    "ledger": "provision ledger",
    "requests": "request log",
    "history": "check history",
    "releases": "release history",
}
KEY_FILE = "pseudonym.key"
SETTINGS_FILE = "workspace.toml"
_MARKERS = ".created"
_BUSY_TIMEOUT_MS = 60_000
_SETTINGS = {"data": str, "lang": str}


@dataclass(frozen=True)
class StoreRead:
    """Which state of a store a job read, for its result: the path, how many entries and a head or digest."""

    store: str
    path: str
    entries: int
    head: str

    def to_json(self) -> dict[str, Any]:
        """The store as recorded in a job's result JSON."""
        return {"store": self.store, "path": self.path, "entries": self.entries, "head": self.head}


@dataclass(frozen=True)
class Workspace:
    """The root of the society's stored state and the paths of its stores."""

    root: Path
    source: str = "--workspace"

    @classmethod
    def locate(cls, given: str | Path | None = None, environ: Mapping[str, str] | None = None) -> Workspace:
        """The workspace named by the option, else INDIGO_HOME, else the per-user data folder."""
        environ = os.environ if environ is None else environ
        if given:
            return cls(Path(given).expanduser().resolve(), "--workspace")
        if environ.get(HOME_ENV):
            return cls(Path(environ[HOME_ENV]).expanduser().resolve(), HOME_ENV)
        from platformdirs import user_data_path

        return cls(user_data_path(APP_NAME, appauthor=False).resolve(), "user data folder")

    def path(self, store: str) -> Path:
        """The file of a store (see STORES)."""
        return self.root / STORES[store]

    @property
    def key_file(self) -> Path:
        """The default pseudonymisation key file."""
        return self.root / KEY_FILE

    @property
    def settings_file(self) -> Path:
        """workspace.toml: the settings a person edits."""
        return self.root / SETTINGS_FILE

    def ensure(self) -> Workspace:
        """Create the root (owner-only) if it does not exist yet."""
        try:
            self.root.mkdir(parents=True, exist_ok=True, mode=0o700)
            (self.root / _MARKERS).mkdir(exist_ok=True, mode=0o700)
        except OSError as exc:
            raise StoreError(
                self.root, f"the workspace cannot be created ({exc.strerror})", "give --workspace a folder you own"
            ) from None
        return self

    def was_created(self, store: str) -> bool:
        """True when this workspace has ever created the store (its marker survives the store's loss)."""
        return (self.root / _MARKERS / store).exists()

    def mark_created(self, store: str) -> None:
        """Record that the store exists now; creating the marker is atomic, so jobs at once agree."""
        marker = self.ensure().root / _MARKERS / store
        with contextlib.suppress(FileExistsError):
            fd = os.open(marker, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
            with os.fdopen(fd, "w", encoding="utf-8") as handle:
                handle.write(datetime.now(UTC).isoformat(timespec="seconds") + "\n")

    def existing(self, store: str) -> Path | None:
        """The store's file when it exists; None when it was never created; StoreError when it was lost."""
        path = self.path(store)
        if path.exists():
            return path
        if self.was_created(store):
            raise StoreError(
                path,
                f"the {STORE_NAMES[store]} is missing, but this workspace created one",
                "restore it from a backup; no job that must honour it runs until then",
            )
        return None

    def settings(self) -> dict[str, str]:
        """workspace.toml as a dict of known keys; a broken file is an error naming it."""
        path = self.settings_file
        if not path.exists():
            return {}
        try:
            data = tomllib.loads(path.read_text(encoding="utf-8"))
        except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError):
            raise ParameterError(path, "the workspace settings cannot be read", "fix the TOML file") from None
        unknown = sorted(set(data) - set(_SETTINGS))
        if unknown or not all(isinstance(data[k], _SETTINGS[k]) for k in data if k in _SETTINGS):
            raise ParameterError(
                path,
                f"unknown or malformed workspace setting(s): {', '.join(unknown) or 'a value'}",
                f"workspace.toml holds only {', '.join(_SETTINGS)} (strings)",
            )
        return {k: str(v) for k, v in data.items()}

    def members_folder(self, given: str = "") -> str:
        """The folder of the members table (the member registry): the option, else the `data` setting, else ""."""
        return given or self.settings().get("data", "")

    def update_settings(self, **values: str) -> Path:
        """Set workspace.toml keys (data, lang), keeping the others; written atomically, owner-only."""
        from .output import atomic_write_text

        unknown = sorted(set(values) - set(_SETTINGS))
        if unknown:
            raise ParameterError(None, f"unknown workspace setting(s): {', '.join(unknown)}", "use data or lang")
        merged = {**self.settings(), **{k: v for k, v in values.items() if v is not None}}
        # JSON strings are TOML basic strings: quotes and backslashes escaped the same way.
        text = "".join(f"{key} = {json.dumps(value, ensure_ascii=False)}\n" for key, value in sorted(merged.items()))
        path = atomic_write_text(self.ensure().settings_file, text)
        path.chmod(0o600)
        return path

    def describe(self) -> list[dict[str, Any]]:
        """Every store: its path, whether it exists and whether it was lost (for `indigo-review workspace`)."""
        rows = []
        for store, name in STORE_NAMES.items():
            path = self.path(store)
            state = "present" if path.exists() else ("MISSING" if self.was_created(store) else "not created yet")
            rows.append({"store": store, "name": name, "path": str(path), "state": state})
        return rows


def _owner_only(path: Path) -> None:
    """Make a store file (and its WAL companions) readable by its owner only."""
    for candidate in (path, path.with_name(path.name + "-wal"), path.with_name(path.name + "-shm")):
        with contextlib.suppress(FileNotFoundError):
            if stat.S_IMODE(candidate.stat().st_mode) & 0o077:
                candidate.chmod(0o600)


def _create_file(path: Path) -> None:
    path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
    # Created owner-only before SQLite opens it; another job may create it at the same moment.
    with contextlib.suppress(FileExistsError):
        os.close(os.open(path, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o600))


class _Busy(Exception):
    """Another connection kept the store locked past the busy timeout."""


# SQLITE_BUSY, SQLITE_LOCKED, SQLITE_PROTOCOL: another job holds or is setting up the store, nothing is damaged.
_TRANSIENT = {5, 6, 15}


def _prepare(conn: sqlite3.Connection, schema: str, create: bool) -> None:
    """WAL mode, an integrity check and the schema, retried while another job is setting the store up."""
    # Two jobs converting a new store to WAL at once can deadlock on its locks; SQLite then answers BUSY at
    # once, without waiting, so the wait is ours (a lock error must never read as "corrupt").
    deadline = time.monotonic() + _BUSY_TIMEOUT_MS / 1000
    pause = 0.005
    while True:
        try:
            conn.execute(f"PRAGMA busy_timeout = {_BUSY_TIMEOUT_MS}")
            conn.execute("PRAGMA journal_mode = WAL")
            # A damaged page shows only when it is read, perhaps by a later job, perhaps never: every page is
            # checked now, so a damaged store stops the job before it decides anything (its rows are never quoted).
            if conn.execute("PRAGMA quick_check(1)").fetchone()[0] != "ok":
                raise sqlite3.DatabaseError("quick_check")
            if create:
                conn.executescript(f"BEGIN IMMEDIATE; {schema} COMMIT;")
            return
        except sqlite3.OperationalError as exc:
            if getattr(exc, "sqlite_errorcode", 0) & 0xFF not in _TRANSIENT:
                raise
            if conn.in_transaction:
                conn.execute("ROLLBACK")
            if time.monotonic() > deadline:
                raise _Busy() from None
            time.sleep(pause)
            pause = min(pause * 2, 0.25)


@contextlib.contextmanager
def open_store(path: str | Path, schema: str, label: str, create: bool = True) -> Iterator[sqlite3.Connection]:
    """An autocommit connection to an SQLite store: WAL, busy timeout, owner-only; errors name the file.

    `schema` is run (idempotent CREATE ... IF NOT EXISTS) when the store is created or opened for
    writing. A file that is not SQLite, or whose pages are corrupt, is a StoreError: one line, no content.
    """
    path = Path(path)
    hint = f"restore the {label} from a backup, or give the right workspace"
    if not path.exists():
        if not create:
            raise StoreError(path, f"no {label} here", "give the right --workspace")
        _create_file(path)
    try:
        conn = sqlite3.connect(path, timeout=_BUSY_TIMEOUT_MS / 1000, isolation_level=None)
    except sqlite3.Error:
        raise StoreError(path, f"the {label} cannot be opened", "check the path and its permissions") from None
    try:
        try:
            _prepare(conn, schema, create)
        except _Busy:
            raise StoreError(path, f"the {label} stayed locked by another job", "try again when it ends") from None
        except sqlite3.DatabaseError:
            raise StoreError(path, f"is not a readable {label} (not SQLite, or corrupt)", hint) from None
        _owner_only(path)
        try:
            yield conn
        except sqlite3.DatabaseError as exc:
            # A corrupt page shows only when it is read; its message may quote nothing, but the row might.
            raise StoreError(path, f"the {label} is damaged ({type(exc).__name__})", hint) from None
    finally:
        if conn.in_transaction:
            with contextlib.suppress(sqlite3.Error):
                conn.execute("ROLLBACK")
        conn.close()


def digest(items: list[str]) -> str:
    """A short SHA-256 over sorted items: which state of a store was read, without listing it."""
    return "sha256:" + hashlib.sha256("\n".join(sorted(items)).encode("utf-8")).hexdigest()[:16]


def copy_store(source: Path, target: Path) -> None:
    """Copy an SQLite store consistently (the backup API), owner-only."""
    _create_file(target)
    try:
        with contextlib.closing(sqlite3.connect(source)) as src, contextlib.closing(sqlite3.connect(target)) as dst:
            src.backup(dst)
    except sqlite3.DatabaseError:
        target.unlink(missing_ok=True)
        raise StoreError(source, "cannot be copied into the workspace (not SQLite, or corrupt)", "restore it") from None
    _owner_only(target)


def retire(path: Path) -> Path:
    """Rename a migrated legacy file so it is never read again; the name says where it went."""
    target = path.with_name(path.name + ".migrated")
    counter = 1
    while target.exists():
        target = path.with_name(f"{path.name}.migrated-{counter}")
        counter += 1
    shutil.move(path, target)
    return target
