"""Fixtures for the scan tests: GiNZA is loaded once per test session, and one Dask cluster is shared."""

from __future__ import annotations

from collections.abc import Iterator

import pytest


@pytest.fixture(scope="session")
def ginza():
    """The GiNZA pipeline the scan uses, loaded once for the whole session."""
    from indigo_review.scan.ner import load_nlp

    return load_nlp()


@pytest.fixture(scope="session")
def dask_cluster(ginza) -> Iterator:
    """One local cluster of two worker processes for the whole session; no test restarts or changes it."""
    from indigo_review.scan.cluster import dask_client

    with dask_client(workers=2) as client:
        yield client
