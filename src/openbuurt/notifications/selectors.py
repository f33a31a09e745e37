"""Reads of the notifications app: who may be told, which messages are due, and which reports are overdue."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import datetime, timedelta

from django.db.models import QuerySet
from django.utils import timezone

from openbuurt.accounts.constants import Role
from openbuurt.accounts.models import User
from openbuurt.notifications.constants import OutboxStatus
from openbuurt.notifications.models import OutboxMessage
from openbuurt.reports.constants import CLOSED_STATUSES
from openbuurt.reports.models import Assignment, Feedback, Follower, Report, Reporter, StatusChange
from openbuurt.triage.service_promise import FAR_OVERDUE_FACTOR


def reporter_to_notify(report: Report) -> Reporter | None:
    """Return the reporter of ``report`` when they gave an e-mail address, want updates and are not anonymised.

    Demo reports never mail anyone.
    """
    if report.is_demo:
        return None
    reporter = Reporter.objects.filter(report=report).first()
    if reporter is None or reporter.anonymised_at is not None or not reporter.wants_updates:
        return None
    if not reporter.email.strip():
        return None
    return reporter


def follower_emails(report: Report) -> list[str]:
    """Return the addresses of the residents who follow ``report`` (none for demo reports or anonymised ones)."""
    if report.is_demo:
        return []
    return sorted(
        set(
            Follower.objects.filter(report=report, anonymised_at__isnull=True)
            .exclude(email="")
            .values_list("email", flat=True)
        )
    )


def latest_status_change(report: Report, to_status: str) -> StatusChange | None:
    """Return the most recent move of ``report`` to ``to_status``."""
    return report.status_changes.filter(to_status=to_status).order_by("-created_at", "-id").first()


def latest_assignment(report: Report) -> Assignment | None:
    """Return the most recent assignment of ``report``."""
    return report.assignments.order_by("-created_at", "-id").first()


def feedback_after(report: Report, moment: datetime) -> Feedback | None:
    """Return the first answer to "is it solved?" given for ``report`` at or after ``moment``."""
    return report.feedback.filter(created_at__gte=moment).order_by("created_at", "id").first()


def due_message_ids(*, now: datetime, limit: int) -> list[int]:
    """Return the ids of pending messages whose next attempt is due, oldest due first."""
    return list(
        OutboxMessage.objects.filter(status=OutboxStatus.PENDING, next_attempt_at__lte=now)
        .order_by("next_attempt_at", "id")
        .values_list("pk", flat=True)[:limit]
    )


def outbox_for_report(report: Report) -> QuerySet[OutboxMessage]:
    """Return the messages about ``report``, newest first."""
    return OutboxMessage.objects.filter(report=report).order_by("-created_at", "-id")


@dataclass(frozen=True)
class OverdueReport:
    """An open report past its deadline; far overdue when open more than three times its handling time."""

    report: Report
    days_overdue: int
    far_overdue: bool


def is_far_overdue(report: Report, now: datetime) -> bool:
    """Tell whether ``report`` has been open longer than ``FAR_OVERDUE_FACTOR`` times its handling time.

    The factor is the service promise's (``triage.service_promise``), which also sets the far deadline of intake.
    """
    if report.deadline is None:
        return False
    handling_time = max(report.deadline - report.created_at, timedelta(0))
    return now > report.created_at + FAR_OVERDUE_FACTOR * handling_time


def overdue_reports(*, now: datetime | None = None) -> list[OverdueReport]:
    """Return the open reports (not done or cancelled) whose deadline has passed, most overdue first."""
    now = now or timezone.now()
    rows = (
        Report.objects.filter(deadline__lt=now)
        .exclude(status__in=CLOSED_STATUSES)
        .select_related("category", "category__parent", "department", "organisation")
        .order_by("deadline", "id")
    )
    today = timezone.localdate(now)
    result = []
    for report in rows:
        assert report.deadline is not None  # filtered on deadline above
        days = max(1, (today - timezone.localdate(report.deadline)).days)
        result.append(OverdueReport(report=report, days_overdue=days, far_overdue=is_far_overdue(report, now)))
    return result


def overdue_reports_by_team_lead(*, now: datetime | None = None) -> dict[User, list[OverdueReport]]:
    """Return, per active team lead with an e-mail address, the overdue reports of the teams they belong to.

    A lead only gets reports of their own organisation (the ones they may open), so a police report never reaches a
    municipal lead.
    Reports without a team are in the unrouted queue and have no lead.
    """
    overdue = [item for item in overdue_reports(now=now) if item.report.department_id is not None]
    if not overdue:
        return {}
    by_department: dict[int, list[OverdueReport]] = defaultdict(list)
    for item in overdue:
        assert item.report.department_id is not None
        by_department[item.report.department_id].append(item)
    leads = (
        User.objects.filter(role=Role.TEAM_LEAD, is_active=True, departments__in=list(by_department))
        .exclude(email="")
        .prefetch_related("departments")
        .distinct()
        .order_by("pk")
    )
    result: dict[User, list[OverdueReport]] = {}
    for lead in leads:
        items = [
            item
            for department in lead.departments.all()
            for item in by_department.get(department.pk, [])
            if item.report.organisation_id == lead.organisation_id
        ]
        if items:
            items.sort(key=lambda item: (not item.far_overdue, -item.days_overdue, item.report.public_id))
            result[lead] = items
    return result
