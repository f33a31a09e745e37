"""The reports JSON API: submit (JSON and multipart, idempotent, throttled), track, categories, urgency, schema."""

from __future__ import annotations

from typing import Any

from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import override_settings

import pytest
from rest_framework.test import APIClient

from openbuurt.reports.constants import ReportStatus
from openbuurt.reports.models import Report
from openbuurt.reports.services import change_status
from openbuurt.reports.tests.test_photos import png_bytes
from openbuurt.reports.tests.test_services import build_site

pytestmark = pytest.mark.django_db

TEXT = "De prullenbak op het plein zit al dagen vol (testtekst, door ons geschreven)."
CREATE = "/api/v1/reports/"


@pytest.fixture
def site() -> dict[str, Any]:
    return build_site()


@pytest.fixture
def api() -> APIClient:
    return APIClient()


def body(**overrides: Any) -> dict[str, Any]:
    return {"text": TEXT, "lat": 53.2194, "lon": 6.5665, **overrides}


def test_submit_json_returns_the_number_token_and_promise(api: APIClient, site: dict[str, Any]) -> None:
    response = api.post(
        CREATE, body(category=site["sub"].slug, email="bewoner@example.org"), format="json", HTTP_ACCEPT_LANGUAGE="en"
    )

    assert response.status_code == 201, response.content
    data = response.json()
    report = Report.objects.get()
    assert data["public_id"] == report.public_id
    assert len(data["tracking_token"]) >= 32
    assert data["tracking_url"].endswith(f"/melding/{data['tracking_token']}/")
    assert data["handling_message"] == site["main"].handling_message_en
    assert data["category"] == site["sub"].slug
    assert data["is_emergency"] is False
    assert data["emergency_advice"] == ""
    assert report.reporter.email == "bewoner@example.org"
    assert response["Cache-Control"] == "no-store"


def test_submit_multipart_with_photos(api: APIClient, site: dict[str, Any]) -> None:
    photos = [
        SimpleUploadedFile("een.png", png_bytes(20, 20), content_type="image/png"),
        SimpleUploadedFile("twee.png", png_bytes(30, 20), content_type="image/png"),
    ]

    response = api.post(CREATE, {**body(), "photos": photos}, format="multipart")

    assert response.status_code == 201, response.content
    report = Report.objects.get()
    assert sorted(report.attachments.values_list("original_name", flat=True)) == ["een.png", "twee.png"]
    assert not hasattr(report, "reporter"), "no contact details given, so no reporter row"
    assert response.json()["location_source"] == "map"


def test_a_bad_photo_is_refused_by_its_content(api: APIClient, site: dict[str, Any]) -> None:
    fake = SimpleUploadedFile("foto.jpg", b"geen foto, maar tekst (door ons geschreven)", content_type="image/jpeg")

    response = api.post(CREATE, {**body(), "photos": [fake]}, format="multipart", HTTP_ACCEPT_LANGUAGE="en")

    assert response.status_code == 400
    assert response.json()["photos"] == ["foto.jpg could not be read as a photo."]
    assert not Report.objects.exists()


def test_the_idempotency_key_makes_a_retry_return_the_same_report(api: APIClient, site: dict[str, Any]) -> None:
    first = api.post(CREATE, body(), format="json", HTTP_IDEMPOTENCY_KEY="app-123:retry-safe")
    again = api.post(CREATE, body(), format="json", HTTP_IDEMPOTENCY_KEY="app-123:retry-safe")

    assert (first.status_code, again.status_code) == (201, 200)
    assert Report.objects.count() == 1
    assert again.json()["public_id"] == first.json()["public_id"]
    assert again.json()["tracking_token"] == ""
    assert Report.objects.get().submission_key == "api:app-123:retry-safe"


def test_a_bad_idempotency_key_is_refused(api: APIClient, site: dict[str, Any]) -> None:
    response = api.post(CREATE, body(), format="json", HTTP_IDEMPOTENCY_KEY="has spaces in it")

    assert response.status_code == 400
    assert "idempotency_key" in response.json()
    assert not Report.objects.exists()


@pytest.mark.parametrize(
    ("payload", "field"),
    [
        ({"text": "kort"}, "text"),
        ({"lat": None, "lon": None}, "location"),
        ({"lat": 53.2, "lon": None}, "location"),
        ({"lat": "noord", "lon": 6.5}, "lat"),
        ({"lat": 52.52, "lon": 13.40}, "location"),
        ({"email": "geen-adres"}, "email"),
        ({"phone": "bel maar"}, "phone"),
        ({"category": "bestaat-niet"}, "category"),
    ],
)
def test_bad_input_gets_400_with_the_field_and_nothing_is_stored(
    api: APIClient, site: dict[str, Any], payload: dict[str, Any], field: str
) -> None:
    response = api.post(CREATE, body(**payload), format="json")

    assert response.status_code == 400
    assert field in response.json(), response.json()
    assert not Report.objects.exists()


def test_missing_text_is_refused(api: APIClient, site: dict[str, Any]) -> None:
    response = api.post(CREATE, {"lat": 53.2194, "lon": 6.5665}, format="json")

    assert response.status_code == 400
    assert "text" in response.json()


def test_an_emergency_is_flagged_in_the_answer(api: APIClient, site: dict[str, Any]) -> None:
    response = api.post(CREATE, body(text="Er ligt iemand bewusteloos op straat (testtekst)."), format="json")

    assert response.status_code == 201
    assert response.json()["is_emergency"] is True
    assert "112" in response.json()["emergency_advice"]


@override_settings(
    REST_FRAMEWORK={
        "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
        "DEFAULT_THROTTLE_RATES": {"anon_submit": "2/hour"},
    }
)
def test_anonymous_submissions_are_throttled(api: APIClient, site: dict[str, Any]) -> None:
    codes = [api.post(CREATE, body(), format="json").status_code for _ in range(3)]

    assert codes == [201, 201, 429]
    assert Report.objects.count() == 2


def test_track_returns_status_and_public_history_only(api: APIClient, site: dict[str, Any]) -> None:
    created = api.post(CREATE, body(email="prive@example.org", first_name="Geheim"), format="json").json()
    report = Report.objects.get()
    change_status(
        report=report, to_status=ReportStatus.ACCEPTED, actor=None, public_text="We pakken het op.", internal_note="x1"
    )

    response = api.get(f"/api/v1/reports/track/{created['tracking_token']}/", HTTP_ACCEPT_LANGUAGE="en")

    assert response.status_code == 200
    data = response.json()
    assert data["public_id"] == report.public_id
    assert data["status"] == "accepted"
    assert data["status_label"] == "accepted"
    assert [step["status"] for step in data["history"]] == ["new", "accepted"]
    assert data["history"][1]["public_text"] == "We pakken het op."
    text = response.content.decode()
    for secret in ("prive@example.org", "Geheim", "x1"):
        assert secret not in text
    assert response["Cache-Control"] == "no-store"


def test_track_with_an_unknown_token_is_404(api: APIClient) -> None:
    response = api.get("/api/v1/reports/track/does-not-exist/")

    assert response.status_code == 404


def test_categories_list_main_categories_with_children(api: APIClient, site: dict[str, Any]) -> None:
    response = api.get("/api/v1/categories/", HTTP_ACCEPT_LANGUAGE="en")

    assert response.status_code == 200
    by_slug = {item["slug"]: item for item in response.json()}
    roads = by_slug[site["main"].slug]
    assert roads["name"] == "Roads (test)"
    assert [child["slug"] for child in roads["children"]] == [site["sub"].slug]
    assert by_slug[site["police_category"].slug]["handling_organisation"] == "police"
    assert site["sub"].slug not in by_slug


@pytest.mark.parametrize(
    ("text", "emergency", "priority"),
    [
        ("Ik ruik gas in het portiek", True, "urgent"),
        ("There is a fire in the bin", True, "urgent"),
        ("De prullenbak is vol", False, "normal"),
        ("", False, "normal"),
    ],
)
def test_urgency_check(api: APIClient, text: str, emergency: bool, priority: str) -> None:
    response = api.post("/api/v1/reports/urgency", {"text": text}, format="json")

    assert response.status_code == 200
    data = response.json()
    assert data["is_emergency"] is emergency
    assert data["priority"] == priority
    assert bool(data["reason"]) is (priority != "normal")
    assert bool(data["advice"]) is emergency


def test_urgency_refuses_a_text_that_is_too_long(api: APIClient) -> None:
    response = api.post("/api/v1/reports/urgency", {"text": "x" * 6000}, format="json")

    assert response.status_code == 400


def test_the_schema_documents_the_endpoints(api: APIClient, django_user_model: Any) -> None:
    staff = django_user_model.objects.create_user(username="schema-lezer", password="x" * 12)
    api.force_authenticate(staff)

    response = api.get("/api/schema/", HTTP_ACCEPT="application/vnd.oai.openapi+json")

    assert response.status_code == 200
    paths = response.json()["paths"]
    assert "post" in paths["/api/v1/reports/"]
    assert "/api/v1/reports/track/{token}/" in paths
    assert "/api/v1/categories/" in paths
    assert "/api/v1/reports/urgency" in paths
    parameters = paths["/api/v1/reports/"]["post"].get("parameters", [])
    assert any(parameter["name"] == "Idempotency-Key" for parameter in parameters)
