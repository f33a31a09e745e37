"""Background jobs of reports (intake queue, retention, clean-up); thin wrappers around services."""

from __future__ import annotations

from datetime import timedelta

from huey import crontab
from huey.contrib.djhuey import db_periodic_task, db_task

from openbuurt.reports.forms import discard_stale_pending_photos
from openbuurt.reports.services import intake_queue
from openbuurt.reports.services.privacy import anonymise_reporters, delete_closed_reports


@db_periodic_task(crontab(hour="2", minute="15"))  # type: ignore[untyped-decorator]
def anonymise_reporters_task() -> int:
    """Anonymise reporter contact details after the retention period (nightly)."""
    return anonymise_reporters()


@db_periodic_task(crontab(hour="2", minute="45"))  # type: ignore[untyped-decorator]
def delete_closed_reports_task() -> int:
    """Delete closed reports after the retention period (nightly)."""
    return delete_closed_reports()


@db_periodic_task(crontab(hour="3", minute="30"))  # type: ignore[untyped-decorator]
def discard_stale_pending_photos_task() -> int:
    """Delete photos kept for forms that were abandoned more than a day ago (nightly)."""
    return discard_stale_pending_photos(older_than=timedelta(days=1))


@db_task()  # type: ignore[untyped-decorator]
def drain_intake_queue_task(watch_until: float) -> int:
    """Make reports of queued submissions, watching the queue until ``watch_until`` (see ``intake_queue``)."""
    return intake_queue.drain(watch_until=watch_until)


@db_periodic_task(crontab(minute="*"))  # type: ignore[untyped-decorator]
def sweep_intake_queue_task() -> int:
    """Process queued submissions whose drain never ran, and retry failed ones (every minute)."""
    return intake_queue.process_queued_submissions()
