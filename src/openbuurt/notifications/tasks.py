"""Huey tasks of the notifications app; thin wrappers around ``notifications.services``."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime
from zoneinfo import ZoneInfo

from django.conf import settings

from huey import crontab
from huey.contrib.djhuey import HUEY, db_periodic_task, db_task

from openbuurt.notifications import services


def at_local_time(*, hour: int, minute: int = 0) -> Callable[[datetime], bool]:
    """Return a Huey schedule that fires once a day at ``hour:minute`` in the site's time zone (summer time too).

    Huey hands periodic schedules a naive timestamp: UTC when the queue runs in UTC (the default), else the
    machine's local time. A crontab would fire at 08:00 UTC, which is 09:00 or 10:00 in Amsterdam.
    """
    zone = ZoneInfo(settings.TIME_ZONE)

    def is_due(moment: datetime) -> bool:
        if moment.tzinfo is None:
            moment = moment.replace(tzinfo=UTC) if getattr(HUEY, "utc", True) else moment.astimezone()
        local = moment.astimezone(zone)
        return local.hour == hour and local.minute == minute

    return is_due


@db_task()  # type: ignore[untyped-decorator]
def send_outbox_message(message_id: int) -> str | None:
    """Send one queued message now (queued on commit by ``services.queue_message``)."""
    status = services.deliver_message(message_id=message_id)
    return str(status) if status is not None else None


@db_periodic_task(crontab(minute="*"))  # type: ignore[untyped-decorator]
def retry_due_messages_task() -> int:
    """Every minute: send messages whose retry is due, and those a dead worker left behind."""
    return services.retry_due_messages()


@db_periodic_task(at_local_time(hour=8))  # type: ignore[untyped-decorator]
def send_overdue_warnings_task() -> int:
    """Every day at 08:00 (Europe/Amsterdam): warn team leads about their teams' overdue reports."""
    return services.send_overdue_warnings()


@db_periodic_task(crontab(hour="3", minute="30"))  # type: ignore[untyped-decorator]
def purge_finished_messages_task() -> int:
    """Nightly: delete finished messages past their retention period."""
    return services.purge_finished_messages()
