"""POST Service Request: success in both formats, every refusal (nothing half-stored), idempotent retries."""

from __future__ import annotations

import io
from typing import Any

from django.test import Client

import pytest
from PIL import Image

from openbuurt.core.models import AuditLogEntry
from openbuurt.open311.models import ApiKey
from openbuurt.open311.services import revoke_api_key
from openbuurt.open311.tests.conftest import BASE, Key
from openbuurt.open311.tests.factories import Taxonomy, parse_xml
from openbuurt.open311.tests.test_services import assert_error
from openbuurt.reports.constants import CategorySource, ReportSource, ReportStatus
from openbuurt.reports.models import Attachment, Report, Reporter, StatusChange

pytestmark = pytest.mark.django_db

FORMATS = ["json", "xml"]
GRONINGEN = {"lat": "53.2194", "long": "6.5665"}
TEXT = "De lantaarnpaal bij de speeltuin doet het al drie avonden niet (testtekst, door ons geschreven)."


def _post(client: Client, fmt: str, data: dict[str, Any], **extra: Any) -> Any:
    return client.post(f"{BASE}requests.{fmt}", data, **extra)


def _valid(key: Key, **overrides: str) -> dict[str, str]:
    return {"api_key": key.plain, "service_code": "T-101", "description": TEXT, **GRONINGEN, **overrides}


def _stored_counts() -> tuple[int, int, int, int]:
    return Report.objects.count(), Reporter.objects.count(), StatusChange.objects.count(), Attachment.objects.count()


@pytest.mark.parametrize("fmt", FORMATS)
def test_post_creates_a_report_and_answers_with_its_number_and_notice(
    client: Client, taxonomy: Taxonomy, key: Key, fmt: str
) -> None:
    data = _valid(
        key,
        email="bewoner@example.org",
        phone="06 12345678",
        first_name="Jan",
        last_name="Tester",
        device_id="device-1",
        account_id="account-9",
        media_url="https://example.org/foto.jpg",
        address_string="Grote Markt 1, Groningen",
    )
    data["attribute[WHISPAWN]"] = "123"
    data["attribute[KLEUR][]"] = ["rood", "groen"]  # type: ignore[assignment]
    response = _post(client, fmt, data)
    assert response.status_code == 201
    report = Report.objects.get()
    notice = taxonomy.lighting.handling_message_nl  # the sub category inherits its main category's promise
    if fmt == "json":
        assert response["Content-Type"] == "application/json; charset=utf-8"
        assert response.json() == [
            {"service_request_id": report.public_id, "service_notice": notice, "account_id": None}
        ]
    else:
        assert response["Content-Type"] == "text/xml; charset=utf-8"
        root = parse_xml(response.content)
        assert root.tag == "service_requests"
        [item] = list(root)
        assert item.tag == "request"
        assert item.findtext("service_request_id") == report.public_id
        assert item.findtext("service_notice") == notice
        account = item.find("account_id")
        assert account is not None and account.text is None  # an empty element stands for null
    assert report.source == ReportSource.OPEN311
    assert report.category == taxonomy.lamp_post
    assert report.category_source == CategorySource.API
    assert report.text == TEXT
    assert (report.lat, report.lon) == (53.2194, 6.5665)
    assert report.address_text == "Grote Markt 1, Groningen"
    assert report.status == ReportStatus.NEW
    assert report.extra["open311"] == {
        "api_key_id": key.api_key.pk,
        "api_key_name": key.api_key.name,
        "media_url": "https://example.org/foto.jpg",
        "attributes": {"WHISPAWN": "123", "KLEUR": ["rood", "groen"]},
    }
    # Contact details are personal data: they go to the Reporter row, which the retention job anonymises.
    reporter = report.reporter
    assert (reporter.email, reporter.phone, reporter.first_name, reporter.last_name) == (
        "bewoner@example.org",
        "06 12345678",
        "Jan",
        "Tester",
    )
    assert (reporter.device_id, reporter.account_id, reporter.wants_updates) == ("device-1", "account-9", False)
    assert "bewoner@example.org" not in str(report.extra)
    assert AuditLogEntry.objects.filter(object_type="reports.report", object_id=str(report.pk)).exists()


def test_post_accepts_multipart_with_a_photo(client: Client, taxonomy: Taxonomy, key: Key) -> None:
    image = io.BytesIO()
    Image.new("RGB", (40, 30), "orange").save(image, format="PNG")
    upload = io.BytesIO(image.getvalue())
    upload.name = "lamp.png"
    response = client.post(f"{BASE}requests.json", {**_valid(key), "media": upload})  # multipart/form-data
    assert response.status_code == 201, response.content
    attachment = Attachment.objects.get()
    assert (attachment.width, attachment.height, attachment.content_type) == (40, 30, "image/png")


def test_post_answers_in_english_with_locale(client: Client, taxonomy: Taxonomy, key: Key) -> None:
    response = client.post(f"{BASE}requests.json?locale=en", _valid(key))
    assert response.json()[0]["service_notice"] == taxonomy.lighting.handling_message_en


def test_post_without_description_uses_the_service_name(client: Client, taxonomy: Taxonomy, key: Key) -> None:
    response = _post(client, "json", _valid(key, description=""))
    assert response.status_code == 201
    assert Report.objects.get().text == taxonomy.lamp_post.name_nl


def test_post_with_only_an_address_is_accepted(client: Client, taxonomy: Taxonomy, key: Key) -> None:
    response = _post(client, "json", _valid(key, lat="", long="", address_string="Vismarkt 1, Groningen"))
    assert response.status_code == 201
    report = Report.objects.get()
    assert report.lat is None and report.address_text == "Vismarkt 1, Groningen"


def test_post_warns_to_call_112_when_the_text_describes_an_emergency(
    client: Client, taxonomy: Taxonomy, key: Key
) -> None:
    response = _post(client, "json", _valid(key, description="Er komt rook uit de lantaarnpaal, hij staat in brand!"))
    assert response.status_code == 201
    assert "112" in response.json()[0]["service_notice"]


def test_api_key_may_come_in_the_query_string(client: Client, taxonomy: Taxonomy, key: Key) -> None:
    data = _valid(key)
    del data["api_key"]
    assert client.post(f"{BASE}requests.json?api_key={key.plain}", data).status_code == 201


def test_jurisdiction_in_the_query_string_of_a_post_is_checked(client: Client, taxonomy: Taxonomy, key: Key) -> None:
    unknown = client.post(f"{BASE}requests.json?jurisdiction_id=amsterdam.nl", _valid(key))
    assert unknown.status_code == 404 and "amsterdam.nl" in unknown.json()[0]["description"]
    assert Report.objects.count() == 0
    # An empty query string and one without the argument are both no jurisdiction at all.
    assert client.post(f"{BASE}requests.json?", _valid(key)).status_code == 201
    assert client.post(f"{BASE}requests.json?foo=bar", _valid(key)).status_code == 201


def test_csrf_does_not_apply_to_api_clients(taxonomy: Taxonomy, key: Key) -> None:
    strict = Client(enforce_csrf_checks=True)
    assert strict.post(f"{BASE}requests.json", _valid(key)).status_code == 201


def test_a_used_key_records_when_it_was_last_used(client: Client, taxonomy: Taxonomy, key: Key) -> None:
    assert key.api_key.last_used_at is None
    _post(client, "json", _valid(key))
    assert ApiKey.objects.get(pk=key.api_key.pk).last_used_at is not None


# --- refusals: each is answered with the spec's error body and stores nothing ------------------------------------


def _revoked(key: Key) -> str:
    revoke_api_key(api_key=key.api_key, actor=None)
    return key.plain


REFUSALS: list[tuple[str, Any, int, tuple[str, ...]]] = [
    ("missing api_key", lambda key: {"api_key": ""}, 403, ("api_key",)),
    ("unknown api_key", lambda key: {"api_key": "not-a-key"}, 403, ("api_key",)),
    ("revoked api_key", lambda key: {"api_key": _revoked(key)}, 403, ("api_key",)),
    ("unknown jurisdiction", lambda key: {"jurisdiction_id": "amsterdam.nl"}, 404, ("amsterdam.nl",)),
    ("missing service_code", lambda key: {"service_code": ""}, 400, ("service_code",)),
    ("unknown service_code", lambda key: {"service_code": "T-404"}, 404, ("T-404",)),
    ("inactive service_code", lambda key: {"service_code": "T-700"}, 404, ("T-700",)),
    ("missing location", lambda key: {"lat": "", "long": ""}, 400, ("lat", "address_string", "address_id")),
    ("lat without long", lambda key: {"long": ""}, 400, ("lat", "long")),
    ("lat not a number", lambda key: {"lat": "noord"}, 400, ("lat",)),
    ("lat not finite", lambda key: {"lat": "nan"}, 400, ("lat",)),
    ("coordinates out of range", lambda key: {"lat": "91", "long": "6.5"}, 400, ("-90", "180")),
    ("outside the country", lambda key: {"lat": "48.8566", "long": "2.3522"}, 400, ("lat/long",)),
    ("description too long", lambda key: {"description": "x" * 4001}, 400, ("4001", "4000")),
    ("description too short", lambda key: {"description": "kuil"}, 400, ("description",)),
    ("bad e-mail", lambda key: {"email": "niet-een-adres"}, 400, ("email",)),
    ("bad phone", lambda key: {"phone": "bel me"}, 400, ("phone",)),
    ("address_id too long", lambda key: {"address_id": "9" * 101}, 400, ("address_id",)),
    ("bad media_url", lambda key: {"media_url": "javascript:alert(1)"}, 400, ("media_url",)),
    ("bad idempotency key", lambda key: {"idempotency_key": "met spaties erin"}, 400, ("Idempotency-Key",)),
]


@pytest.mark.parametrize("fmt", FORMATS)
@pytest.mark.parametrize(("case", "change", "status", "fragments"), REFUSALS, ids=[r[0] for r in REFUSALS])
def test_refused_posts_answer_an_error_body_and_store_nothing(
    client: Client,
    taxonomy: Taxonomy,
    key: Key,
    fmt: str,
    case: str,
    change: Any,
    status: int,
    fragments: tuple[str, ...],
) -> None:
    before = _stored_counts()
    response = _post(client, fmt, _valid(key, **change(key)))
    assert response.status_code == status
    assert_error(response, fmt, status, *fragments)
    assert _stored_counts() == before


def test_several_problems_are_reported_together(client: Client, taxonomy: Taxonomy, key: Key) -> None:
    response = _post(client, "json", _valid(key, description="y" * 4001, address_id="9" * 101, long=""))
    assert response.status_code == 400
    descriptions = [error["description"] for error in response.json()]
    assert len(descriptions) == 3
    assert Report.objects.count() == 0


def test_a_non_form_body_is_refused(client: Client, taxonomy: Taxonomy, key: Key) -> None:
    response = client.post(f"{BASE}requests.json", _valid(key), content_type="application/json")
    assert response.status_code == 400
    assert_error(response, "json", 400, "x-www-form-urlencoded")
    assert Report.objects.count() == 0


def test_a_file_that_is_not_a_photo_is_refused(client: Client, taxonomy: Taxonomy, key: Key) -> None:
    upload = io.BytesIO(b"MZ\x90\x00 not an image")
    upload.name = "lamp.jpg"
    response = client.post(f"{BASE}requests.xml", {**_valid(key), "media": upload})
    assert response.status_code == 400
    assert_error(response, "xml", 400, "lamp.jpg")
    assert _stored_counts() == (0, 0, 0, 0)


def test_outside_the_municipality_with_real_areas(client: Client, taxonomy: Taxonomy, key: Key) -> None:
    from openbuurt.places.tests.fixtures import load_groningen_areas

    load_groningen_areas()
    amsterdam = _post(client, "json", _valid(key, lat="52.3728", long="4.8936"))
    assert amsterdam.status_code == 400
    assert_error(amsterdam, "json", 400, "lat/long")
    assert Report.objects.count() == 0
    assert _post(client, "json", _valid(key)).status_code == 201


# --- idempotency ---------------------------------------------------------------------------------------------------


@pytest.mark.parametrize("fmt", FORMATS)
def test_a_retry_with_the_same_idempotency_key_returns_the_same_request_with_200(
    client: Client, taxonomy: Taxonomy, key: Key, fmt: str
) -> None:
    first = _post(client, fmt, _valid(key), HTTP_IDEMPOTENCY_KEY="retry-1")
    again = _post(client, fmt, _valid(key), HTTP_IDEMPOTENCY_KEY="retry-1")
    assert (first.status_code, again.status_code) == (201, 200)
    assert first.content == again.content
    assert Report.objects.count() == 1
    assert Report.objects.get().submission_key == f"open311:{key.api_key.pk}:retry-1"


def test_the_idempotency_key_may_be_a_form_field_and_is_scoped_per_api_key(
    client: Client, taxonomy: Taxonomy, key: Key
) -> None:
    from openbuurt.open311.services import create_api_key

    _other, other_plain = create_api_key(name="Andere app (test)")
    first = _post(client, "json", _valid(key, idempotency_key="abc"))
    same = _post(client, "json", _valid(key, idempotency_key="abc"))
    other = _post(client, "json", {**_valid(key, idempotency_key="abc"), "api_key": other_plain})
    fresh = _post(client, "json", _valid(key, idempotency_key="abd"))
    assert (first.status_code, same.status_code, other.status_code, fresh.status_code) == (201, 200, 201, 201)
    ids = [r.json()[0]["service_request_id"] for r in (first, same, other, fresh)]
    assert ids[0] == ids[1] and len(set(ids)) == 3
    assert Report.objects.count() == 3


def test_without_an_idempotency_key_every_post_is_a_new_request(client: Client, taxonomy: Taxonomy, key: Key) -> None:
    ids = {_post(client, "json", _valid(key)).json()[0]["service_request_id"] for _ in range(2)}
    assert len(ids) == 2


def test_a_body_over_the_upload_limit_is_refused_cleanly(client: Client, taxonomy: Taxonomy, key: Key) -> None:
    response = _post(client, "json", _valid(key, address_string="x" * 1_100_000))
    assert response.status_code == 400
    assert_error(response, "json", 400)
    assert Report.objects.count() == 0


def test_attribute_values_are_bounded(client: Client, taxonomy: Taxonomy, key: Key) -> None:
    data: dict[str, Any] = _valid(key)
    data["attribute[OPMERKING]"] = "z" * 2001
    response = _post(client, "xml", data)
    assert response.status_code == 400
    assert_error(response, "xml", 400, "attribute[OPMERKING]")
    assert Report.objects.count() == 0


def test_an_empty_jurisdiction_and_contact_fields_are_as_absent(client: Client, taxonomy: Taxonomy, key: Key) -> None:
    response = _post(client, "json", _valid(key, jurisdiction_id="", email="", phone=" ", first_name=""))
    assert response.status_code == 201
    assert not Reporter.objects.exists()
