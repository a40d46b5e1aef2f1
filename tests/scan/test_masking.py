"""Masked evidence keeps the shape and a few characters, never the value."""

from __future__ import annotations

import pytest

from indigo_review.scan.masking import mask


@pytest.mark.parametrize(
    ("entity", "value", "masked"),
    [
        ("PERSON", "山田\u3000太郎", "山*\u3000**"),
        ("PHONE_NUMBER", "090-1234-5678", "***-****-5678"),
        ("PHONE_NUMBER", "０９０－１２３４－５６７８", "***－****－５６７８"),
        ("EMAIL_ADDRESS", "yamada@example.com", "y***@example.com"),
        ("EMAIL_ADDRESS", "yamada＠example.com", "y***@example.com"),
        ("JP_MY_NUMBER", "1234 5678 9018", "**** **** **18"),
        ("CREDIT_CARD", "4111 1111 1111 1111", "**** **** **** 1111"),
        ("JP_POSTAL_CODE", "〒790-0852", "〒7**-****"),
        ("DATE_OF_BIRTH", "昭和34年4月23日", "昭和**年*月**日"),
        ("JP_PASSPORT", "TK1234567", "*******67"),
        ("LOCATION", "愛媛県松山市石手4-27-11", "愛媛県************"),
        ("IP_ADDRESS", "203.0.113.7", "2**.*.***.*"),
    ],
)
def test_evidence_is_masked(entity: str, value: str, masked: str) -> None:
    assert mask(entity, value) == masked
    assert mask(entity, value) != value
