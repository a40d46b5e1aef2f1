"""The secret keys: the pseudonymisation key and the optional ledger key, where they come from and how they are kept.

The pseudonymisation key comes from a key file (`--key-file`, passed to the job as INDIGO_PSEUDONYM_KEY_FILE),
else INDIGO_PSEUDONYM_KEY, else the workspace's `pseudonym.key`. The ledger key, which turns the provision
ledger's hash chain into an HMAC chain, comes from INDIGO_LEDGER_KEY_FILE, else INDIGO_LEDGER_KEY, and never
from the workspace: a key kept beside the ledger would be in the hands of whoever can rewrite the ledger. A key
is never a notebook parameter, never defaulted, and never printed: `PseudonymKey` and `LedgerKey` show only a
fingerprint, so displaying one in a notebook or log reveals nothing. No pandas here: the command line checks
a key before a run folder exists.
"""

from __future__ import annotations

import hashlib
import hmac
import os
import secrets
import stat
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

from .errors import IndigoError, LedgerKeyError, PseudonymKeyError

KEY_ENV = "INDIGO_PSEUDONYM_KEY"
KEY_FILE_ENV = "INDIGO_PSEUDONYM_KEY_FILE"
LEDGER_KEY_ENV = "INDIGO_LEDGER_KEY"
LEDGER_KEY_FILE_ENV = "INDIGO_LEDGER_KEY_FILE"
MIN_KEY_CHARS = 32


@dataclass(frozen=True)
class PseudonymKey:
    """A secret HMAC key; its repr and str show only a fingerprint."""

    secret: bytes = field(repr=False)
    source: str

    @property
    def fingerprint(self) -> str:
        """A short, non-reversible id of the key: tells two runs used the same key without revealing it."""
        return hmac.new(self.secret, b"indigo-review key fingerprint", hashlib.sha256).hexdigest()[:8]

    def __repr__(self) -> str:
        return f"PseudonymKey(source={self.source!r}, fingerprint={self.fingerprint!r})"

    __str__ = __repr__


@dataclass(frozen=True)
class LedgerKey:
    """The ledger's HMAC key; its repr and str show only a fingerprint, which each keyed ledger entry records."""

    secret: bytes = field(repr=False)
    source: str

    @property
    def fingerprint(self) -> str:
        """A short, non-reversible id of the key: which key an entry was made with, without revealing it."""
        return hmac.new(self.secret, b"indigo-review ledger key fingerprint", hashlib.sha256).hexdigest()[:16]

    def __repr__(self) -> str:
        return f"LedgerKey(source={self.source!r}, fingerprint={self.fingerprint!r})"

    __str__ = __repr__


def _check_key_text(
    text: str,
    where: str,
    path: Path | None,
    error: type[IndigoError] = PseudonymKeyError,
    what: str = "pseudonymisation",
) -> bytes:
    text = text.strip()
    if not text:
        raise error(path, f"the {what} key in {where} is empty", "run `indigo-review keygen`")
    if len(text) < MIN_KEY_CHARS:
        raise error(
            path,
            f"the {what} key in {where} is too short ({len(text)} characters, need {MIN_KEY_CHARS})",
            "run `indigo-review keygen` for a strong key",
        )
    return text.encode("utf-8")


def _read_secret_file(path: Path, error: type[IndigoError], what: str) -> bytes:
    if not path.is_file():
        raise error(path, "key file not found", "create one with `indigo-review keygen --out FILE`")
    mode = path.stat().st_mode
    if mode & (stat.S_IRWXG | stat.S_IRWXO):
        raise error(path, "key file is readable by other users", f"run `chmod 600 {path}`")
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        raise error(path, "key file cannot be read as text", "create a new one with keygen") from None
    return _check_key_text(text, "the key file", path, error, what)


def read_key_file(path: str | Path) -> PseudonymKey:
    """Read a key file that only its owner can read."""
    path = Path(path)
    return PseudonymKey(_read_secret_file(path, PseudonymKeyError, "pseudonymisation"), f"file:{path.name}")


def load_ledger_key(environ: Mapping[str, str] | None = None) -> LedgerKey | None:
    """The ledger key from INDIGO_LEDGER_KEY_FILE, else INDIGO_LEDGER_KEY; None when neither is set (a plain
    SHA-256 chain). A set but empty, short or unsafe key is an error, never ignored."""
    environ = os.environ if environ is None else environ
    if environ.get(LEDGER_KEY_FILE_ENV):
        path = Path(environ[LEDGER_KEY_FILE_ENV])
        return LedgerKey(_read_secret_file(path, LedgerKeyError, "ledger"), f"file:{path.name}")
    if LEDGER_KEY_ENV in environ:
        secret = _check_key_text(environ[LEDGER_KEY_ENV], LEDGER_KEY_ENV, None, LedgerKeyError, "ledger")
        return LedgerKey(secret, f"env:{LEDGER_KEY_ENV}")
    return None


def load_key(environ: Mapping[str, str] | None = None, default_file: str | Path | None = None) -> PseudonymKey:
    """The key from INDIGO_PSEUDONYM_KEY_FILE (--key-file), else INDIGO_PSEUDONYM_KEY, else the workspace's key
    file when it exists; missing everywhere is an error, never a default."""
    environ = os.environ if environ is None else environ
    key_file = environ.get(KEY_FILE_ENV)
    if key_file:
        return read_key_file(key_file)
    if KEY_ENV in environ:
        return PseudonymKey(_check_key_text(environ[KEY_ENV], KEY_ENV, None), f"env:{KEY_ENV}")
    if default_file is not None and Path(default_file).exists():
        return read_key_file(default_file)
    raise PseudonymKeyError(
        None,
        f"no pseudonymisation key: {KEY_ENV} is not set, no --key-file was given and the workspace has no "
        "pseudonym.key",
        "create the workspace's key once with `indigo-review keygen`, or pass --key-file KEYFILE",
    )


def generate_key_text() -> str:
    """A new random key (256 bits, URL-safe text)."""
    return secrets.token_urlsafe(32)


def write_key_file(path: str | Path) -> Path:
    """Create a new key file readable only by its owner; never overwrite an existing file."""
    path = Path(path)
    try:
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:
        raise PseudonymKeyError(path, "already exists", "keys are never overwritten; choose another path") from None
    except OSError as exc:
        raise PseudonymKeyError(path, f"cannot be created ({exc.strerror})", "check the folder") from None
    with os.fdopen(fd, "w", encoding="utf-8") as handle:
        handle.write(generate_key_text() + "\n")
    return path
