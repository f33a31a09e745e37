"""E-mails to staff: on assignment to a team or a person, and the daily overdue warning to team leads."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

from django.urls import reverse
from django.utils import timezone

import pytest

from openbuurt.accounts.constants import Role
from openbuurt.accounts.models import Organisation
from openbuurt.notifications.constants import MessageKind
from openbuurt.notifications.models import OutboxMessage
from openbuurt.notifications.services import send_overdue_warnings
from openbuurt.notifications.tasks import at_local_time
from openbuurt.notifications.tests.conftest import PUBLIC_BASE_URL
from openbuurt.notifications.tests.factories import DepartmentFactory, ReportFactory, StaffFactory
from openbuurt.notifications.tests.smtp import LoopbackSMTPServer
from openbuurt.reports.constants import ReportStatus
from openbuurt.reports.services import assign_report
from openbuurt.reports.tests.factories import OrganisationFactory
from openbuurt.triage.models import Category

pytestmark = pytest.mark.django_db


def test_assignment_to_a_team_mails_the_team_address_with_a_back_office_link(
    smtp_server: LoopbackSMTPServer,
    municipality: Organisation,
    category: Category,
    django_capture_on_commit_callbacks: Any,
) -> None:
    team = DepartmentFactory(organisation=municipality, name="Team Verlichting", email="verlichting@gemeente.example")
    report = ReportFactory(category=category, organisation=municipality, address_text="Grote Markt 1")
    with django_capture_on_commit_callbacks(execute=True):
        assign_report(report=report, department=team, actor=None, reason="Regel: verlichting centrum")

    [mail] = smtp_server.received
    assert mail.rcpt_tos == ["verlichting@gemeente.example"]
    assert mail.subject == f"Nieuwe melding voor Team Verlichting: {report.public_id}"
    assert "Grote Markt 1" in mail.text
    assert "Toelichting: Regel: verlichting centrum" in mail.text
    assert f"{PUBLIC_BASE_URL}/" in mail.text
    assert OutboxMessage.objects.get().kind == MessageKind.ASSIGNED_TO_TEAM


def test_assignment_to_a_person_mails_that_person_and_links_the_back_office_detail_page(
    smtp_server: LoopbackSMTPServer,
    municipality: Organisation,
    category: Category,
    django_capture_on_commit_callbacks: Any,
) -> None:
    team = DepartmentFactory(organisation=municipality, name="Team Verlichting")
    person = StaffFactory(organisation=municipality, first_name="Noor", last_name="Jansen", departments=[team])
    report = ReportFactory(category=category, organisation=municipality)
    with django_capture_on_commit_callbacks(execute=True):
        assign_report(report=report, department=team, assignee=person, actor=None)
    detail = reverse("backoffice:report-detail", kwargs={"public_id": report.public_id})

    [mail] = smtp_server.received
    assert mail.rcpt_tos == [person.email]
    assert mail.subject == f"Melding {report.public_id} is aan jou toegewezen"
    assert "Hallo Noor Jansen," in mail.text
    assert "binnen Team Verlichting" in mail.text
    assert f"{PUBLIC_BASE_URL}{detail}" in mail.text


def test_nobody_is_mailed_about_assigning_a_report_to_themselves_or_to_a_team_without_address(
    smtp_server: LoopbackSMTPServer,
    municipality: Organisation,
    category: Category,
    django_capture_on_commit_callbacks: Any,
) -> None:
    team = DepartmentFactory(organisation=municipality, email="")
    person = StaffFactory(organisation=municipality, departments=[team])
    report = ReportFactory(category=category, organisation=municipality)
    with django_capture_on_commit_callbacks(execute=True):
        assign_report(report=report, department=team, actor=None)
        assign_report(report=report, department=team, assignee=person, actor=person)
    assert smtp_server.received == []
    assert not OutboxMessage.objects.exists()


def test_team_leads_get_one_daily_list_of_their_overdue_and_far_overdue_reports(
    smtp_server: LoopbackSMTPServer,
    municipality: Organisation,
    category: Category,
    django_capture_on_commit_callbacks: Any,
) -> None:
    now = timezone.now()
    police = OrganisationFactory(police=True)
    roads = DepartmentFactory(organisation=municipality, name="Team Wegen")
    parks = DepartmentFactory(organisation=municipality, name="Team Groen")
    police_team = DepartmentFactory(organisation=police, name="Wijkteam Centrum")
    lead = StaffFactory(organisation=municipality, role=Role.TEAM_LEAD, first_name="Lotte", departments=[roads])
    # A misconfigured membership must not leak police reports to a municipal lead.
    lead.departments.add(police_team)
    StaffFactory(organisation=municipality, role=Role.TEAM_MEMBER, departments=[roads])
    police_lead = StaffFactory(organisation=police, role=Role.TEAM_LEAD, departments=[police_team])
    common = {"category": category, "organisation": municipality, "department": roads}

    late = ReportFactory(**common, created_at=now - timedelta(days=10), deadline=now - timedelta(days=2))
    far = ReportFactory(**common, created_at=now - timedelta(days=20), deadline=now - timedelta(days=15))
    ReportFactory(**common, created_at=now - timedelta(days=1), deadline=now + timedelta(days=1))
    closed = ReportFactory(
        **common, status=ReportStatus.DONE, created_at=now - timedelta(days=10), deadline=now - timedelta(days=2)
    )
    ReportFactory(**common, created_at=now - timedelta(days=10), deadline=None)
    other_team = ReportFactory(
        category=category,
        organisation=municipality,
        department=parks,
        created_at=now - timedelta(days=9),
        deadline=now - timedelta(days=1),
    )
    police_report = ReportFactory(
        category=category,
        organisation=police,
        department=police_team,
        is_confidential=True,
        created_at=now - timedelta(days=9),
        deadline=now - timedelta(days=1),
    )

    with django_capture_on_commit_callbacks(execute=True):
        assert send_overdue_warnings(now=now) == 2
    by_recipient = {mail.rcpt_tos[0]: mail for mail in smtp_server.received}
    assert set(by_recipient) == {lead.email, police_lead.email}

    to_lead = by_recipient[lead.email]
    assert to_lead.subject == "2 meldingen over de termijn bij Team Wegen"
    assert "Hallo Lotte " in to_lead.text
    assert "Daarvan staat er 1 al meer dan drie keer zo lang open" in to_lead.text
    lines = [line for line in to_lead.text.splitlines() if " – " in line]
    assert lines[0].startswith(f"!! {far.public_id} – ")
    assert lines[1].startswith(f"{late.public_id} – ")
    assert "2 dagen te laat" in lines[1]
    for absent in (closed, other_team, police_report):
        assert absent.public_id not in to_lead.text
    assert police_report.public_id in by_recipient[police_lead.email].text

    # The task may run more than once a day; a lead gets one warning per day.
    with django_capture_on_commit_callbacks(execute=True):
        assert send_overdue_warnings(now=now) == 0
    assert len(smtp_server.received) == 2
    with django_capture_on_commit_callbacks(execute=True):
        assert send_overdue_warnings(now=now + timedelta(days=1)) == 2
    assert OutboxMessage.objects.filter(kind=MessageKind.OVERDUE_WARNING).count() == 4


def test_no_warning_when_nothing_is_overdue(municipality: Organisation, category: Category) -> None:
    team = DepartmentFactory(organisation=municipality)
    StaffFactory(organisation=municipality, role=Role.TEAM_LEAD, departments=[team])
    now = timezone.now()
    ReportFactory(category=category, organisation=municipality, department=team, deadline=now + timedelta(hours=1))
    assert send_overdue_warnings(now=now) == 0
    assert not OutboxMessage.objects.exists()


def naive_utc(year: int, month: int, day: int, hour: int, minute: int) -> datetime:
    """Return the naive UTC timestamp Huey hands to periodic schedules."""
    return datetime(year, month, day, hour, minute, tzinfo=UTC).replace(tzinfo=None)


@pytest.mark.parametrize(
    ("huey_timestamp", "due"),
    [
        (naive_utc(2026, 1, 15, 7, 0), True),  # 08:00 CET
        (naive_utc(2026, 7, 15, 6, 0), True),  # 08:00 CEST
        (naive_utc(2026, 1, 15, 8, 0), False),  # 09:00 CET
        (naive_utc(2026, 7, 15, 7, 0), False),  # 09:00 CEST
        (naive_utc(2026, 1, 15, 7, 1), False),
        (datetime(2026, 7, 15, 6, 0, tzinfo=UTC), True),
    ],
)
def test_the_overdue_warning_runs_at_eight_in_amsterdam_in_winter_and_summer(
    huey_timestamp: datetime, due: bool
) -> None:
    assert at_local_time(hour=8)(huey_timestamp) is due
