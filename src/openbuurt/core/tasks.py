"""Background delivery of events (see ``core.events``)."""

from __future__ import annotations

from huey.contrib.djhuey import db_task

from openbuurt.core.events import deliver_background


@db_task(retries=2, retry_delay=30)  # type: ignore[untyped-decorator]
def deliver_event_task(event: object) -> None:
    """Call the background handlers of one event in the worker."""
    deliver_background(event)
