"""Access scoping, audited contact views and the retention jobs, with a controlled clock."""

from __future__ import annotations

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from django.contrib.auth.models import AnonymousUser, Permission
from django.core.exceptions import PermissionDenied
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage

import pytest
import time_machine

from openbuurt.accounts.constants import Role
from openbuurt.accounts.models import Department, Organisation, User
from openbuurt.core.models import AuditAction, AuditLogEntry
from openbuurt.reports.access import can_view_contact, reports_visible_to
from openbuurt.reports.models import Attachment, DeletionRecord, Follower, Report, Reporter
from openbuurt.reports.services.privacy import anonymise_reporters, delete_closed_reports, view_reporter_contact
from openbuurt.reports.tests.factories import OrganisationFactory, ReportFactory
from openbuurt.triage.models import Category

pytestmark = pytest.mark.django_db
AMS = ZoneInfo("Europe/Amsterdam")


@pytest.fixture
def category() -> Category:
    return Category.objects.create(slug="t-afval", name_nl="Afval (test)", name_en="Waste (test)", service_code="T-1")


@pytest.fixture
def orgs() -> tuple[Organisation, Organisation]:
    return OrganisationFactory(), OrganisationFactory(police=True)


def _user(username: str, org: Organisation, *, role: str = Role.TEAM_MEMBER, limited: bool = False) -> User:
    return User.objects.create_user(
        username=username, password="x" * 12, organisation=org, role=role, limit_to_departments=limited
    )


def test_staff_see_only_their_own_organisation(orgs: tuple[Organisation, Organisation], category: Category) -> None:
    gemeente, politie = orgs
    municipal = ReportFactory(category=category, organisation=gemeente)
    police = ReportFactory(category=category, organisation=politie, is_confidential=True)
    clerk = _user("clerk", gemeente)
    boss = User.objects.create_superuser(username="boss", password="x" * 12, organisation=gemeente)
    officer = _user("officer", politie, role=Role.POLICE_OFFICER)
    assert list(reports_visible_to(clerk)) == [municipal]
    assert list(reports_visible_to(boss)) == [municipal]  # a municipal superuser still cannot see police reports
    assert list(reports_visible_to(officer)) == [police]
    assert not reports_visible_to(AnonymousUser()).exists()
    assert not reports_visible_to(User.objects.create_user(username="loose", password="x" * 12)).exists()


def test_department_limited_staff_see_their_teams_and_own_assignments(
    orgs: tuple[Organisation, Organisation], category: Category
) -> None:
    gemeente, _ = orgs
    lights = Department.objects.create(organisation=gemeente, name="Verlichting", slug="verlichting")
    waste = Department.objects.create(organisation=gemeente, name="Afval", slug="afval")
    member = _user("member", gemeente, limited=True)
    member.departments.add(lights)
    mine = ReportFactory(category=category, organisation=gemeente, department=lights)
    theirs = ReportFactory(category=category, organisation=gemeente, department=waste)
    personal = ReportFactory(category=category, organisation=gemeente, department=waste, assignee=member)
    visible = set(reports_visible_to(member))
    assert visible == {mine, personal}
    assert theirs not in visible


def test_contact_details_need_the_permission_and_every_view_is_audited(
    orgs: tuple[Organisation, Organisation], category: Category
) -> None:
    gemeente, _ = orgs
    report = ReportFactory(category=category, organisation=gemeente)
    Reporter.objects.create(report=report, email="bewoner@example.org", phone="0612345678")
    clerk = _user("clerk", gemeente)
    lead = _user("lead", gemeente, role=Role.TEAM_LEAD)
    lead.user_permissions.add(Permission.objects.get(codename="view_reporter_contact"))
    lead = User.objects.get(pk=lead.pk)  # drop the permission cache
    assert not can_view_contact(clerk, report)
    with pytest.raises(PermissionDenied):
        view_reporter_contact(report=report, user=clerk)
    contact = view_reporter_contact(report=report, user=lead)
    assert contact is not None
    assert contact.email == "bewoner@example.org"
    views = AuditLogEntry.objects.filter(action=AuditAction.VIEW_PERSONAL_DATA, object_id=str(report.pk))
    assert [entry.actor_label for entry in views] == ["lead"]


def test_anonymisation_waits_for_the_retention_period(
    orgs: tuple[Organisation, Organisation], category: Category
) -> None:
    gemeente, _ = orgs
    closed_on = datetime(2026, 3, 2, 10, 0, tzinfo=AMS)
    report = ReportFactory(category=category, organisation=gemeente, closed=True, closed_at=closed_on)
    still_open = ReportFactory(category=category, organisation=gemeente, created_at=closed_on - timedelta(days=400))
    for item in (report, still_open):
        Reporter.objects.create(report=item, email="a@example.org", phone="0612345678", first_name="An")
        Follower.objects.create(report=item, email="volger@example.org", created_at=closed_on)
    with time_machine.travel(closed_on + timedelta(days=29), tick=False):
        assert anonymise_reporters() == 0
    with time_machine.travel(closed_on + timedelta(days=31), tick=False):
        assert anonymise_reporters() == 1
        assert anonymise_reporters() == 0  # idempotent
    anonymised = Reporter.objects.get(report=report)
    assert (anonymised.email, anonymised.phone, anonymised.first_name) == ("", "", "")
    assert anonymised.anonymised_at is not None
    assert Reporter.objects.get(report=still_open).email == "a@example.org"
    assert Follower.objects.get(report=report).email == ""
    assert Follower.objects.get(report=still_open).email == "volger@example.org"


def test_deletion_keeps_a_record_and_removes_photos(
    orgs: tuple[Organisation, Organisation], category: Category
) -> None:
    gemeente, _ = orgs
    closed_on = datetime(2024, 1, 10, 9, 0, tzinfo=AMS)
    old = ReportFactory(category=category, organisation=gemeente, closed=True, closed_at=closed_on)
    recent = ReportFactory(
        category=category, organisation=gemeente, closed=True, closed_at=closed_on + timedelta(days=700)
    )
    name = default_storage.save("reports/test/photo.jpg", ContentFile(b"not really a jpeg"))
    Attachment.objects.create(
        report=old, file=name, content_type="image/jpeg", size=17, width=1, height=1, sha256="0" * 64
    )
    with time_machine.travel(closed_on + timedelta(days=731), tick=False):
        assert delete_closed_reports() == 1
    assert not Report.objects.filter(pk=old.pk).exists()
    assert Report.objects.filter(pk=recent.pk).exists()
    assert not default_storage.exists(name)
    record = DeletionRecord.objects.get()
    assert record.public_id == old.public_id
    assert record.category_slug == category.slug
    assert AuditLogEntry.objects.filter(action=AuditAction.DELETE, object_id=str(old.pk)).exists()
