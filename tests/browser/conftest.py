"""Fixtures of the browser tests: one headless Chromium per session, a fresh page per test, axe checks.

Playwright cannot download its own browser here, so the tests drive Debian's Chromium (``make browser-deps``
installs it). The sync Playwright API runs an event loop in the test thread, which makes Django refuse database
access unless DJANGO_ALLOW_ASYNC_UNSAFE is set; the database is used only by fixtures and the live server.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Browser, ConsoleMessage, Error, Page, ViewportSize, sync_playwright
from pytest_django.fixtures import Settings as SettingsWrapper
from pytest_django.live_server_helper import LiveServer

from openbuurt.notifications.tests.smtp import LoopbackSMTPServer, smtp_settings

os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

CHROMIUM = Path(os.environ.get("OPENBUURT_CHROMIUM", "/usr/bin/chromium"))
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
    "--disable-sync",
]
SCREENSHOTS = Path(__file__).resolve().parents[2] / "var" / "screenshots"
PHONE = ViewportSize(width=390, height=844)
DESKTOP = ViewportSize(width=1280, height=900)


@pytest.fixture(scope="session")
def browser() -> Iterator[Browser]:
    if not CHROMIUM.exists():
        pytest.fail(f"Chromium is missing at {CHROMIUM}: run `make browser-deps` (apt-get install chromium).")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield browser
        browser.close()


class PageProblems:
    """Console errors and page errors (CSP refusals among them) seen while a test ran."""

    def __init__(self) -> None:
        self.messages: list[str] = []

    def record(self, message: str) -> None:
        # A 404 for /favicon.ico or an optional map layer is not a problem of the page itself.
        if "Failed to load resource" in message:
            return
        self.messages.append(message)


@pytest.fixture
def page_problems() -> PageProblems:
    return PageProblems()


@pytest.fixture
def page(browser: Browser, page_problems: PageProblems) -> Iterator[Page]:
    """A phone-sized page in Dutch, the site's default language."""
    context = browser.new_context(viewport=PHONE, locale="nl-NL", device_scale_factor=1)
    page = context.new_page()
    page.set_default_timeout(10_000)

    def on_console(message: ConsoleMessage) -> None:
        if message.type == "error":
            page_problems.record(message.text)

    def on_page_error(error: Error) -> None:
        page_problems.record(f"page error: {error}")

    page.on("console", on_console)
    page.on("pageerror", on_page_error)
    yield page
    context.close()


@pytest.fixture(scope="session")
def axe() -> Axe:
    return Axe()


def serious_violations(axe: Axe, page: Page) -> list[dict[str, Any]]:
    """Return axe's serious and critical violations of the page, each with the elements it concerns."""
    results = axe.run(page)
    violations: list[dict[str, Any]] = results.response["violations"]
    return [
        {
            "id": violation["id"],
            "impact": violation["impact"],
            "help": violation["help"],
            "nodes": [node["target"] for node in violation["nodes"]],
        }
        for violation in violations
        if violation["impact"] in ("serious", "critical")
    ]


def screenshot(page: Page, name: str) -> Path:
    """Save a full-page screenshot as var/screenshots/<name>.png and return its path."""
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    path = SCREENSHOTS / f"{name}.png"
    page.screenshot(path=str(path), full_page=True)
    return path


@pytest.fixture
def smtp(settings: SettingsWrapper, live_server: LiveServer) -> Iterator[LoopbackSMTPServer]:
    """A real SMTP server on loopback that the live server's outbox sends to; links in e-mails point at the server."""
    server = LoopbackSMTPServer()
    server.start()
    for name, value in smtp_settings(server.port).items():
        setattr(settings, name, value)
    settings.OPENBUURT_PUBLIC_BASE_URL = live_server.url
    try:
        yield server
    finally:
        server.stop()
