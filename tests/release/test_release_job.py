"""The release job end to end: the scan runs into the run folder, the basis decides, the ledger records it."""

from __future__ import annotations

import json
import os
import re
from datetime import date
from html import unescape
from pathlib import Path

import pytest

from indigo_review.contract import Outcome
from indigo_review.errors import IndigoError, InputError
from indigo_review.io import read_table
from indigo_review.release import ReleaseSettings, export_html, read_entries, run, verify
from indigo_review.stop_list import add_to_stop_list
from indigo_review.workspace import Workspace

from ..conftest import SAMPLE, run_cli
from .support import (
    EXPORTS,
    anonymise_output,
    anonymised_parquet,
    clean_planning_rows,
    member_ids,
    raw_values,
    write_member_file,
)

RECEIVED = date(2026, 11, 2)


@pytest.fixture
def ledger() -> Path:
    """The ledger of the test's own workspace (INDIGO_HOME)."""
    return Workspace.locate().path("ledger")


@pytest.fixture
def clean_csv(tmp_path: Path) -> Path:
    path = tmp_path / "planning.csv"
    clean_planning_rows().to_csv(path, index=False)
    return path


def _release(path: Path, out: Path, ledger: Path, basis: str, **options) -> Outcome:
    """The release job on a file, into the test's workspace (whose ledger is `ledger`)."""
    recipient = options.pop("recipient", "会場運営株式会社")
    options.setdefault("members_dir", SAMPLE)  # the member registry: who the file's rows are
    for name in ("members_dir", "shared_use_path"):
        if name in options:
            options[name] = str(options[name])
    return run(ReleaseSettings(recipient=recipient, basis=basis, path=str(path), **options), out)


def _texts(folder: Path) -> dict[str, str]:
    return {p.name: p.read_bytes().decode("utf-8", "replace") for p in folder.iterdir() if p.is_file()}


def test_a_clean_file_is_released_anonymously_and_recorded(tmp_path: Path, clean_csv: Path, ledger: Path) -> None:
    outcome = _release(clean_csv, tmp_path / "run", ledger, "anonymous")
    assert outcome.exit_code == 0 and outcome.result["status"] == "released"
    assert [s["store"] for s in outcome.stores] == ["stop_list", "ledger"]
    assert outcome.stores[1]["head"] == outcome.result["ledger"]["hash"]
    assert sorted(p.name for p in (tmp_path / "run").iterdir()) == [
        "findings.csv",
        "release.html",
        "release.json",
        "report.html",
        "scan.json",
    ]
    entry = read_entries(ledger).iloc[0]
    assert entry["outcome"] == "released" and entry["basis"] == "anonymous" and entry["scan_verdict"] == "PASS"
    assert entry["file_name"] == "planning.csv"
    assert entry["file_sha256"] == json.loads((tmp_path / "run" / "scan.json").read_text())["files"][0]["sha256"]
    assert outcome.result["ledger"]["seq"] == 1 and outcome.result["ledger"]["hash"] == entry["hash"]


def test_the_leaky_export_is_refused_as_anonymous_and_the_refusal_is_recorded(tmp_path: Path, ledger: Path) -> None:
    outcome = _release(EXPORTS / "leaky_export_utf8bom.csv", tmp_path / "run", ledger, "anonymous")
    assert outcome.exit_code == 1 and outcome.result["status"] == "refused"
    assert "an anonymous release must pass the scan" in outcome.result["reason"]
    entry = read_entries(ledger).iloc[0]
    assert entry["outcome"] == "refused" and entry["persons"] == []
    assert "must pass the scan" in entry["details"]["reason"]


def test_the_japanese_release_report_ends_each_reason_with_a_japanese_full_stop(tmp_path: Path, ledger: Path) -> None:
    _release(EXPORTS / "leaky_export_utf8bom.csv", tmp_path / "run", ledger, "anonymous", lang="ja")
    html = unescape((tmp_path / "run" / "release.html").read_text(encoding="utf-8"))
    why = re.search(r"<strong>理由：</strong>([^<]*)", html).group(1).strip()
    assert why.endswith("匿名のデータではありません。") and not re.search(r"[\u3040-\u9fff）]\.", why)


def test_the_japanese_ledger_export_says_why_a_release_was_refused_in_japanese(tmp_path: Path, ledger: Path) -> None:
    _release(EXPORTS / "leaky_export_utf8bom.csv", tmp_path / "run", ledger, "anonymous")
    html = unescape(export_html(ledger, tmp_path / "ledger.html", lang="ja").read_text(encoding="utf-8"))
    assert "理由：" in html and "。検査で個人データが見つかりました（" in html
    assert "an anonymous release must pass the scan" not in html


@pytest.mark.parametrize(("release", "exit_code"), [("third-party", 0), ("internal", 1), (None, 1)])
def test_an_anonymise_output_goes_out_anonymously_only_as_a_third_party_release(
    tmp_path: Path, ledger: Path, release: str | None, exit_code: int
) -> None:
    path = anonymise_output(tmp_path / "anonymise-run", release)
    outcome = _release(path, tmp_path / "run", ledger, "anonymous")
    assert outcome.exit_code == exit_code
    assert read_entries(ledger).iloc[0]["details"]["anonymise_release"] == (release or "internal")


def test_an_internal_parquet_output_is_refused_by_its_metadata(tmp_path: Path, ledger: Path) -> None:
    path = anonymised_parquet(tmp_path / "anonymised_signups.parquet", {"release": "internal", "k": 5})
    outcome = _release(path, tmp_path / "run", ledger, "anonymous")
    assert outcome.exit_code == 1 and "仮名加工情報" in outcome.result["reason"]


def test_a_provision_with_consent_records_what_rules_article_20_asks(tmp_path: Path, ledger: Path) -> None:
    ids = member_ids("true", 4)
    path = write_member_file(tmp_path / "venue_list.csv", ids)
    outcome = _release(
        path,
        tmp_path / "run",
        ledger,
        "consent",
        recipient="会場運営株式会社",
        recipient_address="東京都千代田区丸の内1-1-1",
        recipient_representative="代表取締役 山本一郎",
        members_dir=SAMPLE,
    )
    assert outcome.exit_code == 0, outcome.result["reason"]
    entry = read_entries(ledger).iloc[0]
    assert entry["persons"] == sorted(ids) and entry["person_count"] == 4
    assert entry["recipient"] == "会場運営株式会社" and entry["recipient_address"] == "東京都千代田区丸の内1-1-1"
    assert entry["recipient_representative"] == "代表取締役 山本一郎"
    assert entry["details"]["consent"]["obtained"] is True
    items = {i["column"]: i["entities"] for i in entry["items"]}
    assert "PERSON" in items["name_kanji"] and "EMAIL_ADDRESS" in items["email"]
    assert entry["provided_on"] == outcome.result["provided_on"]


def test_no_personal_value_reaches_the_run_folder_or_the_ledger(tmp_path: Path, ledger: Path) -> None:
    ids = member_ids("true", 3) + member_ids("false", 2)
    path = write_member_file(tmp_path / "venue_list.csv", ids)
    before = (path.read_bytes(), os.stat(path).st_mtime_ns)
    for n, basis in enumerate(("consent", "law")):
        _release(path, tmp_path / f"run{n}", ledger, basis, members_dir=SAMPLE, legal_basis="法令")
    values = raw_values(ids)
    assert len(values) == 10
    texts = {**_texts(tmp_path / "run0"), **{f"1/{k}": v for k, v in _texts(tmp_path / "run1").items()}}
    stored = [ledger, *ledger.parent.glob("ledger.sqlite-*")]  # the write-ahead log too, if any is left
    texts["ledger"] = b"".join(p.read_bytes() for p in stored).decode("utf-8", "replace")
    assert {(name, v) for name, text in texts.items() for v in values if v in text} == set()
    assert (path.read_bytes(), os.stat(path).st_mtime_ns) == before


def test_members_without_consent_refuse_the_release_listed_by_id(tmp_path: Path, ledger: Path) -> None:
    yes, no = member_ids("true", 2), member_ids("false", 2)
    path = write_member_file(tmp_path / "venue_list.csv", yes + no)
    outcome = _release(path, tmp_path / "run", ledger, "consent", members_dir=SAMPLE)
    assert outcome.exit_code == 1
    assert outcome.result["refused_members"] == {"no_consent": sorted(no)}
    assert ", ".join(sorted(no)) in outcome.result["reason"]
    entry = read_entries(ledger).iloc[0]
    # The ledger keeps the attempt and the count, not the members' ids.
    assert entry["persons"] == [] and not any(m in json.dumps(entry["details"]) for m in yes + no)


def test_a_member_on_the_stop_list_refuses_the_release(tmp_path: Path, ledger: Path) -> None:
    ids = member_ids("true", 3)
    add_to_stop_list(Workspace.locate(), ids[1], "R-2026-001", RECEIVED)
    path = write_member_file(tmp_path / "venue_list.csv", ids)
    outcome = _release(path, tmp_path / "run", ledger, "consent", members_dir=SAMPLE)
    assert outcome.exit_code == 1 and outcome.result["refused_members"] == {"stop_of_use": [ids[1]]}
    assert outcome.stores[0] == {**outcome.stores[0], "store": "stop_list", "entries": 1}


def test_a_member_id_written_in_lower_case_or_full_width_is_still_stopped(tmp_path: Path, ledger: Path) -> None:
    ids = member_ids("true", 2)
    add_to_stop_list(Workspace.locate(), ids[0], "R-1", RECEIVED)
    path = tmp_path / "venue_list.csv"
    variant = ids[0].lower().replace("0", "０")
    path.write_text(f"member_id,note\n{variant},x\n{ids[1]},y\n", encoding="utf-8")
    outcome = _release(path, tmp_path / "run", ledger, "outsourcing", recipient="委託先", contract="C-1")
    assert outcome.exit_code == 1 and outcome.result["refused_members"] == {"stop_of_use": [ids[0]]}


def test_an_outsourcing_release_is_recorded_as_exempt_with_its_contract(tmp_path: Path, ledger: Path) -> None:
    path = write_member_file(tmp_path / "mailing.csv", member_ids("false", 3))
    outcome = _release(
        path, tmp_path / "run", ledger, "outsourcing", recipient="発送代行株式会社", contract="業務委託契約書 第12号"
    )
    assert outcome.exit_code == 0
    entry = read_entries(ledger).iloc[0]
    assert entry["details"]["contract"] == "業務委託契約書 第12号"
    assert "exempt" in entry["details"]["art29"] and entry["person_count"] == 3
    assert entry["persons"] == sorted(member_ids("false", 3))


def test_a_shared_use_release_needs_every_field_of_the_notice(tmp_path: Path, ledger: Path) -> None:
    path = write_member_file(tmp_path / "shared.csv", member_ids("true", 2))
    notice = tmp_path / "notice.toml"
    notice.write_text(
        'items = ["氏名", "メールアドレス"]\nshared_with = "提携団体"\npurpose = "合同イベントの運営"\n', "utf-8"
    )
    refused = _release(path, tmp_path / "run1", ledger, "shared-use", shared_use_path=notice)
    assert refused.exit_code == 1 and "lacks manager" in refused.result["reason"]
    notice.write_text(notice.read_text("utf-8") + 'manager = "一般社団法人インディゴ 事務局長"\n', "utf-8")
    released = _release(path, tmp_path / "run2", ledger, "shared-use", shared_use_path=notice)
    assert released.exit_code == 0
    assert read_entries(ledger).iloc[1]["details"]["shared_use_notice"]["shared_with"] == "提携団体"


def test_a_release_required_by_law_records_the_legal_basis(tmp_path: Path, ledger: Path) -> None:
    path = write_member_file(tmp_path / "inquiry.csv", member_ids("false", 1))
    outcome = _release(path, tmp_path / "run", ledger, "law", recipient="警察署", legal_basis="刑事訴訟法第197条第2項")
    assert outcome.exit_code == 0
    assert read_entries(ledger).iloc[0]["details"]["legal_basis"] == "刑事訴訟法第197条第2項"


def test_the_japanese_report_of_a_release_required_by_law_names_the_basis_in_japanese(
    tmp_path: Path, ledger: Path
) -> None:
    path = write_member_file(tmp_path / "inquiry.csv", member_ids("false", 1))
    _release(path, tmp_path / "run", ledger, "law", recipient="警察署", legal_basis="刑事訴訟法第197条第2項", lang="ja")
    html = unescape((tmp_path / "run" / "release.html").read_text(encoding="utf-8"))
    assert "法令に基づく提供（方針第3条(3)）" in html and "required by law" not in html
    assert "不要（個人情報保護法第27条第1項）" in html and "exempt (APPI Art. 27(1))" not in html


def test_a_file_the_scan_cannot_read_is_not_released_and_not_recorded(tmp_path: Path, ledger: Path) -> None:
    path = tmp_path / "broken.csv"
    path.write_bytes("member_id,氏名\nM000001,".encode() + b"\xff\xfe\x00bad\n")
    with pytest.raises(IndigoError, match=r"broken\.csv"):
        _release(path, tmp_path / "run", ledger, "law", legal_basis="法令")
    assert not ledger.exists()


def test_a_ledger_the_workspace_lost_stops_the_release_before_the_scan(
    tmp_path: Path, ledger: Path, clean_csv: Path
) -> None:
    _release(clean_csv, tmp_path / "run1", ledger, "anonymous")
    ledger.unlink()
    with pytest.raises(IndigoError, match="provision ledger is missing"):
        _release(clean_csv, tmp_path / "run2", ledger, "anonymous")
    assert not (tmp_path / "run2" / "scan.json").exists() and not ledger.exists()


def test_an_unreadable_members_table_stops_the_job_before_the_scan(
    tmp_path: Path, ledger: Path, clean_csv: Path
) -> None:
    with pytest.raises(InputError, match=r"members\.csv: table not found"):
        _release(clean_csv, tmp_path / "run", ledger, "consent", members_dir=tmp_path)
    assert not (tmp_path / "run" / "scan.json").exists()


def test_releases_in_a_row_keep_the_chain(tmp_path: Path, ledger: Path, clean_csv: Path) -> None:
    for n in range(3):
        _release(clean_csv, tmp_path / f"run{n}", ledger, "anonymous")
    assert verify(ledger).ok and verify(ledger).entries == 3


# The command line (runs the notebook) ----------------------------------------------------------------------------


@pytest.mark.notebook
def test_the_cli_releases_records_and_keeps_the_executed_notebook(tmp_path: Path, clean_csv: Path, ledger) -> None:
    run = tmp_path / "run"
    result = run_cli(
        "release",
        str(clean_csv),
        "--to",
        "会場運営株式会社",
        "--basis",
        "anonymous",
        "--members",
        str(SAMPLE),
        "--out",
        str(run),
    )
    assert result.returncode == 0, result.stderr
    assert "release: RELEASED" in result.stdout and result.stderr == ""
    assert {"notebook.ipynb", "release.json", "release.html", "scan.json", "findings.csv"} <= {
        p.name for p in run.iterdir()
    }
    assert json.loads((run / "release.json").read_text())["ledger"]["path"] == str(ledger.resolve())
    assert len(read_entries(ledger)) == 1
    # The notebook opens on the release's verdict, not on the scan's that the run folder also holds.
    cells = json.loads((run / "notebook.ipynb").read_text(encoding="utf-8"))["cells"]
    shown = ["".join(o.get("data", {}).get("text/html", "")) for c in cells for o in c.get("outputs", [])]
    assert any('class="verdict good"' in h and "RELEASED" in h for h in shown)


@pytest.mark.notebook
def test_the_cli_refusal_exits_1_with_the_reason_on_one_stderr_line(tmp_path: Path, ledger: Path) -> None:
    yes, no = member_ids("true", 2), member_ids("false", 1)
    path = write_member_file(tmp_path / "venue_list.csv", yes + no)
    run = tmp_path / "run"
    result = run_cli(
        "release",
        str(path),
        "--to",
        "会場",
        "--basis",
        "consent",
        "--members",
        str(SAMPLE),
        "--out",
        str(run),
    )
    assert result.returncode == 1
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("indigo-review release: refused: 1 member(s)") and no[0] in lines[0]
    assert json.loads((run / "release.json").read_text())["status"] == "refused"
    assert read_entries(ledger).iloc[0]["outcome"] == "refused"


@pytest.mark.parametrize(
    ("args", "says"),
    [
        (["--basis", "outsourcing"], "--contract"),
        (["--basis", "law", "--legal-basis", " "], "--legal-basis"),
        (["--basis", "consent"], "--members DIR"),
        (["--basis", "shared-use"], "--shared-use FILE"),
    ],
)
def test_a_missing_particular_exits_2_before_any_run_folder(
    tmp_path: Path, clean_csv: Path, ledger: Path, args: list, says: str
) -> None:
    run = tmp_path / "run"
    result = run_cli("release", str(clean_csv), "--to", "先方", *args, "--out", str(run))
    assert result.returncode == 2 and says in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1 and "Traceback" not in result.stderr
    assert not run.exists() and not ledger.exists()


def test_a_missing_file_to_release_exits_2_naming_it(tmp_path: Path) -> None:
    result = run_cli("release", str(tmp_path / "nope.csv"), "--to", "先方", "--basis", "anonymous")
    assert result.returncode == 2 and f"{tmp_path / 'nope.csv'}: file not found" in result.stderr


@pytest.mark.notebook
def test_a_file_the_scan_cannot_read_exits_2_with_one_line(tmp_path: Path, ledger: Path) -> None:
    path = tmp_path / "broken.csv"
    path.write_bytes(b"member_id,name\nM000001,\xff\xfe\x00bad\n")
    run = tmp_path / "run"
    result = run_cli(
        "release",
        str(path),
        "--to",
        "先方",
        "--basis",
        "law",
        "--legal-basis",
        "法令",
        "--members",
        str(SAMPLE),
        "--out",
        str(run),
    )
    assert result.returncode == 2
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and str(path) in lines[0] and "Traceback" not in result.stderr
    assert (run / "notebook.ipynb").exists() and json.loads((run / "release.json").read_text())["exit_code"] == 2
    assert not ledger.exists()


@pytest.mark.parametrize(
    "command",
    [["release"], *(["ledger", a] for a in ("list", "export", "verify", "head", "purge"))],
)
def test_every_option_of_release_and_ledger_has_help(command: list[str]) -> None:
    from indigo_review.cli import build_parser

    parser = build_parser()._subparsers._group_actions[0].choices[command[0]]
    if len(command) > 1:
        parser = parser._subparsers._group_actions[0].choices[command[1]]
    for action in parser._actions:
        assert action.help, f"{command} {action.option_strings or action.dest} has no help"


def test_the_demo_venue_list_holds_only_consenting_members_not_on_the_stop_list(tmp_path: Path) -> None:
    from indigo_review.demo import consenting_venue_list

    workspace = Workspace.locate()
    add_to_stop_list(workspace, member_ids("true", 1)[0], "R-1", RECEIVED)
    path = consenting_venue_list(SAMPLE, tmp_path / "venue_list.csv", workspace, n=5)
    listed = path.read_text(encoding="utf-8").splitlines()
    assert listed[0] == "member_id,name_kanji,email"
    assert [line.split(",")[0] for line in listed[1:]] == member_ids("true", 6)[1:]


# The gate knows the society's own members (issue 19) -------------------------------------------------------------


@pytest.mark.parametrize("basis", ["anonymous", "consent", "outsourcing", "shared-use", "law"])
def test_an_export_whose_member_ids_are_headed_otherwise_is_refused_for_a_stopped_member(
    tmp_path: Path, ledger: Path, basis: str
) -> None:
    export = EXPORTS / "leaky_export_utf8bom.csv"  # its member ids are headed 会員番号
    first = read_table(export).frame["会員番号"].iloc[0]
    add_to_stop_list(Workspace.locate(), first, "R-1", RECEIVED)
    notice = tmp_path / "notice.toml"
    notice.write_text('items = ["氏名"]\nshared_with = "提携団体"\npurpose = "運営"\nmanager = "事務局長"\n', "utf-8")
    options = {"contract": "C-1", "legal_basis": "法令", "shared_use_path": notice}
    outcome = _release(export, tmp_path / "run", ledger, basis, **options)
    assert outcome.exit_code == 1 and outcome.result["refused_members"]["stop_of_use"] == [first]
    entry = read_entries(ledger).iloc[-1]
    assert entry["outcome"] == "refused" and entry["person_count"] == 200 and entry["persons"] == []


def test_a_consent_release_checks_the_members_the_file_holds_whatever_the_header(tmp_path: Path, ledger) -> None:
    yes, no = member_ids("true", 2), member_ids("false", 1)
    path = tmp_path / "list.csv"
    path.write_text("番号,席\n" + "".join(f"{m.lower()},A{i}\n" for i, m in enumerate(yes + no)), encoding="utf-8")
    outcome = _release(path, tmp_path / "run", ledger, "consent")
    assert outcome.exit_code == 1 and outcome.result["refused_members"] == {"no_consent": no}


def test_a_released_provision_records_the_matched_members_and_the_items(tmp_path: Path, ledger: Path) -> None:
    ids = member_ids("false", 3)
    path = write_member_file(tmp_path / "mailing.csv", ids, columns=("email", "name_kanji"))
    outcome = _release(path, tmp_path / "run", ledger, "outsourcing", contract="C-7")
    assert outcome.exit_code == 0
    entry = read_entries(ledger).iloc[-1]
    assert entry["persons"] == sorted(ids) and entry["person_count"] == 3
    items = {i["column"]: set(i["entities"]) for i in entry["items"]}
    assert {"EMAIL_ADDRESS", "MEMBER_MATCH"} <= items["email"]


def test_an_internal_anonymise_file_copied_out_of_its_run_folder_is_refused_as_anonymous(
    tmp_path: Path, ledger: Path
) -> None:
    import hashlib
    import hmac

    secret = b"copied-internal-key-" + b"x" * 30
    ids = member_ids("true", 30) * 3
    pseudonyms = [hmac.new(secret, m.encode(), hashlib.sha256).hexdigest()[:16] for m in ids]
    copied = tmp_path / "elsewhere" / "signups.csv"
    copied.parent.mkdir()
    copied.write_text("member_pseudonym,region\n" + "".join(f"{p},関東\n" for p in pseudonyms), encoding="utf-8")
    outcome = _release(copied, tmp_path / "run", ledger, "anonymous")
    assert outcome.exit_code == 1 and "can link rows back to a person" in outcome.result["reason"]


def test_my_numbers_in_the_file_refuse_an_outsourcing_release(tmp_path: Path, ledger: Path) -> None:
    outcome = _release(EXPORTS / "leaky_export_utf8bom.csv", tmp_path / "run", ledger, "outsourcing", contract="C")
    assert outcome.exit_code == 1 and "特定個人情報" in outcome.result["reason"]
