"""Stock Presidio's own recognizer test cases, run through OUR scan: everything Presidio finds, we find.

The cases (text, how many findings, their [start, end) positions) are copied as data from
presidio-analyzer's tests (github.com/microsoft/presidio, presidio-analyzer/tests/test_email_recognizer.py,
test_credit_card_recognizer.py, test_ip_recognizer.py, test_phone_recognizer.py at commit 0aa9f8e4,
July 2026), MIT licence, Copyright (c) Presidio Contributors. Every parametrized case of those files is
here except the phone cases that set a non-default `leniency` (0, 2, 3): our scan has one strictness,
Presidio's default (1). Scores are not compared: our scan has no threshold, any finding blocks.

Each recognizer family's cases go into one one-column CSV (header `text`, Presidio's sentence kept as the
context), which is scanned once; each case then checks its own row.
"""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

from indigo_review.scan import scan_path

EMAIL_CASES: list[tuple[str, int, tuple[tuple[int, int], ...]]] = [
    ("info@presidio.site", 1, ((0, 18),)),
    ("my email address is info@presidio.site", 1, ((20, 38),)),
    ("try one of these emails: info@presidio.site or anotherinfo@presidio.site", 2, ((25, 43), (47, 72))),
    ("user@xn--80ak6aa92e.com", 1, ((0, 23),)),
    ("a@xn--d1acufc.xn--p1ai", 1, ((0, 22),)),
    ("my email is user@xn--80ak6aa92e.com today", 1, ((12, 35),)),
    ("my email is info@presidio.", 0, ()),
    ("this is not an email: hello-world here", 0, ()),
]
CREDIT_CARD_CASES: list[tuple[str, int, tuple[tuple[int, int], ...]]] = [
    ("4012888888881881 4012-8888-8888-1881 4012 8888 8888 1881", 3, ((0, 16), (17, 36), (37, 56))),
    ("1748503543012", 0, ()),
    ("122000000000003", 1, ((0, 15),)),
    ("my credit card: 122000000000003", 1, ((16, 31),)),
    ("371449635398431", 1, ((0, 15),)),
    ("5555555555554444", 1, ((0, 16),)),
    ("5019717010103742", 1, ((0, 16),)),
    ("30569309025904", 1, ((0, 14),)),
    ("6011000400000000", 1, ((0, 16),)),
    ("3528000700000000", 1, ((0, 16),)),
    ("6759649826438453", 1, ((0, 16),)),
    ("4111111111111111", 1, ((0, 16),)),
    ("4917300800000000", 1, ((0, 16),)),
    ("4484070000000000", 1, ((0, 16),)),
    ("4012-8888-8888-1882", 0, ()),
    ("my credit card number is 4012-8888-8888-1882", 0, ()),
    ("36168002586008", 0, ()),
    ("my credit card number is 36168002586008", 0, ()),
]
IP_CASES: list[tuple[str, int, tuple[tuple[int, int], ...]]] = [
    ("microsoft.com 192.168.0.1", 1, ((14, 25),)),
    ("my ip: 192.168.0", 0, ()),
    ("microsoft.com 684D:1111:222:3333:4444:5555:6:77", 1, ((14, 47),)),
    ("my ip: 684D:1111:222:3333:4444:5555:6:77", 1, ((7, 40),)),
    ("684D:1111:222:3333:4444:5555:77", 0, ()),
    ("2345:0425:2CA1:0000:0000:0567:5673:23b5", 1, ()),
    ("2345:0425:2CA1::0567:5673:23b5", 1, ()),
    ("2400:c401::5054:ff:fe1b:b031", 1, ()),
    ("Use local ipv6 ::", 1, ((15, 17),)),
    ("my ip: ::1", 1, ((7, 10),)),
    ("connecting from ::1", 1, ((16, 19),)),
    ("src=:: dst=::1", 2, ((4, 6), (11, 14))),
    ("2400:c401::5054:ff:fe1b:b031", 1, ((0, 28),)),
    ("fe80::1", 1, ((0, 7),)),
    ("2001:db8::8a2e:370:7334", 1, ((0, 23),)),
    ("2001:db8:85a3::8a2e:370", 1, ((0, 23),)),
    ("2001:db8::1", 1, ((0, 11),)),
    ("fe80::1%eth0", 1, ((0, 12),)),
    ("A099::09C0:876A:130B", 1, ((0, 20),)),
    ("Server IP: 2001:db8::1", 1, ((11, 22),)),
    ("Connect to [2001:db8::1]:8080", 1, ((12, 23),)),
    ("my ip is 2400:c401::5054:ff:fe1b:b031", 1, ((9, 37),)),
    ("Gateway: fe80::1 on interface", 1, ((9, 16),)),
    ("Visit http://[2001:db8::1]/path", 1, ((14, 25),)),
    ("SSH to user@2001:db8::1", 1, ((12, 23),)),
    ("::ffff:192.0.2.1", 1, ((0, 16),)),
    ("::ffff:10.0.0.1", 1, ((0, 15),)),
    ("::ffff:172.16.0.1", 1, ((0, 17),)),
    ("::ffff:127.0.0.1", 1, ((0, 16),)),
    ("::ffff:255.255.255.255", 1, ((0, 22),)),
    ("::ffff:0.0.0.0", 1, ((0, 14),)),
    ("::ffff:0:192.168.1.1", 1, ((0, 20),)),
    ("::ffff:0000:10.0.0.1", 1, ((0, 20),)),
    ("Mapped: ::ffff:192.168.1.1", 1, ((8, 26),)),
    ("Connect to ::ffff:10.0.0.1 now", 1, ((11, 26),)),
    ("[::ffff:192.168.1.1]:80", 1, ((1, 19),)),
    ("::192.168.1.1", 1, ((0, 13),)),
    ("::10.0.0.1", 1, ((0, 10),)),
    ("::ffff:256.0.0.1", 0, ()),
    ("::ffff:192.168.1", 0, ()),
    ("2001:db8::192.168.1.1", 1, ((0, 21),)),
    ("2001:db8:1::192.0.2.1", 1, ((0, 21),)),
    ("64:ff9b::192.0.2.1", 1, ((0, 18),)),
    ("2001:db8:85a3::8a2e:192.168.0.1", 1, ((0, 31),)),
    ("0:0:0:0:0:FFFF:129.144.52.38", 1, ((0, 28),)),
    ("2001:db8:0:0:0:0:192.168.1.1", 1, ((0, 28),)),
    ("NAT64: 64:ff9b::198.51.100.1", 1, ((7, 28),)),
    ("Tunnel to 2001:db8::10.0.0.1", 1, ((10, 28),)),
    ("2001:db8::256.1.1.1", 0, ()),
    ("IPv4: 192.168.1.1, IPv6: 2001:db8::1", 2, ((6, 17), (25, 36))),
    ("Primary: 10.0.0.1, Secondary: 172.16.0.1", 2, ((9, 17), (30, 40))),
    ("IPs: 192.168.1.1, 10.0.0.1, 2001:db8::1", 3, ((5, 16), (18, 26), (28, 39))),
    ("MAC address aa:bb:cc:dd:ee:ff", 0, ()),
    ("Time 12:34:56", 0, ()),
    ("Ratio 1:2:3:4", 0, ()),
    ("CSS color #ff00aa", 0, ()),
    ("Version 1.2.3", 0, ()),
    ("Port 80:443", 0, ()),
    ("abc:def:ghi", 0, ()),
    ("123:abc", 0, ()),
    ("file:///path/to/file", 0, ()),
    ("std::cout", 0, ()),
    ("MyClass::toString", 0, ()),
    (":::", 0, ()),
    ("IP192.168.1.1text", 0, ()),
    ("text192.168.1.1", 0, ()),
    ("(192.168.1.1)", 1, ((1, 12),)),
    ("'2001:db8::1'", 1, ((1, 12),)),
    ("IP: 192.168.1.1.", 1, ((4, 15),)),
    ("192.168.1.1,", 1, ((0, 11),)),
    ("[2001:db8::1]", 1, ((1, 12),)),
    ("Server IP: 2400:c401::5054:ff:fe1b:b031.", 1, ((11, 39),)),
    ("2001:db8::1.", 1, ((0, 11),)),
    ("fe80::1text", 0, ()),
    ("text2001:db8::1", 0, ()),
    ("192.168.1.1.1", 1, ((0, 11),)),
    ("256.256.256.256", 0, ()),
    ("192.168.1.256", 0, ()),
    ("gggg:hhhh::1234", 0, ()),
    ("192.168.1", 0, ()),
    ("300.168.1.1", 0, ()),
    ("12345:db8::1", 0, ()),
    ("2001::db8::1", 0, ()),
    ("2001::25de::cade", 0, ()),
    ("192.168.2.1@eth0", 1, ((0, 11),)),
    ("text::ffff:192.0.2.1", 1, ((11, 20),)),
    ("foo2001:db8::10.0.0.1", 1, ((13, 21),)),
    ("localhost 127.0.0.1", 1, ((10, 19),)),
    ("Broadcast 255.255.255.255", 1, ((10, 25),)),
    ("Private 10.0.0.0", 1, ((8, 16),)),
    ("Link-local 169.254.1.1", 1, ((11, 22),)),
    ("Subnet 172.16.0.0", 1, ((7, 17),)),
    ("Default 0.0.0.0", 1, ((8, 15),)),
    ("Unspecified ::", 1, ((12, 14),)),
    ("Loopback ::1", 1, ((9, 12),)),
    ("Multicast ff02::1", 1, ((10, 17),)),
    ("192.168.1.0/24", 1, ((0, 14),)),
    ("10.0.0.0/8", 1, ((0, 10),)),
    ("0.0.0.0/0", 1, ((0, 9),)),
    ("192.168.1.1/32", 1, ((0, 14),)),
    ("2001:db8::/32", 1, ((0, 13),)),
    ("fe80::/10", 1, ((0, 9),)),
    ("::1/128", 1, ((0, 7),)),
    ("fe80::1%eth0/64", 1, ((0, 15),)),
    ("2001:db8::%eth0/128", 1, ((0, 19),)),
    ("::/0", 1, ((0, 4),)),
    ("::/128", 1, ((0, 6),)),
    ("::ffff:192.168.1.0/96", 1, ((0, 21),)),
    ("64:ff9b::192.0.2.0/96", 1, ((0, 21),)),
    ("Subnet: 192.168.1.0/24", 1, ((8, 22),)),
    ("Prefix: 2001:db8::/32", 1, ((8, 21),)),
    ("Route is 10.0.0.0/8.", 1, ((9, 19),)),
    ("Use 2001:db8::/32.", 1, ((4, 17),)),
    ("10.0.0.0/123", 1, ((0, 8),)),
    ("2001:db8::/9999", 1, ((0, 10),)),
]
PHONE_CASES: list[tuple[str, int, tuple[tuple[int, int], ...]]] = [
    ("My US number is (415) 555-0132, and my international one is +1 415 555 0132", 2, ((16, 30), (60, 75))),
    ("My Israeli number is 09-7625400", 1, ((21, 31),)),
    ("_: (415)555-0132", 1, ((3, 16),)),
    ("United States: (415)555-0132", 1, ((15, 28),)),
    ("US: 415-555-0132", 1, ((4, 16),)),
    ("_: +55 11 98456 5666", 1, ((3, 20),)),
    ("Brazil: +55 11 98456 5666", 1, ((8, 25),)),
    ("BR: +55 11 98456 5666", 1, ((4, 21),)),
    ("My Japanese number is 090-1234-5678", 1, ((22, 35),)),
    ("My CN number is 13812345678", 1, ((16, 27),)),
    ("My US number is (415) 555-0132, and my international one is415-555-0132", 1, ((16, 30),)),
    ("My US number is (415) 555-0132, and my international one is 91-415-555-0132", 2, ((16, 30), (60, 75))),
    ("My US number is (415) 555-0132, and my international one is +44 (20) 7123 4567", 2, ((16, 30), (60, 78))),
    ("My US number is (415) 555-0132, and my international one is +91 4155550132", 2, ((16, 30), (60, 74))),
    ("My US number is (415) 555-0132, and my international one is +55 11 98456 5666", 2, ((16, 30), (60, 77))),
    ("My US number is (415) 555-0132, and my international one is +49 30 1234567", 2, ((16, 30), (60, 74))),
    ("My US number is (415) 555-0132, and my international one is +39 06 678 4343", 2, ((16, 30), (60, 75))),
    ("My US number is (415) 555-0132, and my international one is +30 21 0 1234567", 2, ((16, 30), (60, 76))),
    ("My US number is (415) 555-0132, and my international one is +33 1 42 68 53 00", 2, ((16, 30), (60, 77))),
]
FAMILIES = {
    "EMAIL_ADDRESS": EMAIL_CASES,
    "CREDIT_CARD": CREDIT_CARD_CASES,
    "IP_ADDRESS": IP_CASES,
    "PHONE_NUMBER": PHONE_CASES,
}


@pytest.fixture(scope="module")
def scanned(tmp_path_factory: pytest.TempPathFactory) -> dict[str, dict[int, list[tuple[str, int, int]]]]:
    """Per entity family: row -> [(entity, start, end)] found by our scan in that family's CSV."""
    out: dict[str, dict[int, list[tuple[str, int, int]]]] = {}
    folder = tmp_path_factory.mktemp("presidio_cases")
    for entity, cases in FAMILIES.items():
        path = Path(folder) / f"{entity.lower()}.csv"
        with path.open("w", encoding="utf-8", newline="") as handle:
            writer = csv.writer(handle)
            writer.writerow(["text"])
            writer.writerows([text] for text, _, _ in cases)
        result = scan_path(path)
        assert result.verdict != "ERROR", result.error
        rows: dict[int, list[tuple[str, int, int]]] = {}
        for row, found, start, end in result.findings[["row", "entity", "start", "end"]].itertuples(index=False):
            rows.setdefault(int(row), []).append((found, int(start), int(end)))
        out[entity] = rows
    return out


CASES = [
    pytest.param(entity, row, text, count, positions, id=f"{entity}-{row}")
    for entity, cases in FAMILIES.items()
    for row, (text, count, positions) in enumerate(cases)
]


@pytest.mark.parametrize(("entity", "row", "text", "count", "positions"), CASES)
def test_presidio_case_is_found_as_presidio_finds_it(
    scanned: dict, entity: str, row: int, text: str, count: int, positions: tuple
) -> None:
    found = sorted(scanned[entity].get(row, []), key=lambda f: f[1])
    assert [f for f in found if f[0] != entity] == [], text
    spans = [(start, end) for _, start, end in found]
    assert len(spans) == count, text
    if positions:
        assert spans == sorted(tuple(p) for p in positions), text
