"""The release gate (policy 3, 4, 7): find personal data in an export before it leaves; PASS, BLOCK or ERROR.

Public API: `scan_path` (one file, library use), `run_scan_files` (the job over files and folders) and
`run_scan` (the job on one file), `collect_exports`, `raise_for_error`, `ScanResult`, `ScanBatch`, the verdicts;
`find_entities` / `find_entities_in` (spans in free text) and `mask` (masked evidence) for other jobs.
Names are loaded on first use, so that `indigo_review.scan.policy` stays light for the CLI.
"""

from __future__ import annotations

from importlib import import_module
from typing import Any

# Name -> the module that defines it, relative to this package (".errors" is indigo_review.errors).
_PUBLIC = {
    "scan_path": "engine",
    "ScanResult": "result",
    "ScanFailure": ".errors",
    "PASS": "result",
    "BLOCK": "result",
    "ERROR": "result",
    "EXIT_CODES": "result",
    "FINDINGS_COLUMNS": "result",
    "run_scan": "job",
    "run_scan_files": "job",
    "ScanBatch": "batch",
    "ExportFile": "batch",
    "collect_exports": "batch",
    "raise_for_error": "job",
    "write_report": "job",
    "Policy": "policy",
    "load_policy": "policy",
    "make_policy": "policy",
    "find_entities": "entities",
    "find_entities_in": "entities",
    "Span": "entities",
    "mask": "masking",
}
__all__ = sorted(_PUBLIC)


def __getattr__(name: str) -> Any:
    if name in _PUBLIC:
        return getattr(import_module(f".{_PUBLIC[name]}", __name__), name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
