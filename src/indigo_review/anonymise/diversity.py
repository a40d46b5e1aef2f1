"""Attribute disclosure: what a class's released attendance outcomes tell about each of its members.

A class whose past sign-ups all show one outcome (everyone attended, or no one did) tells every member's outcome
to anyone who knows their class: l-diversity asks for at least l distinct outcomes per class (ARX's "distinct
l-diversity"). Where a class has fewer, its outcomes are withheld ('*'): the rows stay, so demand counts
stay true, but the outcome column says nothing about that class. Only past outcomes count: a future event's
empty outcome is a public fact (the event has not happened), not something learnt about a member.

The report measures what is left, on the written file: homogeneous classes (must be 0) and the guessing
advantage: how often an attacker who guesses each member's outcome as the most common outcome released for
their class (the overall most common where the class releases none) is right, against the base rate (always
guessing the overall most common outcome), over every past sign-up in the file with its true outcome; and the
share of past sign-ups whose class shows one outcome only (disclosed with certainty, 0 once l >= 2 holds).
"""

from __future__ import annotations

import numpy as np
import pandas as pd

# Outcome codes: 1 attended, 0 did not, -1 no past outcome (a future event, or suppressed).
OUTCOME_CODES = {"true": 1, "false": 0}


def outcome_codes(values: pd.Series) -> np.ndarray:
    """1 attended, 0 did not, -1 anything else (future event, withheld, suppressed)."""
    return values.map(OUTCOME_CODES).fillna(-1).to_numpy(dtype=np.int64)


def withheld_outcomes(groups: np.ndarray, outcomes: np.ndarray, l_required: int) -> np.ndarray:
    """Rows whose past outcome must be withheld: their group shows fewer than l distinct past outcomes."""
    past = outcomes >= 0
    if l_required <= 1 or not past.any():
        return np.zeros(len(outcomes), dtype=bool)
    _, dense = np.unique(groups, return_inverse=True)
    pairs = np.unique(dense[past] * 2 + outcomes[past])
    distinct = np.bincount(pairs // 2, minlength=int(dense.max()) + 1)
    return past & (distinct[dense] < l_required)


def disclosure(frame: pd.DataFrame, by: list[str], truth: np.ndarray, l_required: int) -> dict[str, object]:
    """Homogeneous classes and the guessing advantage of the released outcome column (see the module doc).

    `by` are the released columns other than the outcome; `truth` is each row's true outcome code (in memory
    only), so withheld rows count too: the attacker guesses them from what the file still says.
    """
    released = outcome_codes(frame["attended"]) if "attended" in frame else np.full(len(frame), -1)
    past = truth >= 0
    if not past.any():
        return {"l": l_required, "classes": 0, "homogeneous_classes": 0, "past_signups": 0}
    groups = frame.groupby(by, dropna=False, sort=False).ngroup().to_numpy() if by else np.zeros(len(frame), int)
    shown = released >= 0
    per_group = pd.DataFrame({"group": groups[shown], "outcome": released[shown]})
    counts = per_group.groupby("group")["outcome"].agg(["nunique", "mean", "size"])
    base_share = float(truth[past].mean())
    base_guess = 1 if base_share >= 0.5 else 0
    guess = np.full(len(frame), base_guess)
    # Ties go to the overall most common outcome, as a guesser without other knowledge would choose.
    majority = np.where(counts["mean"] > 0.5, 1, np.where(counts["mean"] < 0.5, 0, base_guess))
    lookup = pd.Series(majority, index=counts.index)
    known = pd.Series(groups).map(lookup).to_numpy()
    guess = np.where(pd.isna(known), guess, known).astype(np.int64)
    accuracy = float((guess[past] == truth[past]).mean())
    # A member whose class shows one outcome has it disclosed with certainty, whatever the base rate.
    single = pd.Series(groups).map(counts["nunique"] == 1).fillna(False).to_numpy(dtype=bool)
    certain = float((single & shown & past).sum() / past.sum())
    base_rate = max(base_share, 1 - base_share)
    return {
        "l": l_required,
        "l_reached": int(counts["nunique"].min()) if len(counts) else None,
        "classes": len(counts),
        "homogeneous_classes": int((counts["nunique"] < l_required).sum()),
        "past_signups": int(past.sum()),
        "outcomes_withheld": int((past & ~shown).sum()),
        "share_disclosed_with_certainty": round(certain, 4),
        "guess_accuracy": round(accuracy, 4),
        "base_rate": round(base_rate, 4),
        "guessing_advantage": round(accuracy - base_rate, 4),
    }
