"""The service promise (afhandeltermijn) of a category: a report's deadline and its far-overdue moment.

Deadlines count from the moment the report was received, in the category's unit: working days (Monday to Friday
minus Dutch public holidays, from the maintained ``holidays`` list via :mod:`openbuurt.core.calendar`) or calendar
days. Signalen counts working days "ignoring festivities"; we do not. Days are counted on the local (Dutch) date,
so a report made at 00:30 on a Saturday counts as Saturday, not as the Friday it still is in UTC.

One place for every caller: the report made at intake, a queued submission shown before its report exists, and the
recalculation after a category change (:mod:`openbuurt.routing.sla`).
"""

from __future__ import annotations

from datetime import datetime

from django.utils import timezone

from openbuurt.core.calendar import add_days
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
