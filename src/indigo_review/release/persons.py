"""Which members consented to third-party provision (whose data a file holds is the scan's registry match)."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from pathlib import Path

from ..errors import InputError
from ..io import find_table_file, read_table

MEMBER_ID = "member_id"
CONSENT_COLUMN = "consent_third_party"


@dataclass(frozen=True)
class ConsentRecords:
    """Each member's recorded consent to provision to a third party, and the table it came from."""

    path: Path
    sha256: str
    consented: frozenset[str]
    known: frozenset[str]

    def without_consent(self, member_ids: list[str]) -> list[str]:
        """Members with no recorded consent: `false`, empty, anything but `true`, or not in the table."""
        return [m for m in member_ids if m not in self.consented]


def read_consent(members_dir: str | Path) -> ConsentRecords:
    """Read the members table's consent_third_party column (true/false)."""
    path = find_table_file(members_dir, "members")
    frame = read_table(path).frame
    for column in (MEMBER_ID, CONSENT_COLUMN):
        if column not in frame.columns:
            raise InputError(
                path,
                f"the members table has no {column} column",
                "record each member's consent to third-party provision as consent_third_party (true/false)",
            )
    ids = frame[MEMBER_ID].astype(str).str.strip()
    consent = frame[CONSENT_COLUMN].astype(str).str.strip().str.lower() == "true"
    digest = hashlib.sha256(path.read_bytes()).hexdigest()
    # A member listed twice counts as consenting only if every row says true.
    return ConsentRecords(path, digest, frozenset(ids[consent]) - frozenset(ids[~consent]), frozenset(ids))
