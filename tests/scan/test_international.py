"""The international half of the release gate: foreign phones, US/UK birth dates, every card brand,
internationalised e-mail, US/UK street addresses; each on a recognizer and on small exports scanned whole."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from indigo_review.normalise import normalise
from indigo_review.scan import scan_path
from indigo_review.scan.recognizers import Context
from indigo_review.scan.recognizers.cards import CreditCardRecognizer
from indigo_review.scan.recognizers.contact import JaEmailRecognizer, JaPhoneRecognizer
from indigo_review.scan.recognizers.dates import DateOfBirthRecognizer
from indigo_review.scan.recognizers.western_addresses import WesternAddressRecognizer


def found(recognizer, text: str, context: Context | None = None) -> list[str]:
    normalised = normalise(text)
    return [normalised[s.start : s.end] for s in recognizer.find(normalised, context or Context())]


def scan_frame(tmp_path: Path, frame: pd.DataFrame) -> set[tuple[int, str, str]]:
    path = tmp_path / "export.csv"
    frame.to_csv(path, index=False)
    result = scan_path(path)
    assert result.verdict != "ERROR", result.error
    return set(zip(result.findings["row"], result.findings["column"], result.findings["entity"], strict=True))


# --- phones -------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "number"),
    [
        ("London office +44 20 7946 0958", "+44 20 7946 0958"),
        ("NY: +1 (212) 555-0123, after 6pm", "+1 (212) 555-0123"),
        ("Paris 0033 1 42 68 53 00", "0033 1 42 68 53 00"),
        ("連絡先 0044 20 7946 0958", "0044 20 7946 0958"),
        ("call 020 7946 0958 after lunch", "020 7946 0958"),
        ("mobile 07700 900123", "07700 900123"),
        ("phone (212) 555-0123 ext. 45", "(212) 555-0123 ext. 45"),
        ("TEL 03-1234-5678 内線 123", "03-1234-5678 内線 123"),
        ("携帯 060-1234-5678", "060-1234-5678"),
    ],
)
def test_phones_with_a_country_code_or_a_phone_word_are_found_with_their_extension(text: str, number: str) -> None:
    assert found(JaPhoneRecognizer(), text) == [number]


@pytest.mark.parametrize("text", ["ref 207 946 0958", "順位 13812345678", "注文番号 +44 20 7946 0958", "3-2-1 1985"])
def test_foreign_national_numbers_without_a_phone_word_and_order_numbers_are_not_phones(text: str) -> None:
    assert found(JaPhoneRecognizer(), text) == []


def test_a_phone_column_counts_numbers_a_spreadsheet_stored_as_numbers(tmp_path: Path) -> None:
    frame = pd.DataFrame({"phone": ["9012345678", "312345678", "9012345678.0", "44 20 7946 0958", "12345"]})
    assert scan_frame(tmp_path, frame) == {(row, "phone", "PHONE_NUMBER") for row in range(4)}


def test_a_phone_column_counts_country_coded_numbers_of_unallocated_ranges_with_extensions(tmp_path: Path) -> None:
    frame = pd.DataFrame({"phone": ["+1-837-883-2661", "001-452-757-8145x123", "+44(0)1632 960463", "+1 12"]})
    assert scan_frame(tmp_path, frame) == {(row, "phone", "PHONE_NUMBER") for row in range(3)}


def test_the_same_damaged_numbers_outside_a_phone_column_are_not_phones(tmp_path: Path) -> None:
    frame = pd.DataFrame({"quantity": ["9012345678", "312345678", "9012345678.0"]})
    assert scan_frame(tmp_path, frame) == set()


# --- birth dates --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "day"),
    [
        ("DOB 03/14/1985", "03/14/1985"),
        ("date of birth: 14/03/1985", "14/03/1985"),
        ("born March 4, 1985", "March 4, 1985"),
        ("Birthday 4 March 1985", "4 March 1985"),
        ("born Mar. 4 1985", "Mar. 4 1985"),
        ("誕生日 July 4th, 1976", "July 4th, 1976"),
    ],
)
def test_us_and_uk_dates_with_birth_words_are_dates_of_birth(text: str, day: str) -> None:
    assert found(DateOfBirthRecognizer(), text) == [day]


@pytest.mark.parametrize(
    "text", ["meeting 03/14/2025", "invoice dated March 4, 1985", "DOB 13/13/1985", "born 02/30/1985", "4 March 2099"]
)
def test_other_dates_impossible_dates_and_future_dates_are_not_dates_of_birth(text: str) -> None:
    assert found(DateOfBirthRecognizer(), text) == []


def test_a_dob_column_of_us_dates_is_found_and_an_event_column_stays_clean(tmp_path: Path) -> None:
    frame = pd.DataFrame({"DOB": ["03/14/1985", "March 4, 1985", "4 March 1985"], "event": ["03/14/2025"] * 3})
    assert scan_frame(tmp_path, frame) == {(row, "DOB", "DATE_OF_BIRTH") for row in range(3)}


# --- cards --------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "number",
    [
        "122000000000003",  # UATP, 15 digits starting with 1
        "6759649826438453",  # Maestro
        "5019717010103742",  # Dankort
        "30569309025904",  # Diners, 14 digits
        "3714 496353 98431",  # Amex grouping
        "2223000048400011",  # Mastercard 2-series
    ],
)
def test_every_brand_presidio_accepts_is_a_card(number: str) -> None:
    assert found(CreditCardRecognizer(), number) == [number]


def test_cards_written_side_by_side_are_each_found() -> None:
    assert len(found(CreditCardRecognizer(), "4012888888881881 4012-8888-8888-1881")) == 2


def test_a_card_column_needs_only_luhn_and_length_not_a_known_brand(tmp_path: Path) -> None:
    frame = pd.DataFrame({"credit_card": ["060469984763", "060469984764", "****1234"]})
    assert scan_frame(tmp_path, frame) == {(0, "credit_card", "CREDIT_CARD")}


@pytest.mark.parametrize(
    "text", ["****1234", "**** **** **** 4444", "注文番号 122000000000003", "1748503543012", "123456789012"]
)
def test_masked_cards_order_numbers_and_brandless_numbers_are_not_cards(text: str) -> None:
    assert found(CreditCardRecognizer(), text) == []


def test_twelve_digits_are_a_card_only_where_the_words_say_card() -> None:
    number = "501234567896"  # a 12-digit Maestro that passes Luhn
    assert found(CreditCardRecognizer(), number) == []
    assert found(CreditCardRecognizer(), f"Maestro card {number}") == [number]


# --- e-mail -------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "address",
    ["user@xn--80ak6aa92e.com", "a@xn--d1acufc.xn--p1ai", "info@пример.рф", "taro@例え.jp", "hans@münchen.de"],
)
def test_internationalised_domains_are_e_mail(address: str) -> None:
    assert found(JaEmailRecognizer(), f"contact {address} today") == [address]


def test_a_full_width_at_sign_with_an_idn_domain_is_e_mail() -> None:
    assert found(JaEmailRecognizer(), "メール taro＠例え.jp") == ["taro@例え.jp"]


@pytest.mark.parametrize("text", ["info@presidio.", "user@xn--.com", "taro@例え.テスト"])
def test_unknown_or_broken_domains_are_not_e_mail(text: str) -> None:
    assert found(JaEmailRecognizer(), text) == []


# --- US and UK street addresses -----------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "address"),
    [
        (
            "HQ: 1600 Amphitheatre Parkway, Mountain View, CA 94043",
            "1600 Amphitheatre Parkway, Mountain View, CA 94043",
        ),
        ("221B Baker Street, London NW1 6XE", "221B Baker Street, London NW1 6XE"),
        ("350 Fifth Avenue, Suite 3300, New York, NY 10118", "350 Fifth Avenue, Suite 3300, New York, NY 10118"),
        (
            "moved to 4 Privet Drive, Little Whinging, Surrey GU12 4XX",
            "4 Privet Drive, Little Whinging, Surrey GU12 4XX",
        ),
        ("lives at 742 Evergreen Terrace", "742 Evergreen Terrace"),
        ("Postcode: SW1A 1AA", "SW1A 1AA"),
        ("送付先 Mountain View, CA 94043", "Mountain View, CA 94043"),
        ("625 Brandon Burgs Suite 545\nThomasfort, FM 27568", "625 Brandon Burgs Suite 545\nThomasfort, FM 27568"),
        ("PSC 0994, Box 8469\nAPO AE 22064", "PSC 0994, Box 8469\nAPO AE 22064"),
        ("Flat 5\nWilkins Ridge\nNew Leslie\nSE7 3PR", "Wilkins Ridge\nNew Leslie\nSE7 3PR"),
    ],
)
def test_us_and_uk_street_addresses_are_locations(text: str, address: str) -> None:
    assert found(WesternAddressRecognizer(), text) == [address]


@pytest.mark.parametrize(
    "text", ["London", "New York, USA", "Tokyo, Japan", "United Kingdom", "Gate 3 Street food", "SW1A 1AA", "Route 66"]
)
def test_a_country_a_city_or_a_postcode_without_context_is_not_a_location(text: str) -> None:
    assert found(WesternAddressRecognizer(), text) == []


def test_in_an_address_column_latin_words_with_a_number_are_an_address_as_a_whole() -> None:
    context = Context(frozenset({"LOCATION"}))
    assert found(WesternAddressRecognizer(), "Unit 3585 Box 1817", context) == ["Unit 3585 Box 1817"]
    assert found(WesternAddressRecognizer(), "London", context) == []


def test_an_address_column_of_us_and_uk_addresses_is_found(tmp_path: Path) -> None:
    frame = pd.DataFrame(
        {
            "address": ["1600 Amphitheatre Parkway, Mountain View, CA 94043", "221B Baker Street, London NW1 6XE"],
            "country": ["United States", "United Kingdom"],
        }
    )
    assert scan_frame(tmp_path, frame) == {(0, "address", "LOCATION"), (1, "address", "LOCATION")}


def test_the_sample_international_export_blocks_with_exactly_its_truth_found() -> None:
    exports = Path(__file__).resolve().parents[2] / "data" / "sample" / "exports"
    result = scan_path(exports / "international_members.csv")
    truth = pd.read_csv(exports / "international_members_truth.csv", dtype=str)
    expected = set(zip(truth["row"].astype(int), truth["column"], truth["entity"], strict=True))
    assert result.verdict == "BLOCK"
    assert (
        set(zip(result.findings["row"], result.findings["column"], result.findings["entity"], strict=True)) == expected
    )


def test_a_members_city_column_in_latin_letters_is_their_address(tmp_path: Path) -> None:
    path = tmp_path / "members_abroad.csv"
    pd.DataFrame({"name": ["John Smith", "Mary Jones"], "city": ["Lake Johnmouth", "New Karenfurt"]}).to_csv(
        path, index=False
    )
    found = scan_path(path).findings
    assert set(found[found["column"] == "city"]["entity"]) == {"LOCATION"} and (found["column"] == "city").sum() == 2
