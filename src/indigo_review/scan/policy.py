"""The scan's allow-list: columns and entities a reviewer accepts, from options or a small policy file.

Kept free of heavy imports so that the CLI can check a policy before any run folder is made.
"""

from __future__ import annotations

import json
import tomllib
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from ..errors import ParameterError
from ..vocabulary import ENTITIES


@dataclass(frozen=True)
class Policy:
    """What a reviewer accepts: whole columns, or whole entities, recorded with the result."""

    allow_columns: tuple[str, ...] = ()
    allow_entities: tuple[str, ...] = ()

    def allows(self, column: str, entity: str) -> bool:
        """True when a finding in this column or of this entity is accepted."""
        return column in self.allow_columns or entity in self.allow_entities


def make_policy(allow_columns: Iterable[str] = (), allow_entities: Iterable[str] = ()) -> Policy:
    """A policy from allow-lists; unknown entity names are an error (a typo must not silently allow nothing)."""
    entities = tuple(dict.fromkeys(str(e).strip().upper() for e in allow_entities if str(e).strip()))
    unknown = [e for e in entities if e not in ENTITIES]
    if unknown:
        raise ParameterError(
            None, f"unknown entity in the allow-list: {', '.join(unknown)}", f"use {', '.join(ENTITIES)}"
        )
    columns = tuple(dict.fromkeys(str(c) for c in allow_columns if str(c)))
    return Policy(columns, entities)


def load_policy(path: str | Path) -> Policy:
    """Read an allow-list file (JSON or TOML) with optional keys allow_columns and allow_entities."""
    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8")
        data = tomllib.loads(text) if path.suffix.lower() == ".toml" else json.loads(text)
    except (OSError, UnicodeDecodeError, ValueError) as exc:
        raise ParameterError(path, f"policy file cannot be read ({type(exc).__name__})", "fix the file") from None
    if not isinstance(data, dict) or set(data) - {"allow_columns", "allow_entities"}:
        raise ParameterError(path, "policy file must hold only allow_columns and allow_entities", "fix the file")
    lists = {key: data.get(key, []) for key in ("allow_columns", "allow_entities")}
    if not all(isinstance(v, list) and all(isinstance(x, str) for x in v) for v in lists.values()):
        raise ParameterError(path, "allow_columns and allow_entities must be lists of strings", "fix the file")
    return make_policy(lists["allow_columns"], lists["allow_entities"])
