"""The release history: every third-party release of a population, so that no two releases expose anyone together.

Why: two anonymous files compared with each other can give back what neither gives alone. Release at k=5, stop
two members, release again: the rows the second file lacks are exactly theirs (the attack of issue 22). The same
happens when a member ages into another band, when an outcome is filled in, and on every monthly re-run.

The rule (closed periods, in the spirit of m-invariance): a release covers event months (periods). A period
released once is *closed*: every later release of the population that covers it carries exactly the same rows,
taken from this history, and the current data of that period is not used again. A later release adds only new
periods. So a stopped member's already-released rows stay (they are anonymous) while their future rows go, and a
member who ages into another band does not change a released period. Within one release k holds per period
(lattice.py's partition), so the rows a release adds are whole periods, each class of them shared by k members.
Releases that overlap share one scheme (released columns and their levels, k, l, quasi-identifiers).

The attack, run by the job against every earlier release that shares a period with the new one (`compare`):
for each class (a combination of released values) the attacker takes the difference of the two files' rows.
The job knows each (class, period) block's rows and distinct members (kept here; never member ids). A difference
*isolates* members when it is non-empty and not provably made of at least k members' rows: a block that differs
in a period both releases cover has unknown members (at least one), a block of a period only one covers has its
recorded members; the class's lower bound is the largest of them. The *fingerprint* variant takes the whole
difference at once: fewer than k members behind all of it would let someone who knows who left name them.
Any isolating class or fingerprint refuses the release (exit 1) with the reason; nothing is recorded.

What is kept (the workspace's `releases.sqlite`): per release its population, time, file SHA-256, run folder,
scheme and periods, and per block the released values, the period, the row count and the member count. The rows
are anonymous (they are the released file, grouped); no member id or pseudonym is kept.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from ..errors import StoreError
from ..workspace import StoreRead, Workspace, open_store

STORE = "releases"
LABEL = "release history"
PERIOD = "_period"
_SCHEMA = """
CREATE TABLE IF NOT EXISTS releases (
    release_id INTEGER PRIMARY KEY,
    population TEXT NOT NULL,
    recorded_at TEXT NOT NULL,
    file_sha256 TEXT NOT NULL,
    run_folder TEXT NOT NULL,
    scheme TEXT NOT NULL,
    periods TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS blocks (
    release_id INTEGER NOT NULL REFERENCES releases (release_id),
    period TEXT NOT NULL,
    class TEXT NOT NULL,
    rows INTEGER NOT NULL,
    members INTEGER NOT NULL
);
CREATE INDEX IF NOT EXISTS blocks_by_release ON blocks (release_id);
"""
BLOCK_COLUMNS = ["period", "class", "rows", "members"]


@dataclass(frozen=True)
class Scheme:
    """What overlapping releases must share: released columns and levels, k, l and the quasi-identifiers."""

    columns: tuple[str, ...]
    levels: tuple[tuple[str, str], ...]
    k: int
    l_diversity: int
    protected: tuple[str, ...]

    def to_json(self) -> dict[str, Any]:
        """The scheme as stored."""
        return {
            "columns": list(self.columns),
            "levels": dict(self.levels),
            "k": self.k,
            "l": self.l_diversity,
            "protected": list(self.protected),
        }

    @classmethod
    def from_json(cls, value: dict[str, Any]) -> Scheme:
        """A stored scheme."""
        return cls(
            tuple(value["columns"]),
            tuple(sorted(value["levels"].items())),
            int(value["k"]),
            int(value["l"]),
            tuple(value["protected"]),
        )

    def differences(self, other: Scheme) -> list[str]:
        """What differs between two schemes, in words (empty: the same)."""
        said = []
        for name, mine, theirs in (
            ("k", self.k, other.k),
            ("l", self.l_diversity, other.l_diversity),
            ("quasi-identifiers", ",".join(self.protected), ",".join(other.protected)),
            ("columns", ",".join(self.columns), ",".join(other.columns)),
            ("levels", dict(self.levels), dict(other.levels)),
        ):
            if mine != theirs:
                said.append(f"{name} {mine} (earlier: {theirs})")
        return said


@dataclass
class ReleaseRecord:
    """One recorded third-party release: its scheme, its periods and its blocks."""

    release_id: int
    recorded_at: str
    scheme: Scheme
    periods: frozenset[str]
    blocks: pd.DataFrame  # BLOCK_COLUMNS; `class` is a tuple of released values in scheme column order


@dataclass
class History:
    """The population's earlier releases, oldest first, and which state of the store was read."""

    population: str
    releases: list[ReleaseRecord]
    read: StoreRead

    @property
    def closed(self) -> frozenset[str]:
        """Every period some earlier release covered."""
        return frozenset().union(*(r.periods for r in self.releases)) if self.releases else frozenset()


@dataclass
class ReleasePlan:
    """How the next release relates to the history: fixed scheme, periods reused, or a refusal."""

    closed: frozenset[str] = frozenset()
    scheme: Scheme | None = None
    reused: pd.DataFrame | None = None  # released columns + PERIOD, one row per reused row
    reused_blocks: pd.DataFrame = field(default_factory=lambda: pd.DataFrame(columns=BLOCK_COLUMNS))
    overlapping: list[ReleaseRecord] = field(default_factory=list)
    refusal: str = ""


def _connect(workspace: Workspace, create: bool):
    return open_store(workspace.path(STORE), _SCHEMA, LABEL, create=create)


def read_history(workspace: Workspace, population: str) -> History:
    """The population's recorded releases; none when the workspace never recorded one; lost is an error."""
    path = workspace.existing(STORE)
    if path is None:
        return History(population, [], StoreRead(STORE, str(workspace.path(STORE)), 0, "none"))
    with open_store(path, _SCHEMA, LABEL, create=False) as conn:
        tables = {row[0] for row in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
        if not {"releases", "blocks"} <= tables:
            raise StoreError(path, "is not a release history (no releases table)", "restore it from a backup")
        rows = conn.execute(
            "SELECT release_id, recorded_at, scheme, periods FROM releases WHERE population = ? ORDER BY release_id",
            (population,),
        ).fetchall()
        blocks = conn.execute(
            "SELECT b.release_id, b.period, b.class, b.rows, b.members FROM blocks b JOIN releases r "
            "ON b.release_id = r.release_id WHERE r.population = ?",
            (population,),
        ).fetchall()
        total = conn.execute("SELECT COUNT(*), MAX(release_id) FROM releases").fetchone()
    frame = pd.DataFrame(blocks, columns=["release_id", *BLOCK_COLUMNS])
    frame["class"] = frame["class"].map(lambda text: tuple(json.loads(text)))
    releases = [
        ReleaseRecord(
            int(release_id),
            recorded_at,
            Scheme.from_json(json.loads(scheme)),
            frozenset(json.loads(periods)),
            frame.loc[frame["release_id"] == release_id, BLOCK_COLUMNS].reset_index(drop=True),
        )
        for release_id, recorded_at, scheme, periods in rows
    ]
    head = f"release {total[1]}" if total[1] is not None else "empty"
    return History(population, releases, StoreRead(STORE, str(path), int(total[0]), head))


def plan_release(history: History, scheme_of_settings: Scheme | None, in_range) -> ReleasePlan:
    """The periods to reuse (closed ones within the requested range), the scheme they fix, or why not.

    `in_range(period)` says whether a period lies in the requested --period. `scheme_of_settings` holds the
    settings' k, l and quasi-identifiers (columns and levels are compared only once a scheme is fixed).
    """
    closed = history.closed
    reused_periods = frozenset(p for p in closed if in_range(p))
    overlapping = [r for r in history.releases if r.periods & reused_periods]
    plan = ReleasePlan(closed=closed, overlapping=overlapping)
    if not overlapping:
        return plan
    schemes = {r.scheme for r in overlapping}
    if len(schemes) > 1:
        plan.refusal = (
            "the requested period spans periods released under different schemes (releases "
            + ", ".join(str(r.release_id) for r in overlapping)
            + "); cover the periods of one scheme at a time with --period"
        )
        return plan
    scheme = next(iter(schemes))
    if scheme_of_settings is not None:
        asked = Scheme(scheme.columns, scheme.levels, *_settings_part(scheme_of_settings))
        differs = asked.differences(scheme)
        if differs:
            plan.refusal = (
                f"periods {_span(reused_periods)} of population '{history.population}' were released with another "
                f"scheme: {'; '.join(differs)}; a released period is released again only exactly as before: use the "
                "earlier settings, or release only new periods (--period)"
            )
            return plan
    plan.scheme = scheme
    # Every release covering a period carries the same rows for it (enforced); the latest one is taken.
    latest: dict[str, ReleaseRecord] = {}
    for record in overlapping:
        for period in record.periods & reused_periods:
            latest[period] = record
    parts = [record.blocks[record.blocks["period"] == period] for period, record in sorted(latest.items()) if period]
    blocks = pd.concat(parts, ignore_index=True) if parts else pd.DataFrame(columns=BLOCK_COLUMNS)
    plan.reused_blocks = blocks
    plan.reused = rows_of(blocks, scheme.columns)
    return plan


def _settings_part(scheme: Scheme) -> tuple[int, int, tuple[str, ...]]:
    return scheme.k, scheme.l_diversity, scheme.protected


def _span(periods: frozenset[str]) -> str:
    ordered = sorted(periods)
    return f"{ordered[0]}..{ordered[-1]}" if ordered else "(none)"


def rows_of(blocks: pd.DataFrame, columns: tuple[str, ...]) -> pd.DataFrame:
    """The released rows the blocks stand for (each class repeated `rows` times), with their period."""
    repeat = blocks["rows"].to_numpy(dtype=np.int64)
    values = np.array(list(blocks["class"]), dtype=object).reshape(len(blocks), len(columns))
    frame = pd.DataFrame(np.repeat(values, repeat, axis=0), columns=list(columns))
    frame[PERIOD] = np.repeat(blocks["period"].to_numpy(dtype=object), repeat)
    return frame


def blocks_of(frame: pd.DataFrame, periods: np.ndarray, members: np.ndarray, reused: pd.DataFrame) -> pd.DataFrame:
    """The release's blocks: rows per (period, class) from the file, members from the codes or the history.

    `members` holds a member code per row, -1 for a reused row (whose members the history recorded).
    """
    columns = list(frame.columns)
    keyed = pd.DataFrame(
        {"period": periods, "class": list(map(tuple, frame[columns].astype(str).to_numpy())), "member": members}
    )
    fresh = keyed[keyed["member"] >= 0]
    counted = fresh.groupby(["period", "class"], sort=True).agg(rows=("member", "size"), members=("member", "nunique"))
    reused_rows = keyed[keyed["member"] < 0].groupby(["period", "class"], sort=True).size().rename("rows")
    old = reused.set_index(["period", "class"])["members"] if len(reused) else pd.Series(dtype=np.int64)
    again = reused_rows.to_frame().assign(members=old.reindex(reused_rows.index).fillna(0).astype(np.int64))
    out = pd.concat([counted, again]).reset_index()
    return out[BLOCK_COLUMNS].astype({"rows": np.int64, "members": np.int64})


@dataclass(frozen=True)
class Exposure:
    """The attack's result against one earlier release."""

    release_id: int
    shared_periods: int
    classes_compared: int
    changed_blocks: int
    isolating_classes: int
    rows_isolated: int
    fingerprint_members: int | None

    @property
    def exposes(self) -> bool:
        """True when any class or the whole difference is not provably made of k members' rows."""
        return bool(self.changed_blocks or self.isolating_classes or self.fingerprint_members is not None)

    def to_json(self) -> dict[str, Any]:
        """The comparison as reported."""
        return {**self.__dict__, "exposes": self.exposes}


def compare(new: pd.DataFrame, new_periods: frozenset[str], old: ReleaseRecord, k: int, fresh_members: int) -> Exposure:
    """Run the difference attack between the new release's blocks and an earlier release (see the module doc).

    `fresh_members` is the number of distinct members behind the new release's rows of periods the earlier one
    does not cover (known exactly from the codes); the earlier release's own-period blocks give a lower bound.
    """
    shared = new_periods & old.periods
    mine = new[new["period"].isin(shared)].set_index(["period", "class"])["rows"]
    theirs = old.blocks[old.blocks["period"].isin(shared)].set_index(["period", "class"])["rows"]
    both = pd.concat([mine.rename("new"), theirs.rename("old")], axis=1).fillna(0)
    changed = both[both["new"] != both["old"]]
    # Blocks of periods only one release covers: whole blocks, members recorded.
    alone = pd.concat(
        [new[~new["period"].isin(shared)], old.blocks[~old.blocks["period"].isin(shared)]], ignore_index=True
    )
    per_class = alone.groupby("class").agg(rows=("rows", "sum"), lower=("members", "max"))
    # A block that changed in a shared period has unknown members: at least one, never provably k.
    changed_classes = {c for _, c in changed.index}
    isolating = per_class[(per_class["lower"] < k) & (per_class["rows"] > 0)]
    isolating_classes = set(isolating.index) | changed_classes
    rows = int(isolating["rows"].sum() + (changed["new"] - changed["old"]).abs().sum())
    total_lower = max(fresh_members, int(alone["members"].max()) if len(alone) else 0)
    has_difference = len(alone) > 0 or len(changed) > 0
    fingerprint = total_lower if has_difference and total_lower < k else None
    classes = len(set(per_class.index) | changed_classes | {c for _, c in both.index})
    return Exposure(old.release_id, len(shared), classes, len(changed), len(isolating_classes), rows, fingerprint)


def record_release(
    workspace: Workspace,
    population: str,
    scheme: Scheme,
    periods: frozenset[str],
    blocks: pd.DataFrame,
    file_sha256: str,
    run_folder: Path,
) -> int:
    """Append the release and its blocks in one transaction; its release id."""
    workspace.ensure()
    with _connect(workspace, create=True) as conn:
        conn.execute("BEGIN IMMEDIATE")
        cursor = conn.execute(
            "INSERT INTO releases (population, recorded_at, file_sha256, run_folder, scheme, periods) "
            "VALUES (?, ?, ?, ?, ?, ?)",
            (
                population,
                datetime.now(UTC).isoformat(timespec="seconds"),
                file_sha256,
                str(run_folder.resolve()),
                json.dumps(scheme.to_json(), sort_keys=True, ensure_ascii=False),
                json.dumps(sorted(periods)),
            ),
        )
        release_id = int(cursor.lastrowid or 0)
        conn.executemany(
            "INSERT INTO blocks (release_id, period, class, rows, members) VALUES (?, ?, ?, ?, ?)",
            [
                (release_id, str(p), json.dumps(list(c), ensure_ascii=False), int(r), int(m))
                for p, c, r, m in blocks[BLOCK_COLUMNS].itertuples(index=False)
            ],
        )
        conn.execute("COMMIT")
    workspace.mark_created(STORE)
    return release_id


@contextmanager
def exclusive(workspace: Workspace) -> Iterator[None]:
    """Hold the release history's write lock: serialises what must not run twice at once (the ε account)."""
    workspace.ensure()
    with _connect(workspace, create=True) as conn:
        conn.execute("BEGIN IMMEDIATE")
        yield
        conn.execute("COMMIT")
    workspace.mark_created(STORE)
