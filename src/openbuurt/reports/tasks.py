"""Periodic retention and clean-up jobs; thin wrappers around services."""

from __future__ import annotations

from datetime import timedelta

from huey import crontab
from huey.contrib.djhuey import db_periodic_task

from openbuurt.reports.forms import discard_stale_pending_photos
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
