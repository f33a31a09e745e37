"""Personal data: audited access to reporter contact details, anonymisation and deletion after retention periods."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone

import structlog

from openbuurt.accounts.models import User
from openbuurt.core import audit
from openbuurt.core.models import AuditAction
from openbuurt.reports.access import can_view_contact
from openbuurt.reports.constants import CLOSED_STATUSES
from openbuurt.reports.models import DeletionRecord, Follower, Report, Reporter

log = structlog.get_logger(__name__)


@dataclass(frozen=True)
class ReporterContact:
    """The contact details shown to an allowed staff member."""

    email: str
    phone: str
    name: str
    may_contact: bool
    anonymised: bool


def view_reporter_contact(*, report: Report, user: User) -> ReporterContact | None:
    """Return the reporter's contact details of ``report`` for ``user`` and log the view in the audit log.

    Raises ``PermissionDenied`` when ``user`` lacks the permission or may not see the report; returns ``None``
    when the report has no reporter details.
    """
    if not can_view_contact(user, report):
        raise PermissionDenied("no permission to see the reporter's contact details")
    reporter = Reporter.objects.filter(report=report).first()
    if reporter is None:
        return None
    with transaction.atomic():
        audit.record(
            actor=user,
            action=AuditAction.VIEW_PERSONAL_DATA,
            target=report,
            summary="viewed reporter contact details",
        )
    return ReporterContact(
        email=reporter.email,
        phone=reporter.phone,
        name=f"{reporter.first_name} {reporter.last_name}".strip(),
        may_contact=reporter.may_contact,
        anonymised=reporter.anonymised_at is not None,
    )


def anonymise_reporters(*, now: datetime | None = None) -> int:
    """Blank the contact details of reporters (and followers) whose report closed more than the retention period ago.

    The period is ``OPENBUURT_RETENTION_CONTACT_DAYS``; returns the number of reporters anonymised.
    """
    now = now or timezone.now()
    cutoff = now - timedelta(days=settings.OPENBUURT_RETENTION_CONTACT_DAYS)
    due = Reporter.objects.filter(
        anonymised_at__isnull=True, report__status__in=CLOSED_STATUSES, report__closed_at__lt=cutoff
    )
    count = 0
    for reporter in due.select_related("report").iterator():
        with transaction.atomic():
            Reporter.objects.filter(pk=reporter.pk).update(
                email="", phone="", first_name="", last_name="", device_id="", account_id="",
                wants_updates=False, may_contact=False, anonymised_at=now,
            )  # fmt: skip
            audit.record(
                actor=None,
                action=AuditAction.UPDATE,
                target=reporter.report,
                summary="reporter contact details anonymised (retention)",
            )
        count += 1
    # Followers of closed reports get no more updates, so their addresses go the same way.
    followers = Follower.objects.filter(
        anonymised_at__isnull=True, report__status__in=CLOSED_STATUSES, report__closed_at__lt=cutoff
    ).exclude(email="")
    with transaction.atomic():
        follower_count = followers.update(email="", anonymised_at=now)
    log.info("reporters_anonymised", count=count, followers=follower_count)
    return count


def delete_closed_reports(*, now: datetime | None = None) -> int:
    """Delete reports closed more than ``OPENBUURT_RETENTION_REPORT_DAYS`` ago, keeping a deletion record each.

    Photos are removed from storage too. Returns the number of reports deleted.
    """
    now = now or timezone.now()
    cutoff = now - timedelta(days=settings.OPENBUURT_RETENTION_REPORT_DAYS)
    due = Report.objects.filter(status__in=CLOSED_STATUSES, closed_at__lt=cutoff).select_related("category")
    count = 0
    for report in due.iterator():
        files = [attachment.file for attachment in report.attachments.all()]
        with transaction.atomic():
            DeletionRecord.objects.create(
                public_id=report.public_id,
                category_slug=report.category.slug,
                organisation_id=report.organisation_id,
                created_at=report.created_at,
                closed_at=report.closed_at,
                deleted_at=now,
                reason="retention",
            )
            audit.record(actor=None, action=AuditAction.DELETE, target=report, summary="deleted after retention")
            Report.objects.filter(pk=report.pk).delete()
        for stored in files:
            if not stored.name:
                continue
            try:
                stored.storage.delete(stored.name)
            except OSError:
                log.warning("photo_not_deleted", name=stored.name)
        count += 1
    log.info("reports_deleted", count=count)
    return count
