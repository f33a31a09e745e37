"""The masking of published descriptions, and the XML writer's handling of user text."""

from __future__ import annotations

import pytest

from openbuurt.core.pii import mask_pii
from openbuurt.open311.tests.factories import parse_xml
from openbuurt.open311.wire import parse_format, render_xml


@pytest.mark.parametrize(
    ("text", "gone"),
    [
        ("Mail me: jan.jansen+melding@example.co.uk graag", "jan.jansen+melding@example.co.uk"),
        ("Bel 06-12345678 als het kan", "06-12345678"),
        ("Bel 06 1234 5678", "06 1234 5678"),
        ("Tel. (050) 123 45 67", "050) 123 45 67"),
        ("Nummer +31 6 12345678", "6 12345678"),
        ("0031612345678", "0031612345678"),
    ],
)
def test_e_mail_addresses_and_phone_numbers_are_masked(text: str, gone: str) -> None:
    masked = mask_pii(text)
    assert gone not in masked
    assert masked != text


@pytest.mark.parametrize(
    "text",
    [
        "Op 12-03-2026 om 14:30 bij huisnummer 123",
        "Postcode 9711 AB, lantaarnpaal 4021",
        "Al 3 weken, 2 keer gemeld, kosten 1500 euro",
    ],
)
def test_dates_postcodes_and_small_numbers_stay(text: str) -> None:
    assert mask_pii(text) == text


def test_xml_is_built_safely_from_any_text() -> None:
    hostile = '<?xml-stylesheet?><!DOCTYPE x [<!ENTITY e "boom">]>&e; "\x07bel\ufffe'
    body = render_xml("errors", [{"code": 400, "description": hostile, "ok": True, "none": None}])
    root = parse_xml(body)  # defusedxml refuses DTDs and entities: this parses only because everything is escaped
    assert root.findtext("error/description") == '<?xml-stylesheet?><!DOCTYPE x [<!ENTITY e "boom">]>&e; "bel'
    assert root.findtext("error/ok") == "true"
    assert root.findtext("error/code") == "400"
    none = root.find("error/none")
    assert none is not None and none.text is None


@pytest.mark.parametrize(("raw", "expected"), [("json", "json"), ("XML", "xml"), ("Json", "json"), ("csv", None)])
def test_format_suffixes(raw: str, expected: str | None) -> None:
    assert parse_format(raw) == expected
