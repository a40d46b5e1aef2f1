"""How the anonymise report says things: labels for the file's columns, attributes, levels and values, in words a
person reads (catalogue messages, translated where they are shown), and the helpers that put tables into words.

A raw field name (`age_band`, `share_unique`) never reaches the page: every column, attribute, level and coded
value has a label here; a new column of the anonymised file needs one too.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import pandas as pd

from ..i18n import N_, translator
from ..report import cell_text
from .cells import NOT_APPLICABLE

# The anonymised file's columns (and the planning tables' keys), as a person says them.
HEADERS = {
    "member_pseudonym": N_("member pseudonym"),
    "event_id": N_("event"),
    "event_month": N_("event month"),
    "month": N_("event month"),
    "category": N_("category"),
    "age_band": N_("age band"),
    "area": N_("area of residence"),
    "region": N_("region"),
    "postal_area": N_("postal code (leading digits)"),
    "gender": N_("gender"),
    "channel": N_("how the sign-up came in"),
    "signed_up": N_("sign-up date"),
    "attended": N_("attendance"),
    "_period": N_("event month checked"),
    "members": N_("members"),
    "signups": N_("sign-ups"),
    "past": N_("sign-ups to past events"),
    "capacity": N_("capacity"),
    "fill_rate": N_("fill rate"),
    "attendance_rate": N_("attendance rate"),
    "events_left_out": N_("events not shown in full"),
    "events_attended": N_("events attended"),
    "lead_days": N_("days from sign-up to event"),
    "status": N_("member status"),
    "released": N_("in the file"),
    "table": N_("table"),
    "cells": N_("cells"),
    "mean_absolute_error": N_("mean absolute error (sign-ups)"),
    "mean_true_cell": N_("mean true count per cell"),
    "relative_error": N_("error relative to the mean cell"),
}
# In the planning tables `attended` is a count of sign-ups, not an outcome.
COUNT_HEADERS = {"attended": N_("sign-ups attended")}
# The attributes of --quasi-identifiers and --priority.
ATTRIBUTES = {
    "age": N_("age"),
    "address": N_("area of residence"),
    "postal": N_("postal code"),
    "gender": N_("gender"),
    "channel": N_("how the sign-up came in"),
    "signup_time": N_("sign-up date"),
    "event": N_("event"),
    "attended": N_("attendance"),
}
LEVELS = {
    "age_5": N_("5-year bands"),
    "age_10": N_("10-year bands"),
    "age_20": N_("20-year bands"),
    "prefecture": N_("prefecture"),
    "region": N_("region (one of eight)"),
    "postal_3": N_("first three digits"),
    "postal_1": N_("first digit"),
    "gender": N_("as recorded"),
    "channel": N_("as recorded"),
    "attended": N_("as recorded"),
    "online_offline": N_("online or offline"),
    "day": N_("day"),
    "month": N_("month"),
    "event_id": N_("each event"),
    "event_month": N_("month of the event"),
    "any": N_("not released"),
}
# Values of the file and the tables, per column.
VALUES: dict[str, dict[str, str]] = {
    "channel": {
        "web": N_("website"),
        "social": N_("social media"),
        "email": N_("e-mail"),
        "mail": N_("post"),
        "phone": N_("telephone"),
        "oral": N_("in person"),
        "online": N_("online"),
        "offline": N_("offline"),
    },
    "gender": {"M": N_("male"), "F": N_("female"), "X": N_("other")},
    "attended": {"true": N_("attended"), "false": N_("did not attend"), "": N_("event not yet held")},
    "status": {"active": N_("active"), "lapsed": N_("lapsed"), "withdrawn": N_("withdrawn"), "": N_("not recorded")},
}
RATES = ("fill_rate", "attendance_rate", "relative_error")
TABLE_TITLES = {
    "planning_by_event": N_("Sign-ups per event"),
    "demand_by_event_month": N_("Sign-ups per event month"),
    "demand_by_category": N_("Sign-ups per category"),
    "demand_by_region": N_("Sign-ups per region"),
    "demand_by_age_band": N_("Sign-ups per age band"),
    "demand_by_channel": N_("Sign-ups per channel"),
    "repeat_attendance": N_("Members by number of events attended"),
    "lead_time": N_("Days from sign-up to event"),
}
# The planning overview's measures as planning.py names them.
OVERVIEW = {
    "sign-ups": N_("sign-ups"),
    "sign-ups to past events": N_("sign-ups to past events"),
    "attended": N_("sign-ups attended"),
    "attendance rate": N_("attendance rate"),
    "members (pseudonyms)": N_("members (pseudonyms)"),
}
DP_TABLES = {
    "dp_total": N_("all sign-ups"),
    "dp_demand_by_month": N_("per event month"),
    "dp_demand_by_region": N_("per region"),
    "dp_demand_by_age_band": N_("per age band (10 years)"),
    "dp_demand_by_channel": N_("per channel"),
    "dp_demand_by_month_region": N_("per event month and region"),
    "dp_demand_by_month_region_age_channel": N_("per event month, region, age band and channel"),
}
RULE_34_DONE = {
    1: N_(
        "Names, readings, e-mail, phone, street address and birth date deleted; the postal code is kept only as its "
        "leading digits and the birth date only as an age band, where they are released."
    ),
    2: N_(
        "The source tables hold no individual identification code (My Number, passport or licence numbers); no "
        "free-text column is released, and the release gate scans the file."
    ),
    3: N_(
        "Member id and sign-up id deleted and no pseudonym written; rows are ordered by their released values, so "
        "neither a code nor the row order links a row to a member or to another row."
    ),
}


@dataclass(frozen=True)
class Words:
    """How the report says things in one language: the translator and the labels of columns and values."""

    lang: str

    @property
    def t(self) -> Callable[..., str]:
        """The translator of the report's language."""
        return translator(self.lang)

    def join(self, words: list[str]) -> str:
        """A list as one phrase: 年齢層、居住地域 in Japanese, age band, area in English."""
        return ("、" if self.lang == "ja" else ", ").join(words) or "—"

    def column(self, name: str) -> str:
        """A column of the anonymised file in words."""
        return self.t(HEADERS.get(name, name))

    def columns(self, names: list[str]) -> str:
        """Columns of the anonymised file in words, joined."""
        return self.join([self.column(n) for n in names])

    def attribute(self, name: str) -> str:
        """A quasi-identifier (an attribute of --quasi-identifiers) in words."""
        return self.t(ATTRIBUTES.get(name, name))

    def percent(self, value: Any) -> Any:
        """A share as a person reads it (0.8699 -> 87.0%); anything else as it is."""
        return f"{value:.1%}" if isinstance(value, float) and value == value else value


def readable(frame: pd.DataFrame, w: Words, counts: bool = False) -> pd.DataFrame:
    """A table for the page: values in words (channels, gender, outcomes, status), rates in percent, headers
    translated. `counts`: a planning table, where `attended` counts sign-ups."""
    headers = {**HEADERS, **(COUNT_HEADERS if counts else {})}
    t = w.t
    out = frame.copy()
    for column in out.columns:
        values = out[column].astype(object)
        words = None if counts and column == "attended" else VALUES.get(str(column))
        if words:
            values = values.map(lambda v, m=words: t(m[v]) if isinstance(v, str) and v in m else v)
        if column in RATES:
            values = values.map(w.percent)
        out[column] = values.map(lambda v: t("n/a") if isinstance(v, str) and v == NOT_APPLICABLE else v)
    out.columns = [t(headers.get(str(c), str(c))) for c in out.columns]
    return out


def measures(rows: list[tuple[str, Any]], w: Words) -> pd.DataFrame:
    """A two-column table of labelled measures (each label a catalogue message), every value as readable text so
    that the column reads alike (1,368, 87.0%, yes)."""
    t = w.t
    return pd.DataFrame({t("measure"): [t(label) for label, _ in rows], t("value"): [cell_text(v, t) for _, v in rows]})
