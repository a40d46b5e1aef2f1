"""The findings sink: findings allowed by the policy are only counted; the rest are kept and streamed to a file."""

from __future__ import annotations

import csv
import os
from collections import Counter
from pathlib import Path

import pandas as pd

from ..output import defuse_frame
from .policy import Policy
from .result import EMPTY_FINDINGS, FINDINGS_COLUMNS

# The job keeps this many findings in memory for the notebook; findings.csv has all of them.
KEEP_IN_MEMORY = 10_000


class _Sink:
    """Collects findings: allowed ones are only counted; the rest are kept, or streamed to findings.csv."""

    def __init__(self, policy: Policy, path: Path | None, keep: int | None) -> None:
        self.policy = policy
        self.allowed: Counter = Counter()
        self.counts: Counter = Counter()
        self.kept: list[pd.DataFrame] = []
        self.members: set[int] = set()
        self.size = 0
        self.keep = keep
        self.path = path
        self._handle = None
        if path is not None:
            path.parent.mkdir(parents=True, exist_ok=True)
            self._tmp = path.with_name(f".{path.name}.partial")
            self._handle = self._tmp.open("w", encoding="utf-8-sig", newline="")
            csv.writer(self._handle, lineterminator="\n").writerow(FINDINGS_COLUMNS)

    def add(self, findings: pd.DataFrame) -> None:
        if "members" in findings.columns:
            # Registry positions of the members a finding names: kept in memory for the job, never written.
            for whose in findings["members"]:
                self.members.update(whose)
            findings = findings.drop(columns="members")
        if findings.empty:
            return
        sizes = findings.groupby(["sheet", "column", "entity"], sort=False).size()
        allowed = {(column, entity) for _, column, entity in sizes.index if self.policy.allows(column, entity)}
        for (sheet, column, entity), n in sizes.items():
            if (column, entity) in allowed:
                self.allowed[entity] += int(n)
            else:
                self.counts[(sheet, column, entity)] += int(n)
        if allowed:
            pairs = pd.MultiIndex.from_frame(findings[["column", "entity"]])
            findings = findings[~pairs.isin(list(allowed))]
        if self.keep is None or self.size < self.keep:
            part = findings if self.keep is None else findings.head(self.keep - self.size)
            self.kept.append(part)
            self.size += len(part)
        if self._handle is not None:
            defuse_frame(findings).to_csv(self._handle, header=False, index=False, lineterminator="\n")

    def findings(self) -> pd.DataFrame:
        """The kept findings, in file order."""
        return pd.concat(self.kept, ignore_index=True) if self.kept else EMPTY_FINDINGS.copy()

    def close(self, keep: bool) -> None:
        if self._handle is None:
            return
        self._handle.flush()
        os.fsync(self._handle.fileno())
        self._handle.close()
        if keep:
            os.replace(self._tmp, self.path)
        else:
            self._tmp.unlink(missing_ok=True)
