"""The anonymise job's settings and the names they use: release kinds, quasi-identifiers, priorities.

No pandas here: the command line checks these before a run folder exists.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from pathlib import Path
from typing import ClassVar

from ..contract import JobSettings
from ..errors import InputError, ParameterError

ALL_QUASI_IDENTIFIERS = ("age", "address", "postal", "gender", "channel", "signup_time", "event")
# The design's quasi-identifiers. In an internal release the event is released as it is unless declared; a
# third-party release always treats the event and the attendance outcome as quasi-identifiers too.
DEFAULT_QUASI_IDENTIFIERS = ("age", "address", "postal", "gender", "channel", "signup_time")
# What a third party plans with: age, area, gender and channel beside the event month. Postal digits and the
# sign-up day would only be generalised away again, and every extra attribute multiplies the lattice.
DEFAULT_QUASI_IDENTIFIERS_BY_RELEASE = {
    "internal": DEFAULT_QUASI_IDENTIFIERS,
    "third-party": ("age", "address", "gender", "channel"),
}
RELEASES = ("internal", "third-party")
ALWAYS_PROTECTED_THIRD_PARTY = ("event", "attended")
# Priorities (most important first) for event planning: where members live and how old they are matter most,
# the channel and the sign-up day least. Third-party data keeps the event month before anything else.
DEFAULT_PRIORITY = {
    "internal": ("address", "age", "event", "gender", "postal", "channel", "signup_time"),
    "third-party": ("event", "address", "age", "attended", "gender", "postal", "channel", "signup_time"),
}
# The cap on differential-privacy budget per population and calendar year (Japan): four ε = 1 publications of
# the planning tables a year. The ε of each publication adds up (basic composition), so the cap bounds what a
# year of tables can reveal about any one member together.
DEFAULT_DP_BUDGET_PER_YEAR = 4.0
# Each member counts with at most this many sign-ups in the DP tables (their earliest), so that adding or removing
# one member changes every table by at most this much: the sensitivity the noise is scaled to.
DEFAULT_DP_MAX_SIGNUPS = 10
PERIOD = re.compile(r"^(\d{4}-\d{2})?\.\.(\d{4}-\d{2})?$")
POPULATION = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$")
# Output column names accepted in --priority as well as the attribute names.
PRIORITY_ALIASES = {"area": "address", "age_band": "age", "postal_area": "postal", "signed_up": "signup_time"}


@dataclass(frozen=True)
class AnonymiseSettings(JobSettings):
    """The parameters of one anonymisation (the key is never one of them: it comes from the environment)."""

    JOB: ClassVar[str] = "anonymise"

    k: int = 5
    quasi_identifiers: tuple[str, ...] = ()  # empty: the release kind's default
    suppression_limit: float = 0.05
    release: str = "internal"
    priority: tuple[str, ...] = ()
    data: str = ""  # the folder holding members, events and signups
    l_diversity: int = 2  # l: distinct attendance outcomes every released class must show (1: no control)
    exclude_status: tuple[str, ...] = ()  # member statuses left out (e.g. withdrawn); the rest are counted
    population: str = "members"  # whose releases are compared with each other and share one ε account
    period: str = ""  # event months a third-party release covers, "YYYY-MM..YYYY-MM" (either end open)
    dp_epsilon: float = 0.0  # > 0: also publish differentially private planning tables spending this ε
    dp_budget_per_year: float = DEFAULT_DP_BUDGET_PER_YEAR
    dp_max_signups: int = DEFAULT_DP_MAX_SIGNUPS
    lang: str = ""  # ja or en; "" is the workspace's setting, else the locale
    workspace: str = ""

    def validate(self) -> AnonymiseSettings:
        """Reject parameters that cannot give a meaningful guarantee, and a data folder that is not one."""
        if self.data and not Path(self.data).is_dir():
            raise InputError(self.data, "is not a folder", "pass --data the folder that holds the tables")
        if not isinstance(self.k, int) or self.k < 2:
            raise ParameterError(None, f"k must be an integer of at least 2 (got {self.k!r})", "use --k 5 or more")
        if self.release not in RELEASES:
            raise ParameterError(
                None, f"unknown release kind {self.release!r}", f"choose --release {' or '.join(RELEASES)}"
            )
        unknown = [q for q in self.quasi_identifiers if q not in ALL_QUASI_IDENTIFIERS]
        if unknown:
            raise ParameterError(
                None,
                f"unknown quasi-identifier(s): {', '.join(unknown)}",
                f"choose from {', '.join(ALL_QUASI_IDENTIFIERS)}",
            )
        if not 0 <= self.suppression_limit < 1:
            raise ParameterError(
                None, f"suppression limit must be in [0, 1) (got {self.suppression_limit})", "e.g. 0.05 for 5%"
            )
        self._validate_v3()
        names = [PRIORITY_ALIASES.get(p, p) for p in self.priority]
        bad = [p for p, n in zip(self.priority, names, strict=True) if n not in (*ALL_QUASI_IDENTIFIERS, "attended")]
        if bad or len(set(names)) != len(names):
            raise ParameterError(
                None,
                f"--priority must name attributes once each (unknown or repeated: {', '.join(bad) or 'repeated'})",
                f"choose from {', '.join((*ALL_QUASI_IDENTIFIERS, 'attended', *PRIORITY_ALIASES))}",
            )
        return self

    def _validate_v3(self) -> None:
        """l, statuses, the population, the period and the differential-privacy settings."""
        if not isinstance(self.l_diversity, int) or self.l_diversity < 1:
            raise ParameterError(None, f"l must be an integer of at least 1 (got {self.l_diversity!r})", "use --l 2")
        if not POPULATION.match(self.population):
            raise ParameterError(
                None,
                "the population must be a short name of letters, digits, '.', '_' or '-'",
                "e.g. --population members",
            )
        if self.period and not PERIOD.match(self.period):
            raise ParameterError(
                None, f"the period {self.period!r} is not YYYY-MM..YYYY-MM", "e.g. --period 2025-01..2025-06"
            )
        if self.period and self.months[0] and self.months[1] and self.months[0] > self.months[1]:
            raise ParameterError(None, f"the period {self.period!r} ends before it starts", "give FROM..TO in order")
        for name, value in (("--dp-epsilon", self.dp_epsilon), ("--dp-budget", self.dp_budget_per_year)):
            if not isinstance(value, int | float) or not math.isfinite(value) or value < 0:
                raise ParameterError(None, f"{name} must be a non-negative number (got {value!r})", "e.g. 1.0")
        if self.dp_budget_per_year <= 0:
            raise ParameterError(None, "--dp-budget must be above 0", f"the default is {DEFAULT_DP_BUDGET_PER_YEAR}")
        if self.dp_epsilon > self.dp_budget_per_year:
            raise ParameterError(
                None,
                f"--dp-epsilon {self.dp_epsilon} is above the yearly budget {self.dp_budget_per_year}",
                "spend less ε per publication",
            )
        if not isinstance(self.dp_max_signups, int) or self.dp_max_signups < 1:
            raise ParameterError(None, "--dp-max-signups must be an integer of at least 1", "e.g. 10")

    @property
    def months(self) -> tuple[str, str]:
        """The period's first and last event month ('' where open)."""
        first, _, last = self.period.partition("..")
        return first, last

    @property
    def excluded_statuses(self) -> frozenset[str]:
        """The member statuses left out, folded to lower case."""
        return frozenset(s.strip().lower() for s in self.exclude_status if s.strip())

    @property
    def declared(self) -> tuple[str, ...]:
        """The declared quasi-identifiers, or the release kind's default when none were."""
        return self.quasi_identifiers or DEFAULT_QUASI_IDENTIFIERS_BY_RELEASE.get(
            self.release, DEFAULT_QUASI_IDENTIFIERS
        )

    @property
    def protected(self) -> tuple[str, ...]:
        """The attributes the guarantee covers: the declared ones, and for third-party the event and outcome."""
        if self.release == "third-party":
            return (*self.declared, *(a for a in ALWAYS_PROTECTED_THIRD_PARTY if a not in self.declared))
        return self.declared

    def weights(self) -> dict[str, float]:
        """Priority weights of the protected attributes: 2 ** (rank from the bottom); unlisted ones weigh 1."""
        listed = [PRIORITY_ALIASES.get(p, p) for p in (self.priority or DEFAULT_PRIORITY[self.release])]
        listed = [p for p in listed if p in self.protected]
        weights = {name: float(2 ** (len(listed) - rank)) for rank, name in enumerate(listed)}
        return {name: weights.get(name, 1.0) for name in self.protected}
