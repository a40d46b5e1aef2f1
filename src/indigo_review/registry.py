"""The society's own members as an exact-data-match index (design.md, "The gate knows the society's own members").

Under APPI a file is personal data for the society when the society can collate it with what it holds, so a
member id or one of the society's own pseudonyms makes a file personal whatever its header. Like the exact
data match of enterprise DLP, the members table is turned into an in-memory index of keyed hashes of its
normalised values; every cell and every token of free text is looked up in it. The hash key is random and
lives only in this process (and the scan's Dask workers): the index never reaches disk, in clear or hashed.

What is indexed, per member:
- strong values, each enough alone: the member id (any case, width, spacing or zero padding: m1, Ｍ０００００１,
  M000001), the e-mail, the phone (international digits, so 090-…, +81 90-… and a spreadsheet's lost leading
  zero are one number), and, when the pseudonymisation key is at hand, the member's internal pseudonym;
- weak values, which count only beside a weak value of another kind or a strong value of the same member in
  the same row or text (a common name alone never fires): the name in kanji, kana and romaji (either order),
  the postal code, the address, the birth date.
"""

from __future__ import annotations

import hashlib
import hmac
import os
import re
import secrets
import unicodedata
from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date
from functools import lru_cache
from itertools import pairwise, product
from pathlib import Path

import numpy as np
import pandas as pd

from .errors import InputError, ParameterError
from .keys import PseudonymKey
from .reference.calendar import era_to_date
from .reference.kana import kana_to_romaji, to_katakana
from .reference.names import romaji_spellings
from .workspace import Workspace

STRONG = ("member_id", "email", "phone", "pseudonym")
# Weak kinds: two of one member (name and birth date, postal code and address) in one row or text make a match.
WEAK = ("name", "postal", "address", "birth_date")
_SPACE = re.compile(r"[\s\u3000・･.,]+")
_ID = re.compile(r"(?<![A-Za-z0-9])([A-Za-z]{1,2})[ \-]?(\d{1,8})(?![0-9])")
_EMAIL = re.compile(r"[A-Za-z0-9._%+\-]+@[A-Za-z0-9.\-]+\.[A-Za-z]{2,}")
_PHONE = re.compile(r"\+?\d[\d\-() ]{7,}\d")
_POSTAL = re.compile(r"(?<!\d)\d{3}-?\d{4}(?!\d)")
_HEX = re.compile(r"(?<![0-9a-fA-F])[0-9a-f]{16}(?![0-9a-fA-F])")
_DATE = re.compile(r"(?:(明治|大正|昭和|平成|令和)(\d{1,2}|元)|(\d{4}))[年/.\-](\d{1,2})[月/.\-](\d{1,2})日?")
_WORD = re.compile(r"[A-Za-z]+")
_HYPHENS = re.compile(r"[\-‐‑‒–—―−ー－]")


@dataclass(frozen=True)
class Hit:
    """One registry value found in a text: its kind, where (in the text given) and whose it is."""

    kind: str
    start: int
    end: int
    members: tuple[int, ...]

    @property
    def strong(self) -> bool:
        """A strong value is a match by itself; a weak one needs a second value of the same member."""
        return self.kind in STRONG


def fold(text: str) -> str:
    """NFKC (full width to ASCII, half-width kana to full width), trimmed."""
    return unicodedata.normalize("NFKC", str(text)).strip()


def id_form(text: str) -> str | None:
    """A member id in one form whatever its case, width, spacing or zero padding (M000123, m123 -> M123)."""
    match = re.fullmatch(r"([A-Za-z]{1,2})[ \-]?0*(\d{1,8})", fold(text))
    return f"{match.group(1).upper()}{int(match.group(2))}" if match else None


def phone_form(text: str) -> str | None:
    """International digits of a phone (81 + national number for Japan); a Japanese number that lost its
    leading zero in a spreadsheet gives the same digits."""
    raw = fold(text)
    digits = re.sub(r"\D", "", raw)
    if raw.startswith("+") or digits.startswith("00"):
        digits = digits.lstrip("0")
        return digits if 9 <= len(digits) <= 15 else None
    if digits.startswith("0") and len(digits) in (10, 11):
        return "81" + digits[1:]
    if len(digits) in (9, 10) and digits[0] in "123456789":
        return "81" + digits  # the leading zero a spreadsheet drops
    return digits if 9 <= len(digits) <= 15 else None


def name_form(text: str) -> str:
    """A name without spaces or dots, kana as katakana, Latin letters in lower case."""
    return to_katakana(_SPACE.sub("", fold(text))).casefold()


def address_form(text: str) -> str:
    """An address without spaces, with every hyphen look-alike as '-' and 丁目/番地/番/号 as written."""
    return _HYPHENS.sub("-", _SPACE.sub("", fold(text)))


def date_form(text: str) -> str | None:
    """A date in ISO form from ISO, slashed, dotted, 年月日 or era writing (昭和60年4月12日); None if not one."""
    match = _DATE.fullmatch(fold(text).replace(" ", ""))
    return _date_from(match) if match else None


def _date_from(match: re.Match) -> str | None:
    era, era_year, year, month, day = match.groups()
    try:
        if era:
            found = era_to_date(era, 1 if era_year == "元" else int(era_year), int(month), int(day))
            return found.isoformat() if found else None
        return date(int(year), int(month), int(day)).isoformat()
    except ValueError:
        return None


def postal_form(text: str) -> str | None:
    """Seven postal digits, from 123-4567, 〒1234567 or full width."""
    digits = re.sub(r"\D", "", fold(text).replace("〒", ""))
    return digits if len(digits) == 7 else None


@dataclass
class MemberRegistry:
    """The index: sorted keyed hashes of the members' normalised values, and whose each one is."""

    member_ids: tuple[str, ...]
    source: str = ""
    source_sha256: str = ""
    with_pseudonyms: bool = False
    _key: str = field(default_factory=lambda: secrets.token_hex(8), repr=False)
    _hashes: np.ndarray = field(default_factory=lambda: np.empty(0, dtype=np.uint64), repr=False)
    _owners: np.ndarray = field(default_factory=lambda: np.empty(0, dtype=np.int64), repr=False)

    def _hash(self, labelled: list[str] | np.ndarray) -> np.ndarray:
        """SipHash, keyed with this registry's own random key, of `kind\x1fform` strings, all at once."""
        values = np.asarray(labelled, dtype=object)
        if not len(values):
            return np.empty(0, dtype=np.uint64)
        return pd.util.hash_array(values, hash_key=self._key, categorize=False)

    def _load(self, kinds: list[str], forms: list[str], owners: list[int]) -> None:
        hashes = self._hash([f"{k}\x1f{f}" for k, f in zip(kinds, forms, strict=True)])
        order = np.lexsort((np.asarray(owners, dtype=np.int64), hashes))
        hashes, owners_sorted = hashes[order], np.asarray(owners, dtype=np.int64)[order]
        keep = np.ones(len(hashes), dtype=bool)
        keep[1:] = (hashes[1:] != hashes[:-1]) | (owners_sorted[1:] != owners_sorted[:-1])
        self._hashes, self._owners = hashes[keep], owners_sorted[keep]

    def members_of(self, kind: str, form: str | None) -> tuple[int, ...]:
        """The members holding this normalised value of this kind (none: empty)."""
        return self._lookup([(kind, form)])[0] if form else ()

    def _lookup(self, wanted: list[tuple[str, str]]) -> list[tuple[int, ...]]:
        hashes = self._hash([f"{k}\x1f{f}" for k, f in wanted])
        left = np.searchsorted(self._hashes, hashes, side="left")
        right = np.searchsorted(self._hashes, hashes, side="right")
        return [tuple(self._owners[i:j].tolist()) if j > i else () for i, j in zip(left, right, strict=True)]

    def __len__(self) -> int:
        return len(self.member_ids)

    def describe(self) -> dict[str, object]:
        """What the result files say about the registry: where it came from and its size, never its values."""
        return {
            "source": self.source,
            "sha256": self.source_sha256,
            "members": len(self.member_ids),
            "pseudonyms": self.with_pseudonyms,
        }

    def find(self, text: str, spans: Iterable[tuple[int, int]] = ()) -> list[Hit]:
        """Every registry value in one text (see `find_many`)."""
        return self.find_many([text], [list(spans)])[0]

    def find_many(self, texts: list[str], spans: list[list[tuple[int, int]]] | None = None) -> list[list[Hit]]:
        """Every registry value in each text: the whole text, its tokens, and the given spans (names or addresses
        another recognizer found), each looked up as the kinds its shape allows; one hashing pass for all."""
        spans = spans or [[] for _ in texts]
        candidates: list[tuple[int, str, int, int, str]] = []
        for number, (text, found) in enumerate(zip(texts, spans, strict=True)):
            candidates.extend((number, *c) for c in _candidates(text, found, self.with_pseudonyms))
        results: list[dict[tuple[str, int, int], tuple[int, ...]]] = [{} for _ in texts]
        if candidates:
            owners = self._lookup([(kind, form) for _, kind, _, _, form in candidates])
            for (number, kind, start, end, _), members in zip(candidates, owners, strict=True):
                if members:
                    results[number][(kind, start, end)] = members
        return [[Hit(k, s, e, m) for (k, s, e), m in sorted(found.items())] for found in results]


def _candidates(text: str, spans: Iterable[tuple[int, int]], pseudonyms: bool) -> list[tuple[str, int, int, str]]:
    """(kind, start, end, normalised form) of every piece of a text that could be a registry value."""
    out: list[tuple[str, int, int, str]] = []

    def add(kind: str, start: int, end: int, form: str | None) -> None:
        if form:
            out.append((kind, start, end, form))

    whole = text.strip()
    if whole and len(whole) <= 120:
        start = len(text) - len(text.lstrip())
        end = start + len(whole)
        folded = fold(whole)
        add("member_id", start, end, id_form(folded))
        if "@" in folded:
            add("email", start, end, folded.casefold())
        if any(c.isdigit() for c in folded):
            add("phone", start, end, phone_form(folded))
            add("postal", start, end, postal_form(folded))
            add("birth_date", start, end, date_form(folded))
        add("name", start, end, name_form(folded))
        add("address", start, end, address_form(folded))
        if pseudonyms and _HEX.fullmatch(whole):
            add("pseudonym", start, end, whole)
    for match in _ID.finditer(text):
        if len(match.group(2)) >= 3:  # a bare "A1" in prose is too common to be read as an id
            add("member_id", match.start(), match.end(), id_form(match.group(0)))
    for match in _EMAIL.finditer(text):
        add("email", match.start(), match.end(), match.group(0).casefold())
    for match in _PHONE.finditer(text):
        add("phone", match.start(), match.end(), phone_form(match.group(0)))
    for match in _POSTAL.finditer(text):
        add("postal", match.start(), match.end(), postal_form(match.group(0)))
    for match in _DATE.finditer(text):
        add("birth_date", match.start(), match.end(), _date_from(match))
    if pseudonyms:
        for match in _HEX.finditer(text):
            add("pseudonym", match.start(), match.end(), match.group(0))
    words = list(_WORD.finditer(text))
    for first, second in pairwise(words):
        add("name", first.start(), second.end(), (first.group(0) + second.group(0)).casefold())
    for start, end in spans:
        add("name", start, end, name_form(text[start:end]))
        add("address", start, end, address_form(text[start:end]))
    return out


def build_registry(
    members: pd.DataFrame,
    pseudonym_key: PseudonymKey | None = None,
    source: str = "",
    source_sha256: str = "",
) -> MemberRegistry:
    """The index of the members' normalised values (and their pseudonyms when the key is given)."""
    frame = members.astype("str").fillna("")
    column = lambda name: frame[name] if name in frame else pd.Series("", index=frame.index)  # noqa: E731
    ids = tuple(column("member_id").str.strip())
    registry = MemberRegistry(ids, source, source_sha256, pseudonym_key is not None)
    kinds: list[str] = []
    forms: list[str] = []
    owners: list[int] = []

    def add(kind: str, values: pd.Series, normalise) -> None:
        # Each distinct value is normalised once: postal codes, birth dates and surnames repeat.
        codes, uniques = pd.factorize(values.to_numpy(dtype=object), sort=False)
        done = [normalise(v) if v else None for v in uniques]
        for member, code in enumerate(codes.tolist()):
            form = done[code] if code >= 0 else None
            if form:
                for one in form if isinstance(form, (set, frozenset)) else (form,):
                    kinds.append(kind)
                    forms.append(one)
                    owners.append(member)

    add("member_id", column("member_id"), id_form)
    add("email", column("email"), lambda v: fold(v).casefold())
    add("phone", column("phone"), phone_form)
    # Kanji, kana and romaji are one kind: a name is weak in any writing.
    add("name", column("name_kanji"), name_form)
    add("name", column("name_kana"), lambda v: {name_form(v), *_romaji_forms(v)} - {""})
    add("postal", column("postal_code"), postal_form)
    add("address", column("address"), address_form)
    add("address", column("prefecture") + column("address"), address_form)
    add("birth_date", column("birth_date"), date_form)
    if pseudonym_key is not None:
        # The anonymise job's pseudonym: HMAC-SHA-256 of the id as the members table writes it.
        secret = pseudonym_key.secret
        add("pseudonym", column("member_id"), lambda v: hmac.new(secret, v.encode(), hashlib.sha256).hexdigest()[:16])
    registry._load(kinds, forms, owners)
    return registry


@lru_cache(maxsize=65536)
def _word_romaji(word: str) -> frozenset[str]:
    spellings = romaji_spellings(kana_to_romaji(word))
    return frozenset(s for s in spellings if s.isascii() and s.isalpha())


def _romaji_forms(kana: str) -> set[str]:
    """A reading in romaji, both orders (family-given and given-family), in the spellings people use."""
    words = [_word_romaji(p) for p in _SPACE.split(fold(kana)) if p]
    if not words or not all(words):
        return set()
    forms = {"".join(choice) for choice in product(*words)}
    if len(words) == 2:
        forms |= {b + a for a in words[0] for b in words[1]}
    return forms


def load_registry(folder: str | Path, pseudonym_key: PseudonymKey | None = None) -> MemberRegistry:
    """The members table of a folder (members.csv, .xlsx, ...) as a registry; a bad table names the file."""
    from .io import find_table_file, read_table

    path = find_table_file(folder, "members")
    frame = read_table(path).frame
    if "member_id" not in frame.columns:
        raise InputError(path, "the members table has no member_id column", "give --members the members folder")
    digest = hashlib.sha256(path.read_bytes()).hexdigest()
    return build_registry(frame, pseudonym_key, str(path), digest)


def match_groups(hits: Iterable[Hit]) -> dict[int, set[str]]:
    """For each member, the groups of their values among the hits ("strong" for any strong value)."""
    groups: dict[int, set[str]] = defaultdict(set)
    for hit in hits:
        for member in hit.members:
            groups[member].add("strong" if hit.strong else hit.kind)
    return groups


def matched(groups: Mapping[int, set[str]]) -> set[int]:
    """Members a set of hits identifies: a strong value, or weak values of two groups."""
    return {m for m, found in groups.items() if "strong" in found or len(found) >= 2}


def available_key(workspace: Workspace, environ: Mapping[str, str] | None = None) -> PseudonymKey | None:
    """The pseudonymisation key when one is configured (a broken one is an error); None when there is none."""
    from .keys import KEY_ENV, KEY_FILE_ENV, load_key

    environ = os.environ if environ is None else environ
    if not (environ.get(KEY_FILE_ENV) or KEY_ENV in environ or workspace.key_file.exists()):
        return None
    return load_key(environ, default_file=workspace.key_file)


def registry_for(members: str, workspace: Workspace, required: bool = False) -> MemberRegistry | None:
    """The member registry for a job: `members` (a folder), else the workspace's data folder; with the
    pseudonyms when the key is at hand. None when neither names a folder, unless it is `required`."""
    folder = workspace.members_folder(members)
    if not folder:
        if required:
            raise ParameterError(
                None,
                "no member registry: the job must know the society's members to decide",
                "give --members DIR, or once: indigo-review workspace set --data DIR",
            )
        return None
    return load_registry(folder, available_key(workspace))
