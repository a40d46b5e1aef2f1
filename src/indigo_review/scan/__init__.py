"""The release gate (policy 3, 4, 7): find personal data in an export before it leaves; PASS, BLOCK or ERROR.

Public API: `ScanSettings` and `run` (the job over files and folders), `scan_path` (one file, library use),
`collect_exports`, `raise_for_error`, `ScanResult`, `ScanBatch`, the verdicts;
`find_entities` / `find_entities_in` (spans in free text) and `mask` (masked evidence) for other jobs.
Names are loaded on first use, so that `indigo_review.scan.policy` stays light for the CLI.
"""

from __future__ import annotations

from ..lazy import lazy_exports

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
    "ScanSettings": "settings",
    "run": "job",
    "ScanBatch": "batch",
    "ExportFile": "files",
    "collect_exports": "files",
    "raise_for_error": "job",
    "write_scan_report": "report",
    "Policy": "policy",
    "load_policy": "policy",
    "make_policy": "policy",
    "find_entities": "entities",
    "find_entities_in": "entities",
    "Span": "entities",
    "mask": "masking",
}
__all__ = sorted(_PUBLIC)


__getattr__, __dir__ = lazy_exports(__name__, _PUBLIC)
