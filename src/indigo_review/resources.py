"""Folders that ship with indigo-review: the job notebooks and the expectation suites.

Installed from a wheel they sit inside the package; in a checkout (an editable install) they are the
repository's own `notebooks/` and `expectations/`. Never looked up relative to the working folder.
"""

from __future__ import annotations

import os
from pathlib import Path

from .errors import NotebookError

_PACKAGE = Path(__file__).resolve().parent


def bundled(name: str, marker: str, override_env: str = "") -> Path:
    """The shipped folder `name` (it must hold `marker`): an override variable, the package, or the checkout."""
    override = os.environ.get(override_env) if override_env else None
    candidates = [Path(override)] if override else []
    candidates += [_PACKAGE / name, _PACKAGE.parents[1] / name]
    for candidate in candidates:
        if (candidate / marker).exists():
            return candidate
    raise NotebookError(None, f"the bundled folder {name}/ cannot be found", "reinstall indigo-review")


def notebooks_dir() -> Path:
    """Where the job notebooks are (INDIGO_NOTEBOOKS overrides, for development)."""
    return bundled("notebooks", "03_scan_export.ipynb", "INDIGO_NOTEBOOKS")


def expectations_dir() -> Path:
    """The expectation suites shipped with indigo-review (the default of --suites)."""
    return bundled("expectations", "members.json")
