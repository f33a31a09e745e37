"""Keeping a report's deadlines in line with its category's service promise.

The promise itself (working or calendar days, counted on the local date) is computed by
:mod:`openbuurt.triage.service_promise`, which intake uses too.
"""

from __future__ import annotations

from openbuurt.accounts.models import User
from openbuurt.reports import services as report_services
from openbuurt.reports.models import Report
from openbuurt.triage.service_promise import deadline_for, far_deadline_for


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
