"""The seeded, all-synthetic indiGO sample data set: members, events, sign-ups, planted accuracy errors
and clean and leaky exports (data/sample). `generate(out_dir)` writes it; `python -m indigo_review.sample
--out DIR` does the same from the command line. Output is byte-identical for a given seed.

`generator` writes the data set; `members`, `events` and `signups` make the tables, `planted` lists the
planted accuracy errors, `exports` the planning and leaky exports (and `leaky_rows`, leaky rows about
invented members in any number, for benchmarks), `international` and `catalogue` the other exports,
`readme` the data set's README; `wordlists` holds the word lists and tables read from `data/`, `clock`
the fixed reference date, `writers` the file writers.
"""

from .clock import REFERENCE_DATE
from .events import EVENT_COLUMNS
from .exports import ENTITIES, LEAKY_COLUMNS, MIN_CELL_COUNT, PLANNING_COLUMNS, leaky_rows
from .generator import DEFAULT_SEED, generate, main
from .international import INTERNATIONAL_COLUMNS
from .members import MEMBER_COLUMNS
from .planted import DUPLICATED_MEMBER, PLANTED_ERRORS, PlantedError
from .signups import CHANNELS, SIGNUP_COLUMNS
from .wordlists import EMAIL_DOMAINS, GIVEN_NAMES, POSTAL_BY_CODE, POSTAL_TABLE, SURNAMES, PostalRow

__all__ = [
    "CHANNELS",
    "DEFAULT_SEED",
    "DUPLICATED_MEMBER",
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
    "leaky_rows",
    "main",
]
