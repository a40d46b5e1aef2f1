"""Kanji numerals (漢数字) as integers, and text with its kanji numerals written in ASCII digits.

People write dates in kanji in two ways: with units (六十一, 十一, 千九百八十六, 二千一) and digit by digit as in
vertical writing (一九八六, 二〇〇一, with 〇 or ○ for zero). Register forms (壱, 弐, 参, 拾) count too. 元 is
the first year of an era (平成元年) and is read as 1 only where 年 follows it.
"""

from __future__ import annotations

import re

_DIGITS = {"〇": 0, "○": 0, "零": 0, "一": 1, "壱": 1, "二": 2, "弐": 2, "三": 3, "参": 3}
_DIGITS |= {"四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}
_UNITS = {"十": 10, "拾": 10, "百": 100, "千": 1000}
KANJI_NUMERALS = "".join(_DIGITS) + "".join(_UNITS)
# A run of kanji numerals, or 元 before 年 (the first year of an era).
_RUN = re.compile(f"[{KANJI_NUMERALS}]+|元(?=年)")
_ANY = re.compile(f"[{KANJI_NUMERALS}元]")


def kanji_to_int(text: str) -> int | None:
    """The value of a kanji numeral: 六十一 -> 61, 一九八六 -> 1986, 千九百八十六 -> 1986, 元 -> 1; else None."""
    if not text:
        return None
    if text == "元":
        return 1
    if all(ch in _DIGITS for ch in text):
        return int("".join(str(_DIGITS[ch]) for ch in text))
    total, digit, last_unit = 0, None, 10_000
    for ch in text:
        if ch in _DIGITS:
            if digit is not None:  # two digits in a row inside a unit form (一二十) is no number
                return None
            digit = _DIGITS[ch]
        elif ch in _UNITS:
            unit = _UNITS[ch]
            # Units fall from left to right (千, 百, 十), each at most once; a unit takes no 0 in front.
            if unit >= last_unit or digit == 0:
                return None
            total += (1 if digit is None else digit) * unit
            digit, last_unit = None, unit
        else:
            return None
    return total + (digit or 0)


def fold_kanji_numerals(text: str) -> tuple[str, list[int]]:
    """The text with every kanji numeral in ASCII digits, and for each output character its index in `text`
    (with len(text) at the end, as `normalise_with_offsets` gives), so positions map back."""
    if not _ANY.search(text):
        return text, list(range(len(text) + 1))
    out: list[str] = []
    offsets: list[int] = []
    position = 0
    for match in _RUN.finditer(text):
        value = kanji_to_int(match.group(0))
        if value is None:
            continue
        out.append(text[position : match.start()])
        offsets.extend(range(position, match.start()))
        digits = str(value)
        # Digit by digit keeps its zeros (〇九 is 09); with units the value is written out.
        if all(ch in _DIGITS for ch in match.group(0)) and match.group(0) != "元":
            digits = digits.zfill(len(match.group(0)))
        out.append(digits)
        offsets.extend([match.start()] * len(digits))
        position = match.end()
    out.append(text[position:])
    offsets.extend(range(position, len(text) + 1))
    return "".join(out), offsets
