"""Japanese prefectures and the eight regions: the shared reference table for every job."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Prefecture:
    """One of the 47 prefectures, with its JIS X 0401 code and its region."""

    code: int
    name: str
    name_en: str
    region: str


# Why a tuple of rows and not a dict literal: the JIS order is meaningful (north to south) and
# reports list prefectures in it.
_ROWS = (
    (1, "北海道", "Hokkaido", "北海道"),
    (2, "青森県", "Aomori", "東北"),
    (3, "岩手県", "Iwate", "東北"),
    (4, "宮城県", "Miyagi", "東北"),
    (5, "秋田県", "Akita", "東北"),
    (6, "山形県", "Yamagata", "東北"),
    (7, "福島県", "Fukushima", "東北"),
    (8, "茨城県", "Ibaraki", "関東"),
    (9, "栃木県", "Tochigi", "関東"),
    (10, "群馬県", "Gunma", "関東"),
    (11, "埼玉県", "Saitama", "関東"),
    (12, "千葉県", "Chiba", "関東"),
    (13, "東京都", "Tokyo", "関東"),
    (14, "神奈川県", "Kanagawa", "関東"),
    (15, "新潟県", "Niigata", "中部"),
    (16, "富山県", "Toyama", "中部"),
    (17, "石川県", "Ishikawa", "中部"),
    (18, "福井県", "Fukui", "中部"),
    (19, "山梨県", "Yamanashi", "中部"),
    (20, "長野県", "Nagano", "中部"),
    (21, "岐阜県", "Gifu", "中部"),
    (22, "静岡県", "Shizuoka", "中部"),
    (23, "愛知県", "Aichi", "中部"),
    (24, "三重県", "Mie", "近畿"),
    (25, "滋賀県", "Shiga", "近畿"),
    (26, "京都府", "Kyoto", "近畿"),
    (27, "大阪府", "Osaka", "近畿"),
    (28, "兵庫県", "Hyogo", "近畿"),
    (29, "奈良県", "Nara", "近畿"),
    (30, "和歌山県", "Wakayama", "近畿"),
    (31, "鳥取県", "Tottori", "中国"),
    (32, "島根県", "Shimane", "中国"),
    (33, "岡山県", "Okayama", "中国"),
    (34, "広島県", "Hiroshima", "中国"),
    (35, "山口県", "Yamaguchi", "中国"),
    (36, "徳島県", "Tokushima", "四国"),
    (37, "香川県", "Kagawa", "四国"),
    (38, "愛媛県", "Ehime", "四国"),
    (39, "高知県", "Kochi", "四国"),
    (40, "福岡県", "Fukuoka", "九州"),
    (41, "佐賀県", "Saga", "九州"),
    (42, "長崎県", "Nagasaki", "九州"),
    (43, "熊本県", "Kumamoto", "九州"),
    (44, "大分県", "Oita", "九州"),
    (45, "宮崎県", "Miyazaki", "九州"),
    (46, "鹿児島県", "Kagoshima", "九州"),
    (47, "沖縄県", "Okinawa", "九州"),
)

PREFECTURES: tuple[Prefecture, ...] = tuple(Prefecture(*row) for row in _ROWS)
PREFECTURE_BY_NAME: dict[str, Prefecture] = {p.name: p for p in PREFECTURES}
REGIONS: tuple[str, ...] = ("北海道", "東北", "関東", "中部", "近畿", "中国", "四国", "九州")


def region_of(prefecture: str) -> str | None:
    """Return the region of a prefecture name, or None when the name is not a prefecture."""
    found = PREFECTURE_BY_NAME.get(prefecture)
    return found.region if found else None


def prefecture_prefix(address: str) -> str | None:
    """Return the prefecture an address starts with, or None."""
    for name in PREFECTURE_BY_NAME:
        if address.startswith(name):
            return name
    return None
