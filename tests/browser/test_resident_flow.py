"""A resident reports a problem in a real browser and follows it; every page passes axe without serious issues."""

from __future__ import annotations

import re
from typing import Any

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Browser, FilePayload, Page, expect
from pytest_django.fixtures import Settings as SettingsWrapper
from pytest_django.live_server_helper import LiveServer

from openbuurt.places.tests.factories import AreaFactory, GazetteerEntryFactory
from openbuurt.reports.models import Report
from openbuurt.reports.tests.test_services import build_site
from tests.browser.conftest import DESKTOP, PHONE, PageProblems, screenshot, serious_violations

pytestmark = [pytest.mark.browser, pytest.mark.slow]

TEXT = "Er ligt een losse stoeptegel voor de bakkerij, mensen struikelen erover (testtekst, door ons geschreven)."


@pytest.fixture
def site(transactional_db: None, settings: SettingsWrapper) -> dict[str, Any]:
    """A small municipality with one district, and no internet: no map tiles, only the offline geocoder."""
    settings.OPENBUURT_MAP_TILE_URL = ""
    settings.OPENBUURT_GEOCODERS = ["gazetteer"]
    AreaFactory(district=True, lat=53.2194, lon=6.5665, name="Centrum (test)")
    return build_site()


def assert_accessible(axe: Axe, page: Page, what: str) -> None:
    violations = serious_violations(axe, page)
    if violations:
        print(f"axe violations on {what}:")
        for violation in violations:
            print(f"  [{violation['impact']}] {violation['id']}: {violation['help']} → {violation['nodes']}")
    assert violations == [], f"{what} has serious or critical accessibility violations"


def place_pin_in_the_middle(page: Page) -> None:
    map_element = page.locator("#report-map")
    expect(map_element).to_be_visible()
    box = map_element.bounding_box()
    assert box is not None
    map_element.click(position={"x": box["width"] / 2, "y": box["height"] / 2})
    expect(page.locator(".leaflet-marker-icon")).to_have_count(1)


def test_resident_reports_a_problem_and_follows_it(
    page: Page, live_server: LiveServer, site: dict[str, Any], axe: Axe, page_problems: PageProblems
) -> None:
    page.goto(f"{live_server.url}/melden/")
    expect(page.locator("html")).to_have_attribute("lang", "nl")
    expect(page.locator("h1")).to_contain_text("Meld een probleem")
    assert_accessible(axe, page, "the report form")
    screenshot(page, "form-phone")

    page.fill("#id_text", TEXT)
    page.select_option("#id_category", site["sub"].slug)
    place_pin_in_the_middle(page)
    expect(page.locator("#id_lat")).not_to_have_value("")
    expect(page.locator("#id_location_source")).to_have_value("map")
    expect(page.locator("#map-status")).not_to_be_empty()
    page.click("#submit-button")

    page.wait_for_url(re.compile(r"/melden/ontvangen/[0-9a-f-]+/$"))
    report = Report.objects.get()
    expect(page.locator("#report-number")).to_have_text(report.public_id)
    expect(page.locator("#handling-message")).to_have_text(site["main"].handling_message_nl)
    assert report.category == site["sub"]
    assert report.location_source == "map"
    assert report.lat == pytest.approx(53.2194, abs=0.05)
    assert_accessible(axe, page, "the confirmation")
    screenshot(page, "confirmation-phone")
    page.set_viewport_size(DESKTOP)
    screenshot(page, "confirmation-desktop")
    page.set_viewport_size(PHONE)

    page.click("#tracking-link")
    page.wait_for_url(re.compile(r"/melding/[^/]+/$"))
    expect(page.locator("h1")).to_contain_text(report.public_id)
    expect(page.locator("#report-status")).to_contain_text("Ontvangen")
    expect(page.locator("#history li")).to_have_count(1)
    assert_accessible(axe, page, "the tracking page")
    screenshot(page, "tracking-phone")
    page.set_viewport_size(DESKTOP)
    screenshot(page, "tracking-desktop")

    # The page's own forms must pass the CSRF check from a real browser (its referrer policy decides that).
    page.click("button.language-switch__button[value='en']")
    expect(page.locator("#report-status")).to_contain_text("Received")

    assert page_problems.messages == []


def test_the_form_on_a_desktop_in_english(
    page: Page, live_server: LiveServer, site: dict[str, Any], axe: Axe, page_problems: PageProblems
) -> None:
    page.set_viewport_size(DESKTOP)
    page.goto(f"{live_server.url}/melden/")
    page.click("button[name=language][value=en]")

    expect(page.locator("html")).to_have_attribute("lang", "en")
    expect(page.locator("h1")).to_have_text("Report a problem in public space")
    place_pin_in_the_middle(page)
    assert_accessible(axe, page, "the report form in English")
    screenshot(page, "form-desktop")
    assert page_problems.messages == []


def test_an_emergency_is_flagged_while_typing(
    page: Page, live_server: LiveServer, site: dict[str, Any], axe: Axe
) -> None:
    page.goto(f"{live_server.url}/melden/")
    confirm = page.locator("#emergency-confirm")
    expect(confirm).to_be_hidden()

    page.locator("#id_text").press_sequentially("Er is brand in de schuur van de buren", delay=5)

    alert = page.locator("#emergency-live .alert--emergency")
    expect(alert).to_be_visible()
    expect(alert.locator("a[href='tel:112']")).to_be_visible()
    expect(confirm).to_be_visible()
    assert_accessible(axe, page, "the form with the emergency warning")
    screenshot(page, "form-emergency-phone")

    page.fill("#id_text", "De prullenbak op het plein is vol")
    expect(alert).to_have_count(0)


def test_a_wrong_file_is_flagged_before_sending(
    page: Page, live_server: LiveServer, site: dict[str, Any], settings: SettingsWrapper
) -> None:
    settings.OPENBUURT_MAX_PHOTO_BYTES = 1000
    page.goto(f"{live_server.url}/melden/")

    page.set_input_files(
        "#id_photos",
        files=[FilePayload(name="notities.jpg", mimeType="text/plain", buffer=b"geen foto (door ons geschreven)")],
    )
    error = page.locator("#id_photos_error")
    expect(error).to_be_visible()
    expect(error).to_contain_text("notities.jpg")
    expect(page.locator("#id_photos")).to_have_attribute("aria-invalid", "true")

    page.set_input_files(
        "#id_photos", files=[FilePayload(name="groot.png", mimeType="image/png", buffer=b"\x89PNG" + b"0" * 5000)]
    )
    expect(error).to_contain_text("groot.png")
    expect(error).to_contain_text("1000")

    page.fill("#id_text", TEXT)
    place_pin_in_the_middle(page)
    page.click("#submit-button")
    expect(page.locator("#id_photos")).to_be_focused()
    assert Report.objects.count() == 0


def test_the_address_search_places_the_pin(page: Page, live_server: LiveServer, site: dict[str, Any]) -> None:
    GazetteerEntryFactory(name="Vismarkt", kind="street", lat=53.2167, lon=6.5636, key="test:vismarkt")
    page.goto(f"{live_server.url}/melden/")

    page.fill("#id_address", "Vismarkt")
    page.click("#address-search-button")
    choice = page.locator(".address-results__choice").first
    expect(choice).to_contain_text("Vismarkt")
    choice.click()

    expect(page.locator("#id_location_source")).to_have_value("geocoder")
    expect(page.locator("#id_lat")).to_have_value(re.compile(r"^53\.216"))
    expect(page.locator(".leaflet-marker-icon")).to_have_count(1)
    expect(page.locator("#id_address")).to_have_value(re.compile("Vismarkt"))


def test_use_my_location_places_the_pin(browser: Browser, live_server: LiveServer, site: dict[str, Any]) -> None:
    context = browser.new_context(
        viewport=PHONE,
        locale="nl-NL",
        geolocation={"latitude": 53.2201, "longitude": 6.5702},
        permissions=["geolocation"],
    )
    page = context.new_page()
    try:
        page.goto(f"{live_server.url}/melden/")
        page.click("#locate-button")

        expect(page.locator("#id_location_source")).to_have_value("device")
        expect(page.locator("#id_lat")).to_have_value("53.2201")
        expect(page.locator("#id_lon")).to_have_value("6.5702")
        expect(page.locator("#map-status")).to_contain_text("locatie")
    finally:
        context.close()


def test_the_form_works_without_javascript(browser: Browser, live_server: LiveServer, site: dict[str, Any]) -> None:
    context = browser.new_context(viewport=PHONE, locale="nl-NL", java_script_enabled=False)
    page = context.new_page()
    try:
        page.goto(f"{live_server.url}/melden/")
        expect(page.locator("#report-map")).to_be_hidden()
        expect(page.locator("#address-search-button")).to_be_hidden()

        page.fill("#id_text", TEXT)
        page.fill("#id_address", "Grote Markt 1, Groningen")
        page.click("#submit-button")

        page.wait_for_url(re.compile(r"/melden/ontvangen/[0-9a-f-]+/$"))
        report = Report.objects.get()
        expect(page.locator("#report-number")).to_have_text(report.public_id)
        assert report.address_text == "Grote Markt 1, Groningen"
        assert report.location_source == "text"
    finally:
        context.close()
