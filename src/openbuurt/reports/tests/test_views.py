"""The resident's pages: the form without JavaScript, the confirmation and the tracking page."""

from __future__ import annotations

import re
import uuid
from datetime import timedelta
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

from django.conf import settings
from django.contrib.auth.models import Permission
from django.contrib.staticfiles import finders
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from django.utils import timezone

import pytest

from openbuurt.reports.constants import ReportSource, ReportStatus
from openbuurt.reports.forms import PENDING_FOLDER, discard_stale_pending_photos
from openbuurt.reports.models import Report
from openbuurt.reports.services import (
    LocationInput,
    ReporterInput,
    change_status,
    submit_report,
)
from openbuurt.reports.tests.test_photos import jpeg_with_gps, png_bytes
from openbuurt.reports.tests.test_services import build_site

pytestmark = pytest.mark.django_db

TEXT = "De stoeptegels liggen los voor nummer 12 (testtekst, door ons geschreven)."


@pytest.fixture
def site() -> dict[str, Any]:
    return build_site()


def form_data(**overrides: Any) -> dict[str, Any]:
    data: dict[str, Any] = {
        "submission_key": str(uuid.uuid4()),
        "text": TEXT,
        "lat": "53.2194",
        "lon": "6.5665",
        "location_source": "map",
        "address": "Grote Markt 1",
        "email": "",
        "wants_updates": "on",
    }
    data.update(overrides)
    return {key: value for key, value in data.items() if value is not None}


def upload(name: str, content: bytes, content_type: str = "image/jpeg") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, content, content_type=content_type)


class _Markup(HTMLParser):
    """Collect the script tags and style attributes of a page."""

    def __init__(self) -> None:
        super().__init__()
        self.scripts: list[dict[str, str | None]] = []
        self.styled: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        attributes = dict(attrs)
        if tag == "script":
            self.scripts.append(attributes)
        if "style" in attributes or any(name.startswith("on") for name in attributes):
            self.styled.append(tag)
        if tag == "style":
            self.styled.append("style")


# --- the form -----------------------------------------------------------------------------------------------------


def test_the_form_speaks_dutch_by_default(client: Client, site: dict[str, Any]) -> None:
    response = client.get(reverse("reports:new"), HTTP_ACCEPT_LANGUAGE="nl")

    assert response.status_code == 200
    page = response.content.decode()
    assert '<html lang="nl">' in page
    assert "Meld een probleem in de openbare ruimte" in page
    assert "0900-8844" in page
    assert 'name="submission_key"' in page
    assert f'<optgroup label="{site["main"].name_nl}">' in page


def test_the_form_speaks_english_when_asked(client: Client, site: dict[str, Any]) -> None:
    response = client.get(reverse("reports:new"), HTTP_ACCEPT_LANGUAGE="en")

    page = response.content.decode()
    assert '<html lang="en">' in page
    assert "Report a problem in public space" in page
    assert f'<optgroup label="{site["main"].name_en}">' in page


def test_the_language_switch_remembers_the_choice(client: Client, site: dict[str, Any]) -> None:
    response = client.post("/i18n/setlang/", {"language": "en", "next": reverse("reports:new")})
    assert response.status_code == 302

    page = client.get(reverse("reports:new"), HTTP_ACCEPT_LANGUAGE="nl").content.decode()
    assert '<html lang="en">' in page


def test_the_pages_have_no_inline_script_or_style(client: Client, site: dict[str, Any]) -> None:
    page = client.get(reverse("reports:new")).content.decode()
    markup = _Markup()
    markup.feed(page)

    inline = [script for script in markup.scripts if not script.get("src")]
    assert inline and all(script.get("type") == "application/json" for script in inline)
    assert markup.styled == []


def test_the_shared_styles_and_vendored_libraries_are_found() -> None:
    for path in ("css/site.css", "vendor/leaflet/leaflet.js", "vendor/leaflet/leaflet.css", "vendor/htmx/htmx.min.js"):
        assert finders.find(path), f"{path} is not found by the static files finders (STATICFILES_DIRS?)"


def test_the_root_leads_to_the_form(client: Client) -> None:
    response = client.get("/")

    assert response.status_code == 302
    assert response["Location"] == reverse("reports:new")


# --- submitting ---------------------------------------------------------------------------------------------------


def test_a_report_with_a_photo_is_stored_and_confirmed(client: Client, site: dict[str, Any]) -> None:
    data = form_data(category=site["sub"].slug, email="bewoner@example.org", name="Jan de Vries")
    data["photos"] = [upload("stoep.png", png_bytes(), "image/png")]

    response = client.post(reverse("reports:new"), data, HTTP_ACCEPT_LANGUAGE="en")

    assert response.status_code == 302
    report = Report.objects.get()
    assert response["Location"] == reverse("reports:received", args=[data["submission_key"]])
    assert report.text == TEXT
    assert report.category == site["sub"]
    assert report.submission_key == f"web:{data['submission_key']}"
    assert (report.lat, report.lon, report.location_source) == (53.2194, 6.5665, "map")
    assert report.attachments.count() == 1
    assert (report.reporter.first_name, report.reporter.last_name) == ("Jan", "de Vries")

    confirmation = client.get(response["Location"], HTTP_ACCEPT_LANGUAGE="en")
    page = confirmation.content.decode()
    assert confirmation.status_code == 200
    assert report.public_id in page
    assert site["main"].handling_message_en in page
    assert confirmation["Cache-Control"] == "no-store"
    link = re.search(r'href="(http://testserver/melding/[^"]+/)"', page)
    assert link is not None
    tracked = client.get(link.group(1), HTTP_ACCEPT_LANGUAGE="en")
    assert tracked.status_code == 200
    assert report.public_id in tracked.content.decode()


def test_a_bad_photo_keeps_everything_else(client: Client, site: dict[str, Any]) -> None:
    data = form_data(email="bewoner@example.org", phone="050 123 4567")
    data["photos"] = [
        upload("goed.png", png_bytes(), "image/png"),
        upload("notities.jpg", b"Dit is tekst, geen foto (door ons geschreven)." * 10),
    ]

    response = client.post(reverse("reports:new"), data, HTTP_ACCEPT_LANGUAGE="en")

    assert response.status_code == 400
    assert not Report.objects.exists()
    page = response.content.decode()
    assert "notities.jpg could not be read as a photo." in page
    assert TEXT in page
    assert 'value="53.2194"' in page and 'value="6.5665"' in page
    assert 'value="Grote Markt 1"' in page
    assert 'value="bewoner@example.org"' in page
    assert 'value="050 123 4567"' in page
    assert data["submission_key"] in page
    assert "goed.png" in page, "the good photo is kept for the next try"
    assert 'aria-invalid="true"' in page

    kept = re.search(r'name="keep_photos" value="([0-9a-f]{16})"[^>]*checked', page)
    assert kept is not None
    retry = form_data(submission_key=data["submission_key"], email="bewoner@example.org")
    retry["keep_photos"] = [kept.group(1)]
    again = client.post(reverse("reports:new"), retry)
    assert again.status_code == 302
    report = Report.objects.get()
    assert [attachment.original_name for attachment in report.attachments.all()] == ["goed.png"]
    assert not list((Path(settings.MEDIA_ROOT) / PENDING_FOLDER).rglob("*.*")), "kept photos are cleaned up"


def test_photos_of_abandoned_forms_are_discarded_after_a_while(client: Client, site: dict[str, Any]) -> None:
    data = form_data(lat="", lon="", address="")
    data["photos"] = [upload("vergeten.png", png_bytes(), "image/png")]
    client.post(reverse("reports:new"), data)
    pending = Path(settings.MEDIA_ROOT) / PENDING_FOLDER
    assert len(list(pending.rglob("*.png"))) == 1

    assert discard_stale_pending_photos(older_than=timedelta(days=1)) == 0
    later = timezone.now() + timedelta(days=2)
    assert discard_stale_pending_photos(older_than=timedelta(days=1), now=later) == 1
    assert not list(pending.rglob("*.png"))


def test_a_missing_place_keeps_the_photo_and_says_what_to_do(client: Client, site: dict[str, Any]) -> None:
    data = form_data(lat="", lon="", address="")
    data["photos"] = [upload("kaart.png", png_bytes(), "image/png")]

    response = client.post(reverse("reports:new"), data, HTTP_ACCEPT_LANGUAGE="en")

    page = response.content.decode()
    assert response.status_code == 400
    assert "Show where the problem is on the map, or type an address." in page
    assert "kaart.png" in page
    assert not Report.objects.exists()


def test_a_half_typed_coordinate_is_refused_next_to_the_field(client: Client, site: dict[str, Any]) -> None:
    response = client.post(reverse("reports:new"), form_data(lat="abc"), HTTP_ACCEPT_LANGUAGE="en")

    assert response.status_code == 400
    assert "Type a number, for example 53.2194." in response.content.decode()
    assert not Report.objects.exists()


def test_a_dutch_decimal_comma_is_understood(client: Client, site: dict[str, Any]) -> None:
    response = client.post(reverse("reports:new"), form_data(lat="53,2194", lon="6,5665"))

    assert response.status_code == 302
    assert Report.objects.get().lat == 53.2194


def test_a_double_submit_makes_one_report(client: Client, site: dict[str, Any]) -> None:
    data = form_data()

    first = client.post(reverse("reports:new"), data)
    second = client.post(reverse("reports:new"), data)

    assert Report.objects.count() == 1
    assert first.status_code == second.status_code == 302
    assert first["Location"] == second["Location"]
    page = client.get(second["Location"]).content.decode()
    assert Report.objects.get().public_id in page
    assert "/melding/" in page


def test_a_retry_from_another_session_does_not_duplicate(client: Client, site: dict[str, Any]) -> None:
    data = form_data()
    client.post(reverse("reports:new"), data)

    other = Client()
    response = other.post(reverse("reports:new"), data)

    assert Report.objects.count() == 1
    assert response.status_code == 302
    assert Report.objects.get().public_id in other.get(response["Location"]).content.decode()


def test_an_emergency_asks_to_call_112_before_storing(client: Client, site: dict[str, Any]) -> None:
    data = form_data(text="Er is brand in de schuur achter het huis, veel rook (testtekst).")

    warned = client.post(reverse("reports:new"), data, HTTP_ACCEPT_LANGUAGE="en")

    page = warned.content.decode()
    assert warned.status_code == 200
    assert not Report.objects.exists()
    assert 'href="tel:112"' in page
    assert page.index("Call 112 first") < page.index("<h1>")
    assert "I have called 112, or there is no immediate danger" in page
    assert data["text"] in page

    confirmed = client.post(reverse("reports:new"), {**data, "emergency_acknowledged": "on"})
    assert confirmed.status_code == 302
    report = Report.objects.get()
    assert report.priority == "urgent"
    receipt = client.get(confirmed["Location"], HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert 'href="tel:112"' in receipt
    assert receipt.index("Call 112 first") < receipt.index("<h1")


def test_the_position_in_a_photo_is_used_when_no_place_was_given(client: Client, site: dict[str, Any]) -> None:
    data = form_data(lat="", lon="", address="", location_source="")
    data["photos"] = [upload("met-gps.jpg", jpeg_with_gps((53.0, 13.0, 10.0), (6.0, 34.0, 0.0)))]

    response = client.post(reverse("reports:new"), data, HTTP_ACCEPT_LANGUAGE="en")

    assert response.status_code == 302
    report = Report.objects.get()
    assert report.location_source == "photo"
    assert report.lat == pytest.approx(53.219444, abs=1e-5)
    assert report.lon == pytest.approx(6.566667, abs=1e-5)
    receipt = client.get(response["Location"], HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "position stored in your photo" in receipt


def test_an_unknown_confirmation_explains_itself(client: Client) -> None:
    response = client.get(reverse("reports:received", args=[uuid.uuid4()]), HTTP_ACCEPT_LANGUAGE="en")

    assert response.status_code == 404
    assert "no longer available" in response.content.decode()


# --- the tracking page --------------------------------------------------------------------------------------------


def test_the_tracking_page_shows_status_and_history_without_personal_data(client: Client, site: dict[str, Any]) -> None:
    result = submit_report(
        text=TEXT,
        location=LocationInput(lat=53.2194, lon=6.5665, address_text="Grote Markt 1"),
        source=ReportSource.WEB,
        category=site["sub"],
        reporter=ReporterInput(email="geheim@example.org", phone="0612345678", first_name="Geertje", last_name="Bos"),
    )
    change_status(
        report=result.report,
        to_status=ReportStatus.IN_PROGRESS,
        actor=None,
        public_text="Een medewerker komt morgen kijken.",
        internal_note="interne notitie: sleutel bij buren",
    )

    response = client.get(reverse("reports:track", args=[result.tracking_token]), HTTP_ACCEPT_LANGUAGE="en")

    page = response.content.decode()
    assert response.status_code == 200
    assert result.report.public_id in page
    assert "In progress" in page
    assert "Een medewerker komt morgen kijken." in page
    assert "Received" in page
    assert "Grote Markt 1" in page
    assert site["main"].handling_message_en in page
    for secret in ("geheim@example.org", "0612345678", "Geertje", "Bos", "sleutel bij buren"):
        assert secret not in page
    assert response["Cache-Control"] == "no-store"
    assert response["Referrer-Policy"] == "same-origin"
    assert "noindex" in response["X-Robots-Tag"]


def test_the_tracking_page_translates_status_labels(client: Client, site: dict[str, Any]) -> None:
    result = submit_report(text=TEXT, location=LocationInput(lat=53.2194, lon=6.5665), source=ReportSource.WEB)

    page = client.get(reverse("reports:track", args=[result.tracking_token]), HTTP_ACCEPT_LANGUAGE="nl")

    assert "Ontvangen" in page.content.decode()


@pytest.mark.parametrize("token", ["not-a-real-token", "x" * 200, "a" * 32])
def test_a_bad_tracking_token_gets_an_explaining_404(client: Client, token: str) -> None:
    response = client.get(reverse("reports:track", args=[token]), HTTP_ACCEPT_LANGUAGE="en")

    assert response.status_code == 404
    assert "We cannot find this report" in response.content.decode()
    assert response["Cache-Control"] == "no-store"
    assert response["Referrer-Policy"] == "same-origin"


# --- the admin ----------------------------------------------------------------------------------------------------


def test_the_admin_shows_contact_details_only_with_permission(
    client: Client, site: dict[str, Any], django_user_model: Any
) -> None:
    result = submit_report(
        text=TEXT,
        location=LocationInput(lat=53.2194, lon=6.5665),
        source=ReportSource.WEB,
        reporter=ReporterInput(email="verborgen@example.org", first_name="Verborgen"),
    )
    staff = django_user_model.objects.create_user(username="kcc-test", password="x" * 12, is_staff=True)
    staff.user_permissions.add(Permission.objects.get(codename="view_report"))
    client.force_login(staff)

    listing = client.get("/admin/reports/report/", {"q": result.report.public_id})
    change = client.get(f"/admin/reports/report/{result.report.pk}/change/")

    assert result.report.public_id in listing.content.decode()
    assert change.status_code == 200
    assert "verborgen@example.org" not in change.content.decode()
    assert 'name="_save"' not in change.content.decode(), "reports are read-only in the admin"

    staff.user_permissions.add(Permission.objects.get(codename="view_reporter_contact"))
    client.force_login(django_user_model.objects.get(pk=staff.pk))
    assert "verborgen@example.org" in client.get(f"/admin/reports/report/{result.report.pk}/change/").content.decode()
