"""PII masking: every kind of personal data is replaced, and ordinary numbers and words are left alone.

All example texts, numbers and names below were written by us; the BSNs and IBANs are made-up numbers that pass
their checksums (the IBAN is the standard documentation example).
"""

from __future__ import annotations

import pytest

from openbuurt.core.pii import is_valid_bsn, is_valid_iban, mask_pii


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Bel me op 06-12345678", "Bel me op [TEL]"),
        ("bel 0612345678 na vijven", "bel [TEL] na vijven"),
        ("06 1234 5678", "[TEL]"),
        ("tel: 071 - 123 45 67", "tel: [TEL]"),
        ("vaste lijn 071-1234567", "vaste lijn [TEL]"),
        ("(071) 1234567", "[TEL]"),
        ("+31 6 12345678", "[TEL]"),
        ("+31(0)71-1234567", "[TEL]"),
        ("0031612345678", "[TEL]"),
        ("call +44 20 7946 0958 please", "call [TEL] please"),
        ("+1 (555) 123-4567", "[TEL]"),
        ("+32 470 12 34 56", "[TEL]"),
    ],
)
def test_phone_numbers_are_masked(text: str, expected: str) -> None:
    assert mask_pii(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("mail jan.jansen@example.nl graag", "mail [EMAIL] graag"),
        ("Contact: a.b-c+tag@sub.example.co.uk.", "Contact: [EMAIL]."),
        ("MIJN@VOORBEELD.NL", "[EMAIL]"),
    ],
)
def test_email_addresses_are_masked(text: str, expected: str) -> None:
    assert mask_pii(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("kenteken 12-ABC-3 staat al weken", "kenteken [KENTEKEN] staat al weken"),
        ("auto met kenteken xx123x", "auto met kenteken [KENTEKEN]"),
        ("De auto GB-123-X en 1-KBB-00", "De auto [KENTEKEN] en [KENTEKEN]"),
        ("bestelbus 3-VXK-45 blokkeert de stoep", "bestelbus [KENTEKEN] blokkeert de stoep"),
        ("AB12CD", "[KENTEKEN]"),
        ("ab-12-cd fout geparkeerd", "[KENTEKEN] fout geparkeerd"),
        ("XX-99-99", "[KENTEKEN]"),
        ("99-XX-99", "[KENTEKEN]"),
        ("99-XXX-9", "[KENTEKEN]"),
        ("999-XX-9", "[KENTEKEN]"),
        ("licence plate: 12abc3", "licence plate: [KENTEKEN]"),
    ],
)
def test_dutch_licence_plates_are_masked(text: str, expected: str) -> None:
    assert mask_pii(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("BSN 111222333", "BSN [BSN]"),
        ("bsn: 1112.22.333", "bsn: [BSN]"),
        ("burgerservicenummer 111 222 333", "burgerservicenummer [BSN]"),
        ("IBAN NL91ABNA0417164300", "IBAN [IBAN]"),
        ("rekening NL91 ABNA 0417 1643 00 graag", "rekening [IBAN] graag"),
        ("GB82 WEST 1234 5698 7654 32", "[IBAN]"),
    ],
)
def test_bsn_and_iban_with_valid_checksums_are_masked(text: str, expected: str) -> None:
    assert mask_pii(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("meneer Jansen belde", "meneer [NAAM] belde"),
        ("Mevrouw De Vries vraagt", "Mevrouw [NAAM] vraagt"),
        ("dhr. J.P. van der Berg", "dhr. [NAAM]"),
        ("mevr. Bakker-Smit", "mevr. [NAAM]"),
        ("de heer De Groot", "de heer [NAAM]"),
        ("Mr. Smith called", "Mr. [NAAM] called"),
        ("Mrs Jones", "Mrs [NAAM]"),
        ("mijn naam is Piet de Boer", "mijn naam is [NAAM]"),
        ("My name is Anna Smith.", "My name is [NAAM]."),
    ],
)
def test_names_after_honorifics_are_masked(text: str, expected: str) -> None:
    assert mask_pii(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "Hoofdstraat 12, 2221 KK Katwijk",
        "postcode 2231AR",
        "Piet Heinlaan 5",
        "huisnummer 143/145",
        "nr. 12a en 12b",
        "op 12-05-2024 om 14:30",
        "op 01-05-2024 12 uur",
        "datum 2024-01-05",
        "tussen 10:00 en 12:00",
        "kosten 38.000€",
        "€ 1.250.000",
        "€ 12,50 per maand",
        "container 1614",
        "case 2230311591",
        "melding 3614994 d.d. 6-1-2025",
        "bel 112!",
        "0900-8844",
        "jaar 2024",
        "bsn 123456789",
        "NL91ABNA0417164301",
        "meneer vraagt of er hekjes komen",
        "mevrouw belde over de container",
        "Er belde een meneer. De lamp is kapot",
        "A4 papier en MP3-speler",
        "Covid19 maatregelen",
        "snelheid 30 km/h",
        "coördinaten 52.189, 4.443",
    ],
)
def test_ordinary_text_and_numbers_stay_readable(text: str) -> None:
    assert mask_pii(text) == text


def test_several_kinds_in_one_text_are_all_masked() -> None:
    text = "Mevrouw Jansen (06-12345678, j@example.nl) zag auto 12-ABC-3 bij Dorpsstraat 4, 2221 AB."
    assert mask_pii(text) == "Mevrouw [NAAM] ([TEL], [EMAIL]) zag auto [KENTEKEN] bij Dorpsstraat 4, 2221 AB."


def test_empty_text_is_returned_unchanged() -> None:
    assert mask_pii("") == ""


def test_checksums() -> None:
    assert is_valid_bsn("111222333")
    assert not is_valid_bsn("111222334")
    assert not is_valid_bsn("000000000")
    assert not is_valid_bsn("12345678")
    assert is_valid_iban("NL91 ABNA 0417 1643 00")
    assert not is_valid_iban("NL91 ABNA 0417 1643 01")
    assert not is_valid_iban("NL91ABNA041716430")


@pytest.mark.parametrize(
    "text",
    [
        "container op de kruising Mr. E.N. Rahusenstraat / Vermeulen",
        "fiets bij de Dr. Lelylaan",
        "zit in de keuken bij mw. Mw meldt dat het lekt",
        "op de uitrit van mw. Mw heeft geen toegang",
    ],
)
def test_streets_named_after_people_and_repeated_titles_are_not_names(text: str) -> None:
    assert mask_pii(text) == text
