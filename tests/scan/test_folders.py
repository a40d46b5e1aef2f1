"""Folder scans leave nothing out silently, and the formats people send (PDF, Word, legacy Excel) are read.

The case from the issue: a folder holding a PDF, a DOCX and an .xls full of names and phones, plus one clean CSV,
scanned PASS without a word about the three files it skipped. Now it BLOCKs, with findings a person can locate;
a file that cannot be read makes the run ERROR unless skipping is asked for, and then it is listed.
"""

from __future__ import annotations

import csv
import json
import shutil
from pathlib import Path

import pytest

from indigo_review.io import read_table
from indigo_review.scan import collect_exports

from ..conftest import SAMPLE, run_cli
from ..files import encrypt_office, write_docx, write_pdf, write_xls

EXPORTS = SAMPLE / "exports"
CLEAN = "planning_export.csv"


def _members(n: int, skip: int = 0) -> list[dict[str, str]]:
    with (SAMPLE / "members.csv").open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    return rows[skip : skip + n]


def mixed_folder(root: Path) -> Path:
    """The issue's folder: a PDF, a Word document and a legacy .xls of sample members' names and phones, and a
    clean CSV."""
    folder = root / "outbox"
    folder.mkdir()
    pdf_people, docx_people, xls_people = _members(3), _members(3, 3), _members(4, 6)
    write_pdf(
        folder / "参加者名簿.pdf",
        [
            {
                "lines": ["秋の交流会 参加者名簿", f"当日連絡先: {pdf_people[0]['phone']}"],
                "table": [["氏名", "電話番号"], *[[m["name_kanji"], m["phone"]] for m in pdf_people]],
                "after": ["以上"],
            }
        ],
    )
    write_docx(
        folder / "連絡網.docx",
        paragraphs=["役員連絡網", f"幹事の電話: {docx_people[0]['phone']}"],
        tables=[[["氏名", "電話番号"], *[[m["name_kanji"], m["phone"]] for m in docx_people]]],
    )
    write_xls(
        folder / "会員一覧.xls", {"会員": [["氏名", "電話番号"], *[[m["name_kanji"], m["phone"]] for m in xls_people]]}
    )
    shutil.copy(EXPORTS / CLEAN, folder / CLEAN)
    return folder


def _scan(*args: str, run: Path) -> tuple[int, str, dict, list[dict[str, str]]]:
    result = run_cli("scan", *args, "--out", str(run))
    scan = json.loads((run / "scan.json").read_text(encoding="utf-8"))
    with (run / "findings.csv").open(encoding="utf-8-sig", newline="") as handle:
        findings = list(csv.DictReader(handle))
    return result.returncode, result.stderr, scan, findings


def test_the_mixed_folder_blocks_with_findings_in_every_document(tmp_path: Path) -> None:
    folder = mixed_folder(tmp_path)
    code, stderr, scan, findings = _scan(str(folder), run=tmp_path / "run")
    assert code == 1, stderr
    verdicts = {f["label"]: f["verdict"] for f in scan["files"]}
    assert verdicts == {"参加者名簿.pdf": "BLOCK", "連絡網.docx": "BLOCK", "会員一覧.xls": "BLOCK", CLEAN: "PASS"}
    assert scan["files_skipped"] == 0 and scan["skipped"] == []
    by_file = {label: {f["entity"] for f in findings if f["file"] == label} for label in verdicts}
    for label in ("参加者名簿.pdf", "連絡網.docx", "会員一覧.xls"):
        assert {"PERSON", "PHONE_NUMBER"} <= by_file[label], label


def test_every_finding_in_a_document_points_at_the_characters_it_found(tmp_path: Path) -> None:
    folder = mixed_folder(tmp_path)
    _, _, _, findings = _scan(str(folder), run=tmp_path / "run")
    # A PDF's text comes back with the ideographic space of 小川　渚 as a plain space: compare words.
    planted = {" ".join(m[k].split()) for m in _members(10) for k in ("name_kanji", "phone")}
    tables = {label: read_table(folder / label) for label in ("参加者名簿.pdf", "連絡網.docx", "会員一覧.xls")}
    located = set()
    for f in findings:
        cell = tables[f["file"]].sheets[f["sheet"]].at[int(f["row"]), f["column"]]
        located.add(" ".join(cell[int(f["start"]) : int(f["end"])].split()))
    # Every planted name and phone is found where the finding says: sheet (or page, or table), row, column.
    assert planted <= located
    pdf = [(f["sheet"], f["column"]) for f in findings if f["file"] == "参加者名簿.pdf"]
    assert ("page 1 table 1", "氏名") in pdf and ("page 1", "text") in pdf


def test_no_raw_value_of_the_documents_reaches_the_run_folder(tmp_path: Path) -> None:
    folder = mixed_folder(tmp_path)
    run = tmp_path / "run"
    _scan(str(folder), run=run)
    planted = {m[k] for m in _members(10) for k in ("name_kanji", "phone")}
    planted |= {" ".join(v.split()) for v in planted}  # as a PDF gives them back
    texts = {p.name: p.read_text(encoding="utf-8") for p in run.iterdir() if p.is_file() and p.suffix != ".png"}
    assert {(name, v) for name, text in texts.items() for v in planted if v in text} == set()


def _with_locked_pdf(root: Path) -> tuple[Path, Path]:
    folder = mixed_folder(root)
    locked = write_pdf(folder / "locked.pdf", [{"lines": ["秘密"]}], user_password="secret")
    return folder, locked


def test_a_file_that_cannot_be_read_makes_the_folder_an_error_naming_it(tmp_path: Path) -> None:
    folder, locked = _with_locked_pdf(tmp_path)
    code, stderr, scan, findings = _scan(str(folder), run=tmp_path / "run")
    assert code == 2 and scan["verdict"] == "ERROR"
    lines = stderr.strip().splitlines()
    assert len(lines) == 1 and str(locked) in lines[0] and "password-protected" in lines[0]
    assert "--skip-unsupported" in lines[0]
    assert [f["verdict"] for f in scan["files"] if f["label"] == "locked.pdf"] == ["ERROR"]
    assert [(f["file"], f["entity"]) for f in findings if f["entity"] == "NOT_SCANNED"] == [
        ("locked.pdf", "NOT_SCANNED")
    ]


def test_skip_unsupported_lists_the_file_and_judges_the_rest(tmp_path: Path) -> None:
    folder, _ = _with_locked_pdf(tmp_path)
    run = tmp_path / "run"
    # The report is read in English below: the language is given, not left to the locale.
    code, stderr, scan, findings = _scan(str(folder), "--skip-unsupported", "--lang", "en", run=run)
    assert code == 1, stderr
    assert scan["verdict"] == "BLOCK" and scan["files_scanned"] == 4 and scan["files_skipped"] == 1
    (skipped,) = scan["skipped"]
    assert skipped["label"] == "locked.pdf" and skipped["kind"] == "unsupported"
    assert skipped["reason"] == "is password-protected (encrypted)" and len(skipped["sha256"]) == 64
    assert scan["settings"]["skip_unsupported"] is True
    marker = [f for f in findings if f["entity"] == "NOT_SCANNED"]
    assert [(f["file"], f["evidence"]) for f in marker] == [
        ("locked.pdf", "skipped (unsupported): is password-protected (encrypted)")
    ]
    report = (run / "report.html").read_text(encoding="utf-8")
    assert "Files not scanned" in report and "locked.pdf" in report and "password-protected" in report


def test_a_japanese_report_says_why_a_file_was_not_scanned_in_japanese(tmp_path: Path) -> None:
    folder, _ = _with_locked_pdf(tmp_path)
    (folder / ".DS_Store").write_bytes(b"\x00\x00\x00\x01Bud1")
    run = tmp_path / "run"
    code, stderr, scan, _ = _scan(str(folder), "--skip-unsupported", "--lang", "ja", run=run)
    assert code == 1, stderr
    assert {s["label"]: s["reason_code"] for s in scan["skipped"]}["locked.pdf"] == "encrypted"
    report = (run / "report.html").read_text(encoding="utf-8")
    assert "パスワードで保護" in report and "password-protected" not in report
    assert "OS やエディタが作るファイル" in report and "operating-system or editor file" not in report


@pytest.mark.parametrize(
    ("name", "content", "reason"),
    [
        ("archive.zip", b"PK\x03\x04 an archive", "unsupported file type '.zip'"),
        ("slides.pptx", b"PK\x03\x04 a presentation", "unsupported file type '.pptx'"),
        ("README", b"no extension", "unsupported file type '(none)'"),
    ],
)
def test_an_unsupported_file_in_a_folder_is_an_error_or_with_the_option_a_listed_skip(
    tmp_path: Path, name: str, content: bytes, reason: str
) -> None:
    folder = tmp_path / "outbox"
    folder.mkdir()
    shutil.copy(EXPORTS / CLEAN, folder / CLEAN)
    (folder / name).write_bytes(content)
    code, stderr, scan, _ = _scan(str(folder), run=tmp_path / "run")
    assert code == 2 and name in stderr and reason in stderr
    code, stderr, scan, _ = _scan(str(folder), "--skip-unsupported", run=tmp_path / "run2")
    assert code == 0, stderr
    assert [(s["label"], s["reason"]) for s in scan["skipped"]] == [(name, reason)]


def test_an_encrypted_workbook_is_skippable_but_a_damaged_one_stays_an_error(tmp_path: Path) -> None:
    folder = tmp_path / "outbox"
    folder.mkdir()
    shutil.copy(EXPORTS / CLEAN, folder / CLEAN)
    (folder / "locked.xlsx").write_bytes(encrypt_office((EXPORTS / "leaky_export.xlsx").read_bytes()))
    (folder / "cut.xlsx").write_bytes((EXPORTS / "leaky_export.xlsx").read_bytes()[:2000])
    code, stderr, scan, _ = _scan(str(folder), "--skip-unsupported", run=tmp_path / "run")
    assert code == 2 and "cut.xlsx" in stderr and "corrupt" in stderr
    assert [s["label"] for s in scan["skipped"]] == ["locked.xlsx"]
    assert {f["label"]: f["verdict"] for f in scan["files"]} == {"cut.xlsx": "ERROR", CLEAN: "PASS"}


def test_operating_system_and_editor_files_are_listed_and_never_fail_the_run(tmp_path: Path) -> None:
    folder = tmp_path / "outbox"
    (folder / "sub").mkdir(parents=True)
    shutil.copy(EXPORTS / CLEAN, folder / CLEAN)
    for name in (".DS_Store", "Thumbs.db", "sub/desktop.ini", "~$会員一覧.xlsx", ".~lock.会員.ods#", "._planning.csv"):
        (folder / name).write_bytes(b"\x00\x01 metadata")
    code, stderr, scan, findings = _scan(str(folder), run=tmp_path / "run")
    assert code == 0, stderr
    assert [(s["label"], s["kind"]) for s in scan["skipped"]] == [
        (".DS_Store", "metadata"),
        ("._planning.csv", "metadata"),
        (".~lock.会員.ods#", "metadata"),
        ("Thumbs.db", "metadata"),
        ("sub/desktop.ini", "metadata"),
        ("~$会員一覧.xlsx", "metadata"),
    ]
    assert scan["summary"].endswith("; 6 not scanned (6 metadata)")
    assert sum(f["entity"] == "NOT_SCANNED" for f in findings) == 6


def test_a_hidden_file_that_is_an_export_is_scanned(tmp_path: Path) -> None:
    folder = tmp_path / "outbox"
    folder.mkdir()
    shutil.copy(EXPORTS / "leaky_export_utf8bom.csv", folder / ".members.csv")
    assert [(e.label, e.skip) for e in collect_exports([folder])] == [(".members.csv", "")]
    code, _, scan, _ = _scan(str(folder), run=tmp_path / "run")
    assert code == 1 and scan["files"][0]["label"] == ".members.csv"


def test_a_folder_where_everything_is_skipped_is_an_error(tmp_path: Path) -> None:
    folder = tmp_path / "outbox"
    folder.mkdir()
    (folder / ".DS_Store").write_bytes(b"\x00")
    (folder / "photo.heic").write_bytes(b"\x00\x01")
    code, stderr, scan, _ = _scan(str(folder), "--skip-unsupported", run=tmp_path / "run")
    assert code == 2 and scan["verdict"] == "ERROR" and scan["files_scanned"] == 0
    assert "nothing was scanned: every file was skipped (1 metadata, 1 unsupported)" in stderr


def test_a_broken_link_in_a_folder_is_listed_not_ignored(tmp_path: Path) -> None:
    folder = tmp_path / "outbox"
    folder.mkdir()
    shutil.copy(EXPORTS / CLEAN, folder / CLEAN)
    (folder / "gone.csv").symlink_to(tmp_path / "nowhere.csv")
    code, stderr, _, _ = _scan(str(folder), run=tmp_path / "run")
    assert code == 2 and "gone.csv: cannot be read" in stderr
    code, _, scan, _ = _scan(str(folder), "--skip-unsupported", run=tmp_path / "run2")
    assert code == 0 and [s["label"] for s in scan["skipped"]] == ["gone.csv"]


def test_a_workbook_too_large_to_read_whole_is_named_with_its_size(tmp_path: Path) -> None:
    big = tmp_path / "huge.xlsx"
    with big.open("wb") as handle:  # sparse: the size is what counts, nothing is read
        handle.truncate(101 * 1024 * 1024)
    code, stderr, _, _ = _scan(str(big), run=tmp_path / "run")
    assert code == 2 and "huge.xlsx: is too large to read whole (101 MB; the limit for a xlsx file is 100 MB)" in stderr


def test_a_pdf_of_scanned_pages_alone_is_an_error_naming_the_pages(tmp_path: Path) -> None:
    pdf = write_pdf(tmp_path / "scan.pdf", [{"lines": ["表紙"]}, {"picture": True}, {"picture": True}])
    code, stderr, scan, _ = _scan(str(pdf), run=tmp_path / "run")
    assert code == 2 and scan["verdict"] == "ERROR"
    assert "scan.pdf: has pages 2, 3 with pictures but no text (scanned?)" in stderr
