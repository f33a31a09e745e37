"""Url-encoded POST bodies are read exactly as Django's ``request.POST`` reads them; bad bodies are refused."""

from __future__ import annotations

from urllib.parse import urlencode

from django.http import QueryDict
from django.test import Client, override_settings

import pytest

from openbuurt.open311.form import parse_urlencoded
from openbuurt.open311.tests.conftest import BASE, Key
from openbuurt.open311.tests.factories import Taxonomy
from openbuurt.open311.tests.test_services import assert_error
from openbuurt.reports.models import Report
from openbuurt.reports.models_intake import QueuedSubmission

URLENCODED = "application/x-www-form-urlencoded"
BODIES = [
    b"",
    b"a=1&a=2&b=&c",
    b"description=Losse+tegel%2C+%C3%A9%C3%A9n+meter&lat=53.2&long=6.5",
    b"attribute%5BKLEUR%5D%5B%5D=rood&attribute%5BKLEUR%5D%5B%5D=groen",
    b"x=%ZZ&y=%C3&z=caf%E9",  # broken escapes and escaped bytes that are not UTF-8
    "naam=Ren\u00e9&plaats=Groningen".encode("latin-1"),  # a raw Latin-1 byte: the body is read as Latin-1
    b"&&a=1&&b=2;c=3",
    b"k%00ey=v%0Aalue",
]


@pytest.mark.parametrize("body", BODIES)
def test_fields_equal_what_django_reads_from_the_same_body(body: bytes) -> None:
    expected = QueryDict(body, encoding="utf-8")
    parsed = parse_urlencoded(body)
    assert dict(parsed.lists()) == dict(expected.lists())
    assert list(parsed) == list(expected)


def _send(client: Client, data: dict[str, str] | str, content_type: str = URLENCODED) -> object:
    body = data if isinstance(data, str) else urlencode(data, doseq=True)
    return client.post(f"{BASE}requests.json", body, content_type=content_type)


def _valid(key: Key) -> dict[str, str]:
    return {
        "api_key": key.plain,
        "service_code": "T-101",
        "lat": "53.2194",
        "long": "6.5665",
        "description": "Losse stoeptegel voor nummer 3 (testtekst, door ons geschreven).",
    }


def test_a_url_encoded_submission_is_accepted_with_its_attributes(client: Client, taxonomy: Taxonomy, key: Key) -> None:
    body = urlencode({**_valid(key), "attribute[KLEUR][]": ["rood", "groen"], "email": "a@example.org"}, doseq=True)
    response = client.post(f"{BASE}requests.json", body, content_type=URLENCODED)
    assert response.status_code == 201
    report = Report.objects.get(public_id=response.json()[0]["service_request_id"])
    assert report.extra["open311"]["attributes"] == {"KLEUR": ["rood", "groen"]}
    assert report.text.startswith("Losse stoeptegel")


@override_settings(DATA_UPLOAD_MAX_NUMBER_FIELDS=10)
def test_too_many_fields_are_refused_and_nothing_is_stored(client: Client, taxonomy: Taxonomy, key: Key) -> None:
    data = {**_valid(key), **{f"attribute[A{n}]": "x" for n in range(10)}}
    response = _send(client, data)
    assert response.status_code == 400  # type: ignore[attr-defined]
    assert_error(response, "json", 400, "kon niet worden gelezen")
    assert not Report.objects.exists() and not QueuedSubmission.objects.exists()


def test_a_url_encoded_body_with_another_charset_is_refused(client: Client, taxonomy: Taxonomy, key: Key) -> None:
    response = _send(client, _valid(key), content_type=f"{URLENCODED}; charset=iso-8859-1")
    assert_error(response, "json", 400, "kon niet worden gelezen")
    assert not Report.objects.exists() and not QueuedSubmission.objects.exists()
