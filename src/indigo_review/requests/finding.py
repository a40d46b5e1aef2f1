"""Find everything held about one member: their member row, their sign-ups, their rows in every other table below
the data folder (found by their values, whatever the columns are called), and mentions of them in other records'
text (their name, reading, phone or e-mail).

Text is compared after normalisation (full-width forms, hyphens, half-width kana, hiragana read as
katakana, spaces dropped). A cheap vectorised test picks the values that can mention the member; the
scan's recognizers (`indigo_review.scan.find_entities_in`) then say where the name, phone or e-mail is.
A full name, reading, phone or e-mail is a mention; a surname alone (田中さん) is shared by many members,
so it is a possible mention that the person handling the request confirms before anything is sent.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from ..keys import PseudonymKey
from ..normalise import normalise, normalise_key
from ..registry import build_registry, id_form
from ..scan import Span, find_entities_in, mask
from .everywhere import EVENTS, MEMBERS, SIGNUPS, read_everything, rows_of, same_member

_HIRAGANA = {code: code + 0x60 for code in range(0x3041, 0x3097)}
_NAME_SPLIT = re.compile(r"[\s\u3000]+")
# Entities that can say who someone is; anything else a recognizer finds in text is masked too.
_MATCH_ORDER = ("member_id", "name", "reading", "phone", "email", "surname")
# A member id written in text: letters then digits, in any width (M000123, ｍ１２３, M 123).
_ID_IN_TEXT = re.compile(r"(?<![A-Za-z0-9])[A-Za-z]{1,2}[ \-]?\d{3,8}(?!\d)")


def text_key(text: str) -> str:
    """A comparison key: normalised, no spaces, case-folded, hiragana read as katakana."""
    return normalise_key(text).translate(_HIRAGANA)


def phone_key(text: str) -> str:
    """A phone number's national digits without the trunk zero (+81-90-… and 090-… give the same key)."""
    digits = "".join(ch for ch in normalise(text) if ch.isascii() and ch.isdigit())
    if normalise(text).lstrip().startswith("+81"):
        digits = digits[2:]
    return digits.lstrip("0")


@dataclass(frozen=True)
class Identity:
    """The member's own identifying values as comparison keys (never written out)."""

    member_id: str
    names: frozenset[str] = frozenset()
    readings: frozenset[str] = frozenset()
    surnames: frozenset[str] = frozenset()
    phones: frozenset[str] = frozenset()
    emails: frozenset[str] = frozenset()
    address: str = ""
    postal: str = ""

    @classmethod
    def from_row(cls, row: pd.Series) -> Identity:
        """Keys from the member's row in the members table."""
        kanji, kana = str(row.get("name_kanji", "")), str(row.get("name_kana", ""))
        surnames = {_NAME_SPLIT.split(v.strip())[0] for v in (kanji, kana) if len(_NAME_SPLIT.split(v.strip())) > 1}
        phone = phone_key(str(row.get("phone", "")))
        email = normalise(str(row.get("email", ""))).strip().casefold()
        return cls(
            member_id=str(row["member_id"]),
            names=frozenset(k for k in [text_key(kanji)] if k),
            readings=frozenset(k for k in [text_key(kana)] if k),
            surnames=frozenset(text_key(s) for s in surnames if len(text_key(s)) >= 1),
            phones=frozenset([phone] if len(phone) >= 9 else []),
            emails=frozenset([email] if "@" in email else []),
            address=text_key(str(row.get("prefecture", "")) + str(row.get("address", ""))),
            postal="".join(ch for ch in normalise(str(row.get("postal_code", ""))) if ch.isdigit()),
        )

    def owns(self, entity: str, value: str) -> bool:
        """True when a found value is this member's own (their name, reading, phone, e-mail, address)."""
        key = text_key(value)
        if entity == "PERSON":
            full = self.names | self.readings
            # A part of their own name (given name alone) is theirs too; a single character is anybody's.
            part = len(key) >= 2 and any(key in name for name in full)
            return bool(key) and (key in full or key in self.surnames or part)
        if entity == "PHONE_NUMBER":
            return phone_key(value) in self.phones
        if entity == "EMAIL_ADDRESS":
            return normalise(value).strip().casefold() in self.emails
        if entity == "LOCATION":
            return bool(key) and bool(self.address) and key in self.address
        if entity == "JP_POSTAL_CODE":
            return bool(self.postal) and "".join(ch for ch in normalise(value) if ch.isdigit()) == self.postal
        return False

    def matches(self, text: str, spans: list[Span]) -> list[str]:
        """How a text mentions this member: name, reading, phone, email (certain) or surname (to confirm)."""
        key = text_key(text)
        found = set()
        own = id_form(self.member_id)
        if own and any(id_form(m.group(0)) == own for m in _ID_IN_TEXT.finditer(normalise(text))):
            found.add("member_id")
        if any(name in key for name in self.names):
            found.add("name")
        if any(reading in key for reading in self.readings):
            found.add("reading")
        for span in spans:
            piece = text[span.start : span.end]
            if span.entity == "PHONE_NUMBER" and phone_key(piece) in self.phones:
                found.add("phone")
            elif span.entity == "EMAIL_ADDRESS" and self.owns(span.entity, piece):
                found.add("email")
            elif span.entity == "PERSON" and text_key(piece) in self.surnames:
                found.add("surname")
        if found - {"surname"}:
            found.discard("surname")
        return [m for m in _MATCH_ORDER if m in found]


def mask_others(text: str, identity: Identity, spans: list[Span]) -> str:
    """The text with every found value that is not the member's own masked (another member's name, phone …)."""
    out = text
    for span in sorted(spans, key=lambda s: s.start, reverse=True):
        piece = text[span.start : span.end]
        if not identity.owns(span.entity, piece):
            masked = mask(span.entity, piece)
            # The scan's mask keeps a name's first character, which is all of a one-character name.
            masked = "*" * len(piece) if masked == piece else masked
            out = out[: span.start] + masked + out[span.end :]
    return out


@dataclass
class Holdings:
    """Everything held about one member; raw values, for the answer folder only."""

    member_id: str
    identity: Identity | None
    member: pd.DataFrame
    signups: pd.DataFrame
    other_tables: dict[str, pd.DataFrame] = field(default_factory=dict)
    mentions: pd.DataFrame = field(default_factory=pd.DataFrame)
    # Where each table came from, for counts in the report.
    sources: dict[str, str] = field(default_factory=dict)
    # Files below the data folder that could not be read, and why (the answer's report lists them).
    unreadable: list[dict[str, str]] = field(default_factory=list)

    @property
    def empty(self) -> bool:
        """Nothing at all is held about the member."""
        return (
            self.member.empty
            and self.signups.empty
            and all(f.empty for f in self.other_tables.values())
            and self.mentions.empty
        )

    def counts(self) -> dict[str, int]:
        """Records held per table (mentions counted separately)."""
        counts = {MEMBERS: len(self.member), SIGNUPS: len(self.signups)}
        counts.update({name: len(frame) for name, frame in self.other_tables.items() if len(frame)})
        return counts

    def mention_counts(self) -> dict[str, int]:
        """Mentions in other records, by how they match (certain ones and surname-only ones)."""
        if self.mentions.empty:
            return {"certain": 0, "to_confirm": 0}
        certain = int(self.mentions["certain"].sum())
        return {"certain": certain, "to_confirm": len(self.mentions) - certain}


MENTION_COLUMNS = ["table", "record_id", "row", "column", "match", "certain", "text", "masked_text", "evidence"]


def _id_column(frame: pd.DataFrame, table: str) -> str | None:
    preferred = {SIGNUPS: "signup_id"}.get(table)
    if preferred in frame.columns:
        return preferred
    return next((c for c in frame.columns if c.endswith("_id") and c != "member_id"), None)


def _text_columns(frame: pd.DataFrame) -> list[str]:
    """Columns that may mention a person: all but the society's own identifiers."""
    return [c for c in frame.columns if not (c == "id" or c.endswith("_id"))]


def _candidates(values: pd.Series, identity: Identity) -> pd.Series:
    """A cheap vectorised test: may this value hold the member's name, reading, surname, phone or e-mail?"""
    keys = values.str.normalize("NFKC").str.replace(r"\s+", "", regex=True).str.casefold()
    keys = keys.str.translate(_HIRAGANA)
    hit = keys.str.contains(r"[a-z]{1,2}-?\d{3,8}", regex=True)  # an id in any width, checked exactly later
    for word in identity.names | identity.readings | identity.surnames | identity.emails:
        hit |= keys.str.contains(word, regex=False)
    if identity.phones:
        digits = keys.str.replace(r"\D", "", regex=True)
        for phone in identity.phones:
            hit |= digits.str.contains(phone, regex=False)
    return hit


def find_mentions(tables: dict[str, pd.DataFrame], identity: Identity) -> pd.DataFrame:
    """Mentions of the member in other members' records of the given tables (their own rows are held in full)."""
    located: list[tuple[str, str, int, str, str]] = []
    for table, frame in tables.items():
        others = frame  # the member's own rows are held in full, not searched as mentions
        id_column = _id_column(frame, table)
        for column in _text_columns(others):
            values = others[column].astype("str")
            for row in values.index[_candidates(values, identity)]:
                record = str(others.at[row, id_column]) if id_column else f"row {row}"
                located.append((table, record, int(row), column, values.at[row]))
    spans = find_entities_in([text for *_, text in located])
    rows = []
    for (table, record, row, column, text), found in zip(located, spans, strict=True):
        matched = identity.matches(text, found)
        if not matched:
            continue
        evidence = "; ".join(
            mask(span.entity, text[span.start : span.end])
            for span in found
            if identity.owns(span.entity, text[span.start : span.end])
        )
        rows.append(
            {
                "table": table,
                "record_id": record,
                "row": row,
                "column": column,
                "match": ",".join(matched),
                "certain": matched != ["surname"],
                "text": text,
                "masked_text": mask_others(text, identity, found),
                "evidence": evidence,
            }
        )
    return pd.DataFrame(rows, columns=MENTION_COLUMNS)


def find_holdings(data_dir: str | Path, member_id: str, pseudonym_key: PseudonymKey | None = None) -> Holdings:
    """Everything held about one member in every table below data_dir (see `everywhere`)."""
    tables = read_everything(data_dir)
    frames = tables.frames
    members = frames[MEMBERS]
    member = members[same_member(members["member_id"], member_id)]
    signups = frames[SIGNUPS][same_member(frames[SIGNUPS]["member_id"], member_id)]
    if EVENTS in frames and "event_id" in frames[EVENTS].columns and "event_id" in signups.columns:
        # The event's title and date make a sign-up readable for the member; events hold nobody's data.
        events = frames[EVENTS][["event_id", *[c for c in ("title", "starts_at") if c in frames[EVENTS].columns]]]
        events = events.drop_duplicates("event_id").rename(
            columns={"title": "event_title", "starts_at": "event_starts_at"}
        )
        signups = signups.merge(events, on="event_id", how="left").fillna("")
    # The member's own values as an index of one: their rows are found whatever the columns are called.
    own = member if len(member) else pd.DataFrame({"member_id": [member_id]})
    registry = build_registry(own, pseudonym_key)
    others: dict[str, pd.DataFrame] = {}
    searched: dict[str, pd.DataFrame] = {}
    for name, frame in frames.items():
        if name in (MEMBERS, SIGNUPS, EVENTS):
            continue
        mine = rows_of(frame, registry)
        others[name] = frame[mine]
        searched[name] = frame[~mine]
    searched[SIGNUPS] = frames[SIGNUPS][~same_member(frames[SIGNUPS]["member_id"], member_id)]
    identity = Identity.from_row(member.iloc[0]) if len(member) else None
    mentions = find_mentions(searched, identity) if identity else pd.DataFrame(columns=MENTION_COLUMNS)
    holdings = Holdings(member_id, identity, member, signups.reset_index(drop=True), others, mentions, tables.sources)
    holdings.unreadable = tables.unreadable
    return holdings
