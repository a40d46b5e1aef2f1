"""Verifying the provision ledger: what an auditor can trust, and the first thing that is wrong.

`verify` walks the chain from the genesis value, or from the anchor of the purge that removed the oldest
entries, and checks, entry by entry and stopping at the first problem:
- the chain value: SHA-256 of the entry's canonical fields, or for a keyed entry an HMAC under the ledger key
  (an entry made with another key, or a plain entry after keyed ones, is a break); each entry links to the one
  before it, and no sequence number is missing;
- time never runs backwards: each entry was recorded no earlier than the one before it, and its date of
  provision is the day it was recorded, in Japan;
- each purge entry (other kinds get the chain checks only): its retention period is at least the legal minimum,
  it removed only entries provided before a date at least that period before the purge itself, the entries it
  removed are contiguous from the start (following the previous purge) and none of them is still there, and the
  first entry it kept was not also older than its date;
then that the append-only guards (the UPDATE and DELETE triggers) are in place and unaltered, and that a head
kept from an earlier audit is still in the chain.

A keyed ledger verified without its key: every check above except the MACs runs; the result says how many
MACs could not be checked, and `ledger verify` exits 2 with that line rather than calling the ledger intact.
A ledger key given to a ledger whose newest entry carries no MAC is a break: the key's entries were removed
or rewritten without it (or no entry was recorded since the key was set).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import Any

from ..i18n import N_
from ..keys import LEDGER_KEY_ENV, LedgerKey, load_ledger_key
from .store import GENESIS, JST, RETENTION_YEARS, add_years, connect, decoded, entry_hash, guard_problem, read_rows

_PURGE_FIELDS = {
    "before": str,
    "retention_years": int,
    "purged_count": int,
    "purged_first_seq": int,
    "purged_last_seq": int,
    "anchor_hash": str,
}


@dataclass(frozen=True)
class Verification:
    """The outcome of walking the chain: intact or the first bad entry, and the head to keep."""

    ok: bool
    entries: int
    head_seq: int | None
    head_hash: str | None
    first_bad: int | None = None
    problem: str = ""
    # Keyed entries whose MAC could not be checked (no key given), and the fingerprint of the ledger's key.
    unchecked_macs: int = 0
    key_fingerprint: str = ""
    # The problem as an English template and its values (`problem` is it filled in), for a report to translate.
    problem_message: str = ""
    problem_values: dict[str, Any] = field(default_factory=dict)

    def problem_text(self, t: Callable[..., str] | None = None) -> str:
        """The first problem found, in the language of `t` (English without one)."""
        if not self.problem_message:
            return self.problem
        return t(self.problem_message, **self.problem_values) if t else self.problem

    @property
    def complete(self) -> bool:
        """Intact, and every MAC checked."""
        return self.ok and not self.unchecked_macs

    @property
    def mode(self) -> str:
        """How the chain is secured: a plain SHA-256 chain or an HMAC chain under a key."""
        return self.mode_text()

    def mode_text(self, t: Callable[..., str] | None = None) -> str:
        """How the chain is secured, in the language of `t` (English without one)."""
        t = t or _english
        return t(_MODE_KEYED, key=self.key_fingerprint) if self.key_fingerprint else t(_MODE_PLAIN)

    @property
    def summary(self) -> str:
        """One line for the terminal and reports."""
        return self.summary_text()

    def summary_text(self, t: Callable[..., str] | None = None) -> str:
        """The one line, in the language of `t` (English without one): intact, broken where, or not verified."""
        t = t or _english
        if not self.ok:
            if self.first_bad is not None:
                return t(_BROKEN_AT, seq=self.first_bad, problem=self.problem_text(t))
            return t(_BROKEN, problem=self.problem_text(t))
        if self.unchecked_macs:
            return t(_NOT_VERIFIED, count=self.unchecked_macs, key=self.key_fingerprint, variable=LEDGER_KEY_ENV)
        if self.head_seq is None:
            return t(_EMPTY)
        return t(_INTACT, entries=self.entries, mode=self.mode_text(t), seq=self.head_seq, hash=self.head_hash)


def _english(message: str, **values: Any) -> str:
    return message.format(**values) if values else message


_MODE_KEYED = N_("HMAC-SHA-256 chain, key {key}")
_MODE_PLAIN = N_("SHA-256 chain")
_BROKEN_AT = N_("BROKEN at entry {seq}: {problem}")
_BROKEN = N_("BROKEN: {problem}")
_NOT_VERIFIED = N_(
    "NOT VERIFIED: {count} entries carry MACs under the ledger key {key}, which cannot be checked without it: "
    "set {variable} (or INDIGO_LEDGER_KEY_FILE) and verify again"
)
_EMPTY = N_("intact: the ledger is empty")
_INTACT = N_("intact: {entries} entries ({mode}); head entry {seq} hash {hash}")


class _Broken(Exception):
    """The first problem found while walking the chain (internal: becomes a Verification): an English template
    (a catalogue message) and its values."""

    def __init__(self, seq: int | None, message: str, **values: Any) -> None:
        super().__init__(message.format(**values))
        self.seq = seq
        self.message = message
        self.values = values

    def verification(self, rows: list[dict[str, Any]], fingerprint: str = "") -> Verification:
        """The failed verification this problem makes."""
        entries, head = len(rows), rows[-1] if rows else None
        return Verification(
            False,
            entries,
            head["seq"] if head else None,
            head["hash"] if head else None,
            self.seq,
            str(self),
            0,
            fingerprint,
            self.message,
            self.values,
        )


def verify(path: str | Path, head: str | None = None, key: LedgerKey | None = None) -> Verification:
    """Walk the chain and check time, purges, guards and the kept head; name the first problem found.

    The ledger key comes from `key`, else the environment (INDIGO_LEDGER_KEY, INDIGO_LEDGER_KEY_FILE).
    A field that is not UTF-8 or valid JSON is a StoreError (the ledger cannot be read), not a break.
    """
    path = Path(path)
    key = key or load_ledger_key()
    with connect(path) as conn:
        rows = read_rows(conn, path)
        guards = guard_problem(conn)
    for row in rows:
        row["_details"] = decoded(path, row, "details")
        decoded(path, row, "persons")
        decoded(path, row, "items")
    guard, guard_values = guards
    if not rows:
        if head:
            return _Broken(0, N_("the ledger is empty but a head was expected")).verification(rows)
        if guard:
            return _Broken(None, guard, **guard_values).verification(rows)
        return Verification(True, 0, None, None)
    walk = _Walk(rows, key)
    try:
        walk.run()
        if guard:
            raise _Broken(None, guard, **guard_values)
        if head and head not in {r["hash"] for r in rows}:
            raise _Broken(rows[-1]["seq"], N_("the head kept from an earlier audit is no longer in the ledger"))
    except _Broken as broken:
        return broken.verification(rows, walk.fingerprint)
    return Verification(True, len(rows), rows[-1]["seq"], rows[-1]["hash"], None, "", walk.unchecked, walk.fingerprint)


class _Walk:
    """One pass over the entries, oldest first; raises _Broken at the first problem."""

    def __init__(self, rows: list[dict[str, Any]], key: LedgerKey | None) -> None:
        self.rows = rows
        self.key = key
        self.unchecked = 0
        self.fingerprint = next((r["mac_key"] for r in rows if r["mac_key"]), "")
        self.first_present = rows[0]["seq"]
        self.previous_purge_last: int | None = None

    def run(self) -> None:
        previous_hash, previous_seq = self._start()
        previous_time: datetime | None = None
        keyed_before = False
        for row in self.rows:
            seq = row["seq"]
            self._value(row, keyed_before)
            keyed_before = keyed_before or bool(row["mac_key"])
            if seq != previous_seq + 1:
                raise _Broken(seq, N_("entry {missing} is missing (deleted)"), missing=previous_seq + 1)
            if row["prev_hash"] != previous_hash:
                raise _Broken(
                    seq,
                    N_("it does not follow entry {before} (that entry was edited or replaced)"),
                    before=previous_seq,
                )
            previous_time = self._time(row, previous_time, previous_seq)
            if row["kind"] == "purge":
                self._purge(row)
            previous_hash, previous_seq = row["hash"], seq
        newest = self.rows[-1]
        if self.key is not None and not newest["mac_key"]:
            raise _Broken(
                newest["seq"],
                N_(
                    "the newest entry carries no MAC although a ledger key is set: keyed entries were removed or the "
                    "ledger rewritten without the key (or nothing was recorded since the key was set)"
                ),
            )

    def _start(self) -> tuple[str, int]:
        """The value and number the first entry must follow: the genesis, or the anchor of the purge before it."""
        first = self.first_present
        if first == 1:
            return GENESIS, 0
        anchors = {
            r["_details"].get("purged_last_seq"): r["_details"].get("anchor_hash")
            for r in self.rows
            if r["kind"] == "purge"
        }
        if first - 1 not in anchors:
            raise _Broken(
                first,
                N_("the ledger starts at entry {first} but no purge entry accounts for entries 1 to {last} (deleted)"),
                first=first,
                last=first - 1,
            )
        return str(anchors[first - 1]), first - 1

    def _value(self, row: dict[str, Any], keyed_before: bool) -> None:
        """The entry's SHA-256 or MAC matches its fields; keyed entries are never followed by plain ones."""
        seq, mac_key = row["seq"], row["mac_key"]
        if not mac_key:
            if keyed_before:
                raise _Broken(
                    seq, N_("it carries no MAC but follows entries that do (added or rewritten without the key)")
                )
            if entry_hash(row) != row["hash"]:
                raise _Broken(seq, N_("its fields do not match its hash (edited)"))
            return
        if mac_key != self.fingerprint:
            raise _Broken(
                seq, N_("it was made with another ledger key ({key}) than the entries before it"), key=mac_key
            )
        if self.key is None:
            self.unchecked += 1
        elif self.key.fingerprint != mac_key:
            raise _Broken(
                seq,
                N_("it was made with another ledger key (fingerprint {key}; the key set is {set})"),
                key=mac_key,
                set=self.key.fingerprint,
            )
        elif entry_hash(row, self.key) != row["hash"]:
            raise _Broken(seq, N_("its fields do not match its MAC (edited, or rewritten without the key)"))

    def _time(self, row: dict[str, Any], previous: datetime | None, previous_seq: int) -> datetime:
        """Recorded no earlier than the entry before; provided on the day it was recorded (Japan)."""
        seq = row["seq"]
        try:
            recorded = datetime.fromisoformat(row["recorded_at"])
        except (TypeError, ValueError):
            raise _Broken(seq, N_("its time of recording is not a timestamp")) from None
        if recorded.tzinfo is None:
            raise _Broken(seq, N_("its time of recording has no time zone"))
        if previous is not None and recorded < previous:
            raise _Broken(
                seq,
                N_("time runs backwards: it was recorded at {at}, before entry {before} ({before_at})"),
                at=row["recorded_at"],
                before=previous_seq,
                before_at=previous.isoformat(),
            )
        day = recorded.astimezone(JST).date().isoformat()
        if row["provided_on"] != day:
            raise _Broken(
                seq,
                N_("its date of provision {provided} is not the day it was recorded ({day})"),
                provided=row["provided_on"],
                day=day,
            )
        return recorded

    def _purge(self, row: dict[str, Any]) -> None:
        """A purge removed only entries past retention, from the start, and none of them is still here."""
        seq, details = row["seq"], row["_details"]
        if any(not isinstance(details.get(k), t) or isinstance(details.get(k), bool) for k, t in _PURGE_FIELDS.items()):
            raise _Broken(seq, N_("purge entry without the details a purge records (forged or damaged)"))
        years, first, last = details["retention_years"], details["purged_first_seq"], details["purged_last_seq"]
        try:
            before = date.fromisoformat(details["before"])
        except ValueError:
            raise _Broken(seq, N_("purge entry whose date 'before' is not a date")) from None
        purged_on = date.fromisoformat(row["provided_on"])
        if row["outcome"] != "purged":
            raise _Broken(seq, N_("purge entry with the outcome '{outcome}'"), outcome=row["outcome"])
        if years < RETENTION_YEARS:
            raise _Broken(
                seq,
                N_("purge with a retention period of {years} years, below the minimum of {minimum}"),
                years=years,
                minimum=RETENTION_YEARS,
            )
        if before > add_years(purged_on, -years):
            raise _Broken(
                seq,
                N_(
                    "purge on {day} of entries provided before {before}: entries younger than {years} years were "
                    "removed (a premature or forged purge)"
                ),
                day=purged_on,
                before=before,
                years=years,
            )
        newest = details.get("newest_purged_on")
        if newest is not None and (not isinstance(newest, str) or newest >= before.isoformat()):
            raise _Broken(
                seq,
                N_("purge that removed an entry provided on {newest}, not before {before}"),
                newest=newest,
                before=before,
            )
        if not 1 <= first <= last < seq or details["purged_count"] != last - first + 1:
            raise _Broken(
                seq,
                N_("purge whose numbers do not add up (entries {first} to {last}, {count})"),
                first=first,
                last=last,
                count=details["purged_count"],
            )
        if self.previous_purge_last is not None and first != self.previous_purge_last + 1:
            raise _Broken(
                seq,
                N_(
                    "purge of entries {first} to {last}, not contiguous from the start (the purge before it ended at "
                    "entry {previous})"
                ),
                first=first,
                last=last,
                previous=self.previous_purge_last,
            )
        if last >= self.first_present:
            raise _Broken(
                seq,
                N_("purge of entries {first} to {last}, but entry {present} is still here"),
                first=first,
                last=last,
                present=self.first_present,
            )
        kept = next((r for r in self.rows if r["seq"] == last + 1), None)
        if kept is not None and kept["seq"] < seq and kept["provided_on"] < before.isoformat():
            raise _Broken(
                seq,
                N_("purge that kept entry {kept}, provided before {before} too (entries removed out of order)"),
                kept=last + 1,
                before=before,
            )
        self.previous_purge_last = last
