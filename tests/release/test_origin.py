"""Which files are anonymise outputs, and which release kind they declare (report.json beside, Parquet metadata)."""

from __future__ import annotations

from pathlib import Path

import pytest

from indigo_review.errors import InputError
from indigo_review.release.origin import anonymise_origin
from indigo_review.release.persons import read_consent
from indigo_review.release.shared_use import load_notice

from ..conftest import SAMPLE
from .support import anonymise_output, anonymised_parquet, clean_planning_rows, member_ids


@pytest.mark.parametrize(("declared", "kind"), [("third-party", "third-party"), ("internal", "internal")])
def test_report_json_beside_the_file_declares_the_release(tmp_path: Path, declared: str, kind: str) -> None:
    origin = anonymise_origin(anonymise_output(tmp_path / "run", declared))
    assert origin is not None and origin.release == kind and origin.declared
    assert origin.source == "report.json beside the file"


def test_an_anonymise_output_without_the_release_field_counts_as_internal(tmp_path: Path) -> None:
    origin = anonymise_origin(anonymise_output(tmp_path / "run", None))
    assert origin is not None and origin.release == "internal" and not origin.declared and not origin.third_party


def test_a_report_json_of_another_job_does_not_make_an_anonymise_output(tmp_path: Path) -> None:
    path = tmp_path / "export.csv"
    clean_planning_rows().to_csv(path, index=False)
    (tmp_path / "report.json").write_text('{"job": "check", "release": "internal"}', encoding="utf-8")
    assert anonymise_origin(path) is None


def test_a_broken_report_json_beside_the_file_is_an_error_naming_it(tmp_path: Path) -> None:
    path = anonymise_output(tmp_path, "third-party")
    (tmp_path / "report.json").write_text("{broken", encoding="utf-8")
    with pytest.raises(InputError, match=r"report\.json: a report\.json beside the file cannot be read"):
        anonymise_origin(path)


def test_a_plain_file_is_not_an_anonymise_output() -> None:
    assert anonymise_origin(SAMPLE / "exports" / "planning_export.csv") is None


@pytest.mark.parametrize(
    ("metadata", "kind", "declared"),
    [
        ({"release": "third-party", "k": 5, "tool_version": "0.2.0"}, "third-party", True),
        ({"release": "internal", "k": 5}, "internal", True),
        ({"k": 5}, "internal", False),
        ("not json", "internal", False),
    ],
)
def test_parquet_metadata_declares_the_release(tmp_path: Path, metadata, kind: str, declared: bool) -> None:
    origin = anonymise_origin(anonymised_parquet(tmp_path / "out.parquet", metadata))
    assert origin is not None and origin.release == kind and origin.declared is declared
    assert origin.source == "Parquet metadata 'indigo_review'"


def test_parquet_metadata_wins_over_a_report_json_that_disagrees(tmp_path: Path) -> None:
    path = anonymised_parquet(tmp_path / "anonymised_signups.parquet", {"release": "internal"})
    (tmp_path / "report.json").write_text('{"job": "anonymise", "release": "third-party"}', encoding="utf-8")
    assert anonymise_origin(path).release == "internal"


def test_a_parquet_file_without_our_metadata_is_not_an_anonymise_output(tmp_path: Path) -> None:
    assert anonymise_origin(anonymised_parquet(tmp_path / "plain.parquet", None)) is None


def test_consent_is_read_from_the_sample_members_table() -> None:
    records = read_consent(SAMPLE)
    yes, no = member_ids("true", 3), member_ids("false", 3)
    assert records.without_consent(yes + no + ["M099999"]) == [*no, "M099999"]
    assert len(records.known) == 2401


def test_a_members_table_without_the_consent_column_is_an_error_naming_it(tmp_path: Path) -> None:
    (tmp_path / "members.csv").write_text("member_id,name_kanji\nM000001,x\n", encoding="utf-8")
    with pytest.raises(InputError, match=r"members\.csv: the members table has no consent_third_party column"):
        read_consent(tmp_path)


def test_a_member_listed_twice_consents_only_if_every_row_says_true(tmp_path: Path) -> None:
    (tmp_path / "members.csv").write_text(
        "member_id,consent_third_party\nM000001,true\nM000001,false\nM000002,TRUE\n", encoding="utf-8"
    )
    assert read_consent(tmp_path).without_consent(["M000001", "M000002"]) == ["M000001"]


def test_a_shared_use_notice_lists_its_missing_fields(tmp_path: Path) -> None:
    path = tmp_path / "notice.toml"
    path.write_text('items = ["氏名"]\nshared_with = "提携団体"\npurpose = ""\n', encoding="utf-8")
    notice = load_notice(path)
    assert notice.missing == ("purpose", "manager") and not notice.complete


def test_a_shared_use_notice_manager_may_be_a_table_with_a_name(tmp_path: Path) -> None:
    path = tmp_path / "notice.toml"
    path.write_text(
        'items = ["氏名"]\nshared_with = "提携団体"\npurpose = "合同イベント"\n'
        '[manager]\nname = "一般社団法人インディゴ"\naddress = "東京都千代田区"\nrepresentative = "代表理事"\n',
        encoding="utf-8",
    )
    assert load_notice(path).complete


def test_a_broken_shared_use_notice_is_an_error_naming_it(tmp_path: Path) -> None:
    path = tmp_path / "notice.toml"
    path.write_text("items = [unclosed\n", encoding="utf-8")
    with pytest.raises(InputError, match=r"notice\.toml: the shared-use notice is not valid TOML"):
        load_notice(path)
