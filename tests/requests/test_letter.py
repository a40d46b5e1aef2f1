"""The member's letter in plain Japanese (field names and values in words, dates in Japan time), whatever the report's
language; the words come from requests/data/labels.csv, and the CSV files keep the data as held."""

from __future__ import annotations

import re
from pathlib import Path

import pandas as pd
import pytest

from indigo_review.requests.labels import japanese_date, labels

from ..conftest import SAMPLE
from .conftest import read_csv, run_request, small_dataset

ALICE = "M000001"


@pytest.fixture(scope="module")
def letter(tmp_path_factory: pytest.TempPathFactory, ginza) -> tuple[str, Path]:
    """A disclosure for a member whose row and sign-ups carry every kind of coded value, report in English."""
    root = tmp_path_factory.mktemp("letter")
    newsletter = pd.DataFrame({"member_id": [ALICE], "subscribed": ["true"]})
    data = small_dataset(root / "data", {}, {"newsletter": newsletter})
    members = read_csv(data / "members.csv")
    coded = ["gender", "consent_third_party", "status"]
    members.loc[members["member_id"] == ALICE, coded] = ["F", "false", "withdrawn"]
    members.to_csv(data / "members.csv", index=False)
    signups = read_csv(data / "signups.csv")
    mine = signups.index[signups["member_id"] == ALICE]
    signups.loc[mine[0], ["channel", "attended", "signed_up_at"]] = ["oral", "false", "2024-02-21T10:30:00+09:00"]
    signups.to_csv(data / "signups.csv", index=False)
    outcome = run_request(root / "run", data, "disclosure", ALICE, lang="en", workspace=str(root / "ws"))
    return (outcome.run_dir / "answer" / "letter.html").read_text(encoding="utf-8"), outcome.run_dir / "answer"


def _body(letter: str) -> str:
    """The letter's tables of data, without the part explaining the CSV files (which names the raw columns)."""
    return letter[: letter.index("同封のCSVファイルの読み方")]


def test_the_letter_names_the_fields_in_plain_japanese(letter) -> None:
    body = _body(letter[0])
    assert "<td>第三者提供への同意</td>" in body and "<td>性別</td>" in body and "<th>申込方法</th>" in body
    assert not re.search(r"consent_third_party|name_kanji|signed_up_at|\bchannel\b", body)


def test_the_letter_says_the_values_in_words(letter) -> None:
    body = _body(letter[0])
    assert "<td>女性</td>" in body and "<td>同意なし</td>" in body and "<td>退会</td>" in body
    assert "<td>口頭</td>" in body and "<td>欠席</td>" in body
    assert not re.search(r"<td>(true|false|F|M|oral|web|withdrawn|active)</td>", body)


def test_a_yes_no_column_of_another_table_reads_hai_iie(letter) -> None:
    assert "<td>はい</td>" in _body(letter[0])


def test_timestamps_read_as_japan_time(letter) -> None:
    body = _body(letter[0])
    assert "<td>2024年2月21日 10時30分</td>" in body
    assert "2024-02-21T10:30:00+09:00" not in body


def test_the_letter_explains_the_csv_files_columns_and_codes(letter) -> None:
    explained = letter[0][letter[0].index("同封のCSVファイルの読み方") :]
    assert "<td>consent_third_party</td>" in explained and "true＝同意あり、false＝同意なし" in explained
    assert "web＝ウェブサイト" in explained and "oral＝口頭" in explained


def test_the_csv_files_keep_the_data_as_held(letter) -> None:
    signups = read_csv(letter[1] / "signups.csv")
    row = signups[signups["signed_up_at"] == "2024-02-21T10:30:00+09:00"].iloc[0]
    assert (row["channel"], row["attended"]) == ("oral", "false")


def test_the_letter_stays_japanese_when_the_report_is_english(letter) -> None:
    assert '<html lang="ja">' in letter[0] and "利用目的" in letter[0]


@pytest.mark.parametrize(
    ("value", "said"),
    [
        ("2024-02-21T01:30:00Z", "2024年2月21日 10時30分"),  # UTC to Japan time
        ("2024-02-21T10:30:00+09:00", "2024年2月21日 10時30分"),
        ("2024-02-21 10:30", "2024年2月21日 10時30分"),  # no zone: written in Japan
        ("2023-12-31T20:05:00-05:00", "2024年1月1日 10時05分"),
        ("1996-01-12", "1996年1月12日"),
        ("2024-02-30", None),
        ("S0004555", None),
    ],
)
def test_dates_and_times_are_written_as_in_japan(value: str, said: str | None) -> None:
    assert japanese_date(value) == said


def test_every_column_and_code_of_the_sample_has_words() -> None:
    members, signups = read_csv(SAMPLE / "members.csv"), read_csv(SAMPLE / "signups.csv")
    words = labels("ja")
    columns = [*members.columns, *signups.columns, "event_title", "event_starts_at"]
    assert [c for c in columns if words.column(c) == c] == []
    for column in ("gender", "consent_analysis", "consent_third_party", "status", "attended"):
        assert [v for v in members.get(column, signups.get(column)).unique() if (column, v) not in words.values] == []
    # The planted accuracy error (channel "fax", data/sample/README.md) is not a channel: shown as held.
    assert [v for v in signups["channel"].unique() if ("channel", v) not in words.values] == ["fax"]


def test_english_words_exist_for_every_japanese_one() -> None:
    ja, en = labels("ja"), labels("en")
    assert ja.columns.keys() == en.columns.keys() and ja.values.keys() == en.values.keys()
    assert all(en.columns.values()) and all(en.values.values()) and all(en.rules.values())
