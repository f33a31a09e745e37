"""submit_report: what it stores, how it numbers, routes and classifies, and every input it refuses."""

from __future__ import annotations

import io
import re
from pathlib import Path
from typing import Any

from django.conf import settings
from django.test import override_settings
from django.utils import timezone, translation

import pytest
from PIL import Image

from openbuurt.accounts.constants import OrganisationKind
from openbuurt.accounts.models import Organisation
from openbuurt.core.events import subscribe, unsubscribe
from openbuurt.core.models import AuditLogEntry
from openbuurt.places.tests.factories import AreaFactory
from openbuurt.reports.constants import MAX_TEXT_LENGTH, CategorySource, ReportSource, ReportStatus
from openbuurt.reports.events import ReportSubmitted
from openbuurt.reports.models import Attachment, CategoryChange, Report, Reporter, StatusChange
from openbuurt.reports.photos import CleanPhoto, clean_photo
from openbuurt.reports.services import LocationInput, ReporterInput, ReportValidationError, submit_report
from openbuurt.reports.services.submission import clean_inputs
from openbuurt.reports.tokens import hash_tracking_token
from openbuurt.triage.constants import HandlingOrganisation, Priority
from openbuurt.triage.models import Category

pytestmark = pytest.mark.django_db

GRONINGEN = LocationInput(lat=53.2194, lon=6.5665, address_text="Grote Markt 1", source="map")
TEXT = "Er ligt al dagen een kapotte fiets midden op de stoep (testtekst, door ons geschreven)."


def build_site() -> dict[str, Any]:
    """Create a municipality, a police unit and a small taxonomy (written by us for tests); return them by role."""
    municipality, _ = Organisation.objects.get_or_create(
        slug=settings.OPENBUURT_DEFAULT_ORGANISATION,
        defaults={"name": "Gemeente Test", "kind": OrganisationKind.MUNICIPALITY, "report_prefix": "GRO"},
    )
    police, _ = Organisation.objects.get_or_create(
        slug="politie-test", defaults={"name": "Politie Test", "kind": OrganisationKind.POLICE, "report_prefix": "POL"}
    )
    fallback, _ = Category.objects.get_or_create(
        slug="overig", defaults={"name_nl": "Overig", "name_en": "Other", "service_code": "TEST-OVERIG"}
    )
    main = Category.objects.create(
        slug="test-wegen",
        name_nl="Wegen (test)",
        name_en="Roads (test)",
        service_code="TEST-WEGEN",
        handling_message_nl="We herstellen het binnen vijf werkdagen.",
        handling_message_en="We repair it within five working days.",
        sla_days=5,
    )
    sub = Category.objects.create(
        parent=main, slug="test-stoep", name_nl="Stoep (test)", name_en="Pavement (test)", service_code="TEST-STOEP"
    )
    police_main = Category.objects.create(
        slug="test-politie",
        name_nl="Politie (test)",
        name_en="Police (test)",
        service_code="TEST-POLITIE",
        handling_organisation=HandlingOrganisation.POLICE,
    )
    return {
        "municipality": municipality,
        "police": police,
        "fallback": fallback,
        "main": main,
        "sub": sub,
        "police_category": police_main,
    }


@pytest.fixture
def site() -> dict[str, Any]:
    return build_site()


def photo(color: tuple[int, int, int] = (20, 160, 60)) -> CleanPhoto:
    out = io.BytesIO()
    Image.new("RGB", (32, 24), color).save(out, format="PNG")
    return clean_photo(out.getvalue(), original_name=f"test-{color[0]}.png")


def nothing_stored(media_root: Path) -> bool:
    stored_files = [path for path in media_root.rglob("*") if path.is_file()] if media_root.exists() else []
    return (
        not Report.objects.exists()
        and not Reporter.objects.exists()
        and not Attachment.objects.exists()
        and not StatusChange.objects.exists()
        and not stored_files
    )


def test_submit_report_stores_report_reporter_photo_history_and_audit(
    site: dict[str, Any], django_capture_on_commit_callbacks: Any
) -> None:
    seen: list[ReportSubmitted] = []
    handler = subscribe(ReportSubmitted)(seen.append)
    try:
        with django_capture_on_commit_callbacks(execute=True):
            result = submit_report(
                text=f"  {TEXT}  ",
                location=GRONINGEN,
                source=ReportSource.WEB,
                category=site["sub"],
                reporter=ReporterInput(email="bewoner@example.org", phone="+31 6 1234 5678", first_name="Sam"),
                photos=[photo()],
            )
    finally:
        unsubscribe(ReportSubmitted, handler)

    report = Report.objects.get()
    assert result.created is True
    assert result.report == report
    assert report.text == TEXT
    assert (report.lat, report.lon, report.address_text) == (53.2194, 6.5665, "Grote Markt 1")
    assert report.location_source == "map"
    assert report.category == site["sub"]
    assert report.category_source == CategorySource.RESIDENT
    assert report.needs_triage is False
    assert report.organisation == site["municipality"]
    assert report.status == ReportStatus.NEW
    assert report.source == ReportSource.WEB
    assert report.deadline is not None and report.deadline > report.created_at
    assert report.tracking_token_hash == hash_tracking_token(result.tracking_token)
    assert len(result.tracking_token) >= 32
    assert report.reporter.email == "bewoner@example.org"
    assert report.reporter.phone == "+31 6 1234 5678"
    assert report.reporter.wants_updates is True
    attachment = report.attachments.get()
    assert attachment.content_type == "image/png"
    assert attachment.file.name is not None
    assert attachment.file.storage.exists(attachment.file.name)
    history = list(StatusChange.objects.filter(report=report).values_list("from_status", "to_status"))
    assert history == [("", ReportStatus.NEW)]
    assert CategoryChange.objects.filter(report=report, to_category=site["sub"]).count() == 1
    assert AuditLogEntry.objects.filter(object_type="reports.report", object_id=str(report.pk)).exists()
    assert [event.public_id for event in seen] == [report.public_id]


def test_public_ids_follow_prefix_year_and_sequence(site: dict[str, Any]) -> None:
    first = submit_report(text=TEXT, location=GRONINGEN, source=ReportSource.WEB).report
    second = submit_report(text=TEXT, location=GRONINGEN, source=ReportSource.WEB).report

    year = timezone.localtime(first.created_at).year
    assert re.fullmatch(rf"GRO-{year}-\d{{6}}", first.public_id)
    assert int(second.public_id[-6:]) == int(first.public_id[-6:]) + 1


def test_the_same_submission_key_gives_one_report(site: dict[str, Any]) -> None:
    first = submit_report(text=TEXT, location=GRONINGEN, source=ReportSource.WEB, submission_key="web:abc")
    again = submit_report(text=TEXT, location=GRONINGEN, source=ReportSource.WEB, submission_key="web:abc")

    assert Report.objects.count() == 1
    assert first.created is True
    assert again.created is False
    assert again.report.pk == first.report.pk
    assert again.tracking_token == ""


def test_without_a_category_or_confident_match_the_report_needs_triage(site: dict[str, Any]) -> None:
    result = submit_report(
        text="Iets onduidelijks bij het bruggetje, xyzzy (testtekst).", location=GRONINGEN, source=ReportSource.WEB
    )

    assert result.report.category == site["fallback"]
    assert result.report.category_source == CategorySource.FALLBACK
    assert result.report.needs_triage is True


def test_a_police_category_goes_to_the_police_and_is_confidential(site: dict[str, Any]) -> None:
    result = submit_report(
        text="Er is vannacht ingebroken in de schuur (testtekst).",
        location=GRONINGEN,
        source=ReportSource.WEB,
        category=site["police_category"],
    )

    assert result.report.organisation == site["police"]
    assert result.report.is_confidential is True
    assert result.report.is_public is False
    assert result.report.public_id.startswith("POL-")


def test_an_emergency_text_is_flagged_urgent(site: dict[str, Any]) -> None:
    result = submit_report(
        text="Ik ruik een sterke gaslucht in de straat (testtekst).", location=GRONINGEN, source=ReportSource.WEB
    )

    assert result.urgency.is_emergency is True
    assert result.report.priority == Priority.URGENT
    assert result.report.priority_reason


def test_an_address_alone_is_a_location(site: dict[str, Any]) -> None:
    result = submit_report(
        text=TEXT, location=LocationInput(address_text="Vismarkt 12, Groningen"), source=ReportSource.WEB
    )

    assert result.report.lat is None
    assert result.report.address_text == "Vismarkt 12, Groningen"
    assert result.report.location_source == "text"


def test_a_point_in_a_district_gets_that_area(site: dict[str, Any]) -> None:
    district = AreaFactory(district=True, lat=53.2194, lon=6.5665, name="Centrum (test)")

    result = submit_report(text=TEXT, location=GRONINGEN, source=ReportSource.WEB)

    assert result.report.area == district
    assert result.report.district == district


def test_a_point_outside_the_districts_is_refused(site: dict[str, Any], tmp_path: Path) -> None:
    AreaFactory(district=True, lat=53.2194, lon=6.5665)

    with translation.override("en"), pytest.raises(ReportValidationError) as caught:
        submit_report(text=TEXT, location=LocationInput(lat=53.0, lon=6.0), source=ReportSource.WEB)

    assert "outside the municipality" in " ".join(caught.value.errors["location"])
    assert nothing_stored(tmp_path / "media")


BAD_INPUTS: list[tuple[str, dict[str, Any], str]] = [
    ("short text", {"text": "hoi"}, "text"),
    ("blank text", {"text": "     "}, "text"),
    ("huge text", {"text": "x" * (MAX_TEXT_LENGTH + 1)}, "text"),
    ("no location", {"location": LocationInput()}, "location"),
    ("only latitude", {"location": LocationInput(lat=53.2)}, "location"),
    ("only longitude", {"location": LocationInput(lon=6.5)}, "location"),
    ("impossible coordinates", {"location": LocationInput(lat=123.0, lon=6.5)}, "location"),
    ("outside the municipality", {"location": LocationInput(lat=52.52, lon=13.40)}, "location"),
    ("address too long", {"location": LocationInput(address_text="straat " * 60)}, "location"),
    ("bad e-mail", {"reporter": ReporterInput(email="not-an-address")}, "email"),
    ("bad phone", {"reporter": ReporterInput(phone="bel me maar")}, "phone"),
    ("name too long", {"reporter": ReporterInput(first_name="n" * 101)}, "name"),
]


@pytest.mark.parametrize(("label", "change", "key"), BAD_INPUTS, ids=[item[0] for item in BAD_INPUTS])
def test_bad_input_is_refused_and_nothing_is_stored(
    site: dict[str, Any], tmp_path: Path, label: str, change: dict[str, Any], key: str
) -> None:
    arguments: dict[str, Any] = {
        "text": TEXT,
        "location": GRONINGEN,
        "source": ReportSource.WEB,
        "photos": [photo()],
        **change,
    }

    with pytest.raises(ReportValidationError) as caught:
        submit_report(**arguments)

    assert key in caught.value.errors, caught.value.errors
    assert all(message.strip() for message in caught.value.errors[key])
    assert nothing_stored(tmp_path / "media")


def test_the_huge_text_error_names_the_limit(site: dict[str, Any]) -> None:
    with pytest.raises(ReportValidationError) as caught:
        submit_report(text="y" * (MAX_TEXT_LENGTH + 10), location=GRONINGEN, source=ReportSource.WEB)

    assert str(MAX_TEXT_LENGTH) in caught.value.errors["text"][0]


@override_settings(OPENBUURT_MAX_PHOTOS=2)
def test_too_many_photos_are_refused_and_nothing_is_stored(site: dict[str, Any], tmp_path: Path) -> None:
    photos = [photo((10, 10, 10)), photo((20, 20, 20)), photo((30, 30, 30))]

    with pytest.raises(ReportValidationError) as caught:
        submit_report(text=TEXT, location=GRONINGEN, source=ReportSource.WEB, photos=photos)

    assert "2" in caught.value.errors["photos"][0]
    assert nothing_stored(tmp_path / "media")


def test_several_errors_are_reported_together(site: dict[str, Any]) -> None:
    with pytest.raises(ReportValidationError) as caught:
        submit_report(text="", location=LocationInput(), source=ReportSource.WEB, reporter=ReporterInput(email="nope"))

    assert set(caught.value.errors) == {"text", "location", "email"}


def test_control_characters_are_removed_from_every_text_and_clean_inputs_are_kept_as_they_are() -> None:
    location = LocationInput(lat=53.2, lon=6.5, address_text="Grote\x00 Markt 1", address_id="adr\x1b-1")
    reporter = ReporterInput(
        email="a@example.org\x07", phone="06\x0812345678", first_name="An\x7fna", last_name="de\x0c Vries"
    )
    text, cleaned_location, cleaned_reporter = clean_inputs("Losse\x00 tegel\nbij de ingang", location, reporter)
    assert text == "Losse tegel\nbij de ingang"  # line breaks stay
    assert (cleaned_location.address_text, cleaned_location.address_id) == ("Grote Markt 1", "adr-1")
    assert cleaned_reporter is not None
    assert (cleaned_reporter.email, cleaned_reporter.phone) == ("a@example.org", "0612345678")
    assert (cleaned_reporter.first_name, cleaned_reporter.last_name) == ("Anna", "de Vries")
    clean_location, clean_reporter = LocationInput(address_text="Grote Markt 1"), ReporterInput(email="a@example.org")
    _text, same_location, same_reporter = clean_inputs("Losse tegel", clean_location, clean_reporter)
    assert same_location is clean_location and same_reporter is clean_reporter
