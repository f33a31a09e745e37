"""The public map, its GeoJSON, the nearby list for the form and following: never police, confidential or personal."""

from __future__ import annotations

import json
import re
from typing import Any

from django.test import Client
from django.urls import reverse

import pytest

from openbuurt.core.models import AuditLogEntry
from openbuurt.reports.constants import ReportStatus
from openbuurt.reports.models import Follower, Report
from openbuurt.reports.tests.backoffice.conftest import HERE, World
from openbuurt.reports.tests.factories import ReportFactory
from openbuurt.triage.models import Category

pytestmark = pytest.mark.django_db


def geojson(client: Client | None = None) -> dict[str, Any]:
    response = (client or Client()).get(reverse("public:reports-geojson"))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/geo+json"
    data: dict[str, Any] = json.loads(response.content)
    return data


def test_the_geojson_holds_open_public_reports_with_number_category_status_date_and_a_rounded_point(
    world: World,
) -> None:
    Report.objects.filter(pk=world.lamp.pk).update(lat=53.219444, lon=6.566555)

    data = geojson()

    by_id = {feature["properties"]["id"]: feature for feature in data["features"]}
    assert set(by_id) == {world.lamp.public_id, world.lamp_earlier.public_id, world.other_report.public_id}
    lamp = by_id[world.lamp.public_id]
    assert lamp["geometry"]["coordinates"] == [6.567, 53.219]
    assert set(lamp["properties"]) == {"id", "category", "status", "status_label", "created"}
    assert lamp["properties"]["category"] == "Lamp kapot (test)"


def test_the_geojson_never_holds_police_confidential_closed_or_personal_data(world: World) -> None:
    secret_category = Category.objects.create(
        slug="bo-geheim",
        name_nl="Geheim (test)",
        name_en="Secret (test)",
        service_code="BO-GEHEIM",
        is_confidential=True,
    )
    hidden: list[Report] = [
        world.police_report,
        ReportFactory(organisation=world.municipality, category=world.lamp_broken, is_confidential=True),
        ReportFactory(organisation=world.municipality, category=secret_category),
        ReportFactory(organisation=world.municipality, category=world.lamp_broken, status=ReportStatus.DONE),
        ReportFactory(organisation=world.municipality, category=world.lamp_broken, status=ReportStatus.CANCELLED),
        ReportFactory(
            organisation=world.municipality, category=world.lamp_broken, status=ReportStatus.REOPEN_REQUESTED
        ),
        world.linked,
    ]
    # A municipal report that went to the police stays out too, whatever its flag says.
    hidden.append(ReportFactory(organisation=world.police, category=world.lamp_broken))

    raw = Client().get(reverse("public:reports-geojson")).content.decode()

    for report in hidden:
        assert report.public_id not in raw
    for personal in ("bewoner@example.org", "0612345678", "Sam", "Grote Markt", "lantaarnpaal", "testtekst"):
        assert personal not in raw


def test_the_geojson_is_cached_briefly_and_publicly(world: World) -> None:
    first = Client().get(reverse("public:reports-geojson"))
    ReportFactory(organisation=world.municipality, category=world.lamp_broken)
    second = geojson()

    assert first["Cache-Control"] == "public, max-age=60"
    assert len(second["features"]) == len(json.loads(first.content)["features"])


def test_the_public_map_page_needs_no_login_and_loads_the_geojson(world: World) -> None:
    response = Client().get(reverse("public:map"))

    assert response.status_code == 200
    assert response.context["map_config"]["dataUrl"] == reverse("public:reports-geojson")
    assert response.context["map_config"]["detailUrl"] == ""
    assert 'id="cluster-map"' in response.content.decode()


def nearby(**params: Any) -> Any:
    return Client().get(reverse("public:reports-nearby"), params)


def test_nearby_lists_open_public_reports_without_text_nearest_first(world: World) -> None:
    response = nearby(lat=HERE[0], lon=HERE[1], category=world.lamp_flickering.slug)

    assert response.status_code == 200
    items = json.loads(response.content)
    assert [item["id"] for item in items] == [world.lamp.public_id, world.lamp_earlier.public_id]
    assert items[0]["distance_m"] == 0 and items[1]["distance_m"] == 30
    assert set(items[0]) == {"id", "category", "status", "status_label", "created", "distance_m", "lat", "lon"}
    assert world.police_report.public_id not in response.content.decode()


def test_nearby_with_another_main_category_finds_nothing(world: World) -> None:
    Report.objects.filter(pk=world.other_report.pk).update(lat=HERE[0] + 0.01)

    assert json.loads(nearby(lat=HERE[0], lon=HERE[1], category=world.litter.slug).content) == []


@pytest.mark.parametrize(
    ("params", "field"),
    [
        ({"lat": "noord", "lon": "6.5"}, "lat"),
        ({"lat": "53.2"}, "lon"),
        ({"lat": "95", "lon": "6.5"}, "lat"),
        ({"lat": "53.2", "lon": "6.5", "category": "bestaat-niet"}, "category"),
    ],
)
def test_nearby_refuses_bad_input_with_the_field(world: World, params: dict[str, str], field: str) -> None:
    response = nearby(**params)

    assert response.status_code == 400
    assert field in json.loads(response.content)


def follow(public_id: str, email: str, capture: Any, *, language: str = "nl") -> Any:
    """Ask to follow through the API, running what happens after commit (the confirmation e-mail)."""
    with capture(execute=True):
        return Client(HTTP_ACCEPT_LANGUAGE=language).post(
            reverse("public:report-follow", kwargs={"public_id": public_id}),
            json.dumps({"email": email}),
            content_type="application/json",
        )


def test_following_sends_a_confirmation_mail_and_adds_no_follower_yet(
    world: World, django_capture_on_commit_callbacks: Any, mailoutbox: list[Any]
) -> None:
    response = follow(world.lamp.public_id, " Buur@Example.org ", django_capture_on_commit_callbacks)

    assert response.status_code == 202
    body = json.loads(response.content)
    assert (body["report"], body["following"], body["confirmation_sent"]) == (world.lamp.public_id, False, True)
    assert "e-mail" in body["detail"]
    assert response["Cache-Control"] == "no-store"
    assert not Follower.objects.exists()
    [mail] = mailoutbox
    assert mail.to == ["buur@example.org"]
    assert world.lamp.public_id in mail.subject and "Bevestig" in mail.subject
    assert re.search(r"https?://[^\s]+/volgen/[^/\s]+/", mail.body)
    # The mail shows no one's report text or place: only number and category.
    assert "Grote Markt" not in mail.body and "lantaarnpaal" not in mail.body


def test_asking_again_the_same_day_sends_no_second_mail_and_answers_the_same(
    world: World, django_capture_on_commit_callbacks: Any, mailoutbox: list[Any]
) -> None:
    Follower.objects.create(report=world.lamp_earlier, email="al@example.org", created_at=world.lamp.created_at)

    first = follow(world.lamp.public_id, "buur@example.org", django_capture_on_commit_callbacks)
    again = follow(world.lamp.public_id, "BUUR@example.org", django_capture_on_commit_callbacks)
    already = follow(world.lamp_earlier.public_id, "al@example.org", django_capture_on_commit_callbacks)

    assert first.status_code == again.status_code == already.status_code == 202
    # Whether an address already follows a report is nobody else's business: the answer does not tell.
    assert json.loads(first.content).keys() == json.loads(already.content).keys()
    assert [mail.to for mail in mailoutbox] == [["buur@example.org"], ["al@example.org"]]


def test_the_confirmation_mail_is_in_the_language_of_the_page(
    world: World, django_capture_on_commit_callbacks: Any, mailoutbox: list[Any]
) -> None:
    response = follow(world.lamp.public_id, "neighbour@example.org", django_capture_on_commit_callbacks, language="en")

    assert response.status_code == 202
    assert "Check your e-mail" in json.loads(response.content)["detail"]
    assert mailoutbox[0].subject.startswith("Confirm that you want to follow")


def test_asking_to_follow_is_audited_without_the_address(world: World, django_capture_on_commit_callbacks: Any) -> None:
    follow(world.lamp.public_id, "buur@example.org", django_capture_on_commit_callbacks)

    entry = AuditLogEntry.objects.filter(summary__contains="asked to follow").get()
    assert entry.object_id == str(world.lamp.pk)
    assert "buur" not in json.dumps(entry.detail) + entry.summary


def test_following_needs_a_valid_address_and_an_open_public_report(
    world: World, django_capture_on_commit_callbacks: Any, mailoutbox: list[Any]
) -> None:
    bad = follow(world.lamp.public_id, "geen adres", django_capture_on_commit_callbacks)
    empty = follow(world.lamp.public_id, "", django_capture_on_commit_callbacks)
    police = follow(world.police_report.public_id, "buur@example.org", django_capture_on_commit_callbacks)
    linked = follow(world.linked.public_id, "buur@example.org", django_capture_on_commit_callbacks)
    missing = follow("GRO-2026-424242", "buur@example.org", django_capture_on_commit_callbacks)

    assert bad.status_code == empty.status_code == 400
    assert "email" in json.loads(bad.content) and "email" in json.loads(empty.content)
    assert police.status_code == linked.status_code == missing.status_code == 404
    assert not Follower.objects.exists()
    assert mailoutbox == []


def test_following_accepts_a_plain_form_post_too(
    world: World, django_capture_on_commit_callbacks: Any, mailoutbox: list[Any]
) -> None:
    with django_capture_on_commit_callbacks(execute=True):
        response = Client().post(
            reverse("public:report-follow", kwargs={"public_id": world.lamp.public_id}), {"email": "buur@example.org"}
        )

    assert response.status_code == 202
    assert len(mailoutbox) == 1


def test_asking_to_follow_is_rate_limited_per_address(world: World, django_capture_on_commit_callbacks: Any) -> None:
    statuses = [
        follow(world.lamp.public_id, f"buur{number}@example.org", django_capture_on_commit_callbacks).status_code
        for number in range(21)
    ]

    assert statuses == [202] * 20 + [429]
