"""The seeded, all-synthetic indiGO sample data set: members, events, sign-ups, planted accuracy errors
and clean and leaky exports (data/sample). `generate(out_dir)` writes it; `python -m indigo_review.sample
--out DIR` does the same from the command line. Output is byte-identical for a given seed.

`generator` holds the logic, `wordlists` the word lists and tables read from `data/`, `writers` the
file writers.
"""

from .generator import (
    CHANNELS,
    DEFAULT_SEED,
    ENTITIES,
    EVENT_COLUMNS,
    LEAKY_COLUMNS,
    MEMBER_COLUMNS,
    MIN_CELL_COUNT,
    PLANNING_COLUMNS,
    PLANTED_ERRORS,
    REFERENCE_DATE,
    SIGNUP_COLUMNS,
    PlantedError,
    generate,
    main,
)
from .international import INTERNATIONAL_COLUMNS
from .wordlists import EMAIL_DOMAINS, GIVEN_NAMES, POSTAL_BY_CODE, POSTAL_TABLE, SURNAMES, PostalRow

__all__ = [
    "CHANNELS",
    "DEFAULT_SEED",
    "EMAIL_DOMAINS",
    "ENTITIES",
    "EVENT_COLUMNS",
    "GIVEN_NAMES",
    "INTERNATIONAL_COLUMNS",
    "LEAKY_COLUMNS",
    "MEMBER_COLUMNS",
    "MIN_CELL_COUNT",
    "PLANNING_COLUMNS",
    "PLANTED_ERRORS",
    "POSTAL_BY_CODE",
    "POSTAL_TABLE",
    "REFERENCE_DATE",
    "SIGNUP_COLUMNS",
    "SURNAMES",
    "PlantedError",
    "PostalRow",
    "generate",
    "main",
]
