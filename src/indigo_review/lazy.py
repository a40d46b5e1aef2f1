"""Public names of a subpackage, imported on first use: `from indigo_review.scan import ScanSettings` loads the
settings module only, so the command line answers `--help` without importing pandas, Presidio or spaCy."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from importlib import import_module
from typing import Any


def lazy_exports(package: str, names: Mapping[str, str]) -> tuple[Callable[[str], Any], Callable[[], list[str]]]:
    """A module's `__getattr__` and `__dir__` that import each public name's module (`names[name]`) on first use."""

    def __getattr__(name: str) -> Any:
        if name in names:
            module = import_module(f".{names[name]}", package)
            return module if names[name] == name else getattr(module, name)  # a name may be a submodule
        raise AttributeError(f"module {package!r} has no attribute {name!r}")

    def __dir__() -> list[str]:
        return sorted(names)

    return __getattr__, __dir__
