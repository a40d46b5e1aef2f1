"""My Number columns, by a binomial test on the check digit (a step of the column profiles).

The check digit of a random 12-digit number is right one time in ten
(its last digit is uniform), so among n such numbers the count of valid ones is Binomial(n, 0.1). A column is a
My Number column when chance alone would give as many valid values with probability at most:
  - 1e-3 under a header that names My Number (個人番号, マイナンバー): 20 values need 8 valid, 433 need 65;
  - 1e-6 with no such header (100 values need 28 valid), and also at least 30% valid (three times chance): a
    headerless column that mixes valid My Numbers with check-failing look-alikes keeps its valid ones.
Under a My Number header, from 20 values on, a column no more valid than chance is not one: its
header is wrong, and the one value in ten that passes by luck is nobody's My Number.
"""

from __future__ import annotations

import math
from collections.abc import Sequence

from ..reference import is_valid_my_number

MY_NUMBER_CHANCE = 0.1
_HEADED_TAIL = 1e-3
_HEADERLESS_TAIL = 1e-6
_HEADERLESS_SHARE = 0.3
_DECIDABLE = 20


def chance_tail(hits: int, total: int, chance: float) -> float:
    """P(X >= hits) for X ~ Binomial(total, chance): how likely chance alone gives this many hits."""
    if hits <= 0:
        return 1.0
    log_p, log_q = math.log(chance), math.log1p(-chance)
    terms = [
        math.lgamma(total + 1) - math.lgamma(k + 1) - math.lgamma(total - k + 1) + k * log_p + (total - k) * log_q
        for k in range(hits, total + 1)
    ]
    peak = max(terms)
    return min(1.0, math.exp(peak) * sum(math.exp(t - peak) for t in terms))


def my_number_verdict(twelve: Sequence[str], values: Sequence[str], headed: bool) -> bool | None:
    """Whether a column holds My Numbers by its values: True (far more valid than chance), False (no more valid
    than chance, on enough values to tell), None (cannot tell). `twelve` are its 12-digit values, `headed` says
    whether its header names My Number."""
    valid = sum(1 for v in twelve if is_valid_my_number(v))
    tail = chance_tail(valid, len(twelve), MY_NUMBER_CHANCE)
    if headed:
        if twelve and tail <= _HEADED_TAIL:
            return True
        return False if len(twelve) >= _DECIDABLE else None
    if (
        len(twelve) >= 5
        and len(twelve) >= 0.5 * len(values)
        and tail <= _HEADERLESS_TAIL
        and valid >= _HEADERLESS_SHARE * len(twelve)
    ):
        return True
    return None
