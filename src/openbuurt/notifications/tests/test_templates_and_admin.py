"""Message templates (defaults, edits, fallbacks, preview) and the admin screens of templates and the outbox."""

from __future__ import annotations

from typing import Any

from django.test import Client, override_settings

import pytest

from openbuurt.accounts.models import Organisation, User
from openbuurt.core.events import publish_on_commit
from openbuurt.core.models import AuditAction, AuditLogEntry
from openbuurt.notifications.constants import MessageKind, MessageLanguage, OutboxStatus
from openbuurt.notifications.defaults import DEFAULT_TEMPLATES
from openbuurt.notifications.models import MessageTemplate, OutboxMessage
from openbuurt.notifications.rendering import render_message, sample_context
from openbuurt.notifications.services import queue_message
from openbuurt.notifications.tests.factories import ReporterFactory, ReportFactory
from openbuurt.notifications.tests.smtp import LoopbackSMTPServer, closed_port, smtp_settings
from openbuurt.notifications.tests.test_outbox import MESSAGE
from openbuurt.reports.events import ReportSubmitted
from openbuurt.triage.models import Category

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin_client_(client: Client) -> Client:
    admin = User.objects.create_superuser("beheerder", "beheerder@gemeente.example", "een-lang-wachtwoord-123")
    client.force_login(admin)
    return client


def test_the_migration_installs_every_default_template_in_dutch_and_english() -> None:
    installed = set(MessageTemplate.objects.filter(is_active=True).values_list("key", "language"))
    assert installed == {(kind.value, language.value) for kind in MessageKind for language in MessageLanguage}
    assert installed == set(DEFAULT_TEMPLATES)


@pytest.mark.parametrize("kind", list(MessageKind))
@pytest.mark.parametrize("language", list(MessageLanguage))
def test_every_default_template_renders_its_example_without_leftover_syntax(
    kind: MessageKind, language: MessageLanguage
) -> None:
    rendered = render_message(kind=kind, language=language, context=sample_context(kind, language))
    for part in (rendered.subject, rendered.body_text):
        assert "{{" not in part and "{%" not in part and "}}" not in part
    assert "GRO-2026-000123" in rendered.subject + rendered.body_text
    assert f'lang="{language}"' in rendered.body_html
    assert "\n\n\n" not in rendered.body_text


def _announce(report: Any, capture: Any) -> None:
    with capture(execute=True):
        publish_on_commit(
            ReportSubmitted(report_id=report.pk, public_id=report.public_id, source="web", is_emergency=False)
        )


def test_an_edited_template_is_used_and_an_inactive_english_one_falls_back_to_dutch(
    smtp_server: LoopbackSMTPServer,
    municipality: Organisation,
    category: Category,
    django_capture_on_commit_callbacks: Any,
) -> None:
    MessageTemplate.objects.filter(key=MessageKind.REPORT_RECEIVED, language=MessageLanguage.NL).update(
        subject="Ontvangen: {{ report_number }}", body_text="Dank u. {{ report_number }} – {{ promise }}"
    )
    MessageTemplate.objects.filter(key=MessageKind.REPORT_RECEIVED, language="en").update(is_active=False)
    dutch = ReportFactory(category=category, organisation=municipality, language=MessageLanguage.NL)
    english = ReportFactory(category=category, organisation=municipality, language="en")
    for report in (dutch, english):
        ReporterFactory(report=report)
        _announce(report, django_capture_on_commit_callbacks)

    first, second = smtp_server.received
    assert first.subject == f"Ontvangen: {dutch.public_id}"
    assert first.text.strip() == f"Dank u. {dutch.public_id} – {category.handling_message_nl}"
    # The English template is switched off: the Dutch text is sent, with the promise in the report's language.
    assert second.subject == f"Ontvangen: {english.public_id}"
    assert category.handling_message_en in second.text


def test_the_admin_shows_a_preview_and_refuses_a_broken_template(admin_client_: Client) -> None:
    template = MessageTemplate.objects.get(key=MessageKind.REPORT_DONE, language=MessageLanguage.NL)
    url = f"/admin/notifications/messagetemplate/{template.pk}/change/"
    page = admin_client_.get(url)
    assert page.status_code == 200
    content = page.content.decode()
    assert "Uw melding GRO-2026-000123 is afgehandeld" in content
    assert "/feedback/example/no" in content
    assert "{{ yes_url }}" in content  # listed among the variables

    before = template.body_text
    answer = admin_client_.post(
        url,
        {
            "key": template.key,
            "language": template.language,
            "subject": template.subject,
            "body_text": "Beste {% if first_name %}{{ first_name }},",
            "is_active": "on",
        },
    )
    assert answer.status_code == 200
    errors = answer.context["adminform"].form.errors
    assert list(errors) == ["body_text"]
    assert "if" in errors["body_text"][0] and "endif" in errors["body_text"][0]
    template.refresh_from_db()
    assert template.body_text == before


def test_the_outbox_admin_is_read_only_logs_views_of_reporter_mail_and_retries_now(
    admin_client_: Client,
    smtp_server: LoopbackSMTPServer,
    municipality: Organisation,
    category: Category,
    django_capture_on_commit_callbacks: Any,
) -> None:
    report = ReportFactory(category=category, organisation=municipality)
    reporter = ReporterFactory(report=report, email="bewoner@example.org")
    holder, down_port = closed_port()
    try:
        with override_settings(**smtp_settings(down_port)), django_capture_on_commit_callbacks(execute=True):
            message = queue_message(
                kind=MessageKind.STATUS_UPDATE,
                recipient=reporter.email,
                rendered=MESSAGE,
                language=MessageLanguage.NL,
                report=report,
            )
    finally:
        holder.close()
    assert message is not None
    OutboxMessage.objects.filter(pk=message.pk).update(status=OutboxStatus.FAILED)

    listing = admin_client_.get("/admin/notifications/outboxmessage/?status__exact=failed")
    assert listing.status_code == 200
    assert "b…@example.org" in listing.content.decode()
    assert "bewoner@example.org" not in listing.content.decode()
    assert admin_client_.get("/admin/notifications/outboxmessage/add/").status_code == 403

    detail = admin_client_.get(f"/admin/notifications/outboxmessage/{message.pk}/change/")
    assert detail.status_code == 200
    assert "bewoner@example.org" in detail.content.decode()
    assert 'name="_save"' not in detail.content.decode()
    assert AuditLogEntry.objects.filter(
        action=AuditAction.VIEW_PERSONAL_DATA, object_type="reports.report", object_id=str(report.pk)
    ).exists()

    with django_capture_on_commit_callbacks(execute=True):
        answer = admin_client_.post(
            "/admin/notifications/outboxmessage/",
            {"action": "retry_selected", "_selected_action": [str(message.pk)]},
        )
    assert answer.status_code == 302
    message.refresh_from_db()
    assert message.status == OutboxStatus.SENT
    assert [mail.rcpt_tos for mail in smtp_server.received] == [["bewoner@example.org"]]

    # A sent message is not sent again by another click.
    with django_capture_on_commit_callbacks(execute=True):
        admin_client_.post(
            "/admin/notifications/outboxmessage/",
            {"action": "retry_selected", "_selected_action": [str(message.pk)]},
        )
    assert len(smtp_server.received) == 1


def test_the_html_part_escapes_what_residents_and_staff_wrote() -> None:
    context = sample_context(MessageKind.REPORT_RECEIVED, "nl") | {
        "description": '<script>alert("x")</script> & <b>vet</b>',
        "is_emergency": True,
    }
    rendered = render_message(kind=MessageKind.REPORT_RECEIVED, language=MessageLanguage.NL, context=context)
    assert '<script>alert("x")</script> & <b>vet</b>' in rendered.body_text
    assert "<script>" not in rendered.body_html and "<b>" not in rendered.body_html
    assert "&lt;script&gt;" in rendered.body_html and "&amp;" in rendered.body_html
    assert "Bel dan meteen 112." in rendered.body_text


def test_a_template_that_breaks_while_rendering_falls_back_to_the_default_text() -> None:
    MessageTemplate.objects.filter(key=MessageKind.STATUS_UPDATE, language="nl").update(
        subject="{% if %}", body_text="{% for %}"
    )
    context = sample_context(MessageKind.STATUS_UPDATE, "nl")
    rendered = render_message(kind=MessageKind.STATUS_UPDATE, language=MessageLanguage.NL, context=context)
    assert rendered.subject == "Nieuws over uw melding GRO-2026-000123"
    assert "Donderdag komt er een monteur langs." in rendered.body_text
