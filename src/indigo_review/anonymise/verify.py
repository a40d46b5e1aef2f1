"""Verify the written file, independently of the search: k, l, protection per member and what an insider learns.

Everything is recomputed from the Parquet file as written; the member behind each row comes from codes kept in
memory (a third-party file has no member column), its period and true outcome likewise. A third-party release
is checked per period (k holds within each event month, history.py); rows reused from the release history were
verified when first released and carry the member counts recorded then.

The internal file (仮名加工情報) links a member's rows by the pseudonym, so it is measured the way an insider
would use it, and the report says so at its top: someone who knows one event a member signed up for, with the
member's age band, area, postal digit and gender, finds their row; when fewer than k members share that row,
the member is *singled out*, and the pseudonym then gives all their other rows. And a member whose row was
suppressed ('*') but whose other rows were not gets those values back through the pseudonym (*suppression
undone*). `ok` means the declared protection (k on the declared quasi-identifiers, l on the outcome) holds;
these measured risks stand beside it, they do not hide behind it.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import pandas as pd

from .diversity import disclosure
from .hierarchies import STAR
from .history import PERIOD
from .records import SENSITIVE
from .risk import Verification, members_unique_by_linked_set, members_unique_by_rows, verify_k_anonymity
from .transform import MEMBER_COLUMN, Anonymised

# What an insider is assumed to know of a member besides one event: their demographics, not the channel or day.
MEMBER_LEVEL = ("age_band", "area", "postal_area", "gender")


@dataclass(frozen=True)
class WrittenCheck:
    """What was recomputed from the written file: k, l, class sizes, protection per member, disclosure."""

    verification: Verification
    columns: list[str]
    protection: dict[str, object]
    relinking_columns: list[str]
    disclosure: dict[str, object] = field(default_factory=dict)
    insider: dict[str, object] = field(default_factory=dict)

    @property
    def ok(self) -> bool:
        """k and l hold, nobody is unique in a third-party file, and no column there re-links to members."""
        homogeneous = int(self.disclosure.get("homogeneous_classes", 0) or 0)  # type: ignore[call-overload]
        return self.verification.ok and not self.relinking_columns and self.protection["ok"] is True and not homogeneous


def insider_risk(frame: pd.DataFrame, qi_columns: list[str], codes: np.ndarray, k: int) -> dict[str, object]:
    """What an insider who knows one event of a member learns from an internal file (see the module doc)."""
    event = next((c for c in ("event_id", "event_month") if c in frame), None)
    known = [c for c in ((event,) if event else ()) + MEMBER_LEVEL if c in frame]
    members = len(np.unique(codes))
    singled = members_unique_by_rows(frame, known, codes, k) if known else 0.0
    star = frame[qi_columns].eq(STAR).all(axis=1).to_numpy() if qi_columns else np.zeros(len(frame), bool)
    suppressed = np.unique(codes[star])
    elsewhere = np.unique(codes[~star])
    undone = int(np.isin(suppressed, elsewhere).sum())
    return {
        "knowledge": f"one event and {', '.join(c for c in known if c != event) or 'nothing else'}",
        "members": members,
        "share_singled_out_by_one_event": singled,
        "members_singled_out_by_one_event": round(singled * members),
        "suppressed_members": len(suppressed),
        "suppressed_members_recovered_through_pseudonym": undone,
        "recovered_attributes": [c for c in MEMBER_LEVEL if c in frame],
    }


def verify_written(path: str | Path, result: Anonymised) -> WrittenCheck:
    """Re-read the written table and recompute k, l-diversity, per-member protection and disclosure from it."""
    frame = pd.read_parquet(path)
    k = result.settings.k
    codes = result.member_codes
    fresh = codes >= 0
    third_party = result.settings.release == "third-party"
    released = [c for c in frame.columns if c != MEMBER_COLUMN]
    columns = released if third_party else [c for c in result.quasi_identifier_columns if c in frame]
    sensitive = SENSITIVE if SENSITIVE in frame else None
    if third_party:
        # Within each period: the unit a later release adds or keeps (history.py).
        mine = frame[fresh].assign(**{PERIOD: result.periods[fresh]}).reset_index(drop=True)
        verification = verify_k_anonymity(mine, [*columns, PERIOD], codes[fresh], k, sensitive=sensitive)
        reused = result.plan.reused_blocks
        if (~fresh).any() and len(reused):
            lowest = int(reused["members"].min())
            reached = min(verification.k_reached, lowest) if verification.records else lowest
            verification = dataclasses.replace(verification, k_reached=reached, records=len(frame))
        by_rows = members_unique_by_rows(mine, [*columns, PERIOD], codes[fresh], k)
    else:
        verification = verify_k_anonymity(frame, columns, codes, k, sensitive=sensitive)
        by_rows = members_unique_by_rows(frame, released, codes, k)
    relinking = [c for c in frame.columns if c in (MEMBER_COLUMN, "member_id", "signup_id")] if third_party else []
    protection: dict[str, object] = {
        "unit": "member",
        "members": len(np.unique(codes[fresh])),
        "rows_linkable": not third_party,
        "share_with_a_row_combination_under_k": by_rows,
    }
    insider: dict[str, object] = {}
    if third_party:
        protection["share_unique"] = by_rows
        protection["ok"] = by_rows == 0
    else:
        event_column = next((c for c in ("event_id", "event_month") if c in frame), None)
        by_events = members_unique_by_linked_set(frame, [event_column], codes, k) if event_column else 0.0
        by_set = members_unique_by_linked_set(frame, released, codes, k)
        protection["share_unique_by_set_of_events"] = by_events
        protection["share_unique_by_set_of_rows"] = by_set
        protection["share_unique"] = max(by_rows, by_events, by_set)
        # Internal data is pseudonymous by nature (it may not leave the society): the declared protection is k on
        # the declared quasi-identifiers; what linking adds is measured (insider) and reported beside it.
        protection["ok"] = verification.ok
        insider = insider_risk(frame, columns, codes, k)
    measured = {}
    if sensitive is not None:
        by = [c for c in columns if c != SENSITIVE]
        measured = disclosure(
            frame[fresh].reset_index(drop=True), by, result.true_outcomes[fresh], result.settings.l_diversity
        )
        measured["outcomes_withheld_for_l"] = result.withheld
    return WrittenCheck(verification, columns, protection, relinking, measured, insider)
