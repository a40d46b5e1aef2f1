"""Columns are judged by their values first, their header second, from a sample across the whole file."""

from __future__ import annotations

import csv
from datetime import date
from pathlib import Path

from stdnum import ean
from stdnum.jp import in_ as stdnum_my_number

from indigo_review.scan import BLOCK, PASS, scan_path
from indigo_review.scan.profiles import profile_column

from .test_scan import cells

NAMES = ["山田 太郎", "佐藤 花子", "鈴木 一郎", "高橋 健太", "田中 美咲", "伊藤 翔太"]
TITLES = ["春の歴史講座", "秋のウォーキングツアー", "写真ワークショップ 2025", "城下町散策", "陶芸体験教室", "茶道入門"]


def write(path: Path, header: list[str], rows: list[list[str]]) -> Path:
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(header)
        writer.writerows(rows)
    return path


def test_a_category_column_full_of_names_is_a_name_column() -> None:
    profile = profile_column("category", NAMES)
    assert "PERSON" in profile.entities and "PERSON" not in profile.excluded


def test_a_code_column_full_of_existing_postal_codes_is_a_postal_column() -> None:
    codes = ["100-0001", "790-0852", "336-0022", "983-0828", "989-3127", "060-0001"]
    assert "JP_POSTAL_CODE" in profile_column("code", codes).entities


def test_a_name_column_of_event_titles_is_not_a_name_column() -> None:
    assert "PERSON" not in profile_column("name", TITLES).entities


def test_a_name_column_of_names_stays_a_name_column() -> None:
    assert "PERSON" in profile_column("name", [*NAMES, "John Smith"]).entities


def test_a_birthday_column_of_event_dates_is_not_birth_dates() -> None:
    year = date.today().year
    events = [f"{year}-{m:02d}-{d:02d}" for m in (3, 6, 9, 11) for d in (5, 20)]
    profile = profile_column("birthday", events)
    assert "DATE_OF_BIRTH" not in profile.entities and "DATE_OF_BIRTH" in profile.excluded


def test_a_birthday_column_of_future_dates_is_not_birth_dates() -> None:
    future = [f"{date.today().year + 1}-{m:02d}-01" for m in range(1, 13)]
    assert "DATE_OF_BIRTH" not in profile_column("誕生日", future).entities


def test_a_birthday_column_of_real_birth_dates_stays_one() -> None:
    births = [f"19{y}-0{m}-1{m}" for y in range(50, 60) for m in (1, 2)]
    assert "DATE_OF_BIRTH" in profile_column("birthday", births).entities


def test_headerless_columns_are_judged_by_values_alone() -> None:
    assert "PERSON" in profile_column("col1", NAMES).entities
    assert "PERSON" in profile_column("col2", ["Taro Yamada", "Hanako Sato", "YAMADA Ichiro", "Suzuki K."]).entities
    assert "PERSON" in profile_column("col3", ["やまだ たろう", "さとう はなこ", "すずき いちろう"]).entities
    assert not profile_column("col4", TITLES).entities


def test_a_mislabelled_name_column_blocks_and_a_titled_name_column_passes(ginza, tmp_path: Path) -> None:
    names = write(tmp_path / "a.csv", ["category", "n"], [[name, "1"] for name in NAMES])
    assert scan_path(names).verdict == BLOCK
    titles = write(tmp_path / "b.csv", ["name", "n"], [[title, "1"] for title in TITLES])
    assert scan_path(titles).verdict == PASS


def test_a_birthday_column_of_event_dates_passes(ginza, tmp_path: Path) -> None:
    year = date.today().year
    path = write(tmp_path / "e.csv", ["event", "birthday"], [[t, f"{year}-0{i + 1}-15"] for i, t in enumerate(TITLES)])
    assert scan_path(path).verdict == PASS


def test_a_column_is_judged_alike_in_every_chunk_from_a_sample_of_the_whole_file(ginza, tmp_path: Path) -> None:
    # The first rows of `col2` are blank; its names come later, past the first chunk.
    rows = [[str(i), ""] for i in range(60)] + [[str(60 + i), name] for i, name in enumerate(NAMES * 5)]
    path = write(tmp_path / "late.csv", ["col1", "col2"], rows)
    whole = scan_path(path)
    chunked = scan_path(path, chunk_threshold=0, chunk_rows=20)
    assert whole.verdict == chunked.verdict == BLOCK
    assert cells(whole) == cells(chunked)
    assert len(cells(chunked)) == 30


def test_the_profile_sample_is_bounded_and_spread_across_the_file() -> None:
    import pandas as pd

    from indigo_review.scan.planning import sample_rows

    frames = [
        pd.DataFrame({"a": [str(i) for i in range(s, s + 100)]}, index=range(s, s + 100)) for s in range(0, 1000, 100)
    ]
    sample = sample_rows(iter(frames), limit=64)
    assert len(sample) <= 64 and sample.index.max() >= 900 and sample.index.min() == 0
    assert list(sample.index) == list(sample_rows(iter(frames), limit=64).index)


def test_a_headerless_column_of_valid_my_numbers_blocks_but_order_numbers_pass(ginza, tmp_path: Path) -> None:
    bodies = [f"{n:011d}" for n in range(31_415_926_530, 31_415_926_542)]
    numbers = [b + stdnum_my_number.calc_check_digit(b) for b in bodies]
    assert scan_path(write(tmp_path / "m.csv", ["col1"], [[n] for n in numbers])).verdict == BLOCK
    orders = [f"{n:012d}" for n in range(290_536_930_940, 290_536_930_952)]
    assert scan_path(write(tmp_path / "o.csv", ["col1"], [[n] for n in orders])).verdict == PASS


def test_a_column_of_jan_codes_that_pass_luhn_is_not_cards(ginza, tmp_path: Path) -> None:
    from stdnum import luhn

    # JAN codes whose digits pass both the GS1 check and Luhn: they look like 13-digit Visa numbers.
    codes = []
    for n in range(400_000_000_000, 400_000_100_000):
        code = f"{n}" + ean.calc_check_digit(f"{n}")
        if luhn.is_valid(code):
            codes.append(code)
        if len(codes) == 8:
            break
    path = write(tmp_path / "jan.csv", ["商品", "JAN"], [[f"商品{i}", c] for i, c in enumerate(codes)])
    assert scan_path(path).verdict == PASS
    loose = write(tmp_path / "jan2.csv", ["col1"], [[f"JAN {codes[0]}"]])
    assert scan_path(loose).verdict == PASS
