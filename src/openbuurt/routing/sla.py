"""The service promise (afhandeltermijn): a report's deadline and its far-overdue moment (three times the promise).

Deadlines count from the moment the report was received, in the category's unit: working days (Monday to Friday
minus Dutch public holidays, from the maintained ``holidays`` list via :mod:`openbuurt.core.calendar`) or calendar
days. Signalen counts working days "ignoring festivities"; we do not. Days are counted on the local (Dutch) date,
so a report made at 00:30 on a Saturday counts as Saturday, not as the Friday it still is in UTC.
"""

from __future__ import annotations

from datetime import datetime

from django.utils import timezone

from openbuurt.accounts.models import User
from openbuurt.core.calendar import add_days
from openbuurt.reports import services as report_services
from openbuurt.reports.models import Report
from openbuurt.triage.models import Category

FAR_OVERDUE_FACTOR = 3


def _after(category: Category, received_at: datetime, factor: int) -> datetime:
    local = timezone.localtime(received_at)
    return add_days(local, category.sla_days * factor, working_days=category.sla_working_days)


def deadline_for(category: Category, received_at: datetime) -> datetime:
    """Return when a report in ``category`` received at ``received_at`` must be handled (local time)."""
    return _after(category, received_at, 1)


def far_deadline_for(category: Category, received_at: datetime) -> datetime:
    """Return the moment a report is far overdue: three times the category's promise after ``received_at``."""
    return _after(category, received_at, FAR_OVERDUE_FACTOR)


def recalculate_deadline(report: Report, *, actor: User | None = None) -> bool:
    """Recompute both deadlines of ``report`` from its current category and when it was received.

    Writes through :func:`openbuurt.reports.services.set_deadline` only when a value changes (so repeated calls
    add no audit noise) and returns whether it wrote. Closed reports keep the deadlines they had.
    """
    if report.is_closed:
        return False
    deadline = deadline_for(report.category, report.created_at)
    far_deadline = far_deadline_for(report.category, report.created_at)
    if report.deadline == deadline and report.far_deadline == far_deadline:
        return False
    report_services.set_deadline(report=report, deadline=deadline, far_deadline=far_deadline, actor=actor)
    return True
