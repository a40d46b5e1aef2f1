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

import dataclasses
import hashlib
import hmac
import os
import re
import secrets
import unicodedata
from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from functools import lru_cache
from itertools import pairwise
from pathlib import Path
from typing import NamedTuple

import numpy as np
import pandas as pd

from ..errors import InputError, ParameterError
from ..keys import PseudonymKey
from ..reference import kana_to_romaji
from ..workspace import Workspace
from . import forms

STRONG = ("member_id", "email", "phone", "pseudonym")
# Weak kinds: two of one member (name and birth date, postal code and address) in one row or text make a match.
WEAK = ("name", "postal", "address", "birth_date")


class Hit(NamedTuple):
    """One registry value found in a text: its kind, where (in the text given) and whose it is."""

    kind: str
    start: int
    end: int
    members: tuple[int, ...]

    @property
    def strong(self) -> bool:
        """A strong value is a match by itself; a weak one needs a second value of the same member."""
        return self.kind in STRONG


@dataclass
class MemberRegistry:
    """The index: sorted keyed hashes of the members' normalised values, and whose each one is."""

    member_ids: tuple[str, ...]
    source: str = ""
    source_sha256: str = ""
    with_pseudonyms: bool = False
    _key: str = field(default_factory=lambda: secrets.token_hex(8), repr=False)
    # One random salt per kind, mixed into the hash: the same text as a name and as an address are two keys.
    _salts: dict[str, np.uint64] = field(
        default_factory=lambda: {k: np.uint64(secrets.randbits(64)) for k in (*STRONG, *WEAK)}, repr=False
    )
    _hashes: np.ndarray = field(default_factory=lambda: np.empty(0, dtype=np.uint64), repr=False)
    _owners: np.ndarray = field(default_factory=lambda: np.empty(0, dtype=np.int64), repr=False)

    def _hash(self, kinds: list[str], forms: list[str]) -> np.ndarray:
        """SipHash, keyed with this registry's own random key, of every form, salted by its kind; all at once."""
        if not forms:
            return np.empty(0, dtype=np.uint64)
        hashed = pd.util.hash_array(np.asarray(forms, dtype=object), hash_key=self._key, categorize=False)
        salts = np.fromiter((self._salts[k] for k in kinds), dtype=np.uint64, count=len(kinds))
        return hashed ^ salts

    def _load(self, kinds: list[str], forms: list[str], owners: list[int]) -> None:
        hashes = self._hash(kinds, forms)
        order = np.lexsort((np.asarray(owners, dtype=np.int64), hashes))
        hashes, owners_sorted = hashes[order], np.asarray(owners, dtype=np.int64)[order]
        keep = np.ones(len(hashes), dtype=bool)
        keep[1:] = (hashes[1:] != hashes[:-1]) | (owners_sorted[1:] != owners_sorted[:-1])
        self._hashes, self._owners = hashes[keep], owners_sorted[keep]

    def members_of(self, kind: str, form: str | None) -> tuple[int, ...]:
        """The members holding this normalised value of this kind (none: empty)."""
        return self._lookup([(kind, form)])[0] if form else ()

    def _lookup(self, wanted: list[tuple[str, str]]) -> list[tuple[int, ...]]:
        found: list[tuple[int, ...]] = [()] * len(wanted)
        if not wanted:
            return found
        kinds, forms = zip(*wanted, strict=True)
        hashes = self._hash(list(kinds), list(forms))
        left = np.searchsorted(self._hashes, hashes, side="left")
        right = np.searchsorted(self._hashes, hashes, side="right")
        owners = self._owners
        for n in np.nonzero(right > left)[0].tolist():
            found[n] = tuple(owners[left[n] : right[n]].tolist())
        return found

    def __len__(self) -> int:
        return len(self.member_ids)

    def without_ids(self) -> MemberRegistry:
        """The index alone, for processes that only look values up (Dask workers): matches come back as
        positions, and the member ids stay in the process that started the scan."""
        return dataclasses.replace(self, member_ids=())

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
        """Every registry value in each text: the whole text (by its shape: an id, an e-mail, a phone, a name...),
        then, in a text whose whole is no registry value, its pieces (ids, e-mails, phones, postal codes and dates
        inside a remark, two-word romaji names) and the given spans (names or addresses another recognizer found).
        Whole values are normalised column-wise and every lookup is one hashing pass."""
        spans = spans or [[] for _ in texts]
        results: list[dict[tuple[str, int, int], tuple[int, ...]]] = [{} for _ in texts]
        for kind, found, lead, end in _whole_candidates(texts, self.with_pseudonyms):
            # Whole values column-wise: hashed, searched and kept as arrays; Python objects for hits only.
            hashes = pd.util.hash_array(found.to_numpy(dtype=object), hash_key=self._key, categorize=False)
            hashes ^= self._salts[kind]
            left = np.searchsorted(self._hashes, hashes, side="left")
            right = np.searchsorted(self._hashes, hashes, side="right")
            hit = np.nonzero(right > left)[0]
            owners = self._owners
            numbers = found.index.to_numpy()[hit].tolist()
            for number, i, j in zip(numbers, left[hit].tolist(), right[hit].tolist(), strict=True):
                results[number][(kind, lead[number], end[number])] = tuple(owners[i:j].tolist())
        pieces: list[tuple[int, str, int, int, str]] = []
        for number, (text, found) in enumerate(zip(texts, spans, strict=True)):
            if found or (not results[number] and _may_hold_pieces(text)):
                pieces.extend((number, *c) for c in _piece_candidates(text, found, self.with_pseudonyms))
        self._resolve(pieces, results)
        return [[Hit(k, s, e, m) for (k, s, e), m in sorted(found.items())] for found in results]

    def _resolve(self, candidates: list[tuple[int, str, int, int, str]], results: list[dict]) -> None:
        if not candidates:
            return
        owners = self._lookup([(kind, form) for _, kind, _, _, form in candidates])
        for (number, kind, start, end, _), members in zip(candidates, owners, strict=True):
            if members:
                results[number][(kind, start, end)] = members


def _whole_candidates(texts: list[str], pseudonyms: bool) -> list[tuple[str, pd.Series, list[int], list[int]]]:
    """(kind, forms by text number, start, end) of the whole texts, each looked up as the kinds its shape allows."""
    series = pd.Series(texts, dtype=object)
    stripped = series.str.strip()
    keep = (stripped != "") & (stripped.str.len() <= 60)
    leading = (series.str.len() - series.str.lstrip().str.len()).fillna(0).to_numpy(dtype=np.int64)
    lead = leading.tolist()
    end = (leading + stripped.str.len().fillna(0).to_numpy(dtype=np.int64)).tolist()
    if not keep.any():
        return []
    folded = forms.fold_all(stripped[keep])
    digits = folded.str.contains(r"\d", regex=True)
    kinds: list[tuple[str, pd.Series]] = [
        ("member_id", forms.id_forms(folded[digits])),
        ("phone", forms.phone_forms(folded[digits])),
        ("postal", forms.postal_forms(folded[digits])),
        ("birth_date", forms.per_distinct(folded[digits & folded.str.contains(r"[年/.\-]")], forms.date_form)),
        ("address", forms.address_forms(folded[digits & (folded.str.len() >= 6)])),
        ("name", forms.name_forms(folded[~digits & (folded.str.len() <= 40)])),
        ("email", folded[folded.str.contains("@", regex=False)].str.casefold()),
    ]
    if pseudonyms:
        kinds.append(("pseudonym", folded[folded.str.fullmatch(r"[0-9a-f]{16}", na=False)]))
    return [(kind, found[found.notna() & (found != "")], lead, end) for kind, found in kinds]


def _may_hold_pieces(text: str) -> bool:
    """Text long enough to hold a value inside it (a remark, an address line, a label with an id)."""
    return len(text.strip()) > 7


_TOKENS = re.compile(
    r"(?P<email>[A-Za-z0-9._%+\-]+@[A-Za-z0-9.\-]+\.[A-Za-z]{2,})"
    r"|(?P<id>(?<![A-Za-z0-9])[A-Za-z]{1,2}[ \-]?\d{3,8}(?![0-9]))"
    r"|(?P<date>(?:(?:明治|大正|昭和|平成|令和)(?:\d{1,2}|元)|\d{4})[年/.\-]\d{1,2}[月/.\-]\d{1,2}日?)"
    r"|(?P<phone>\+?\d[\d\-() ]{7,}\d)"
    r"|(?P<postal>(?<!\d)\d{3}-?\d{4}(?!\d))"
    r"|(?P<hex>(?<![0-9a-fA-F])[0-9a-f]{16}(?![0-9a-fA-F]))"
)
_WORD = re.compile(r"[A-Za-z]+")
_TOKEN_FORMS = {
    "email": lambda t: t.casefold(),
    "id": forms.id_form,
    "date": forms.date_form,
    "phone": forms.phone_form,
    "postal": forms.postal_form,
    "hex": lambda t: t,
}
_TOKEN_KINDS = {"email": "email", "id": "member_id", "date": "birth_date", "phone": "phone", "postal": "postal"}
_TOKEN_KINDS["hex"] = "pseudonym"


def _piece_candidates(text: str, spans: Iterable[tuple[int, int]], pseudonyms: bool) -> list[tuple[str, int, int, str]]:
    """(kind, start, end, form) of the pieces of a text that could be registry values."""
    out: list[tuple[str, int, int, str]] = []
    if not text.isascii():
        # Full-width ids and digits read as ASCII; positions hold while NFKC keeps the length (it nearly always
        # does; the scan hands over normalised text anyway).
        folded = unicodedata.normalize("NFKC", text)
        text = folded if len(folded) == len(text) else text
    for match in _TOKENS.finditer(text):
        kind = match.lastgroup
        if kind == "hex" and not pseudonyms:
            continue
        form = _TOKEN_FORMS[kind](match.group(0))
        if form:
            out.append((_TOKEN_KINDS[kind], match.start(), match.end(), form))
    if " " in text and text.isascii() and text.count(" ") <= 40:
        words = list(_WORD.finditer(text))
        for first, second in pairwise(words):
            out.append(("name", first.start(), second.end(), forms.romaji_key(first.group(0) + second.group(0))))
    for piece_start, piece_end in spans:
        piece = text[piece_start:piece_end]
        out.append(("name", piece_start, piece_end, forms.name_form(piece)))
        out.append(("address", piece_start, piece_end, forms.address_form(piece)))
    return [c for c in out if c[3]]


def build_registry(
    members: pd.DataFrame,
    pseudonym_key: PseudonymKey | None = None,
    source: str = "",
    source_sha256: str = "",
) -> MemberRegistry:
    """The index of the members' normalised values (and their pseudonyms when the key is given).

    Normalised column by column with the same forms the lookups use, so that a registry of 100,000 members is
    built in seconds."""
    frame = members.astype("str").fillna("")
    column = lambda name: frame[name] if name in frame else pd.Series("", index=frame.index)  # noqa: E731
    ids = tuple(column("member_id").str.strip())
    registry = MemberRegistry(ids, source, source_sha256, pseudonym_key is not None)
    parts: list[pd.DataFrame] = []

    def add(kind: str, found: pd.Series) -> None:
        kept = found[found.notna() & (found != "")]
        parts.append(pd.DataFrame({"kind": kind, "form": kept.to_numpy(dtype=object), "owner": kept.index}))

    add("member_id", forms.id_forms(forms.fold_all(column("member_id"))))
    add("email", forms.fold_all(column("email")).str.casefold())
    add("phone", forms.phone_forms(forms.fold_all(column("phone"))))
    # Kanji, kana and romaji are one kind: a name is weak in any writing.
    add("name", forms.name_forms(forms.fold_all(column("name_kanji"))))
    kana = column("name_kana")
    add("name", forms.name_forms(forms.fold_all(kana)))
    for order in (0, 1):
        add("name", forms.per_distinct(kana, lambda v, o=order: _romaji_form(v, o)))
    add("postal", forms.postal_forms(forms.fold_all(column("postal_code"))))
    add("address", forms.address_forms(forms.fold_all(column("address"))))
    add("address", forms.address_forms(forms.fold_all(column("prefecture") + column("address"))))
    add("birth_date", forms.per_distinct(column("birth_date"), forms.date_form))
    if pseudonym_key is not None:
        # The anonymise job's pseudonym: HMAC-SHA-256 of the id as the members table writes it.
        secret = pseudonym_key.secret
        digests = column("member_id").map(lambda v: hmac.new(secret, v.encode(), hashlib.sha256).hexdigest())
        add("pseudonym", digests.str[:16])
    every = pd.concat(parts, ignore_index=True)
    registry._load(every["kind"].tolist(), every["form"].tolist(), every["owner"].tolist())
    return registry


@lru_cache(maxsize=65536)
def _word_romaji(word: str) -> str:
    return forms.romaji_key(kana_to_romaji(word))


def _romaji_form(kana: str, order: int) -> str | None:
    """A reading in romaji: family then given name (order 0) or given then family (order 1)."""
    words = [_word_romaji(p) for p in forms.SPACE.split(forms.fold(kana)) if p]
    if order and len(words) != 2:
        return None
    joined = "".join(reversed(words) if order else words)
    return joined if joined.isascii() and joined.isalpha() else None


_LOADED: dict[tuple[str, str, str], MemberRegistry] = {}


def load_registry(folder: str | Path, pseudonym_key: PseudonymKey | None = None) -> MemberRegistry:
    """The members table of a folder (members.csv, .xlsx, ...) as a registry; a bad table names the file."""
    from ..io import find_table_file, read_table

    path = find_table_file(folder, "members")
    digest = hashlib.sha256(path.read_bytes()).hexdigest()
    # Built once per process for the same table and key (a batch of files, a request and its release); the
    # index lives in memory only.
    cached = (str(path.resolve()), digest, pseudonym_key.fingerprint if pseudonym_key else "")
    if cached not in _LOADED:
        frame = read_table(path).frame
        if "member_id" not in frame.columns:
            raise InputError(path, "the members table has no member_id column", "give --members the members folder")
        _LOADED.clear()
        _LOADED[cached] = build_registry(frame, pseudonym_key, str(path), digest)
    return _LOADED[cached]


def confirmed(hits: Iterable[Hit], strong_elsewhere: Iterable[int] = ()) -> set[int]:
    """Members a set of hits identifies: any strong value, or weak values of two kinds (or one weak value beside
    a strong value of theirs found elsewhere in the row). Intersections, never a walk over a common postal
    code's hundreds of members."""
    strong: set[int] = set(strong_elsewhere)
    by_kind: dict[str, set[int]] = defaultdict(set)
    for hit in hits:
        (strong if hit.strong else by_kind[hit.kind]).update(hit.members)
    sure = set(strong)
    groups = sorted(by_kind.values(), key=len)
    for i, first in enumerate(groups):
        for second in groups[i + 1 :]:
            sure |= first & second
    return sure


def available_key(workspace: Workspace, environ: Mapping[str, str] | None = None) -> PseudonymKey | None:
    """The pseudonymisation key when one is configured (a broken one is an error); None when there is none."""
    from ..keys import KEY_ENV, KEY_FILE_ENV, load_key

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
