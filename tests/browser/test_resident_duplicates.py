"""A resident finds that their problem was reported already and follows that report instead, in a real browser.

The form shows "Is het een van deze?" once the pin is placed; following sends a confirmation e-mail through the
notifications outbox to a real SMTP server on loopback, and only the link in that e-mail makes the resident a
follower. Every page passes axe without serious or critical violations.
"""

from __future__ import annotations

import re
import time
from typing import Any

from django.utils import translation

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Browser, Page, expect
from pytest_django.fixtures import Settings as SettingsWrapper
from pytest_django.live_server_helper import LiveServer

from openbuurt.notifications.tests.smtp import LoopbackSMTPServer
from openbuurt.places.tests.factories import AreaFactory
from openbuurt.reports.constants import ReportStatus
from openbuurt.reports.models import Follower, Report
from openbuurt.reports.tests.factories import ReportFactory
from openbuurt.reports.tests.test_services import build_site
from tests.browser.conftest import DESKTOP, PHONE, PageProblems, screenshot, serious_violations

pytestmark = [pytest.mark.browser, pytest.mark.slow]

CONFIRM_LINK = re.compile(r"https?://\S+/volgen/[^/\s]+/")


@pytest.fixture
def site(transactional_db: None, settings: SettingsWrapper, smtp: LoopbackSMTPServer) -> dict[str, Any]:
    """The municipality of the resident tests with one open report right where the resident will put the pin."""
    settings.OPENBUURT_MAP_TILE_URL = ""
    settings.OPENBUURT_GEOCODERS = ["gazetteer"]
    AreaFactory(district=True, lat=53.2194, lon=6.5665, name="Centrum (test)")
    site = build_site()
    existing = ReportFactory(
        organisation=site["municipality"],
        category=site["sub"],
        status=ReportStatus.IN_PROGRESS,
        lat=53.2194,
        lon=6.5665,
        address_text="Vismarkt 3 (test)",
    )
    return {**site, "existing": existing}


def assert_accessible(axe: Axe, page: Page, what: str) -> None:
    violations = serious_violations(axe, page)
    for violation in violations:
        print(f"axe on {what}: [{violation['impact']}] {violation['id']}: {violation['help']} → {violation['nodes']}")
    assert violations == [], f"{what} has serious or critical accessibility violations"


def expect_mails(smtp: LoopbackSMTPServer, count: int, timeout: float = 10.0) -> None:
    """Wait until the SMTP server has received ``count`` messages (delivery runs in the live server's thread)."""
    deadline = time.monotonic() + timeout
    while len(smtp.received) < count and time.monotonic() < deadline:
        time.sleep(0.05)
    assert len(smtp.received) == count, [mail.subject for mail in smtp.received]


def confirm_the_link_in_the_mail(page: Page, smtp: LoopbackSMTPServer, axe: Axe, existing: Report) -> None:
    expect_mails(smtp, 1)
    mail = smtp.received[0]
    assert mail.rcpt_tos == ["buur@example.org"]
    assert existing.public_id in mail.subject
    link = CONFIRM_LINK.search(mail.text)
    assert link is not None, mail.text
    assert not Follower.objects.exists()

    page.goto(link.group(0))
    expect(page.locator("h1")).to_contain_text(existing.public_id)
    expect(page.locator("#confirm-follow-button")).to_have_text("Bevestig")
    assert not Follower.objects.exists()  # opening the link changes nothing
    assert_accessible(axe, page, "the page that confirms following")
    page.click("#confirm-follow-button")

    expect(page.locator("#follow-confirmed")).to_contain_text(f"U krijgt berichten over {existing.public_id}")
    follower = Follower.objects.get()
    assert (follower.report_id, follower.email) == (existing.pk, "buur@example.org")
    assert_accessible(axe, page, "the page after confirming")


def test_the_form_offers_to_follow_a_report_nearby_instead(
    page: Page,
    live_server: LiveServer,
    site: dict[str, Any],
    smtp: LoopbackSMTPServer,
    axe: Axe,
    page_problems: PageProblems,
) -> None:
    existing: Report = site["existing"]
    page.goto(f"{live_server.url}/melden/")
    expect(page.locator("#nearby")).to_be_hidden()

    page.select_option("#id_category", site["sub"].slug)
    map_element = page.locator("#report-map")
    box = map_element.bounding_box()
    assert box is not None
    map_element.click(position={"x": box["width"] / 2, "y": box["height"] / 2})

    prompt = page.locator("#nearby")
    expect(prompt).to_be_visible()
    expect(prompt.locator("h2")).to_have_text("Is het een van deze?")
    item = prompt.locator(f"[data-report='{existing.public_id}']")
    expect(item).to_contain_text("Stoep (test)")
    with translation.override("nl"):
        expect(item).to_contain_text(str(ReportStatus.IN_PROGRESS.label).capitalize())
    expect(item).to_contain_text("hiervandaan")
    expect(page.locator("#nearby-status")).to_have_text("Eén melding in de buurt. Is het hetzelfde probleem?")
    # The report is a dot on the map, apart from the resident's own pin.
    expect(page.locator("path.nearby-dot")).to_have_count(1)
    expect(page.locator(".leaflet-marker-icon")).to_have_count(1)
    expect(page.locator("#nearby-page-link")).to_have_attribute("href", re.compile(r"lat=53\.\d+&lon=6\.\d+"))
    assert "Vismarkt 3" not in page.content()
    assert_accessible(axe, page, "the form with “is it one of these?”")
    prompt.scroll_into_view_if_needed()
    screenshot(page, "form-nearby-phone")

    item.get_by_role("button", name=re.compile("Volg deze melding")).click()
    dialog = page.locator("#follow-dialog")
    expect(dialog).to_be_visible()
    expect(page.locator("#follow-dialog-title")).to_have_text(f"Melding {existing.public_id} volgen")
    expect(page.locator("#follow-email")).to_be_focused()
    page.click("#follow-submit")
    expect(page.locator("#follow-email-error")).to_contain_text("Vul uw e-mailadres in")
    page.fill("#follow-email", "geen-adres")
    page.click("#follow-submit")
    expect(page.locator("#follow-email-error")).to_contain_text("geldig e-mailadres")
    expect(page.locator("#follow-email")).to_have_attribute("aria-invalid", "true")
    page.fill("#follow-email", "buur@example.org")
    assert_accessible(axe, page, "the follow dialog")
    page.click("#follow-submit")

    expect(page.locator("#follow-done")).to_be_visible()
    expect(page.locator("#follow-done-title")).to_have_text("Kijk in uw e-mail")
    expect(page.locator("#follow-done-title")).to_be_focused()
    expect(page.locator("#follow-done-text")).to_contain_text("buur@example.org")
    expect(page.locator("#follow-done-text")).to_contain_text(existing.public_id)
    assert_accessible(axe, page, "the follow dialog after sending")
    screenshot(page, "form-follow-sent-phone")
    page.click("#follow-close")
    expect(dialog).to_be_hidden()
    expect(item).to_contain_text("Bevestigingsmail verstuurd")
    page.set_viewport_size(DESKTOP)
    prompt.scroll_into_view_if_needed()
    screenshot(page, "form-nearby-desktop")
    page.set_viewport_size(PHONE)

    confirm_the_link_in_the_mail(page, smtp, axe, existing)
    screenshot(page, "follow-confirmed-phone")

    # The resident followed instead of filing: no second report.
    assert Report.objects.count() == 1
    assert page_problems.messages == []


def test_without_javascript_the_nearby_page_offers_the_same(
    browser: Browser,
    page: Page,
    live_server: LiveServer,
    site: dict[str, Any],
    smtp: LoopbackSMTPServer,
    axe: Axe,
) -> None:
    existing: Report = site["existing"]
    context = browser.new_context(viewport=PHONE, locale="nl-NL", java_script_enabled=False)
    no_script = context.new_page()
    no_script.set_default_timeout(10_000)
    try:
        no_script.goto(f"{live_server.url}/melden/")
        no_script.click("#nearby-page-link")
        no_script.wait_for_url(re.compile(r"/melden/in-de-buurt/$"))
        no_script.click("details.coordinates summary")
        no_script.fill("#id_lat", "53,2195")
        no_script.fill("#id_lon", "6.5665")
        no_script.click("#nearby-search-button")

        item = no_script.locator(f"#nearby-{existing.public_id}")
        expect(item).to_contain_text("Stoep (test)")
        listed_at = no_script.url
        item.locator("summary").click()
        item.get_by_label("Uw e-mailadres").fill("buur@example.org")
        item.get_by_role("button", name="Stuur mij de bevestigingsmail").click()

        expect(no_script.locator("#follow-sent")).to_contain_text("Kijk in uw e-mail")
        expect(no_script.locator("#follow-sent")).to_contain_text(existing.public_id)
        screenshot(no_script, "nearby-sent-nojs-phone")
        sent_at = no_script.url
    finally:
        context.close()

    # axe runs as a script, so the same pages (which have no scripts of their own) are checked with scripts on.
    page.goto(listed_at)
    assert_accessible(axe, page, "the list of reports nearby")
    page.goto(sent_at)
    assert_accessible(axe, page, "the list of reports nearby after asking to follow")
    confirm_the_link_in_the_mail(page, smtp, axe, existing)
