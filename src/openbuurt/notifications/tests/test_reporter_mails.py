"""E-mails to the reporter, sent through a real SMTP server: receipt, status updates, done with "is it solved?"."""

from __future__ import annotations

import re
from datetime import timedelta
from typing import Any

from django.test import Client
from django.utils import timezone, translation

import pytest
import time_machine

from openbuurt.accounts.models import Organisation
from openbuurt.core.events import publish_on_commit
from openbuurt.notifications.constants import MessageKind, OutboxStatus
from openbuurt.notifications.models import OutboxMessage
from openbuurt.notifications.tests.conftest import PUBLIC_BASE_URL
from openbuurt.notifications.tests.factories import ReporterFactory, ReportFactory
from openbuurt.notifications.tests.smtp import LoopbackSMTPServer
from openbuurt.reports.constants import ReportSource, ReportStatus
from openbuurt.reports.events import ReportSubmitted
from openbuurt.reports.models import Feedback, Report
from openbuurt.reports.services import LocationInput, ReporterInput, change_status, submit_report
from openbuurt.triage.models import Category

pytestmark = pytest.mark.django_db

TEXT = "De lantaarnpaal bij de speeltuin brandt niet meer (testtekst, door ons geschreven)."
LINK = re.compile(re.escape(PUBLIC_BASE_URL) + r"/\S+")


def links_in(text: str) -> list[str]:
    return LINK.findall(text)


def path_of(url: str) -> str:
    assert url.startswith(PUBLIC_BASE_URL)
    return url[len(PUBLIC_BASE_URL) :]


def announce(report: Report, capture: Any) -> None:
    """Publish the submission event of a report made by a factory, as ``submit_report`` does."""
    with capture(execute=True):
        publish_on_commit(
            ReportSubmitted(report_id=report.pk, public_id=report.public_id, source="web", is_emergency=False)
        )


def test_receipt_mail_in_dutch_has_number_promise_and_working_tracking_link(
    smtp_server: LoopbackSMTPServer,
    municipality: Organisation,
    category: Category,
    client: Client,
    django_capture_on_commit_callbacks: Any,
) -> None:
    with django_capture_on_commit_callbacks(execute=True):
        result = submit_report(
            text=TEXT,
            location=LocationInput(lat=53.2194, lon=6.5665, address_text="Grote Markt 1"),
            source=ReportSource.WEB,
            category=category,
            reporter=ReporterInput(email="bewoner@example.org", first_name="Sam"),
        )
    report = result.report

    assert len(smtp_server.received) == 1
    mail = smtp_server.received[0]
    assert mail.rcpt_tos == ["bewoner@example.org"]
    assert mail.subject == f"Uw melding {report.public_id} is ontvangen"
    assert "Beste Sam," in mail.text
    assert f"Meldnummer: {report.public_id}" in mail.text
    assert category.handling_message_nl in mail.text
    assert "Grote Markt 1" in mail.text
    assert TEXT in mail.text
    assert mail.message["Auto-Submitted"] == "auto-generated"
    tracking = links_in(mail.text)
    assert len(tracking) == 1 and "/volg/" in tracking[0]
    # The HTML alternative carries the same link, clickable, and escapes the resident's text.
    assert f'href="{tracking[0]}"' in mail.html
    assert report.public_id in mail.html

    page = client.get(path_of(tracking[0]))
    assert page.status_code == 200
    assert report.public_id in page.content.decode()
    assert page["Cache-Control"] == "no-store"

    row = OutboxMessage.objects.get(report=report)
    assert (row.kind, row.status, row.attempts, row.language) == (
        MessageKind.REPORT_RECEIVED,
        OutboxStatus.SENT,
        1,
        "nl",
    )
    assert row.sent_at is not None


def test_receipt_mail_in_english_for_an_english_report(
    smtp_server: LoopbackSMTPServer,
    municipality: Organisation,
    category: Category,
    django_capture_on_commit_callbacks: Any,
) -> None:
    report = ReportFactory(category=category, organisation=municipality, language="en", address_text="Vismarkt 3")
    ReporterFactory(report=report, email="resident@example.org", first_name="")
    announce(report, django_capture_on_commit_callbacks)

    [mail] = smtp_server.received
    assert mail.subject == f"Your report {report.public_id} has been received"
    assert "Dear resident," in mail.text
    assert f"Report number: {report.public_id}" in mail.text
    assert category.handling_message_en in mail.text
    assert "Street lighting (test)" in mail.text
    assert category.handling_message_nl not in mail.text
    assert f"{PUBLIC_BASE_URL}/volg/" in mail.text


@pytest.mark.parametrize(
    "reporter",
    [
        {"email": ""},
        {"wants_updates": False},
        {"email": "", "anonymised_at": timezone.now()},
        {"anonymised_at": timezone.now()},
    ],
    ids=["no-address", "no-updates-wanted", "anonymised", "anonymised-but-address-left"],
)
def test_no_mail_to_reporters_without_address_consent_or_after_anonymisation(
    reporter: dict[str, Any],
    smtp_server: LoopbackSMTPServer,
    municipality: Organisation,
    category: Category,
    django_capture_on_commit_callbacks: Any,
) -> None:
    report = ReportFactory(category=category, organisation=municipality)
    ReporterFactory(report=report, **reporter)
    announce(report, django_capture_on_commit_callbacks)
    with django_capture_on_commit_callbacks(execute=True):
        change_status(report=report, to_status=ReportStatus.DONE, actor=None, public_text="Opgelost.")
    assert smtp_server.received == []
    assert not OutboxMessage.objects.exists()


def test_no_mail_for_a_report_without_reporter(
    smtp_server: LoopbackSMTPServer,
    municipality: Organisation,
    category: Category,
    django_capture_on_commit_callbacks: Any,
) -> None:
    report = ReportFactory(category=category, organisation=municipality)
    announce(report, django_capture_on_commit_callbacks)
    assert smtp_server.received == []
    assert not OutboxMessage.objects.exists()


def test_status_change_mails_only_when_it_carries_a_public_text(
    smtp_server: LoopbackSMTPServer,
    municipality: Organisation,
    category: Category,
    django_capture_on_commit_callbacks: Any,
) -> None:
    report = ReportFactory(category=category, organisation=municipality)
    ReporterFactory(report=report, email="bewoner@example.org")
    with django_capture_on_commit_callbacks(execute=True):
        change_status(report=report, to_status=ReportStatus.ACCEPTED, actor=None, internal_note="Voor ploeg noord.")
    assert smtp_server.received == []

    with django_capture_on_commit_callbacks(execute=True):
        change_status(
            report=report,
            to_status=ReportStatus.SCHEDULED,
            actor=None,
            public_text="Donderdag komt er een monteur langs.",
            internal_note="Ploeg noord, wagen 3.",
        )
    [mail] = smtp_server.received
    assert mail.subject == f"Nieuws over uw melding {report.public_id}"
    with translation.override("nl"):
        assert f"De status is nu: {ReportStatus.SCHEDULED.label}." in mail.text
    assert "Donderdag komt er een monteur langs." in mail.text
    assert "wagen 3" not in mail.text
    assert "/feedback/" not in mail.text


def _close_with_mail(report: Report, capture: Any, server: LoopbackSMTPServer) -> tuple[str, str]:
    with capture(execute=True):
        change_status(report=report, to_status=ReportStatus.DONE, actor=None, public_text="De lamp is vervangen.")
    mail = server.received[-1]
    assert mail.subject == f"Uw melding {report.public_id} is afgehandeld"
    assert "De lamp is vervangen." in mail.text
    yes = [url for url in links_in(mail.text) if url.endswith("/yes")]
    no = [url for url in links_in(mail.text) if url.endswith("/no")]
    assert len(yes) == 1 and len(no) == 1
    assert f'href="{yes[0]}"' in mail.html and f'href="{no[0]}"' in mail.html
    return path_of(yes[0]), path_of(no[0])


def test_done_mail_links_show_a_form_on_get_and_a_no_with_comment_reopens(
    smtp_server: LoopbackSMTPServer,
    municipality: Organisation,
    category: Category,
    client: Client,
    django_capture_on_commit_callbacks: Any,
) -> None:
    report = ReportFactory(category=category, organisation=municipality, status=ReportStatus.IN_PROGRESS)
    ReporterFactory(report=report)
    yes, no = _close_with_mail(report, django_capture_on_commit_callbacks, smtp_server)

    # Mail scanners follow links: a GET only shows the form.
    for path in (yes, no, yes):
        page = client.get(path)
        assert page.status_code == 200
        assert b'method="post"' in page.content
        assert b'name="comment"' in page.content
    report.refresh_from_db()
    assert report.status == ReportStatus.DONE
    assert not Feedback.objects.exists()

    with django_capture_on_commit_callbacks(execute=True):
        answer = client.post(no, {"comment": "De lamp is nog steeds stuk."})
    assert answer.status_code == 302
    assert answer["Location"].endswith("/thanks")
    assert Report.objects.get(pk=report.pk).status == ReportStatus.REOPEN_REQUESTED
    feedback = Feedback.objects.get(report=report)
    assert (feedback.is_solved, feedback.comment) == (False, "De lamp is nog steeds stuk.")
    assert client.get(answer["Location"]).status_code == 200

    # Answering again (another click, a double submit) records nothing new.
    assert client.post(yes, {"comment": ""}).status_code == 302
    assert client.get(no).status_code == 302
    assert Feedback.objects.filter(report=report).count() == 1
    # The reopen request carries no public text, so the reporter gets no further mail.
    assert len(smtp_server.received) == 1


def test_a_yes_keeps_the_report_done(
    smtp_server: LoopbackSMTPServer,
    municipality: Organisation,
    category: Category,
    client: Client,
    django_capture_on_commit_callbacks: Any,
) -> None:
    report = ReportFactory(category=category, organisation=municipality, status=ReportStatus.IN_PROGRESS)
    ReporterFactory(report=report)
    yes, _no = _close_with_mail(report, django_capture_on_commit_callbacks, smtp_server)
    with django_capture_on_commit_callbacks(execute=True):
        assert client.post(yes, {"comment": "Dank u wel!"}).status_code == 302
    report.refresh_from_db()
    assert report.status == ReportStatus.DONE
    assert Feedback.objects.get(report=report).is_solved is True


def test_a_too_long_comment_is_refused_and_nothing_is_recorded(
    smtp_server: LoopbackSMTPServer,
    municipality: Organisation,
    category: Category,
    client: Client,
    django_capture_on_commit_callbacks: Any,
) -> None:
    report = ReportFactory(category=category, organisation=municipality, status=ReportStatus.IN_PROGRESS)
    ReporterFactory(report=report)
    _yes, no = _close_with_mail(report, django_capture_on_commit_callbacks, smtp_server)
    page = client.post(no, {"comment": "x" * 2001})
    assert page.status_code == 400
    assert b'aria-invalid="true"' in page.content
    assert not Feedback.objects.exists()
    report.refresh_from_db()
    assert report.status == ReportStatus.DONE


def test_changed_and_expired_feedback_links_are_refused(
    smtp_server: LoopbackSMTPServer,
    municipality: Organisation,
    category: Category,
    client: Client,
    django_capture_on_commit_callbacks: Any,
) -> None:
    report = ReportFactory(category=category, organisation=municipality, status=ReportStatus.IN_PROGRESS)
    ReporterFactory(report=report)
    _yes, no = _close_with_mail(report, django_capture_on_commit_callbacks, smtp_server)
    signed = no.split("/")[2]
    tampered = no.replace(signed, signed[:-2] + ("AA" if not signed.endswith("AA") else "BB"))
    assert client.get(tampered).status_code == 404
    assert client.post(tampered, {"comment": "x"}).status_code == 404
    # A tracking link's signature cannot be used as a feedback link.
    assert client.get("/feedback/1:abc/no").status_code == 404
    with time_machine.travel(timezone.now() + timedelta(days=31)):
        assert client.get(no).status_code == 410
        assert client.post(no, {"comment": "te laat"}).status_code == 410
    assert not Feedback.objects.exists()


def test_a_changed_tracking_link_is_not_found(client: Client) -> None:
    assert client.get("/volg/1:not-a-signature/").status_code == 404
    assert client.get("/volg/garbage/").status_code == 404


def test_police_reports_mail_the_reporter_without_police_internal_details(
    smtp_server: LoopbackSMTPServer,
    category: Category,
    client: Client,
    django_capture_on_commit_callbacks: Any,
) -> None:
    from openbuurt.notifications.tests.factories import DepartmentFactory, StaffFactory
    from openbuurt.reports.services import assign_report
    from openbuurt.reports.tests.factories import OrganisationFactory

    police = OrganisationFactory(police=True)
    team = DepartmentFactory(organisation=police, name="Recherche Drugs Noord", email="recherche@politie.example")
    officer = StaffFactory(organisation=police, first_name="Jip", last_name="Agent", departments=[team])
    report = ReportFactory(
        category=category,
        organisation=police,
        is_confidential=True,
        text="Er wordt gedeald vanuit de blauwe bus (testtekst, door ons geschreven).",
        address_text="Achterstraat 9",
    )
    ReporterFactory(report=report, email="bewoner@example.org")
    announce(report, django_capture_on_commit_callbacks)
    with django_capture_on_commit_callbacks(execute=True):
        assign_report(report=report, department=team, assignee=officer, actor=None, reason="Bekend adres")
        change_status(
            report=report,
            to_status=ReportStatus.IN_PROGRESS,
            actor=officer,
            public_text="Wij onderzoeken uw melding.",
            internal_note="Verdachte J. is bekend bij het team; observatie gepland.",
        )

    to_reporter = [mail for mail in smtp_server.received if mail.rcpt_tos == ["bewoner@example.org"]]
    assert [mail.subject for mail in to_reporter] == [
        f"Uw melding {report.public_id} is ontvangen",
        f"Nieuws over uw melding {report.public_id}",
    ]
    assert "Wij onderzoeken uw melding." in to_reporter[1].text
    for mail in to_reporter:
        for secret in ("Verdachte", "observatie", "Recherche", "Jip", "Agent", "Bekend adres", "blauwe bus"):
            assert secret not in mail.text and secret not in mail.html and secret not in mail.subject
        assert "Achterstraat" not in mail.text
    # The officer is told, with a link to the back office but not the address of a confidential report.
    [to_officer] = [mail for mail in smtp_server.received if mail.rcpt_tos == [officer.email]]
    assert report.public_id in to_officer.text
    assert "Achterstraat" not in to_officer.text

    tracking = path_of(links_in(to_reporter[0].text)[0])
    page = client.get(tracking).content.decode()
    assert "Wij onderzoeken uw melding." in page
    assert "Verdachte" not in page and "Recherche" not in page and "Achterstraat" not in page


def test_feedback_links_of_a_report_staff_already_reopened_record_nothing(
    smtp_server: LoopbackSMTPServer,
    municipality: Organisation,
    category: Category,
    client: Client,
    django_capture_on_commit_callbacks: Any,
) -> None:
    report = ReportFactory(category=category, organisation=municipality, status=ReportStatus.IN_PROGRESS)
    ReporterFactory(report=report)
    _yes, no = _close_with_mail(report, django_capture_on_commit_callbacks, smtp_server)
    with django_capture_on_commit_callbacks(execute=True):
        change_status(report=report, to_status=ReportStatus.REOPENED, actor=None, internal_note="Toch niet af.")
    assert client.get(no).status_code == 409
    assert client.post(no, {"comment": "nog stuk"}).status_code == 409
    assert not Feedback.objects.exists()
