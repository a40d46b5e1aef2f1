"""Clean operational exports pass: a catalogue and a JSON event catalogue hold nothing about anyone."""

from __future__ import annotations

import json
from pathlib import Path

from stdnum import ean

from indigo_review.scan import PASS, scan_path

from .test_values_over_headers import write


def _jan(body: str) -> str:
    return body + ean.calc_check_digit(body)


def test_a_product_catalogue_with_codes_versions_and_makers_passes(ginza, tmp_path: Path) -> None:
    header = ["sku", "jan", "product", "maker", "description", "firmware", "order_code", "price"]
    makers = [
        "有限会社井上印刷",
        "株式会社佐藤建設",
        "合同会社井上建設",
        "Yamada Shoji Co., Ltd.",
        "鈴木酒造",
        "Acme Inc.",
    ]
    rows = [
        [
            f"SKU-{100000 + i}",
            _jan(f"45{i:010d}"),
            "陶芸セット",
            makers[i % len(makers)],
            "初心者向けの陶芸キット。ろくろ不要で作れます。",
            f"2.10.{i}.4",
            f"{100 + i}-{1000 + i}-{200 + i}",
            "3000",
        ]
        for i in range(30)
    ]
    assert scan_path(write(tmp_path / "catalogue.csv", header, rows)).verdict == PASS


def test_a_json_event_catalogue_naming_historical_figures_and_venues_passes(ginza, tmp_path: Path) -> None:
    records = [
        {
            "id": f"EV-2026-{i:04d}",
            "title": title,
            "starts_at": f"2026-04-{10 + i}T10:00",
            "venue": {"name": "札幌市民会館", "city": "札幌市", "postal_code": "060-0001", "phone": "011-123-4567"},
            "organizer": "Yamada Shoji Co., Ltd.",
            "capacity": 40,
            "tags": ["歴史", "散策", "陶芸"][: i + 1],
            "description": "江戸の町並みを歩きながら、家康の時代を学びます。定員40名。",
            "app_version": f"2.10.4.{i}",
            "sku": "123-4567",
        }
        for i, title in enumerate(["徳川家康と江戸の町歩き", "Pottery workshop in Minato-ku", "高尾山 春の自然観察会"])
    ]
    path = tmp_path / "events.json"
    path.write_text(json.dumps(records, ensure_ascii=False), encoding="utf-8")
    assert scan_path(path).verdict == PASS
