"""Background delivery of events (see ``core.events``)."""

from __future__ import annotations

from huey import crontab
from huey.contrib.djhuey import db_periodic_task, db_task

from openbuurt.core.events import deliver_overdue, deliver_pending


@db_task()  # type: ignore[untyped-decorator]
def deliver_event_task(pending_id: int) -> bool:
    """Call the background handlers of one stored event in the worker."""
    return deliver_pending(pending_id)


@db_periodic_task(crontab(minute="*"))  # type: ignore[untyped-decorator]
def deliver_overdue_events_task() -> int:
    """Deliver stored events whose task was lost (every minute)."""
    return deliver_overdue()
