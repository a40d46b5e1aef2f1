"""Fixtures for the scan tests: GiNZA is loaded once per test session."""

from __future__ import annotations

import pytest


@pytest.fixture(scope="session")
def ginza():
    """The GiNZA pipeline the scan uses, loaded once for the whole session."""
    from indigo_review.scan.ner import load_nlp

    return load_nlp()
