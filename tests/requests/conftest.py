"""Fixtures for the member-request tests: a sample member named in others' comments, small datasets, one run."""

from __future__ import annotations

import re
import shutil
from dataclasses import dataclass
from pathlib import Path

import pandas as pd
import pytest

from indigo_review.contract import Outcome
from indigo_review.requests import RequestSettings, run

from ..conftest import SAMPLE

PERSONAL = ["name_kanji", "name_kana", "email", "phone", "address"]


def read_csv(path: Path) -> pd.DataFrame:
    """A table as strings, the way the sample is written."""
    return pd.read_csv(path, dtype=str, keep_default_na=False)


@dataclass(frozen=True)
class SampleMember:
    """A sample member whose surname another member's comment names, and who names a companion in their own."""

    member_id: str
    row: pd.Series
    surname: str
    companion: str


@pytest.fixture(scope="session")
def ginza():
    """GiNZA, loaded once for the whole session."""
    from indigo_review.scan.ner import load_nlp

    return load_nlp()


@pytest.fixture(scope="session")
def named_member() -> SampleMember:
    """Chosen from the data: the first member whose surname another sign-up's comment names with an honorific
    and whose own sign-up comment names somebody else (the sample generator writes such comments)."""
    members = read_csv(SAMPLE / "members.csv")
    signups = read_csv(SAMPLE / "signups.csv")
    naming = signups["comment"].str.extract(r"^(.+?)(?:さんと参加します|様の代理で申し込みます)$")[0]
    named_by = signups.assign(named=naming).dropna(subset=["named"])
    for row in members.itertuples():
        surname = row.name_kanji.split("\u3000")[0]
        by_others = named_by[(named_by["named"] == surname) & (named_by["member_id"] != row.member_id)]
        own = named_by[(named_by["member_id"] == row.member_id) & (named_by["named"] != surname)]
        if len(by_others) and len(own):
            return SampleMember(row.member_id, members.loc[row.Index], surname, own["named"].iloc[0])
    raise AssertionError("the sample has no member named in another member's comment")


def run_request(out: Path, data: Path, kind: str, member_id: str, **fields) -> Outcome:
    """The request job on a data folder (received 2026-11-02 unless given), in the test's workspace."""
    fields.setdefault("received", "2026-11-02")
    fields.setdefault("id_documents", ("passport",))
    return run(RequestSettings(kind=kind, member_id=member_id, data=str(data), **fields), out)


@pytest.fixture(scope="session")
def sample_disclosure(tmp_path_factory: pytest.TempPathFactory, named_member: SampleMember, ginza) -> Outcome:
    """One disclosure request for the named member on data/sample (every test below reads this run)."""
    root = tmp_path_factory.mktemp("disclosure")
    return run_request(
        root / "run",
        SAMPLE,
        "disclosure",
        named_member.member_id,
        id_documents=("drivers_license",),
        workspace=str(root / "workspace"),
    )


def small_dataset(folder: Path, comments: dict[str, str], extra: dict[str, pd.DataFrame] | None = None) -> Path:
    """Three sample members and their first sign-ups, with the given comments by sign-up id, plus extra tables."""
    folder.mkdir(parents=True, exist_ok=True)
    members = read_csv(SAMPLE / "members.csv").head(3)
    members.to_csv(folder / "members.csv", index=False)
    shutil.copy(SAMPLE / "events.csv", folder / "events.csv")
    signups = read_csv(SAMPLE / "signups.csv")
    signups = signups[signups["member_id"].isin(members["member_id"])].copy()
    signups["comment"] = [comments.get(signup_id, "") for signup_id in signups["signup_id"]]
    signups.to_csv(folder / "signups.csv", index=False)
    for name, frame in (extra or {}).items():
        frame.to_csv(folder / f"{name}.csv", index=False)
    return folder


def values_of(row: pd.Series) -> list[str]:
    """A member's personal values as written, for grepping output files."""
    return [str(row[c]) for c in PERSONAL if str(row[c]).strip()]


def files_outside_answer(run_dir: Path) -> list[Path]:
    """Every file in a run folder except those in answer/."""
    return [p for p in run_dir.rglob("*") if p.is_file() and "answer" not in p.relative_to(run_dir).parts]


def text_of(path: Path) -> str:
    """A file's text, whatever it is (notebooks and HTML are UTF-8; SQLite is searched as bytes decoded loosely)."""
    return path.read_bytes().decode("utf-8", errors="replace")


def name_variants(row: pd.Series) -> list[str]:
    """The name with and without its space, so that a reformatted name is caught too."""
    return [v for n in (row["name_kanji"], row["name_kana"]) for v in {n, re.sub(r"\s", "", n)}]
