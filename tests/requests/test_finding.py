"""Finding everything held about a member: their rows, their sign-ups, other tables, and mentions in text."""

from __future__ import annotations

import re
from pathlib import Path

import pandas as pd
import pytest

from indigo_review.contract import Outcome
from indigo_review.errors import InputError
from indigo_review.requests import find_holdings

from ..conftest import SAMPLE
from .conftest import SampleMember, read_csv, small_dataset

ALICE, BOB, CAROL = "M000001", "M000002", "M000003"


def _signup_ids(folder: Path, member_id: str) -> list[str]:
    signups = read_csv(SAMPLE / "signups.csv")
    return signups.loc[signups["member_id"] == member_id, "signup_id"].tolist()


def _mentions(folder: Path, comment: str, member_id: str = ALICE) -> pd.DataFrame:
    """Mentions of member_id when one of Bob's sign-ups carries the comment."""
    small_dataset(folder, {_signup_ids(folder, BOB)[0]: comment})
    return find_holdings(folder, member_id).mentions


def test_every_sign_up_of_the_member_is_found(sample_disclosure: Outcome, named_member: SampleMember) -> None:
    signups = read_csv(SAMPLE / "signups.csv")
    expected = set(signups.loc[signups["member_id"] == named_member.member_id, "signup_id"])
    assert set(sample_disclosure.detail.holdings.signups["signup_id"]) == expected


def test_every_comment_naming_the_members_surname_is_found_to_confirm(
    sample_disclosure: Outcome, named_member: SampleMember
) -> None:
    signups = read_csv(SAMPLE / "signups.csv")
    by_others = signups[
        signups["comment"].str.contains(rf"{re.escape(named_member.surname)}(?:さん|様)")
        & (signups["member_id"] != named_member.member_id)
    ]
    mentions = sample_disclosure.detail.holdings.mentions
    found = mentions[(mentions["match"] == "surname") & (mentions["table"] == "signups")]
    assert len(by_others) > 0
    assert set(found["record_id"]) == set(by_others["signup_id"])
    assert not found["certain"].any()


def test_the_members_row_is_found(sample_disclosure: Outcome, named_member: SampleMember) -> None:
    assert sample_disclosure.detail.holdings.member["member_id"].tolist() == [named_member.member_id]


@pytest.mark.parametrize(
    ("comment", "match"),
    [
        ("小川渚さんと参加します", "name"),
        ("ｵｶﾞﾜ ﾅｷﾞｻ様の代理です", "reading"),
        ("おがわなぎさ様の代理です", "reading"),
        ("当日の連絡先は０６－４７３４－８９７１です", "phone"),
        ("当日は+81-6-4734-8971へお願いします", "phone"),
        ("資料はOGAWA.NAGISA＠example.comへ送ってください", "email"),
    ],
    ids=["full-name", "half-width-kana", "hiragana", "full-width-phone", "international-phone", "full-width-at"],
)
def test_a_certain_mention_in_another_members_comment_is_found_after_normalisation(
    tmp_path: Path, ginza, comment: str, match: str
) -> None:
    mentions = _mentions(tmp_path, comment)
    assert mentions["match"].tolist() == [match]
    assert mentions["certain"].tolist() == [True]


def test_another_members_phone_is_not_a_mention(tmp_path: Path, ginza) -> None:
    assert _mentions(tmp_path, "当日の連絡先は070-7364-7129です").empty


def test_a_mention_keeps_another_persons_values_masked(tmp_path: Path, ginza) -> None:
    mentions = _mentions(tmp_path, "小川渚さんと中山真由美さん、連絡先は070-7364-7129")
    masked = mentions["masked_text"].iloc[0]
    assert "小川渚" in masked
    assert "中山真由美" not in masked and "7364" not in masked


def test_a_table_with_a_member_id_column_is_searched_for_rows_and_mentions(tmp_path: Path, ginza) -> None:
    notes = pd.DataFrame(
        {
            "consultation_id": ["C1", "C2", "C3"],
            "member_id": [ALICE, BOB, CAROL],
            "note": ["会費の相談", "小川渚さんの紹介で入会", "特になし"],
        }
    )
    small_dataset(tmp_path, {}, {"consultations": notes})
    holdings = find_holdings(tmp_path, ALICE)
    assert holdings.other_tables["consultations"]["consultation_id"].tolist() == ["C1"]
    assert holdings.mentions[["table", "record_id", "column"]].values.tolist() == [["consultations", "C2", "note"]]


def test_a_table_that_holds_nothing_of_the_member_adds_nothing(tmp_path: Path, ginza) -> None:
    small_dataset(tmp_path, {}, {"venues": pd.DataFrame({"venue": ["市民ホール"], "city": ["大阪市"]})})
    holdings = find_holdings(tmp_path, ALICE)
    assert holdings.other_tables["venues"].empty and holdings.mentions.empty
    assert "venues" not in holdings.counts()


def _alice_row() -> pd.Series:
    return read_csv(SAMPLE / "members.csv").iloc[0]


def test_rows_whose_id_has_a_trailing_space_lower_case_or_full_width_are_the_members(tmp_path: Path, ginza) -> None:
    notes = pd.DataFrame({"member_id": ["m000001 ", "Ｍ００００００１", " M1", BOB], "note": ["a", "b", "c", "d"]})
    small_dataset(tmp_path, {}, {"notes": notes})
    signups = read_csv(tmp_path / "signups.csv")
    signups.loc[signups["member_id"] == ALICE, "member_id"] = "m000001 "
    signups.to_csv(tmp_path / "signups.csv", index=False)
    holdings = find_holdings(tmp_path, ALICE)
    assert holdings.other_tables["notes"]["note"].tolist() == ["a", "b", "c"]
    assert len(holdings.signups) == len(_signup_ids(tmp_path, ALICE))


def test_a_mailing_list_without_a_member_id_column_is_found_by_the_members_values(tmp_path: Path, ginza) -> None:
    alice = _alice_row()
    mailing = pd.DataFrame(
        {"宛名": [alice["name_kanji"], "別人 太郎"], "メール": [alice["email"].upper(), "other@example.jp"]}
    )
    small_dataset(tmp_path, {}, {"mailing": mailing})
    assert find_holdings(tmp_path, ALICE).other_tables["mailing"]["宛名"].tolist() == [alice["name_kanji"]]


def test_a_common_name_alone_does_not_make_a_row_the_members(tmp_path: Path, ginza) -> None:
    alice = _alice_row()
    small_dataset(tmp_path, {}, {"guests": pd.DataFrame({"name": [alice["name_kanji"]], "note": ["同姓同名の方"]})})
    assert find_holdings(tmp_path, ALICE).other_tables["guests"].empty


def test_a_payments_workbook_in_a_subfolder_is_searched_sheet_by_sheet(tmp_path: Path, ginza) -> None:
    small_dataset(tmp_path, {})
    (tmp_path / "accounts").mkdir()
    with pd.ExcelWriter(tmp_path / "accounts" / "payments.xlsx") as book:
        pd.DataFrame({"会員番号": ["m1", "M000002"], "金額": ["3000", "5000"]}).to_excel(
            book, sheet_name="2026", index=False
        )
        pd.DataFrame({"会員番号": ["M000003"], "金額": ["1000"]}).to_excel(book, sheet_name="2025", index=False)
    holdings = find_holdings(tmp_path, ALICE)
    assert holdings.other_tables["accounts__payments__2026"]["金額"].tolist() == ["3000"]
    assert holdings.other_tables["accounts__payments__2025"].empty
    assert holdings.sources["accounts__payments__2026"] == "accounts/payments.xlsx"


def test_an_id_written_in_another_records_text_is_a_mention(tmp_path: Path, ginza) -> None:
    mentions = _mentions(tmp_path, "会員番号ｍ０００００１の方から電話あり")
    assert mentions["match"].tolist() == ["member_id"] and mentions["certain"].tolist() == [True]


def test_an_unknown_member_has_nothing_held(tmp_path: Path, ginza) -> None:
    small_dataset(tmp_path, {})
    assert find_holdings(tmp_path, "M999998").empty


def test_a_missing_signups_table_is_an_input_error_naming_it(tmp_path: Path) -> None:
    small_dataset(tmp_path, {})
    (tmp_path / "signups.csv").unlink()
    with pytest.raises(InputError, match=r"signups\.csv: table not found"):
        find_holdings(tmp_path, ALICE)


def test_a_file_that_cannot_be_read_is_listed_and_the_search_goes_on(tmp_path: Path, ginza) -> None:
    small_dataset(tmp_path, {})
    (tmp_path / "notes.csv").write_bytes(b"member_id,note\n\xff\xfe\x00broken\n")
    (tmp_path / "scan.pdf").write_bytes(b"%PDF-1.4")
    holdings = find_holdings(tmp_path, ALICE)
    assert [u["file"] for u in holdings.unreadable] == ["notes.csv", "scan.pdf"]
    assert all(u["why"] for u in holdings.unreadable) and len(holdings.member) == 1


def test_a_file_that_cannot_be_read_is_listed_with_its_kind_of_problem(tmp_path: Path) -> None:
    small_dataset(tmp_path, {})
    (tmp_path / "photo.heic").write_bytes(b"\x00\x00\x00\x18ftypheic")
    (tmp_path / "empty.csv").write_bytes(b"")
    (tmp_path / "payments.xls").write_bytes(b"<html><table><tr><td>1</td></tr></table></html>")
    holdings = find_holdings(tmp_path, ALICE)
    reasons = {u["file"]: u["reason"] for u in holdings.unreadable}
    assert reasons == {"photo.heic": "type", "empty.csv": "empty", "payments.xls": "disguised"}


def test_the_members_own_name_stays_and_a_single_shared_character_is_masked() -> None:
    from indigo_review.requests.finding import Identity, mask_others
    from indigo_review.scan import Span

    alice = Identity.from_row(read_csv(SAMPLE / "members.csv").iloc[0])
    text = "ナギサさんと小さんと渚"
    spans = [Span("PERSON", 0, 3, 0.8), Span("PERSON", 6, 7, 0.8)]
    assert mask_others(text, alice, spans) == "ナギサさんと*さんと渚"
