"""Following a report by e-mail with double opt-in, the list of reports nearby without JavaScript, and the language
of web reports.

A resident asks to follow (API or the no-JavaScript page); only the signed link in the confirmation e-mail, and a
POST on its page, make the address a follower that gets the report's news.
"""

from __future__ import annotations

import json
import re
import uuid
from datetime import timedelta
from typing import Any
from urllib.parse import urlsplit

from django.contrib.staticfiles import finders
from django.core import signing
from django.test import Client
from django.urls import reverse
from django.utils import timezone

import pytest
import time_machine

from openbuurt.notifications import links as notification_links
from openbuurt.places.tests.factories import GazetteerEntryFactory
from openbuurt.reports.constants import ReportStatus
from openbuurt.reports.models import Follower, Report
from openbuurt.reports.public.links import FOLLOW_LINK_MAX_AGE, follow_signature, read_follow_signature
from openbuurt.reports.services import change_status
from openbuurt.reports.tests.backoffice.conftest import HERE, World
from openbuurt.reports.tests.factories import ReportFactory
from openbuurt.reports.tests.test_views import _Markup

pytestmark = pytest.mark.django_db

CONFIRM_LINK = re.compile(r"https?://[^\s/]+(/volgen/[^/\s]+/)")


def ask_to_follow(report: Report, email: str, capture: Any) -> None:
    with capture(execute=True):
        response = Client().post(
            reverse("public:report-follow", kwargs={"public_id": report.public_id}),
            json.dumps({"email": email}),
            content_type="application/json",
        )
    assert response.status_code == 202


def confirm_path(mail: Any) -> str:
    found = CONFIRM_LINK.search(mail.body)
    assert found is not None, mail.body
    return found.group(1)


def test_the_link_from_the_mail_asks_first_and_follows_only_after_the_post(
    world: World, django_capture_on_commit_callbacks: Any, mailoutbox: list[Any]
) -> None:
    ask_to_follow(world.lamp, "buur@example.org", django_capture_on_commit_callbacks)
    path = confirm_path(mailoutbox[0])
    client = Client()

    asked = client.get(path)

    assert asked.status_code == 200
    page = asked.content.decode()
    assert world.lamp.public_id in page and "buur@example.org" in page
    assert 'id="confirm-follow-button"' in page
    assert asked["Cache-Control"] == "no-store" and asked["Referrer-Policy"] == "same-origin"
    assert not Follower.objects.exists()  # opening the link (a mail scanner does) changes nothing

    confirmed = client.post(path)

    assert confirmed.status_code == 302 and confirmed["Location"] == path
    follower = Follower.objects.get()
    assert (follower.report, follower.email) == (world.lamp, "buur@example.org")
    done = client.get(path).content.decode()
    assert f"U krijgt berichten over {world.lamp.public_id}" in done
    assert 'id="confirm-follow-button"' not in done


def test_confirming_twice_is_harmless(world: World) -> None:
    path = reverse("public:follow-confirm", args=[follow_signature(report_id=world.lamp.pk, email="buur@example.org")])

    first = Client().post(path)
    second = Client().post(path)

    assert first.status_code == second.status_code == 302
    assert Follower.objects.filter(report=world.lamp, email="buur@example.org").count() == 1


def test_a_confirmed_follower_gets_the_reports_news(
    world: World, django_capture_on_commit_callbacks: Any, mailoutbox: list[Any]
) -> None:
    ask_to_follow(world.lamp, "buur@example.org", django_capture_on_commit_callbacks)
    Client().post(confirm_path(mailoutbox[0]))
    mailoutbox.clear()

    with django_capture_on_commit_callbacks(execute=True):
        change_status(
            report=world.lamp, to_status=ReportStatus.IN_PROGRESS, actor=None, public_text="De monteur komt morgen."
        )

    to_follower = [mail for mail in mailoutbox if mail.to == ["buur@example.org"]]
    assert len(to_follower) == 1 and "De monteur komt morgen." in to_follower[0].body


def test_someone_who_never_confirms_gets_no_news(
    world: World, django_capture_on_commit_callbacks: Any, mailoutbox: list[Any]
) -> None:
    ask_to_follow(world.lamp, "buur@example.org", django_capture_on_commit_callbacks)
    mailoutbox.clear()

    with django_capture_on_commit_callbacks(execute=True):
        change_status(report=world.lamp, to_status=ReportStatus.IN_PROGRESS, actor=None, public_text="We kijken.")

    assert [mail for mail in mailoutbox if "buur@example.org" in mail.to] == []


def test_following_a_linked_report_follows_its_primary(world: World) -> None:
    path = reverse(
        "public:follow-confirm", args=[follow_signature(report_id=world.linked.pk, email="buur@example.org")]
    )

    Client().post(path)

    assert Follower.objects.get().report == world.lamp_earlier


@pytest.mark.parametrize("change", ["letter", "cut", "garbage", "tracking link"])
def test_a_changed_or_foreign_link_is_refused_and_follows_nothing(world: World, change: str) -> None:
    signed = follow_signature(report_id=world.lamp.pk, email="buur@example.org")
    if change == "letter":
        signed = signed[:-1] + ("A" if signed[-1] != "A" else "B")
    elif change == "cut":
        signed = signed[: len(signed) // 2]
    elif change == "garbage":
        signed = "niet-een-link"
    else:
        # A genuine signed value of another kind of link must not work here.
        signed = notification_links.tracking_signature(world.lamp)
    path = reverse("public:follow-confirm", args=[signed])

    shown, posted = Client().get(path), Client().post(path)

    assert shown.status_code == posted.status_code == 404
    assert "Deze link werkt niet" in shown.content.decode()
    assert not Follower.objects.exists()


def test_an_address_swapped_into_the_link_breaks_the_signature(world: World) -> None:
    signed = follow_signature(report_id=world.lamp.pk, email="buur@example.org")
    _payload, stamp_and_signature = signed.split(":", 1)
    swapped = signing.b64_encode(json.dumps({"r": world.lamp.pk, "e": "ander@example.org"}).encode()).decode()

    response = Client().post(reverse("public:follow-confirm", args=[f"{swapped}:{stamp_and_signature}"]))

    assert response.status_code == 404
    assert not Follower.objects.exists()


def test_an_expired_link_explains_itself_and_follows_nothing(world: World) -> None:
    with time_machine.travel(timezone.now() - FOLLOW_LINK_MAX_AGE - timedelta(minutes=1), tick=False):
        signed = follow_signature(report_id=world.lamp.pk, email="buur@example.org")
    path = reverse("public:follow-confirm", args=[signed])

    shown, posted = Client().get(path), Client().post(path)

    assert shown.status_code == posted.status_code == 410
    assert "verlopen" in shown.content.decode()
    assert not Follower.objects.exists()


def test_a_link_just_within_its_week_still_works(world: World) -> None:
    with time_machine.travel(timezone.now() - FOLLOW_LINK_MAX_AGE + timedelta(minutes=5), tick=False):
        signed = follow_signature(report_id=world.lamp.pk, email="buur@example.org")

    assert read_follow_signature(signed).email == "buur@example.org"
    assert Client().post(reverse("public:follow-confirm", args=[signed])).status_code == 302
    assert Follower.objects.count() == 1


def test_a_report_closed_since_the_mail_can_no_longer_be_followed(world: World) -> None:
    path = reverse("public:follow-confirm", args=[follow_signature(report_id=world.lamp.pk, email="buur@example.org")])
    Report.objects.filter(pk=world.lamp.pk).update(status=ReportStatus.DONE, closed_at=timezone.now())

    shown, posted = Client().get(path), Client().post(path)

    assert shown.status_code == posted.status_code == 409
    assert world.lamp.public_id in shown.content.decode()
    assert not Follower.objects.exists()


def test_a_link_to_a_deleted_report_is_not_found(world: World) -> None:
    report = ReportFactory(organisation=world.municipality, category=world.lamp_broken)
    path = reverse("public:follow-confirm", args=[follow_signature(report_id=report.pk, email="buur@example.org")])
    report.delete()

    assert Client().get(path).status_code == 404


# ---- The list of reports nearby without JavaScript ------------------------------------------------------------


def nearby_page(**params: str) -> Any:
    return Client().get(reverse("public:nearby"), params)


def test_the_nearby_page_lists_only_open_public_reports_of_that_place(world: World) -> None:
    closed = ReportFactory(
        organisation=world.municipality, category=world.lamp_broken, lat=HERE[0], lon=HERE[1], closed=True
    )
    far = ReportFactory(organisation=world.municipality, category=world.lamp_broken, lat=HERE[0] + 0.01, lon=HERE[1])
    Report.objects.filter(pk=world.other_report.pk).update(lat=HERE[0] - 0.01)
    Report.objects.filter(pk=world.lamp.pk).update(address_text="Lampstraat 7 (test)")

    response = nearby_page(lat=str(HERE[0]), lon=str(HERE[1]))

    assert response.status_code == 200
    page = response.content.decode()
    listed = re.findall(r'id="nearby-([A-Z]+-\d{4}-\d+)"', page)
    assert listed == [world.lamp.public_id, world.lamp_earlier.public_id]
    for hidden in (world.police_report, world.linked, closed, far, world.other_report):
        assert hidden.public_id not in page
    # No description, address or contact details of anyone.
    for personal in ("Lampstraat", "bewoner@example.org", "0612345678", "brandt al een week", "testtekst"):
        assert personal not in page
    assert "ongeveer 30 m hiervandaan" in page
    new_report = re.search(r'href="([^"]+)" id="new-report-link"', page)
    assert new_report is not None and "lat=53.2194" in new_report.group(1)


def test_the_nearby_page_filters_on_the_main_category_and_finds_an_address(world: World) -> None:
    GazetteerEntryFactory(name="Lantaarnplein", kind="street", lat=HERE[0], lon=HERE[1], key="test:lantaarnplein")
    Report.objects.filter(pk=world.other_report.pk).update(lat=HERE[0] - 0.01)

    lighting = nearby_page(address="Lantaarnplein", category=world.lamp_flickering.slug).content.decode()
    waste = nearby_page(address="Lantaarnplein", category=world.litter.slug).content.decode()

    assert world.lamp.public_id in lighting and "Lantaarnplein" in lighting
    assert world.lamp.public_id not in waste
    assert "Geen open meldingen in de buurt" in waste


@pytest.mark.parametrize(
    ("params", "field", "message"),
    [
        ({"lat": "53.2"}, "lon", "Geef zowel de breedtegraad als de lengtegraad."),
        ({"lat": "noord", "lon": "6.5"}, "lat", "Typ een getal"),
        ({"lat": "95", "lon": "6.5"}, "lat", "-90"),
        ({"address": "Bestaatnietstraat 99"}, "address", "niet vinden"),
        ({"category": "bo-lamp-kapot"}, "address", "Typ een adres of plaats"),
    ],
)
def test_the_nearby_page_says_what_is_wrong_with_the_search(
    world: World, params: dict[str, str], field: str, message: str
) -> None:
    response = nearby_page(**params)

    assert response.status_code == 400
    page = response.content.decode()
    assert message in page
    assert re.search(rf'name="{field}"[^>]*aria-invalid="true"', page)
    assert 'id="nearby-list"' not in page


def test_the_nearby_page_without_a_place_only_asks_for_one(world: World) -> None:
    response = nearby_page()

    assert response.status_code == 200
    assert 'id="nearby-search-button"' in response.content.decode()
    assert 'aria-invalid="true"' not in response.content.decode()


def post_follow(client: Client, report_id: str, email: str, capture: Any, **search: str) -> Any:
    url = reverse("public:nearby") + ("?" + "&".join(f"{key}={value}" for key, value in search.items()))
    with capture(execute=True):
        return client.post(url, {"report": report_id, "email": email})


def test_following_from_the_nearby_page_sends_the_confirmation_and_says_so(
    world: World, django_capture_on_commit_callbacks: Any, mailoutbox: list[Any]
) -> None:
    client = Client()
    place = {"lat": str(HERE[0]), "lon": str(HERE[1])}

    response = post_follow(
        client, world.lamp.public_id, "buur@example.org", django_capture_on_commit_callbacks, **place
    )

    assert response.status_code == 302
    assert urlsplit(response["Location"]).query == f"lat={HERE[0]}&lon={HERE[1]}&verstuurd={world.lamp.public_id}"
    shown = client.get(response["Location"]).content.decode()
    assert 'id="follow-sent"' in shown and "Kijk in uw e-mail" in shown
    assert [mail.to for mail in mailoutbox] == [["buur@example.org"]]
    assert not Follower.objects.exists()


def test_a_bad_address_on_the_nearby_page_is_shown_next_to_that_report(
    world: World, django_capture_on_commit_callbacks: Any, mailoutbox: list[Any]
) -> None:
    place = {"lat": str(HERE[0]), "lon": str(HERE[1])}

    response = post_follow(
        Client(), world.lamp_earlier.public_id, "geen-adres", django_capture_on_commit_callbacks, **place
    )

    assert response.status_code == 400
    page = response.content.decode()
    item = page[page.index(f'id="nearby-{world.lamp_earlier.public_id}"') :]
    item = item[: item.index("</li>")]
    assert '<details class="nearby-item__follow" open>' in item
    assert "Vul een geldig e-mailadres in" in item
    assert 'aria-invalid="true"' in item and 'value="geen-adres"' in item
    assert mailoutbox == []


def test_the_nearby_page_refuses_to_follow_a_report_that_is_not_open_and_public(
    world: World, django_capture_on_commit_callbacks: Any, mailoutbox: list[Any]
) -> None:
    response = post_follow(
        Client(), world.police_report.public_id, "buur@example.org", django_capture_on_commit_callbacks
    )

    assert response.status_code == 400
    assert 'id="follow-error"' in response.content.decode()
    assert mailoutbox == []


def test_the_nearby_page_shares_the_apis_rate_limit(world: World, django_capture_on_commit_callbacks: Any) -> None:
    client = Client()
    statuses = [
        post_follow(
            client, world.lamp.public_id, f"buur{n}@example.org", django_capture_on_commit_callbacks
        ).status_code
        for n in range(21)
    ]

    assert statuses == [302] * 20 + [429]


def test_a_sent_notice_for_an_unknown_number_is_not_shown(world: World) -> None:
    page = nearby_page(lat=str(HERE[0]), lon=str(HERE[1]), verstuurd="Alles is gratis").content.decode()

    assert 'id="follow-sent"' not in page and "Alles is gratis" not in page


# ---- The report form ------------------------------------------------------------------------------------------


def test_the_form_offers_the_list_of_reports_nearby(world: World) -> None:
    response = Client().get(reverse("reports:new"))

    page = response.content.decode()
    assert 'id="nearby"' in page and 'id="follow-dialog"' in page
    assert f'href="{reverse("public:nearby")}"' in page
    config = response.context["form_config"]
    assert config["nearbyUrl"] == reverse("public:reports-nearby")
    assert config["followUrl"].replace("REPORT-ID", world.lamp.public_id) == reverse(
        "public:report-follow", kwargs={"public_id": world.lamp.public_id}
    )


def test_the_form_takes_over_the_place_and_category_from_the_nearby_page(world: World) -> None:
    form = Client().get(reverse("reports:new"), {"lat": "53.2194", "lon": "6.5665", "category": "bo-lamp-kapot"})
    ignored = Client().get(reverse("reports:new"), {"lat": "noord", "lon": "6.5665", "category": "bestaat-niet"})

    initial = form.context["form"].initial
    assert (initial["lat"], initial["lon"], initial["category"]) == ("53.2194", "6.5665", "bo-lamp-kapot")
    assert "lat" not in ignored.context["form"].initial and "category" not in ignored.context["form"].initial


@pytest.mark.parametrize(("language", "expected"), [("en", "en"), ("nl", "nl")])
def test_a_web_report_keeps_the_language_of_the_form(world: World, language: str, expected: str) -> None:
    client = Client(HTTP_ACCEPT_LANGUAGE=language)
    data = {
        "submission_key": str(uuid.uuid4()),
        # Dutch text on the English form: the resident still reads English, so their e-mails are in English.
        "text": "De lamp op de hoek brandt niet meer sinds vorige week (testtekst, door ons geschreven).",
        "lat": str(HERE[0]),
        "lon": str(HERE[1]),
        "location_source": "map",
        "category": world.lamp_broken.slug,
    }

    response = client.post(reverse("reports:new"), data)

    assert response.status_code == 302
    assert Report.objects.latest("id").language == expected


def test_the_new_pages_have_no_inline_script_or_style(world: World) -> None:
    """The content security policy allows scripts and styles only from files; these pages must not need more."""
    confirm = reverse("public:follow-confirm", args=[follow_signature(report_id=world.lamp.pk, email="b@example.org")])
    pages = [
        Client().get(reverse("public:nearby"), {"lat": str(HERE[0]), "lon": str(HERE[1])}),
        Client().get(confirm),
        Client().get(reverse("reports:new")),
    ]
    for response in pages:
        markup = _Markup()
        markup.feed(response.content.decode())
        assert [
            script for script in markup.scripts if not script.get("src") and script.get("type") != "application/json"
        ] == []
        assert markup.styled == []
    assert finders.find("reports/report-nearby.js")
