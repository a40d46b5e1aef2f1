"""The shared-use notice (policy 4, APPI Art. 27(5)(iii)): what members were told before data is shared.

A TOML file declares the four things the policy promises to notify: the items of personal data shared,
who shares them, the purpose of those who use them, and the person responsible for managing them.
A missing or empty field refuses the release; an unreadable file stops the job (exit 2).
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..errors import InputError

# Field name in the TOML file -> what it must say (policy clause 4).
REQUIRED_FIELDS = {
    "items": "the items of personal data shared",
    "shared_with": "who shares it (the range of joint users)",
    "purpose": "the purpose of use of those who share it",
    "manager": "the person responsible for managing the personal data",
}


@dataclass(frozen=True)
class SharedUseNotice:
    """The declared notice and the required fields it lacks."""

    path: Path
    fields: dict[str, Any]
    missing: tuple[str, ...]

    @property
    def complete(self) -> bool:
        """True when all four fields are present and non-empty."""
        return not self.missing


def _filled(value: Any) -> bool:
    if isinstance(value, str):
        return bool(value.strip())
    if isinstance(value, list):
        return bool(value) and all(_filled(v) for v in value)
    if isinstance(value, dict):
        return bool(value) and _filled(value.get("name", ""))
    return False


def load_notice(path: str | Path) -> SharedUseNotice:
    """Read the shared-use notice TOML; report which required fields are missing or empty."""
    path = Path(path)
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise InputError(path, "the shared-use notice does not exist", "give --shared-use the notice file") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise InputError(path, f"the shared-use notice cannot be read ({exc})", "save it as UTF-8 TOML") from None
    except tomllib.TOMLDecodeError as exc:
        raise InputError(path, f"the shared-use notice is not valid TOML ({exc})", "fix the file") from None
    missing = tuple(name for name in REQUIRED_FIELDS if not _filled(data.get(name)))
    kept = {name: data[name] for name in REQUIRED_FIELDS if name in data}
    return SharedUseNotice(path, kept, missing)
