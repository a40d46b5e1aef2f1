"""Words for a member's data: column names, coded values, tables, items and rules in plain Japanese (and English for
the handler's report), read from `data/labels.csv`; dates and times as a person in Japan writes them.

The letter to the member reads `consent_third_party: true` as 第三者提供への同意: 同意あり, `M` as 男性, `oral` as
口頭 and `2024-02-21T10:30:00+09:00` as 2024年2月21日 10時30分 (Japan time). The CSV files in the answer keep the
data exactly as held; the letter explains their column names and codes. The table of words is data: a new column or
code is a line in the CSV, not code.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date, datetime
from functools import lru_cache
from pathlib import Path
from zoneinfo import ZoneInfo

import pandas as pd

LABELS_FILE = Path(__file__).with_name("data") / "labels.csv"
JST = ZoneInfo("Asia/Tokyo")
# A value rule for any column whose values are all among the rule's values (true/false in a table of any kind).
ANY_COLUMN = "*"
_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_DATETIME = re.compile(r"^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?$")
_ENTITIES = re.compile(r"\(([A-Z_]+(?:, [A-Z_]+)*)\)")


def japanese_date(text: str) -> str | None:
    """An ISO date or timestamp as written in Japan (2024年2月21日, 2024年2月21日 10時30分 in Japan time), else None."""
    value = text.strip()
    try:
        if _DATE.match(value):
            day = date.fromisoformat(value)
            return f"{day.year}年{day.month}月{day.day}日"
        if _DATETIME.match(value):
            moment = datetime.fromisoformat(value.replace("Z", "+00:00"))
            # A time without a zone was written in Japan, as the society's forms are.
            moment = moment.replace(tzinfo=JST) if moment.tzinfo is None else moment.astimezone(JST)
            return f"{moment.year}年{moment.month}月{moment.day}日 {moment.hour}時{moment.minute:02d}分"
    except ValueError:
        return None
    return None


@dataclass(frozen=True)
class Labels:
    """The words of one language, by kind: columns, coded values per column, tables, entities and rules."""

    lang: str
    columns: dict[str, str] = field(default_factory=dict)
    values: dict[tuple[str, str], str] = field(default_factory=dict)
    tables: dict[str, str] = field(default_factory=dict)
    entities: dict[str, str] = field(default_factory=dict)
    rules: dict[str, str] = field(default_factory=dict)

    def column(self, name: str) -> str:
        """A column's name in words (the name itself where none is known)."""
        return self.columns.get(str(name), str(name))

    def table(self, name: str) -> str:
        """A table or file's name in words."""
        return self.tables.get(str(name), str(name))

    def rule(self, name: str) -> str:
        """Why a value cannot be taken (an accuracy rule) in words."""
        return self.rules.get(str(name), str(name))

    def items(self, text: str) -> str:
        """Items as the ledger writes them, `email (EMAIL_ADDRESS, PHONE_NUMBER)`, with the kinds in words."""

        def words(found: re.Match[str]) -> str:
            names = [self.entities.get(n, n) for n in found.group(1).split(", ")]
            return f"（{'、'.join(names)}）" if self.lang == "ja" else f"({', '.join(names)})"

        return _ENTITIES.sub(words, text)

    def value(self, column: str, value: object) -> object:
        """A value in words: a code of its column, a yes/no, a date or time; anything else as it is."""
        if not isinstance(value, str):
            return value
        known = self.values.get((column, value))
        if known is not None:
            return known
        if self.lang == "ja":
            return japanese_date(value) or value
        return value

    def frame(self, frame: pd.DataFrame) -> pd.DataFrame:
        """A table for the letter: every value and column name in words (the CSV keeps them as held)."""
        out = frame.copy()
        for column in out.columns:
            values = out[column].astype("object")
            name = str(column)
            if name == "items":
                out[column] = values.map(lambda v: self.items(v) if isinstance(v, str) else v)
            elif name == "match":
                out[column] = values.map(lambda v: self._joined("match", v))
            elif not any(c == name for c, _ in self.values) and self._all_coded(values):
                out[column] = values.map(lambda v: self.values.get((ANY_COLUMN, v), v))
            else:
                out[column] = values.map(lambda v, c=name: self.value(c, v))
        out.columns = [self.column(c) for c in out.columns]
        return out

    def _joined(self, column: str, value: object) -> object:
        if not isinstance(value, str):
            return value
        parts = [str(self.value(column, v)) for v in value.split(",") if v]
        return ("、" if self.lang == "ja" else ", ").join(parts)

    def _all_coded(self, values: pd.Series) -> bool:
        """True when every non-empty value has a word for any column (a true/false column of another table)."""
        present = {v for v in values if isinstance(v, str) and v.strip()}
        return bool(present) and all((ANY_COLUMN, v) in self.values for v in present)

    def glossary(self, columns: list[str]) -> pd.DataFrame:
        """How to read the CSV files: each column name, its meaning and its codes."""
        rows = []
        for column in dict.fromkeys(str(c) for c in columns):
            codes = [(v, word) for (c, v), word in self.values.items() if c == column]
            said = ("、" if self.lang == "ja" else ", ").join(
                f"{v or ('空欄' if self.lang == 'ja' else 'empty')}＝{word}" for v, word in codes
            )
            rows.append({"column": column, "meaning": self.column(column), "codes": said})
        heads = {"column": "項目名", "meaning": "意味", "codes": "値の意味"} if self.lang == "ja" else {}
        return pd.DataFrame(rows, columns=["column", "meaning", "codes"]).rename(columns=heads)


@lru_cache(maxsize=2)
def labels(lang: str = "ja") -> Labels:
    """The words of `lang` (ja or en) from data/labels.csv."""
    table = pd.read_csv(LABELS_FILE, dtype=str, keep_default_na=False)
    words = Labels(lang)
    kinds = {"column": words.columns, "table": words.tables, "entity": words.entities, "rule": words.rules}
    for row in table.itertuples(index=False):
        said = getattr(row, lang)
        if row.kind == "value":
            words.values[(row.column, row.value)] = said
        else:
            kinds[row.kind][row.column] = said
    return words
