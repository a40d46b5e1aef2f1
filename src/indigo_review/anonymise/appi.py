"""What APPI asks the report to say: information items (Art. 43(3)) and the five standards of Rules Art. 34.

Everything here is generated from the written table (its columns) and the generalisation levels chosen,
never fixed text about columns that may not be there.
"""

from __future__ import annotations

from typing import Any

import pandas as pd

from .hierarchies import STAR, TOP_AGE

# Column -> (Japanese, English) meaning; the level chosen is added per column.
_ITEMS = {
    "member_pseudonym": ("会員の仮名ID（鍵付きHMAC。協会内でのみ再計算可能）", "keyed pseudonym of the member (HMAC)"),
    "event_id": ("申し込んだイベント", "the event signed up for"),
    "event_month": ("申し込んだイベントの開催月", "the month of the event signed up for"),
    "age_band": ("年齢層（基準日時点）", "age band (at one reference date)"),
    "area": ("居住地域", "area of residence"),
    "postal_area": ("郵便番号の上位桁", "leading digits of the postal code"),
    "gender": ("性別", "gender"),
    "channel": ("申込の受付経路", "how the sign-up was received"),
    "signed_up": ("申込日", "when the member signed up"),
    "attended": ("出席したか（未開催は空欄）", "whether the member attended (empty for future events)"),
}
_LEVELS = {
    "event_id": ("イベント単位", "per event"),
    "event_month": ("開催月単位", "month"),
    "age_5": ("5歳刻み", "5-year bands"),
    "age_10": ("10歳刻み", "10-year bands"),
    "age_20": ("20歳刻み", "20-year bands"),
    "prefecture": ("都道府県", "prefecture"),
    "region": ("地方（8区分）", "region (one of eight)"),
    "postal_3": ("上3桁", "first three digits"),
    "postal_1": ("上1桁", "first digit"),
    "gender": ("記録どおり", "as recorded"),
    "channel": ("経路別", "per channel"),
    "online_offline": ("オンライン／オフライン", "online / offline"),
    "day": ("日単位", "day"),
    "month": ("月単位", "month"),
    "attended": ("記録どおり", "as recorded"),
}
DELETED = ("member_id", "name_kanji", "name_kana", "email", "phone", "address", "postal_code", "birth_date")
LINKING = ("member_id", "signup_id")


def information_items(frame: pd.DataFrame, levels: dict[str, str], released: dict[str, str]) -> list[dict[str, str]]:
    """One item per column of the written table, in Japanese and English, with its generalisation level."""
    level_of_column = {column: levels.get(name, "") for name, column in released.items()}
    items = []
    for column in frame.columns:
        ja, en = _ITEMS.get(column, (column, column))
        level = level_of_column.get(column, "")
        level_ja, level_en = _LEVELS.get(level, ("", ""))
        if column == "age_band":
            level_ja += f"、{TOP_AGE}歳以上は「{TOP_AGE}+」"
            level_en += f", {TOP_AGE} and over as '{TOP_AGE}+'"
        starred = int((frame[column].astype(str) == STAR).sum())
        items.append(
            {
                "column": column,
                "level": level,
                "ja": f"{ja}（{level_ja}）" if level_ja else ja,
                "en": f"{en} ({level_en})" if level_en else en,
                "rows_suppressed_to_star": starred,
            }
        )
    return items


def rule_34(
    frame: pd.DataFrame, k: int, levels: dict[str, str], suppressed: int, dropped: int, share_unique: float
) -> list[dict[str, Any]]:
    """The five standards of APPI Enforcement Rules Art. 34: what was done, and on which columns."""
    columns = list(frame.columns)
    generalised = [c for c in columns if c != "attended"]
    return [
        {
            "standard": 1,
            "ja": "特定の個人を識別することができる記述等の全部又は一部を削除",
            "en": "delete descriptions that identify a specific individual",
            "done": "names, e-mail, phone, street address and birth date deleted; postal code kept only as leading "
            "digits and birth date only as an age band, where released",
            "deleted_columns": list(DELETED),
            "columns": [c for c in ("postal_area", "age_band") if c in columns],
        },
        {
            "standard": 2,
            "ja": "個人識別符号の全部を削除",
            "en": "delete all individual identification codes",
            "done": "the source tables hold no individual identification code (My Number, passport, licence "
            "numbers); no free-text column is released, and the release gate scans the file",
            "deleted_columns": ["comment"],
            "columns": [],
        },
        {
            "standard": 3,
            "ja": "個人情報と当該個人情報に措置を講じて得られる情報とを連結する符号を削除",
            "en": "delete codes that link the information to the personal information it came from",
            "done": "member id and sign-up id deleted and no pseudonym written; rows are ordered by their released "
            "values, so neither a code nor the row order links a row back to a member or to another row",
            "deleted_columns": list(LINKING),
            "columns": [],
        },
        {
            "standard": 4,
            "ja": "特異な記述等を削除",
            "en": "delete idiosyncratic descriptions",
            "done": (f"ages {TOP_AGE} and over top-coded as '{TOP_AGE}+'; " if "age_band" in columns else "")
            + f"every combination of released values is held by at least {k} members, so no value is held by "
            f"fewer; {suppressed} rows suppressed to '*' and {dropped} dropped",
            "columns": generalised,
        },
        {
            "standard": 5,
            "ja": "個人情報データベース等の性質を勘案し、その他の適切な措置",
            "en": "other appropriate measures given the character of the database",
            "done": f"the event and attendance are treated as quasi-identifiers; k={k} over all released columns "
            f"together, verified on the written file; share of members unique: {share_unique}; levels "
            + ", ".join(f"{name}={level}" for name, level in levels.items()),
            "columns": columns,
        },
    ]
