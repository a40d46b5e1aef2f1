"""Likely duplicate members by record linkage (Splink on DuckDB), not by one key.

Two registrations of one person rarely agree on everything: a phone changes, an e-mail is retyped, a name
is written with another space. Each member is compared with the members it shares a blocking key with
(same e-mail; same phone; same birth date and the first two characters of the name or three of the
reading; same name and postal code; same given name, birth date and postal code), on normalised name and
reading, birth date, e-mail, phone and address, by a Fellegi-Sunter model whose parameters are data
(`data/duplicate_members.json`): fixed m and u probabilities, term frequencies for exact agreement (a rare
name weighs more than a common one) and a prior of `duplicate_rate` members in a hundred registered twice,
so the score means the same on a society's 2,000 members as on a million. Nothing is trained on the data,
so a run is reproducible.

Splink, not recordlinkage: recordlinkage 0.16 pins pandas < 3; Splink 5 depends on no pandas at all.
DuckDB runs with a memory limit and the blocking keeps the pairs near linear in the members (a million
members give some hundred thousand pairs, not 10^11).
"""

from __future__ import annotations

import json
import logging
from functools import cache
from importlib.resources import files
from typing import Any

import pandas as pd

from .rules import fold, phone_digits, postal_digits

PAIR_COLUMNS = ["member_id", "duplicate_of", "score", "agreeing"]
_KATAKANA = str.maketrans({chr(code): chr(code + 0x60) for code in range(0x3041, 0x3097)})
_DUCKDB_MEMORY = "512MB"  # the blocked pairs of a million members need far less; the job stays under 3 GiB


@cache
def model() -> dict[str, Any]:
    """The linkage model: blocking rules, comparisons with m and u, prior, threshold."""
    return json.loads((files(__package__) / "data" / "duplicate_members.json").read_text(encoding="utf-8"))


def _text(values: pd.Series) -> pd.Series:
    # lower(), not casefold(): Arrow lowers in C++; casefold differs only for a few letters (ß) names here lack.
    folded = fold(values)
    for space in (" ", "\u3000", "\t"):
        folded = folded.str.replace(space, "", regex=False)
    return folded.str.lower().replace("", pd.NA)


def _given(values: pd.Series) -> pd.Series:
    """The last space-separated part of a name (the given name), NA when the name has no space."""
    return fold(values).str.strip().str.extract(r"\s(\S+)$", expand=False).astype("str")


def _names(values: pd.Series, reading: bool = False) -> pd.DataFrame:
    """A name column normalised whole and its given name; computed once per distinct name (names repeat).
    A reading is compared in katakana whatever it was typed in."""
    codes, uniques = pd.factorize(values)
    distinct = pd.concat([pd.Series(uniques, dtype="str"), pd.Series([None], dtype="str")], ignore_index=True)
    if reading:
        distinct = fold(distinct).str.translate(_KATAKANA).str.replace("・", "", regex=False)
    parts = pd.DataFrame({"whole": _text(distinct), "given": _given(distinct)})
    return parts.take(codes).set_index(values.index)


def linkage_frame(members: pd.DataFrame) -> pd.DataFrame:
    """The normalised fields the model compares, one row per member with an id."""
    raw_birth = members["birth_date"].astype("str").str.strip()
    # A birth date that parsed is already written YYYY-MM-DD; the others are compared as written.
    birth = raw_birth.where(members["birth_date_value"].notna(), _text(members["birth_date"]))
    name = _names(members["name_kanji"])
    reading = _names(members["name_kana"], reading=True)
    frame = pd.DataFrame(
        {
            "unique_id": members["member_id"].astype("str"),
            "name": name["whole"],
            "reading": reading["whole"],
            "given": name["given"],
            "given_reading": reading["given"],
            "birth": birth,
            "email": _text(members["email"]),
            "phone": phone_digits(members["phone"]),
            "postal": postal_digits(members["postal_code"]),
            "address": _text(members["address"]),
        }
    )
    return frame[frame["unique_id"].notna()].drop_duplicates("unique_id")


def _settings(rows: int) -> dict[str, Any]:
    spec = model()
    prior = min(2 * spec["duplicate_rate"] / max(rows - 1, 1), 0.5)
    return {
        "link_type": "dedupe_only",
        "unique_id_column_name": "unique_id",
        "probability_two_random_records_match": prior,
        "blocking_rules_to_generate_predictions": [{"blocking_rule": rule} for rule in spec["blocking_rules"]],
        "comparisons": spec["comparisons"],
        "retain_matching_columns": False,
        "retain_intermediate_calculation_columns": False,
    }


# The fields a pair is described by; only those that agree (exactly, or one character apart) are named.
FIELDS = {
    "name": "name_kanji",
    "reading": "name_kana",
    "birth": "birth_date",
    "email": "email",
    "phone": "phone",
    "postal": "postal_code",
    "address": "address",
}


def _one_edit_apart(a: str, b: str) -> bool:
    """True when one insertion, deletion, substitution or swap of neighbours turns a into b."""
    if abs(len(a) - len(b)) > 1 or a == b:
        return False
    if len(a) == len(b):
        diff = [i for i, (x, y) in enumerate(zip(a, b, strict=True)) if x != y]
        return len(diff) == 1 or (len(diff) == 2 and diff[1] == diff[0] + 1 and a[diff[0]] == b[diff[1]])
    short, long_ = (a, b) if len(a) < len(b) else (b, a)
    return any(long_[:i] + long_[i + 1 :] == short for i in range(len(long_)))


def agreeing_fields(left: pd.Series, right: pd.Series) -> str:
    """The member columns two normalised records agree on: `email`, or `phone (one apart)` when nearly."""
    agree = []
    for field, column in FIELDS.items():
        a, b = left.get(field), right.get(field)
        if not isinstance(a, str) or not isinstance(b, str):
            continue
        if a == b:
            agree.append(column)
        elif _one_edit_apart(a, b):
            agree.append(f"{column} (one apart)")
    return ", ".join(agree)


def duplicate_pairs(members: pd.DataFrame) -> pd.DataFrame:
    """Pairs of likely duplicate members: the later id, the earlier one, the score (match probability), the
    fields that agree; sorted by member_id and duplicate_of."""
    frame = linkage_frame(members)
    if len(frame) < 2:
        return pd.DataFrame(columns=PAIR_COLUMNS)
    import duckdb
    from splink import DuckDBAPI, Linker

    connection = duckdb.connect(config={"memory_limit": _DUCKDB_MEMORY})
    try:
        database = DuckDBAPI(connection)
        linker = Linker(database.register(frame), _settings(len(frame)), log_level=None)
        logging.getLogger("splink").setLevel(logging.ERROR)
        predicted = linker.inference.predict(threshold_match_probability=model()["threshold"], warning_mode="never")
        pairs = predicted.as_pandas_dataframe()
    finally:
        connection.close()
    if pairs.empty:
        return pd.DataFrame(columns=PAIR_COLUMNS)
    left, right = pairs["unique_id_l"].astype("str"), pairs["unique_id_r"].astype("str")
    by_id = frame.set_index("unique_id")
    result = pd.DataFrame(
        {
            "member_id": left.where(left > right, right),
            "duplicate_of": left.where(left < right, right),
            "score": pairs["match_probability"].astype(float).round(4),
            "agreeing": [agreeing_fields(by_id.loc[a], by_id.loc[b]) for a, b in zip(left, right, strict=True)],
        }
    )
    return result.sort_values(["member_id", "duplicate_of"], ignore_index=True)


def duplicate_of(pairs: pd.DataFrame, member_ids: pd.Series) -> pd.Series:
    """For each member, the earliest member_id it is likely a duplicate of (NA if none)."""
    first = pairs.sort_values(["member_id", "duplicate_of"]).drop_duplicates("member_id")
    return member_ids.map(first.set_index("member_id")["duplicate_of"]).astype("str")
