"""Fixtures of the notifications tests: a real SMTP server on loopback and a small municipality."""

from __future__ import annotations

from collections.abc import Iterator

from django.test import override_settings

import pytest

from openbuurt.accounts.models import Organisation
from openbuurt.notifications.tests.factories import CategoryFactory
from openbuurt.notifications.tests.smtp import LoopbackSMTPServer, smtp_settings
from openbuurt.reports.tests.factories import OrganisationFactory
from openbuurt.triage.models import Category

PUBLIC_BASE_URL = "https://meldingen.test.example"


@pytest.fixture
def smtp_server() -> Iterator[LoopbackSMTPServer]:
    """Start a real SMTP server on 127.0.0.1 and point Django's SMTP backend at it."""
    server = LoopbackSMTPServer()
    server.start()
    try:
        with override_settings(**smtp_settings(server.port), OPENBUURT_PUBLIC_BASE_URL=PUBLIC_BASE_URL):
            yield server
    finally:
        server.stop()


@pytest.fixture
def municipality() -> Organisation:
    return OrganisationFactory()


@pytest.fixture
def category() -> Category:
    return CategoryFactory()
