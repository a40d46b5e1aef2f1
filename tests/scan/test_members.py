"""The gate knows the society's own members: registry matches whatever the header, linking codes, no ids out."""

from __future__ import annotations

import hashlib
import hmac
import json
from pathlib import Path

import pandas as pd
import pytest

from indigo_review.keys import PseudonymKey
from indigo_review.registry import build_registry, load_registry
from indigo_review.scan import PASS, ScanSettings, run, scan_path

from ..conftest import SAMPLE

EXPORTS = SAMPLE / "exports"
KEY = PseudonymKey(b"scan-members-key-" + b"s" * 30, "test")


@pytest.fixture(scope="module")
def registry():
    return load_registry(SAMPLE)


@pytest.fixture(scope="module")
def members() -> pd.DataFrame:
    return pd.read_csv(SAMPLE / "members.csv", dtype=str, keep_default_na=False)


def _matches(result) -> pd.DataFrame:
    return result.findings[result.findings["entity"] == "MEMBER_MATCH"]


@pytest.mark.parametrize("header", ["会員番号", "Member_ID", "id", "col7"])
@pytest.mark.parametrize("write", [str, str.lower, lambda v: v.translate({c: c + 0xFEE0 for c in range(0x21, 0x7F)})])
def test_member_ids_are_members_whatever_the_header_and_the_writing(tmp_path, registry, members, header, write):
    path = tmp_path / "export.csv"
    pd.DataFrame({header: [write(m) for m in members["member_id"][:20]], "seat": [f"A{i}" for i in range(20)]}).to_csv(
        path, index=False
    )
    result = scan_path(path, registry=registry, use_ner=False)
    assert result.verdict == "BLOCK" and len(result.members) == 20
    assert set(_matches(result)["column"]) == {header}


def test_a_nested_json_member_id_is_a_member(tmp_path, registry) -> None:
    path = tmp_path / "export.json"
    path.write_text(json.dumps([{"member": {"member_id": "m000007"}, "seat": "B2"}]), encoding="utf-8")
    result = scan_path(path, registry=registry, use_ner=False)
    assert result.members == {"M000007"} and _matches(result)["column"].tolist() == ["member.member_id"]


def test_every_member_row_of_the_leaky_export_is_matched_whatever_its_headers(tmp_path, registry) -> None:
    frame = pd.read_csv(EXPORTS / "leaky_export_utf8bom.csv", dtype=str, keep_default_na=False)
    frame.columns = [f"col{i}" for i in range(len(frame.columns))]
    frame.to_csv(tmp_path / "renamed.csv", index=False)
    result = scan_path(tmp_path / "renamed.csv", registry=registry)
    assert len(result.members) == frame["col0"].nunique() == 200
    assert set(_matches(result)["row"]) == set(range(200))


def test_without_the_id_column_a_members_email_or_phone_still_identifies_them(tmp_path, registry, members) -> None:
    rows = members.iloc[:5]
    pd.DataFrame({"連絡先": rows["email"].str.upper(), "TEL": rows["phone"]}).to_csv(tmp_path / "x.csv", index=False)
    assert scan_path(tmp_path / "x.csv", registry=registry, use_ner=False).members == set(rows["member_id"])


def test_a_common_name_alone_never_fires_but_name_and_birth_date_in_one_row_do(tmp_path, registry, members) -> None:
    rows = members.iloc[:3]
    names_only = tmp_path / "names.csv"
    pd.DataFrame({"参加者": rows["name_kanji"], "区分": ["一般"] * 3}).to_csv(names_only, index=False)
    assert _matches(scan_path(names_only, registry=registry, use_ner=False)).empty
    with_birth = tmp_path / "with_birth.csv"
    pd.DataFrame({"参加者": rows["name_kanji"], "生年月日": rows["birth_date"]}).to_csv(with_birth, index=False)
    result = scan_path(with_birth, registry=registry, use_ner=False)
    assert result.members == set(rows["member_id"])
    assert set(_matches(result)["column"]) == {"参加者", "生年月日"}


def test_an_id_written_in_free_text_is_a_member(tmp_path, registry) -> None:
    path = tmp_path / "notes.csv"
    pd.DataFrame({"備考": ["会員番号ｍ０００１２３の方から入金確認", "特になし"]}).to_csv(path, index=False)
    assert scan_path(path, registry=registry).members == {"M000123"}


def _internal_csv(path: Path, members: pd.DataFrame) -> Path:
    ids = members["member_id"].iloc[:40].tolist() * 3
    pseudonyms = [hmac.new(KEY.secret, m.encode(), hashlib.sha256).hexdigest()[:16] for m in ids]
    pd.DataFrame({"member_pseudonym": pseudonyms, "region": ["関東"] * len(ids)}).to_csv(path, index=False)
    return path


def test_the_societys_pseudonyms_are_members_when_the_key_is_at_hand(tmp_path, members) -> None:
    path = _internal_csv(tmp_path / "anonymised_signups.csv", members)
    result = scan_path(path, registry=build_registry(members, KEY), use_ner=False)
    assert len(result.members) == 40 and result.counts_by_entity()["MEMBER_MATCH"] == 120


def test_without_the_key_a_column_of_repeating_opaque_codes_is_a_linking_code(tmp_path, registry, members) -> None:
    path = _internal_csv(tmp_path / "anonymised_signups.csv", members)
    result = scan_path(path, registry=registry, use_ner=False)
    assert result.verdict == "BLOCK" and result.counts_by_entity() == {"LINK_CODE": 120} and not result.members


@pytest.mark.parametrize(
    "codes",
    [
        [f"{i:032x}" for i in range(40)],  # unique hashes: nothing to link
        [f"ORD-{i:06d}" for i in range(20)] * 2,  # structured order numbers that repeat
        ["3.6.20", "3.6.21"] * 20,  # version strings
    ],
)
def test_unique_tokens_and_readable_codes_are_not_linking_codes(tmp_path, registry, codes) -> None:
    path = tmp_path / "codes.csv"
    pd.DataFrame({"code": codes}).to_csv(path, index=False)
    assert scan_path(path, registry=registry, use_ner=False).verdict == PASS


@pytest.mark.parametrize("name", ["planning_export.csv", "catalogue_export.csv"])
def test_the_clean_exports_still_pass_with_the_registry(registry, name: str) -> None:
    assert scan_path(EXPORTS / name, registry=registry).verdict == PASS


def test_the_run_folder_counts_members_and_names_no_id(tmp_path, members) -> None:
    out = tmp_path / "run"
    outcome = run(ScanSettings(paths=(str(EXPORTS / "leaky_export_utf8bom.csv"),), members=str(SAMPLE)), out)
    scan = json.loads((out / "scan.json").read_text(encoding="utf-8"))
    assert scan["member_registry"]["members"] == len(members) and scan["files"][0]["members_matched"] == 200
    assert outcome.detail.results[0].members  # the ids stay in memory, for the release job
    texts = "".join(p.read_text(encoding="utf-8") for p in out.iterdir() if p.is_file() and p.suffix != ".png")
    leaked = [m for m in members["member_id"] if m in texts]
    assert leaked == []


def test_the_workspace_data_folder_is_the_default_registry(tmp_path) -> None:
    from indigo_review.workspace import Workspace

    Workspace.locate().update_settings(data=str(SAMPLE))
    out = tmp_path / "run"
    run(ScanSettings(paths=(str(EXPORTS / "leaky_export_utf8bom.csv"),)), out)
    assert json.loads((out / "scan.json").read_text(encoding="utf-8"))["files"][0]["members_matched"] == 200


def test_the_cluster_finds_the_same_members(dask_cluster, registry) -> None:
    here = scan_path(EXPORTS / "leaky_export_cp932.csv", registry=registry, partition_rows=60)
    there = scan_path(EXPORTS / "leaky_export_cp932.csv", registry=registry, partition_rows=60, client=dask_cluster)
    assert there.members == here.members and len(there.members) == 200
    assert _matches(there).drop(columns="score").equals(_matches(here).drop(columns="score"))
