"""The durable outbox against a real (and a broken) SMTP server: nothing lost, retries with back-off, sent once."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from django.test import override_settings
from django.utils import timezone

import pytest

from openbuurt.core.models import AuditLogEntry
from openbuurt.notifications.constants import (
    MAX_ATTEMPTS,
    RETRY_DELAYS,
    SENDING_LEASE,
    MessageKind,
    MessageLanguage,
    OutboxStatus,
)
from openbuurt.notifications.models import OutboxMessage
from openbuurt.notifications.rendering import RenderedMessage
from openbuurt.notifications.services import (
    cancel_messages,
    deliver_message,
    purge_finished_messages,
    queue_message,
    retry_due_messages,
)
from openbuurt.notifications.tests.factories import ReporterFactory, ReportFactory
from openbuurt.notifications.tests.smtp import LoopbackSMTPServer, closed_port, silent_port, smtp_settings
from openbuurt.reports.models import Report, Reporter

pytestmark = pytest.mark.django_db

MESSAGE = RenderedMessage(
    subject="Testbericht (door ons geschreven)",
    body_text="Dit is een testbericht.\n",
    body_html="<p>Dit is een testbericht.</p>",
)


def queue(capture: Any, recipient: str = "teamleider@gemeente.example", **kwargs: Any) -> OutboxMessage:
    kwargs.setdefault("kind", MessageKind.OVERDUE_WARNING)
    kwargs.setdefault("language", MessageLanguage.NL)
    with capture(execute=True):
        message = queue_message(recipient=recipient, rendered=MESSAGE, **kwargs)
    assert message is not None
    message.refresh_from_db()
    return message


def test_a_message_is_sent_as_multipart_text_and_html_with_a_stable_message_id(
    smtp_server: LoopbackSMTPServer, django_capture_on_commit_callbacks: Any
) -> None:
    message = queue(django_capture_on_commit_callbacks)
    [mail] = smtp_server.received
    assert mail.subject == MESSAGE.subject
    assert mail.text.strip() == "Dit is een testbericht."
    assert "<p>Dit is een testbericht.</p>" in mail.html
    assert mail.message["Message-ID"] == f"<openbuurt-outbox-{message.pk}@openbuurt.invalid>"
    assert (message.status, message.attempts, message.last_error) == (OutboxStatus.SENT, 1, "")


def test_a_mail_server_that_is_down_loses_nothing_and_the_retry_sends_exactly_once(
    smtp_server: LoopbackSMTPServer, django_capture_on_commit_callbacks: Any
) -> None:
    holder, down_port = closed_port()
    try:
        with override_settings(**smtp_settings(down_port)):
            message = queue(django_capture_on_commit_callbacks)
    finally:
        holder.close()
    assert message.status == OutboxStatus.PENDING
    assert message.attempts == 1
    assert "refused" in message.last_error.lower()
    assert message.next_attempt_at - message.created_at >= RETRY_DELAYS[0]
    assert smtp_server.received == []

    # Not due yet: the retry leaves it alone.
    assert retry_due_messages(now=message.created_at + timedelta(seconds=30)) == 0
    assert smtp_server.received == []

    # The server is back (the fixture's settings apply again) and the message is due.
    later = message.next_attempt_at + timedelta(seconds=1)
    assert retry_due_messages(now=later) == 1
    message.refresh_from_db()
    assert (message.status, message.attempts) == (OutboxStatus.SENT, 2)
    assert len(smtp_server.received) == 1

    assert retry_due_messages(now=later + timedelta(hours=1)) == 0
    assert deliver_message(message_id=message.pk, now=later + timedelta(hours=2)) is None
    assert len(smtp_server.received) == 1


def test_a_mail_server_that_hangs_times_out_and_keeps_the_message(django_capture_on_commit_callbacks: Any) -> None:
    holder, hung_port = silent_port()
    try:
        with override_settings(**smtp_settings(hung_port, EMAIL_TIMEOUT=0.5)):
            message = queue(django_capture_on_commit_callbacks)
    finally:
        holder.close()
    assert message.status == OutboxStatus.PENDING
    assert "timed out" in message.last_error.lower()


def test_after_the_last_attempt_the_message_fails_for_good_with_an_audit_entry(
    django_capture_on_commit_callbacks: Any,
) -> None:
    holder, down_port = closed_port()
    try:
        with override_settings(**smtp_settings(down_port)):
            message = queue(django_capture_on_commit_callbacks)
            moment = message.created_at
            for delay in RETRY_DELAYS:
                moment += delay + timedelta(seconds=1)
                retry_due_messages(now=moment)
            message.refresh_from_db()
            assert (message.status, message.attempts) == (OutboxStatus.FAILED, MAX_ATTEMPTS)
            assert retry_due_messages(now=moment + timedelta(days=7)) == 0
    finally:
        holder.close()
    message.refresh_from_db()
    assert message.attempts == MAX_ATTEMPTS
    assert "refused" in message.last_error.lower()
    entry = AuditLogEntry.objects.get(object_type="notifications.outboxmessage", summary__contains="failed")
    assert entry.detail["outbox_message"] == message.pk


def test_a_refused_recipient_fails_at_once_and_a_temporary_refusal_is_retried(
    smtp_server: LoopbackSMTPServer, django_capture_on_commit_callbacks: Any
) -> None:
    smtp_server.refuse("bestaatniet@gemeente.example", "550 5.1.1 No such user here")
    smtp_server.refuse("vol@gemeente.example", "452 4.2.2 Mailbox full")
    refused = queue(django_capture_on_commit_callbacks, recipient="bestaatniet@gemeente.example")
    full = queue(django_capture_on_commit_callbacks, recipient="vol@gemeente.example")
    assert (refused.status, refused.attempts) == (OutboxStatus.FAILED, 1)
    assert "550" in refused.last_error
    assert full.status == OutboxStatus.PENDING
    assert "452" in full.last_error
    assert smtp_server.received == []


def test_an_unknown_channel_fails_for_good(django_capture_on_commit_callbacks: Any) -> None:
    message = queue(django_capture_on_commit_callbacks, channel="pigeon")
    assert message.status == OutboxStatus.FAILED
    assert "pigeon" in message.last_error


def test_a_message_left_sending_by_a_dead_worker_is_sent_after_the_lease(
    smtp_server: LoopbackSMTPServer, django_capture_on_commit_callbacks: Any
) -> None:
    with django_capture_on_commit_callbacks(execute=False):
        message = queue_message(
            kind=MessageKind.OVERDUE_WARNING,
            recipient="teamleider@gemeente.example",
            rendered=MESSAGE,
            language=MessageLanguage.NL,
        )
    assert message is not None
    claimed_at = timezone.now()
    OutboxMessage.objects.filter(pk=message.pk).update(
        status=OutboxStatus.SENDING, attempts=1, next_attempt_at=claimed_at + SENDING_LEASE
    )
    assert retry_due_messages(now=claimed_at + timedelta(minutes=1)) == 0
    assert retry_due_messages(now=claimed_at + SENDING_LEASE + timedelta(seconds=1)) == 1
    assert len(smtp_server.received) == 1


def test_the_same_cause_queues_one_message(django_capture_on_commit_callbacks: Any) -> None:
    arguments: dict[str, Any] = {
        "kind": MessageKind.OVERDUE_WARNING,
        "recipient": "a@gemeente.example",
        "rendered": MESSAGE,
        "language": MessageLanguage.NL,
        "dedupe_key": "overdue:1:2026-03-02",
    }
    with django_capture_on_commit_callbacks(execute=False):
        first = queue_message(**arguments)
        again = queue_message(**arguments)
    assert first is not None and again is None
    assert OutboxMessage.objects.count() == 1


def _reporter_message(capture: Any) -> tuple[Report, Reporter, OutboxMessage]:
    report = ReportFactory()
    reporter = ReporterFactory(report=report, email="bewoner@example.org")
    holder, down_port = closed_port()
    try:
        with override_settings(**smtp_settings(down_port)):
            message = queue(capture, recipient=reporter.email, kind=MessageKind.STATUS_UPDATE, report=report)
    finally:
        holder.close()
    return report, reporter, message


def test_a_reporter_anonymised_before_the_retry_is_not_mailed(
    smtp_server: LoopbackSMTPServer, django_capture_on_commit_callbacks: Any
) -> None:
    _report, reporter, message = _reporter_message(django_capture_on_commit_callbacks)
    Reporter.objects.filter(pk=reporter.pk).update(email="", anonymised_at=timezone.now())
    retry_due_messages(now=message.next_attempt_at + timedelta(seconds=1))
    message.refresh_from_db()
    assert message.status == OutboxStatus.CANCELLED
    assert smtp_server.received == []


def test_cancelling_a_reports_messages_stops_the_unsent_ones(
    smtp_server: LoopbackSMTPServer, django_capture_on_commit_callbacks: Any
) -> None:
    report, _reporter, message = _reporter_message(django_capture_on_commit_callbacks)
    assert cancel_messages(report=report, actor=None, reason="reporter asked us to stop") == 1
    assert retry_due_messages(now=message.next_attempt_at + timedelta(seconds=1)) == 0
    message.refresh_from_db()
    assert message.status == OutboxStatus.CANCELLED
    assert smtp_server.received == []


def test_finished_messages_are_purged_after_the_retention_period(
    smtp_server: LoopbackSMTPServer, django_capture_on_commit_callbacks: Any
) -> None:
    sent = queue(django_capture_on_commit_callbacks)
    holder, down_port = closed_port()
    try:
        with override_settings(**smtp_settings(down_port)):
            pending = queue(django_capture_on_commit_callbacks)
    finally:
        holder.close()
    assert purge_finished_messages(now=timezone.now() + timedelta(days=29)) == 0
    assert purge_finished_messages(now=timezone.now() + timedelta(days=31)) == 1
    assert not OutboxMessage.objects.filter(pk=sent.pk).exists()
    assert OutboxMessage.objects.filter(pk=pending.pk, status=OutboxStatus.PENDING).exists()
    assert AuditLogEntry.objects.filter(summary__startswith="outbox purged: 1").exists()
