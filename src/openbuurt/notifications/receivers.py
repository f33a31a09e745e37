"""Event handlers: each report event that concerns someone becomes an outbox message (connected in ``apps.py``).

Events arrive after their transaction committed; each handler writes its outbox row in a transaction of its own.
"""

from __future__ import annotations

from openbuurt.core.events import subscribe
from openbuurt.notifications import services
from openbuurt.reports.events import FollowRequested, ReportAssigned, ReportStatusChanged, ReportSubmitted


@subscribe(ReportSubmitted)
def on_report_submitted(event: ReportSubmitted) -> None:
    """Confirm receipt to the reporter."""
    services.notify_report_received(report_id=event.report_id, is_emergency=event.is_emergency)


@subscribe(ReportStatusChanged)
def on_report_status_changed(event: ReportStatusChanged) -> None:
    """Tell the reporter about a status change with a public text, and always when the report is done."""
    services.notify_status_changed(report_id=event.report_id, to_status=event.to_status, public_text=event.public_text)


@subscribe(ReportAssigned)
def on_report_assigned(event: ReportAssigned) -> None:
    """Tell the assigned person, or else the assigned team."""
    services.notify_assigned(
        report_id=event.report_id, department_id=event.department_id, assignee_id=event.assignee_id
    )


@subscribe(FollowRequested)
def on_follow_requested(event: FollowRequested) -> None:
    """Ask the resident to confirm their address before they follow the report."""
    services.notify_follow_requested(
        report_id=event.report_id,
        email=event.email,
        language=event.language,
        signed=event.signed,
        valid_days=event.valid_days,
    )
