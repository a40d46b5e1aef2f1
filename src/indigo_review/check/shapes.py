"""A masked value that keeps the defect's shape visible and never the value: `yamada@@example.com` -> `x@@x.x`.

Each character is replaced by its class: letters by `x` (full-width `ｘ`, other scripts `é`), digits by
`9` (full-width `９`), hiragana by `あ`, katakana by `ア` (half-width `ｱ`), kanji by `漢`, a space by `␣`,
a control character by `¤`; runs of letters, kana and kanji shrink to one symbol, so a name's length is
not shown, while each digit stays (a phone or postal code that lost a digit shows it). Punctuation, `@`,
dashes (all look-alikes), the ideographic space, `〒` and the replacement character `�` stay as they are:
they are the structure a defect lives in (the long-vowel mark ー counts as katakana). For prefectures the
suffixes 都道府県 stay too, so a missing or wrong 県 shows.
"""

from __future__ import annotations

import unicodedata
from typing import Any

import pandas as pd

from ..normalise import HYPHENS

SPACE = "␣"
CONTROL = "¤"
# Kept as they are: the structure of e-mail addresses, phones, dates, names and addresses.
_KEPT = (set("@.-_+()/:,;#&'\"!?*%=~[]{}<>|\\^`$") | set(HYPHENS) | set("＠．，・･〒\u3000\ufffd（）／：")) - set("ーｰ")
PLACE_SUFFIXES = "都道府県"
# The columns whose shape keeps the place suffixes.
PLACE_COLUMNS = frozenset({"prefecture", "venue_prefecture"})
_COLLAPSED = {"x", "ｘ", "é", "あ", "ア", "ｱ", "漢"}


def _symbol(ch: str, keep: str) -> str:
    code = ord(ch)
    if ch in keep or ch in _KEPT:
        return ch
    if ch.isascii():
        if ch.isdigit():
            return "9"
        if ch.isalpha():
            return "x"
        return SPACE if ch == " " else CONTROL if code < 32 or code == 127 else ch
    if 0xFF10 <= code <= 0xFF19:
        return "９"
    if 0xFF21 <= code <= 0xFF3A or 0xFF41 <= code <= 0xFF5A:
        return "ｘ"
    if 0x3041 <= code <= 0x309F:
        return "あ"
    if 0x30A0 <= code <= 0x30FF or code == 0x30FC:
        return "ア"
    if 0xFF66 <= code <= 0xFF9F:
        return "ｱ"
    if 0x4E00 <= code <= 0x9FFF or 0x3400 <= code <= 0x4DBF or ch in "々〆ヶ":
        return "漢"
    category = unicodedata.category(ch)
    if category in ("Cc", "Cf"):
        return CONTROL
    if category.startswith("Z"):
        return SPACE
    if category.startswith("L"):
        return "é"
    if category == "Nd":
        return "9"
    return "¤"


def shape_of(value: Any, column: str = "") -> str:
    """The value's shape: its characters by class, runs of letters collapsed; empty for a missing value."""
    if value is None or (not isinstance(value, str) and pd.isna(value)):
        return ""
    keep = PLACE_SUFFIXES if column in PLACE_COLUMNS else ""
    out: list[str] = []
    for ch in str(value):
        symbol = _symbol(ch, keep)
        if out and symbol == out[-1] and symbol in _COLLAPSED:
            continue
        out.append(symbol)
    return "".join(out)
