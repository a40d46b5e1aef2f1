"""Deprecations attributed to our own code fail the tests; those inside third-party libraries stay quiet.

pytest installs the `filterwarnings` of pyproject.toml around every test, so the filters in force here are the ones
every other test runs under. `warn_explicit` attributes a warning to a module by name, as `warnings.warn` does for
the caller that its stacklevel points at (pandas and numpy point at the code that called them).
"""

from __future__ import annotations

import warnings

import pytest

CATEGORIES = [DeprecationWarning, PendingDeprecationWarning, FutureWarning]


def warn_from(module: str, category: type[Warning]) -> None:
    warnings.warn_explicit("this call is deprecated", category, filename=f"{module}.py", lineno=1, module=module)


@pytest.mark.parametrize("category", CATEGORIES, ids=lambda c: c.__name__)
@pytest.mark.parametrize("module", ["indigo_review", "indigo_review.scan.engine", "tests.test_io"])
def test_a_deprecation_attributed_to_our_code_is_an_error(module: str, category: type[Warning]) -> None:
    with pytest.raises(category, match="this call is deprecated"):
        warn_from(module, category)


@pytest.mark.parametrize("category", CATEGORIES, ids=lambda c: c.__name__)
@pytest.mark.parametrize("module", ["pandas.core.frame", "great_expectations", "indigo_review_plugin", "testsuite"])
def test_a_deprecation_inside_a_third_party_library_is_ignored(module: str, category: type[Warning]) -> None:
    with warnings.catch_warnings(record=True) as caught:
        warn_from(module, category)
    assert caught == []
