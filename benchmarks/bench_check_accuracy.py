"""How many inaccurate records the accuracy check catches, per kind of inaccuracy, and how many clean ones it flags.

    .venv/bin/python benchmarks/bench_check_accuracy.py [--per-kind 3] [--seed 7] [--out DIR]

The kinds below are what a data team calls inaccurate in a members' register (typos, transpositions, lost
zeros, full-width input, a wrong prefecture, a member who moved, double registrations and sign-ups,
attendance for an event that has not happened, impossible dates, encoding damage, ...), written from the
records' point of view and not from the check's rule list: this script knows no rule, only which records it
broke. Each kind is applied to `--per-kind` clean records of data/sample (never one that the sample already
plants an error in), all on one copy, and the check runs once on it as of the sample's reference date.

A planted record is caught when the check flags it (any rule). Flagged records that no plant touched and that
the sample does not plant are false alarms; records a plant changes the context of (the sign-ups of an event
whose start moved, the first of two sign-ups made twice) are neither. The untouched sample is checked too:
its flagged records must be exactly its own planted ones.
"""

from __future__ import annotations

import argparse
import random
import sys
import tempfile
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

ROOT = Path(__file__).resolve().parents[1]
SAMPLE = ROOT / "data" / "sample"
AS_OF = "2026-11-01"
TABLES = ("members", "events", "signups")
ID = {"members": "member_id", "events": "event_id", "signups": "signup_id"}


@dataclass
class Plant:
    """One inaccurate record: its kind, where it is, and the records whose context it changes."""

    kind: str
    table: str
    record_id: str
    affected: set[tuple[str, str]] = field(default_factory=set)
    # A fact between records may be reported on the other records it involves (a join date after the
    # member's sign-ups is found on the sign-ups): those count as catching it too.
    reported_on: set[tuple[str, str]] = field(default_factory=set)


class Register:
    """The three tables being corrupted, and which records are still clean to pick."""

    def __init__(self, tables: dict[str, pd.DataFrame], rng: random.Random, excluded: set[tuple[str, str]]) -> None:
        self.t = tables
        self.rng = rng
        self.used = set(excluded)
        self.counter = 0

    def pick(self, table: str, where: Callable[[pd.DataFrame], pd.Series] | None = None) -> int:
        """The row index of a clean, untouched record (optionally one that meets a condition)."""
        frame = self.t[table]
        candidates = frame.index[where(frame)] if where else frame.index
        free = [i for i in candidates if (table, frame.at[i, ID[table]]) not in self.used]
        row = self.rng.choice(free)
        self.used.add((table, frame.at[row, ID[table]]))
        self._use_related(table, frame.at[row, ID[table]])
        return row

    def _use_related(self, table: str, record_id: str) -> None:
        signups = self.t["signups"]
        if table in ("members", "events"):
            column = ID[table]
            for signup_id in signups.loc[signups[column] == record_id, "signup_id"]:
                self.used.add(("signups", signup_id))

    def related(self, table: str, record_id: str) -> set[tuple[str, str]]:
        """The sign-ups of a member or event."""
        signups = self.t["signups"]
        if table not in ("members", "events"):
            return set()
        return {("signups", s) for s in signups.loc[signups[ID[table]] == record_id, "signup_id"]}

    def set(self, table: str, row: int, column: str, value: str) -> None:
        self.t[table].at[row, column] = value

    def add(self, table: str, row: dict[str, str]) -> None:
        self.t[table] = pd.concat([self.t[table], pd.DataFrame([row])], ignore_index=True)

    def new_id(self, table: str) -> str:
        self.counter += 1
        return {"members": f"M{900000 + self.counter:06d}", "events": f"E{9000 + self.counter}",
                "signups": f"S{9000000 + self.counter:07d}"}[table]  # fmt: skip


def _full_width(text: str) -> str:
    return "".join(chr(ord(c) + 0xFEE0) if "!" <= c <= "~" else c for c in text)


def _cp932_mojibake(text: str) -> str:
    return text.encode("utf-8").decode("cp932", errors="replace")


def _hiragana(text: str) -> str:
    return "".join(chr(ord(c) - 0x60) if "ァ" <= c <= "ヶ" else c for c in text)


def _digits(text: str) -> str:
    return "".join(c for c in unicodedata.normalize("NFKC", text) if c.isdigit())


def _value_edit(table: str, column: str, change: Callable[[str, random.Random], str], where=None):
    """A kind that rewrites one cell of a clean record."""

    def plant(reg: Register) -> Plant:
        row = reg.pick(table, where)
        before = str(reg.t[table].at[row, column])
        # The records around it are those of the record as it was (a changed id leaves its sign-ups behind).
        affected = reg.related(table, reg.t[table].at[row, ID[table]])
        reg.set(table, row, column, change(before, reg.rng))
        return Plant("", table, reg.t[table].at[row, ID[table]], affected)

    return plant


def _mobile(frame: pd.DataFrame) -> pd.Series:
    return frame["phone"].map(lambda p: _digits(p)[:3] in ("070", "080", "090") and len(_digits(p)) == 11)


def _postal_starting_with_zero(frame: pd.DataFrame) -> pd.Series:
    return frame["postal_code"].map(lambda p: _digits(p).startswith("0"))


def _swap_digits(text: str, rng: random.Random) -> str:
    positions = [
        i for i in range(len(text) - 1) if text[i].isdigit() and text[i + 1].isdigit() and text[i] != text[i + 1]
    ]
    i = rng.choice(positions)
    return text[:i] + text[i + 1] + text[i] + text[i + 2 :]


def _other_digit(text: str, rng: random.Random) -> str:
    positions = [i for i, c in enumerate(text) if c.isdigit()]
    i = rng.choice(positions[1:])
    return text[:i] + str((int(text[i]) + rng.randint(1, 9)) % 10) + text[i + 1 :]


def _moved_to(other_prefecture: bool):
    """A member who moved: a new address written in, postal code and prefecture left as they were."""

    def plant(reg: Register) -> Plant:
        members = reg.t["members"]
        row = reg.pick("members")
        prefecture = members.at[row, "prefecture"]
        same = members["prefecture"] == prefecture
        city = members.at[row, "address"][:3]
        pool = members[~same] if other_prefecture else members[same & ~members["address"].str.startswith(city)]
        pool = pool if len(pool) else members[~same]
        reg.set("members", row, "address", pool.iloc[reg.rng.randrange(len(pool))]["address"])
        member_id = members.at[row, "member_id"]
        return Plant("", "members", member_id, reg.related("members", member_id))

    return plant


def _second_registration(changes: dict[str, Callable[[str, random.Random], str]]):
    """The same person registered again under a new id, with some details changed."""

    def plant(reg: Register) -> Plant:
        members = reg.t["members"]
        row = reg.pick("members")
        copy = members.loc[row].to_dict()
        original = copy["member_id"]
        copy["member_id"] = reg.new_id("members")
        for column, change in changes.items():
            copy[column] = change(copy[column], reg.rng)
        reg.add("members", copy)
        return Plant("", "members", copy["member_id"], {("members", original)})

    return plant


def _repeated_row(table: str):
    """A record entered twice under a new id (a sign-up or an event keyed in again)."""

    def plant(reg: Register) -> Plant:
        frame = reg.t[table]
        row = reg.pick(table)
        copy = frame.loc[row].to_dict()
        original = copy[ID[table]]
        copy[ID[table]] = reg.new_id(table)
        reg.add(table, copy)
        return Plant("", table, copy[ID[table]], {(table, original)} | reg.related(table, original))

    return plant


def _shared_id(reg: Register) -> Plant:
    members = reg.t["members"]
    row, other = reg.pick("members"), reg.pick("members")
    # The member whose id was overwritten leaves their sign-ups pointing at no one.
    left_behind = reg.related("members", members.at[row, "member_id"])
    reg.set("members", row, "member_id", members.at[other, "member_id"])
    return Plant(
        "", "members", members.at[other, "member_id"], {("members", members.at[other, "member_id"])} | left_behind
    )


def _starts(frame: pd.DataFrame) -> pd.Series:
    return pd.to_datetime(frame["starts_at"], utc=True, errors="coerce")


def _signup_of(past: bool):
    def where(frame: pd.DataFrame) -> pd.Series:
        return (frame["attended"] != "") if past else (frame["attended"] == "")

    return where


def _signup_after_start(reg: Register) -> Plant:
    signups, events = reg.t["signups"], reg.t["events"]
    row = reg.pick("signups", _signup_of(True))
    start = _starts(events.set_index("event_id").loc[[signups.at[row, "event_id"]]]).iloc[0]
    reg.set("signups", row, "signed_up_at", (start + pd.Timedelta(days=2)).tz_convert("Asia/Tokyo").isoformat())
    return Plant("", "signups", signups.at[row, "signup_id"])


def _signup_before_joining(reg: Register) -> Plant:
    """The member's join date moved after their sign-ups (a date typed into the wrong field)."""
    members, signups = reg.t["members"], reg.t["signups"]
    has = members["member_id"].isin(signups["member_id"])
    row = reg.pick("members", lambda f: has)
    member_id = members.at[row, "member_id"]
    first = pd.to_datetime(signups.loc[signups["member_id"] == member_id, "signed_up_at"], utc=True).min()
    reg.set("members", row, "joined_on", (first + pd.Timedelta(days=20)).strftime("%Y-%m-%d"))
    related = reg.related("members", member_id)
    return Plant("", "members", member_id, related, related)


def _overbooked(reg: Register) -> Plant:
    """Capacity keyed in one digit short (150 -> 15) for an event with many sign-ups."""
    events = reg.t["events"]
    signed = reg.t["signups"]["event_id"].value_counts()
    # Only where the event has more sign-ups than the shortened capacity allows is the typo an inaccuracy a rule
    # can see; a capacity of 10 for an event nobody has signed up for yet is plausible.
    row = reg.pick(
        "events",
        lambda f: (pd.to_numeric(f["capacity"], errors="coerce") >= 100) & (f["event_id"].map(signed).fillna(0) >= 20),
    )
    reg.set("events", row, "capacity", events.at[row, "capacity"][:-1])
    event_id = events.at[row, "event_id"]
    return Plant("", "events", event_id, reg.related("events", event_id))


def _attended_for_future(reg: Register) -> Plant:
    row = reg.pick("signups", _signup_of(False))
    reg.set("signups", row, "attended", "true")
    return Plant("", "signups", reg.t["signups"].at[row, "signup_id"])


def _attendance_lost(reg: Register) -> Plant:
    row = reg.pick("signups", _signup_of(True))
    reg.set("signups", row, "attended", "")
    return Plant("", "signups", reg.t["signups"].at[row, "signup_id"])


def _future_signup(reg: Register) -> Plant:
    row = reg.pick("signups", _signup_of(False))
    reg.set("signups", row, "signed_up_at", "2026-11-20T10:00:00+09:00")
    return Plant("", "signups", reg.t["signups"].at[row, "signup_id"])


def _event_moved_years_ahead(reg: Register) -> Plant:
    row = reg.pick("events")
    start = reg.t["events"].at[row, "starts_at"]
    reg.set("events", row, "starts_at", str(int(start[:4]) + 180) + start[4:])  # 2025 -> 2205
    event_id = reg.t["events"].at[row, "event_id"]
    return Plant("", "events", event_id, reg.related("events", event_id))


KINDS: dict[str, Callable[[Register], Plant]] = {
    # e-mail typed wrong
    "email: @ typed twice": _value_edit("members", "email", lambda v, r: v.replace("@", "@@")),
    "email: @ left out": _value_edit("members", "email", lambda v, r: v.replace("@", "")),
    "email: typed in full width (IME on)": _value_edit("members", "email", lambda v, r: _full_width(v)),
    "email: trailing space": _value_edit("members", "email", lambda v, r: v + " "),
    "email: comma for the dot": _value_edit(
        "members", "email", lambda v, r: v[: v.rindex(".")] + "," + v[v.rindex(".") + 1 :]
    ),
    "email: dot of the domain lost": _value_edit(
        "members", "email", lambda v, r: v[: v.rindex(".")] + v[v.rindex(".") + 1 :]
    ),
    # phone
    "phone: leading zero lost in a spreadsheet": _value_edit("members", "phone", lambda v, r: _digits(v)[1:]),
    "phone: stored as a number (9.04E+09)": _value_edit(
        "members", "phone", lambda v, r: f"{int(_digits(v)):.2E}", _mobile
    ),
    "phone: a digit dropped": _value_edit("members", "phone", lambda v, r: v[:-1]),
    "phone: a digit too many": _value_edit("members", "phone", lambda v, r: v + str(r.randint(0, 9))),
    "phone: letter O for zero": _value_edit("members", "phone", lambda v, r: v.replace("0", "O", 1)),
    # postal code and address
    "postal code: two digits transposed": _value_edit("members", "postal_code", _swap_digits),
    "postal code: one digit mistyped": _value_edit("members", "postal_code", _other_digit),
    "postal code: leading zero lost": _value_edit(
        "members", "postal_code", lambda v, r: _digits(v)[1:], _postal_starting_with_zero
    ),
    "moved member: new address, old postal code and prefecture (other prefecture)": _moved_to(True),
    "moved member: new address, old postal code (same prefecture)": _moved_to(False),
    "address: left empty": _value_edit("members", "address", lambda v, r: ""),
    "address: stray leading space": _value_edit("members", "address", lambda v, r: " " + v),
    # prefecture
    "prefecture: 都/道/府/県 left off": _value_edit(
        "members", "prefecture", lambda v, r: v if v == "北海道" else v[:-1], lambda f: f["prefecture"] != "北海道"
    ),
    "prefecture: wrong suffix": _value_edit(
        "members",
        "prefecture",
        lambda v, r: v[:-1] + ("府" if v[-1] != "府" else "県"),
        lambda f: f["prefecture"] != "北海道",
    ),
    "prefecture: neighbouring one picked from a list": _value_edit(
        "members", "prefecture", lambda v, r: "埼玉県" if v != "埼玉県" else "千葉県"
    ),
    "prefecture: written in romaji": _value_edit(
        "members", "prefecture", lambda v, r: "Tokyo" if v == "東京都" else "Osaka"
    ),
    # names and readings
    "name: trailing space": _value_edit("members", "name_kanji", lambda v, r: v + " "),
    "name: encoding damage (UTF-8 read as CP932)": _value_edit(
        "members", "name_kanji", lambda v, r: _cp932_mojibake(v)
    ),
    "name: replacement character": _value_edit("members", "name_kanji", lambda v, r: v[:-1] + "\ufffd"),
    "name: kanji numeral typed as a digit": _value_edit("members", "name_kanji", lambda v, r: v + "1"),
    "reading: typed in hiragana": _value_edit("members", "name_kana", lambda v, r: _hiragana(v)),
    "reading: romaji": _value_edit("members", "name_kana", lambda v, r: "Yamada Taro"),
    "reading: the kanji name copied in": lambda reg: _copy_name(reg),
    # dates of a member
    "birth date: century slip (future)": _value_edit(
        "members", "birth_date", lambda v, r: str(int(v[:4]) + 100) + v[4:]
    ),
    "birth date: a day that does not exist": _value_edit("members", "birth_date", lambda v, r: v[:5] + "02-30"),
    "birth date: day and month swapped": _value_edit(
        "members",
        "birth_date",
        lambda v, r: f"{v[:5]}{v[8:]}-{v[5:7]}",
        lambda f: pd.to_numeric(f["birth_date"].str[8:], errors="coerce") > 12,
    ),
    "birth date: written with slashes": _value_edit("members", "birth_date", lambda v, r: v.replace("-", "/")),
    "birth date: era date": _value_edit(
        "members",
        "birth_date",
        lambda v, r: f"昭和{int(v[:4]) - 1925}年{int(v[5:7])}月{int(v[8:])}日",
        lambda f: f["birth_date"].between("1927", "1988"),
    ),
    "birth date: spreadsheet serial number": _value_edit(
        "members", "birth_date", lambda v, r: str((pd.Timestamp(v) - pd.Timestamp("1899-12-30")).days)
    ),
    "birth date: a child (year slip)": _value_edit("members", "birth_date", lambda v, r: "2019" + v[4:]),
    "birth date: year slip to the 1800s": _value_edit("members", "birth_date", lambda v, r: "18" + v[2:]),
    "join date: before birth (fields swapped)": lambda reg: _swap_dates(reg),
    "join date: in the future": _value_edit("members", "joined_on", lambda v, r: "2027-04-01"),
    "join date: a few years after birth": lambda reg: _joined_as_child(reg),
    "membership dates: joined after the member's own sign-ups": _signup_before_joining,
    # codes
    "gender: free text": _value_edit("members", "gender", lambda v, r: "男"),
    "consent: left empty": _value_edit("members", "consent_analysis", lambda v, r: ""),
    "consent: TRUE from a spreadsheet": _value_edit("members", "consent_analysis", lambda v, r: v.upper()),
    "consent (third party): yes": _value_edit("members", "consent_third_party", lambda v, r: "yes"),
    "status: written in Japanese": _value_edit("members", "status", lambda v, r: "退会"),
    "member id: shared by two members": _shared_id,
    "member id: a digit lost": _value_edit("members", "member_id", lambda v, r: v[:-1]),
    # duplicates
    "double registration: new phone": _second_registration(
        {"phone": lambda v, r: "080-" + str(r.randint(1000, 9999)) + "-" + str(r.randint(1000, 9999))}
    ),
    "double registration: new e-mail, name with another space": _second_registration(
        {"email": lambda v, r: "new." + v, "name_kanji": lambda v, r: v.replace("\u3000", " ")}
    ),
    "double registration: moved, new phone": _second_registration(
        {
            "phone": lambda v, r: "03-" + str(r.randint(1000, 9999)) + "-" + str(r.randint(1000, 9999)),
            "address": lambda v, r: v[:-1] + "9",
        }
    ),
    "double registration: typo in the name, new e-mail": _second_registration(
        {"name_kanji": lambda v, r: v[:-1] + "子", "email": lambda v, r: "x" + v}
    ),
    # events
    "event: negative fee": _value_edit("events", "fee_yen", lambda v, r: "-" + v, lambda f: f["fee_yen"] != "0"),
    "event: fee with a unit": _value_edit("events", "fee_yen", lambda v, r: v + "円"),
    "event: capacity zero": _value_edit("events", "capacity", lambda v, r: "0"),
    "event: capacity with a unit": _value_edit("events", "capacity", lambda v, r: v + "人"),
    "event: capacity one digit short (overbooked)": _overbooked,
    "event: start without time zone": _value_edit("events", "starts_at", lambda v, r: v[:19]),
    "event: start on a day that does not exist": _value_edit(
        "events", "starts_at", lambda v, r: v[:5] + "02-30" + v[10:]
    ),
    "event: start year slip": _event_moved_years_ahead,
    "event: venue prefecture without 県": _value_edit(
        "events", "venue_prefecture", lambda v, r: v[:-1], lambda f: f["venue_prefecture"] != "北海道"
    ),
    "event: title left empty": _value_edit("events", "title", lambda v, r: ""),
    "event: title encoding damage": _value_edit("events", "title", lambda v, r: _cp932_mojibake(v)),
    "event: category misspelt": _value_edit("events", "category", lambda v, r: v[:-1]),
    "event: keyed in twice": _repeated_row("events"),
    # sign-ups
    "sign-up: the same member signed up twice": _repeated_row("signups"),
    "sign-up: after the event started": _signup_after_start,
    "sign-up: in the future": _future_signup,
    "sign-up: attendance for an event that has not happened": _attended_for_future,
    "sign-up: attendance lost for a past event": _attendance_lost,
    "sign-up: attendance as yes": _value_edit("signups", "attended", lambda v, r: "yes", _signup_of(True)),
    "sign-up: member id with a digit too many": _value_edit(
        "signups", "member_id", lambda v, r: v + str(r.randint(0, 9))
    ),
    "sign-up: event id of no event": _value_edit("signups", "event_id", lambda v, r: "E9" + v[1:]),
    "sign-up: channel not one of the six": _value_edit("signups", "channel", lambda v, r: "fax"),
    "sign-up: channel in capitals": _value_edit("signups", "channel", lambda v, r: v.capitalize()),
    "sign-up: time without time zone": _value_edit("signups", "signed_up_at", lambda v, r: v[:19]),
    "sign-up: time with slashes": _value_edit(
        "signups", "signed_up_at", lambda v, r: v[:10].replace("-", "/") + " " + v[11:16]
    ),
    "sign-up: id shared by two sign-ups": lambda reg: _shared_signup_id(reg),
    "sign-up: comment with encoding damage": _value_edit(
        "signups", "comment", lambda v, r: _cp932_mojibake("駐車場はありますか")
    ),
}


def _copy_name(reg: Register) -> Plant:
    row = reg.pick("members")
    reg.set("members", row, "name_kana", reg.t["members"].at[row, "name_kanji"])
    member_id = reg.t["members"].at[row, "member_id"]
    return Plant("", "members", member_id, reg.related("members", member_id))


def _swap_dates(reg: Register) -> Plant:
    members = reg.t["members"]
    row = reg.pick("members")
    birth, joined = members.at[row, "birth_date"], members.at[row, "joined_on"]
    reg.set("members", row, "birth_date", joined)
    reg.set("members", row, "joined_on", birth)
    member_id = members.at[row, "member_id"]
    return Plant("", "members", member_id, reg.related("members", member_id))


def _joined_as_child(reg: Register) -> Plant:
    members = reg.t["members"]
    row = reg.pick("members")
    joined = (pd.Timestamp(members.at[row, "birth_date"]) + pd.Timedelta(days=5 * 365)).strftime("%Y-%m-%d")
    reg.set("members", row, "joined_on", joined)
    member_id = members.at[row, "member_id"]
    return Plant("", "members", member_id, reg.related("members", member_id))


def _shared_signup_id(reg: Register) -> Plant:
    signups = reg.t["signups"]
    row, other = reg.pick("signups"), reg.pick("signups")
    reg.set("signups", row, "signup_id", signups.at[other, "signup_id"])
    return Plant("", "signups", signups.at[other, "signup_id"])


def _flagged(data: Path, out: Path) -> set[tuple[str, str]]:
    from indigo_review.check import CheckSettings
    from indigo_review.check.job import run

    outcome = run(CheckSettings(data=str(data), as_of=AS_OF, workspace=str(out / "workspace")), out / "run")
    failing = outcome.detail.failing
    return set(zip(failing["table"], failing["record_id"].astype(str), strict=True))


def main() -> int:
    """Plant every kind, run the check, print recall per kind and the false alarms."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--per-kind", type=int, default=3)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--out", type=Path, default=None, help="keep the corrupted data and run folders here")
    args = parser.parse_args()
    sample = {t: pd.read_csv(SAMPLE / f"{t}.csv", dtype=str, keep_default_na=False) for t in TABLES}
    truth = pd.read_csv(SAMPLE / "planted_errors.csv", dtype=str)
    sample_planted = set(zip(truth["table"], truth["record_id"], strict=True))

    with tempfile.TemporaryDirectory(prefix="bench_accuracy_") as tmp:
        root = args.out or Path(tmp)
        flagged_clean = _flagged(SAMPLE, root / "sample")
        # The sample's own second registration (M002401) links to M000909; neither may be planted again.
        excluded = sample_planted | {("members", "M000909")}
        register = Register({t: f.copy() for t, f in sample.items()}, random.Random(args.seed), excluded)
        for table in ("members", "events"):
            for _, record_id in [k for k in sample_planted if k[0] == table]:
                register.used |= register.related(table, record_id)
        plants: list[Plant] = []
        for kind, plant in KINDS.items():
            for _ in range(args.per_kind):
                made = plant(register)
                made.kind = kind
                plants.append(made)
        data = root / "data"
        data.mkdir(parents=True, exist_ok=True)
        for table, frame in register.t.items():
            frame.to_csv(data / f"{table}.csv", index=False)
        flagged = _flagged(data, root / "planted")

    print(f"untouched sample: {len(flagged_clean)} records flagged; {len(sample_planted)} planted by the sample")
    print(f"  false alarms on the clean sample: {sorted(flagged_clean - sample_planted) or 'none'}")
    print(f"  sample's planted errors missed: {sorted(sample_planted - flagged_clean) or 'none'}")
    rows = []
    for kind in KINDS:
        mine = [p for p in plants if p.kind == kind]
        caught = sum(bool(({(p.table, p.record_id)} | p.reported_on) & flagged) for p in mine)
        rows.append({"kind": kind, "planted": len(mine), "caught": caught})
    report = pd.DataFrame(rows)
    report["recall"] = (report["caught"] / report["planted"]).round(3)
    with pd.option_context("display.max_rows", None, "display.width", 200, "display.max_colwidth", 80):
        print(report.to_string(index=False))
    touched = {(p.table, p.record_id) for p in plants} | {a for p in plants for a in p.affected}
    false_alarms = flagged - touched - sample_planted
    total = report["planted"].sum()
    print(f"{len(KINDS)} kinds, {total} planted records: recall {report['caught'].sum() / total:.3f}; "
          f"kinds fully caught {int((report['recall'] == 1).sum())} of {len(KINDS)}")  # fmt: skip
    print(
        f"false alarms (flagged, not planted, not touched by a plant): {len(false_alarms)} {sorted(false_alarms)[:20]}"
    )
    return 0 if report["recall"].eq(1).all() and not false_alarms and flagged_clean == sample_planted else 1


if __name__ == "__main__":
    sys.exit(main())
