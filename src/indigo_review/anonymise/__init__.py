"""Anonymise sign-ups for planning (policy 2(2), 3(1)): keyed pseudonyms, hierarchies, k-anonymity, planning.

Public API: `run_anonymise_job` (the job), `AnonymiseSettings`, the quasi-identifier names, and the
pseudonym key functions the CLI needs (`load_key`, `write_key_file`, `KEY_ENV`, `KEY_FILE_ENV`).
"""

from .job import AnonymiseOutcome, run_anonymise_job
from .pseudonyms import KEY_ENV, KEY_FILE_ENV, PseudonymKey, load_key, read_key_file, write_key_file
from .transform import (
    ALL_QUASI_IDENTIFIERS,
    DEFAULT_QUASI_IDENTIFIERS,
    DEFAULT_QUASI_IDENTIFIERS_BY_RELEASE,
    RELEASES,
    AnonymiseSettings,
)

__all__ = [
    "ALL_QUASI_IDENTIFIERS",
    "DEFAULT_QUASI_IDENTIFIERS",
    "DEFAULT_QUASI_IDENTIFIERS_BY_RELEASE",
    "KEY_ENV",
    "KEY_FILE_ENV",
    "RELEASES",
    "AnonymiseOutcome",
    "AnonymiseSettings",
    "PseudonymKey",
    "load_key",
    "read_key_file",
    "run_anonymise_job",
    "write_key_file",
]
