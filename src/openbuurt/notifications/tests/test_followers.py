"""Followers (residents linked to an earlier report of the same problem) get its updates, through real SMTP."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from django.test import override_settings
from django.utils import timezone

import pytest

from openbuurt.notifications.constants import OutboxStatus
from openbuurt.notifications.models import OutboxMessage
from openbuurt.notifications.services import deliver_message
from openbuurt.notifications.tests.factories import ReporterFactory, ReportFactory
from openbuurt.notifications.tests.smtp import LoopbackSMTPServer, closed_port, smtp_settings
from openbuurt.reports.constants import ReportStatus
from openbuurt.reports.models import Follower
from openbuurt.reports.services import change_status

pytestmark = pytest.mark.django_db


def test_followers_get_status_updates_and_the_closing_message(
    smtp_server: LoopbackSMTPServer, django_capture_on_commit_callbacks: Any
) -> None:
    reporter = ReporterFactory(email="melder@example.org")
    report = reporter.report
    Follower.objects.create(report=report, email="volger@example.org", created_at=timezone.now())
    Follower.objects.create(
        report=report, email="weg@example.org", created_at=timezone.now(), anonymised_at=timezone.now()
    )
    with django_capture_on_commit_callbacks(execute=True):
        change_status(
            report=report, to_status=ReportStatus.IN_PROGRESS, actor=None, public_text="Morgen komt de ploeg."
        )
        change_status(report=report, to_status=ReportStatus.SCHEDULED, actor=None)  # no public text: no mail
        change_status(report=report, to_status=ReportStatus.DONE, actor=None, public_text="Lamp vervangen.")
    to_follower = [mail for mail in smtp_server.received if "volger@example.org" in mail.rcpt_tos]
    assert len(to_follower) == 2
    assert "Morgen komt de ploeg" in to_follower[0].text
    assert "Lamp vervangen." in to_follower[1].text
    assert report.public_id in to_follower[1].text
    # The feedback links belong to the reporter only.
    assert "/feedback/" not in to_follower[1].text
    assert not [mail for mail in smtp_server.received if "weg@example.org" in mail.rcpt_tos]
    assert len([mail for mail in smtp_server.received if "melder@example.org" in mail.rcpt_tos]) == 2


def test_a_follower_message_is_cancelled_when_the_follower_was_anonymised_before_sending(
    django_capture_on_commit_callbacks: Any,
) -> None:
    report = ReportFactory()
    follower = Follower.objects.create(report=report, email="volger@example.org", created_at=timezone.now())
    holder, port = closed_port()  # the mail server is down: the first attempt fails, the message waits for a retry
    try:
        with override_settings(**smtp_settings(port)), django_capture_on_commit_callbacks(execute=True):
            change_status(report=report, to_status=ReportStatus.IN_PROGRESS, actor=None, public_text="We kijken.")
    finally:
        holder.close()
    message = OutboxMessage.objects.get(recipient="volger@example.org")
    assert message.status == OutboxStatus.PENDING
    Follower.objects.filter(pk=follower.pk).update(email="", anonymised_at=timezone.now())
    deliver_message(message_id=message.pk, now=timezone.now() + timedelta(hours=2))
    message.refresh_from_db()
    assert message.status == OutboxStatus.CANCELLED
