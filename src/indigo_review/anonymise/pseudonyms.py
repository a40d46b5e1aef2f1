"""Keyed pseudonyms (HMAC-SHA-256) of member ids; the key itself is `indigo_review.keys`."""

from __future__ import annotations

import hashlib
import hmac

import pandas as pd

from ..keys import PseudonymKey

PSEUDONYM_HEX_CHARS = 16


def pseudonymise(values: pd.Series, key: PseudonymKey) -> pd.Series:
    """Map each id to HMAC-SHA-256(key, id) as 16 hex characters; equal ids give equal pseudonyms."""
    uniques = pd.unique(values.astype("str"))
    mapping = {
        value: hmac.new(key.secret, value.encode("utf-8"), hashlib.sha256).hexdigest()[:PSEUDONYM_HEX_CHARS]
        for value in uniques
    }
    return values.astype("str").map(mapping)
