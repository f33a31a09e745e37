"""A staff member handles a report from the queue to done in a real browser; the reporter's e-mails arrive over SMTP.

The reporter's e-mails go through the notifications outbox (Huey runs tasks immediately in tests) to a real SMTP
server on loopback. Queue, detail page and map pass axe without serious or critical violations.
"""

from __future__ import annotations

import re
import time
from typing import Any

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Page, expect
from pytest_django.fixtures import Settings as SettingsWrapper
from pytest_django.live_server_helper import LiveServer

from openbuurt.accounts.constants import Role
from openbuurt.accounts.models import Department, User
from openbuurt.notifications.tests.smtp import LoopbackSMTPServer
from openbuurt.places.tests.factories import AreaFactory
from openbuurt.reports.constants import ReportSource
from openbuurt.reports.models import Report
from openbuurt.reports.services import LocationInput, ReporterInput, submit_report
from openbuurt.reports.tests.test_services import build_site
from tests.browser.conftest import DESKTOP, PageProblems, screenshot, serious_violations

pytestmark = [pytest.mark.browser, pytest.mark.slow]

PASSWORD = "staff-flow-password-2026"
TEXT = "De lantaarnpaal bij de speeltuin aan de Vismarkt brandt niet meer (testtekst, door ons geschreven)."
IN_PROGRESS_TEXT = "Onze monteur gaat er deze week mee aan de slag (testbericht)."
DONE_TEXT = "De lamp is vervangen en brandt weer (testbericht)."


@pytest.fixture
def staff_site(transactional_db: None, settings: SettingsWrapper, smtp: LoopbackSMTPServer) -> dict[str, Any]:
    """The municipality of the resident tests, a lighting team with a team lead, and one submitted report."""
    settings.OPENBUURT_MAP_TILE_URL = ""
    settings.OPENBUURT_GEOCODERS = ["gazetteer"]
    AreaFactory(district=True, lat=53.2194, lon=6.5665, name="Centrum (test)")
    site = build_site()
    team = Department.objects.create(
        organisation=site["municipality"], name="Openbare verlichting (test)", slug="ov-test"
    )
    lead = User.objects.create_user(
        username="teamleider",
        password=PASSWORD,
        first_name="Robin",
        last_name="Teamleider",
        email="teamleider@gemeente.example",
        organisation=site["municipality"],
        role=Role.TEAM_LEAD,
    )
    lead.departments.set([team])
    result = submit_report(
        text=TEXT,
        location=LocationInput(lat=53.2194, lon=6.5665, address_text="Vismarkt 1", source="map"),
        source=ReportSource.WEB,
        category=site["sub"],
        reporter=ReporterInput(email="bewoner@example.org", first_name="Sam", wants_updates=True),
    )
    return {**site, "team": team, "lead": lead, "report": result.report}


def assert_accessible(axe: Axe, page: Page, what: str) -> None:
    violations = serious_violations(axe, page)
    for violation in violations:
        print(f"axe on {what}: [{violation['impact']}] {violation['id']}: {violation['help']} → {violation['nodes']}")
    assert violations == [], f"{what} has serious or critical accessibility violations"


def change_status(page: Page, status: str, public_text: str = "", note: str = "") -> None:
    page.select_option("#status_to_status", status)
    if public_text:
        page.fill("#status_public_text", public_text)
    if note:
        page.fill("#status_internal_note", note)
    page.click("#status-form button[type=submit]")
    page.wait_for_load_state("domcontentloaded")


def test_staff_member_handles_a_report_from_queue_to_done(
    page: Page,
    live_server: LiveServer,
    staff_site: dict[str, Any],
    smtp: LoopbackSMTPServer,
    axe: Axe,
    page_problems: PageProblems,
) -> None:
    report: Report = staff_site["report"]
    page.set_viewport_size(DESKTOP)
    page.set_extra_http_headers({"Accept-Language": "nl"})

    # The receipt went out when the report was submitted.
    expect_mails(smtp, 1)
    assert smtp.received[0].rcpt_tos == ["bewoner@example.org"]
    assert report.public_id in smtp.received[0].subject

    page.goto(f"{live_server.url}/backoffice/")
    page.wait_for_url(re.compile(r"/backoffice/login/"))
    assert_accessible(axe, page, "the login page")
    page.fill("#id_username", "teamleider")
    page.fill("#id_password", PASSWORD)
    page.click("#login-button")
    page.wait_for_url(re.compile(r"/backoffice/$"))

    expect(page.locator("#queue-table")).to_contain_text(report.public_id)
    assert_accessible(axe, page, "the queue")
    screenshot(page, "backoffice-queue")

    # Filter by category without a page load (htmx), then with a search for the number.
    page.select_option("#id_category", str(staff_site["main"].pk))
    expect(page.locator("#queue-table")).to_contain_text(report.public_id)
    expect(page).to_have_url(re.compile(rf"category={staff_site['main'].pk}"))
    page.fill("#id_q", "bestaat-niet-in-de-tekst")
    page.press("#id_q", "Enter")
    expect(page.locator("#queue-empty")).to_be_visible()
    expect(page.locator("#queue-live")).not_to_be_empty()
    page.fill("#id_q", report.public_id)
    page.press("#id_q", "Enter")
    expect(page.locator("#queue-table tbody tr")).to_have_count(1)

    page.click(f"#queue-table a:text('{report.public_id}')")
    page.wait_for_url(re.compile(rf"/backoffice/reports/{report.public_id}/$"))
    expect(page.locator("h1")).to_contain_text(report.public_id)
    expect(page.locator("#report-text")).to_contain_text("Vismarkt")
    assert_accessible(axe, page, "the detail page")
    screenshot(page, "backoffice-detail")

    change_status(page, "accepted")
    expect(page.locator("#report-status")).to_have_class(re.compile(r"status--accepted"))
    change_status(page, "in_progress", public_text=IN_PROGRESS_TEXT, note="Ladder mee (intern).")
    expect(page.locator("#report-status")).to_have_class(re.compile(r"status--in_progress"))
    expect(page.locator("#history")).to_contain_text(IN_PROGRESS_TEXT)
    expect(page.locator("#history")).to_contain_text("Ladder mee (intern).")
    change_status(page, "done", public_text=DONE_TEXT)
    expect(page.locator("#report-status")).to_have_class(re.compile(r"status--done"))
    screenshot(page, "backoffice-detail-done")

    report.refresh_from_db()
    assert report.status == "done"
    # Accepting carried no text for the reporter, so it sent nothing; "in progress" and "done" did.
    expect_mails(smtp, 3)
    progress, done = smtp.received[1], smtp.received[2]
    assert progress.rcpt_tos == done.rcpt_tos == ["bewoner@example.org"]
    assert IN_PROGRESS_TEXT in progress.text and "Ladder" not in progress.text
    assert DONE_TEXT in done.text
    assert "/feedback/" in done.text

    page.goto(f"{live_server.url}/backoffice/map/?status=done")
    expect(page.locator("#map-status")).to_contain_text(re.compile(r"\b1\b"))
    expect(page.locator(".map-pin, .map-cluster")).to_have_count(1)
    assert_accessible(axe, page, "the map")
    screenshot(page, "backoffice-map")

    assert page_problems.messages == []


def expect_mails(smtp: LoopbackSMTPServer, count: int, timeout: float = 10.0) -> None:
    """Wait until the SMTP server has received ``count`` messages (delivery runs in the live server's thread)."""
    deadline = time.monotonic() + timeout
    while len(smtp.received) < count and time.monotonic() < deadline:
        time.sleep(0.05)
    assert len(smtp.received) == count, [mail.subject for mail in smtp.received]


def test_a_keyboard_user_reaches_the_queue_through_the_skip_link(
    page: Page, live_server: LiveServer, staff_site: dict[str, Any]
) -> None:
    page.set_viewport_size(DESKTOP)
    page.goto(f"{live_server.url}/backoffice/login/")
    page.fill("#id_username", "teamleider")
    page.fill("#id_password", PASSWORD)
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r"/backoffice/$"))

    page.keyboard.press("Tab")
    focused = page.evaluate("document.activeElement.className")
    assert "skip-link" in focused
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "main"


def test_the_public_map_shows_open_reports_without_personal_data(
    page: Page, live_server: LiveServer, staff_site: dict[str, Any], axe: Axe, page_problems: PageProblems
) -> None:
    page.goto(f"{live_server.url}/kaart/")
    expect(page.locator("#map-status")).to_contain_text(re.compile(r"\b1\b"))
    expect(page.locator(".map-pin, .map-cluster")).to_have_count(1)
    assert "bewoner@example.org" not in page.content() and "Vismarkt" not in page.content()
    assert_accessible(axe, page, "the public map")
    screenshot(page, "public-map-phone")
    assert page_problems.messages == []
