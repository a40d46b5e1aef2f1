"""Masked evidence: enough to find the value again in the file, never the value itself.

山田 太郎 -> 山* **, 090-1234-5678 -> ***-****-5678, taro@example.jp -> t***@example.jp,
My Number -> ********9012 style with only the last two digits, 〒790-0852 -> 〒7**-****.
"""

from __future__ import annotations

import re

_DIGIT = re.compile(r"[0-9０-９]")
_LAST_DIGITS = {
    "PHONE_NUMBER": 4,
    "CREDIT_CARD": 4,
    "JP_MY_NUMBER": 2,
    "JP_DRIVERS_LICENSE": 2,
    "JP_PENSION_NUMBER": 2,
    "JP_PASSPORT": 2,
    "JP_RESIDENCE_CARD": 2,
    "JP_POSTAL_CODE": -1,
    "DATE_OF_BIRTH": 0,
    "IP_ADDRESS": -1,
}


def _mask_digits(text: str, keep_last: int = 0, keep_first: int = 0) -> str:
    positions = [m.start() for m in _DIGIT.finditer(text)]
    keep = set(positions[:keep_first]) | (set(positions[-keep_last:]) if keep_last else set())
    chars = list(text)
    for i in positions:
        if i not in keep:
            chars[i] = "*"
    return "".join(chars)


def _mask_letters(text: str, keep_first: int = 1) -> str:
    out, kept = [], 0
    for ch in text:
        if ch.isspace() or ch in "-・.,":
            out.append(ch)
        elif kept < keep_first:
            out.append(ch)
            kept += 1
        else:
            out.append("*")
    return "".join(out)


def mask(entity: str, text: str) -> str:
    """The masked form of a found value, for reports and findings.csv."""
    if entity == "EMAIL_ADDRESS":
        local, sep, domain = text.replace("＠", "@").rpartition("@")
        return f"{local[:1]}***@{domain}" if sep else "***"
    if entity in ("PERSON", "MEMBER_MATCH"):
        return _mask_letters(_mask_digits(text), 1)
    if entity == "LINK_CODE":
        return text[:2] + "*" * max(0, len(text) - 2)
    if entity == "LOCATION":
        from ..reference import PREFECTURES

        prefecture = next((p.name for p in PREFECTURES if text.startswith(p.name)), "")
        return prefecture + "*" * min(12, max(3, len(text) - len(prefecture)))
    if entity in ("JP_PASSPORT", "JP_RESIDENCE_CARD"):
        return _mask_letters(_mask_digits(text, 2), 0)[: len(text) - 2] + _mask_digits(text, 2)[-2:]
    how = _LAST_DIGITS.get(entity)
    if how is None:
        return _mask_letters(text, 0)
    if how > 0:
        return _mask_digits(text, keep_last=how)
    return _mask_digits(text, keep_first=-how)
