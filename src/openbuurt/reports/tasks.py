"""Periodic retention jobs; thin wrappers around ``reports.services.privacy``."""

from __future__ import annotations

from huey import crontab
from huey.contrib.djhuey import db_periodic_task

from openbuurt.reports.services.privacy import anonymise_reporters, delete_closed_reports


@db_periodic_task(crontab(hour="2", minute="15"))  # type: ignore[untyped-decorator]
def anonymise_reporters_task() -> int:
    """Anonymise reporter contact details after the retention period (nightly)."""
    return anonymise_reporters()


@db_periodic_task(crontab(hour="2", minute="45"))  # type: ignore[untyped-decorator]
def delete_closed_reports_task() -> int:
    """Delete closed reports after the retention period (nightly)."""
    return delete_closed_reports()
