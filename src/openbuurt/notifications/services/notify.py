"""Composing the messages that events cause: to the reporter, to the assigned team or person, to team leads.

Reporter messages never carry what staff wrote for each other: no internal notes, team or officer names. For
confidential and police reports they leave out the description and the address too, because e-mail travels
unencrypted and may be read by others in the reporter's household.
"""

from __future__ import annotations

import hashlib
from datetime import datetime
from typing import Any

from django.db import transaction
from django.urls import reverse
from django.utils import timezone, translation

import structlog

from openbuurt.accounts.models import Department, User
from openbuurt.notifications import links, selectors
from openbuurt.notifications.constants import (
    DEFAULT_LANGUAGE,
    FEEDBACK_LINK_MAX_AGE,
    MessageKind,
)
from openbuurt.notifications.models import OutboxMessage
from openbuurt.notifications.rendering import message_language, render_message
from openbuurt.notifications.services.outbox import queue_message
from openbuurt.reports.constants import ReportStatus
from openbuurt.reports.models import Report, Reporter

log = structlog.get_logger(__name__)

# Staff read their e-mail in Dutch; residents get the language they wrote their report in.
STAFF_LANGUAGE = DEFAULT_LANGUAGE


def _report(report_id: int) -> Report | None:
    return (
        Report.objects.select_related("category", "category__parent", "organisation", "department", "assignee")
        .filter(pk=report_id)
        .first()
    )


def _reporter_context(report: Report, reporter: Reporter) -> dict[str, Any]:
    """Return what every reporter message may show; call inside the message's language."""
    context: dict[str, Any] = {
        "report_number": report.public_id,
        "category": str(report.category.name),
        "organisation": report.organisation.name,
        "first_name": reporter.first_name.strip(),
        "tracking_url": links.tracking_url(report),
        "address": "",
        "description": "",
    }
    if report.is_public:
        context["address"] = report.address_text
        context["description"] = report.text
    return context


def _queue_for_reporter(
    *, report: Report, reporter: Reporter, kind: MessageKind, extra: dict[str, Any], dedupe_key: str
) -> OutboxMessage | None:
    language = message_language(report.language)
    with translation.override(str(language)):
        context = _reporter_context(report, reporter) | extra
        rendered = render_message(kind=kind, language=language, context=context)
    return queue_message(
        kind=kind,
        recipient=reporter.email,
        rendered=rendered,
        language=language,
        report=report,
        dedupe_key=dedupe_key,
    )


@transaction.atomic
def notify_report_received(*, report_id: int, is_emergency: bool = False) -> OutboxMessage | None:
    """Queue the receipt e-mail to the reporter: report number, service promise and tracking link.

    Nothing is queued when the reporter gave no address, wants no updates or was anonymised.
    """
    report = _report(report_id)
    reporter = selectors.reporter_to_notify(report) if report is not None else None
    if report is None or reporter is None:
        return None
    with translation.override(str(message_language(report.language))):
        promise = str(report.category.handling_message)
    return _queue_for_reporter(
        report=report,
        reporter=reporter,
        kind=MessageKind.REPORT_RECEIVED,
        extra={"received_at": report.created_at, "promise": promise, "is_emergency": is_emergency},
        dedupe_key=f"report_received:{report.pk}",
    )


@transaction.atomic
def notify_status_changed(*, report_id: int, to_status: str, public_text: str) -> OutboxMessage | None:
    """Queue the e-mails about a status change to the reporter and to the report's followers.

    The reporter gets the done e-mail (with "is it solved?") or a status update; followers (residents who reported
    the same problem and were linked to this report) get a status update. A change to done always mails; any other
    change only when it carries a text for the reporter. Returns the reporter's message, if any.
    """
    message = _notify_reporter_status_changed(report_id=report_id, to_status=to_status, public_text=public_text)
    if to_status != ReportStatus.DONE and not public_text.strip():
        return message
    report = _report(report_id)
    change = selectors.latest_status_change(report, to_status) if report is not None else None
    if report is None or change is None:
        return message
    language = message_language(report.language)
    with translation.override(str(language)):
        status_label = str(ReportStatus(to_status).label)
    for email in selectors.follower_emails(report):
        _queue_for_reporter(
            report=report,
            # Followers have no reporter row of their own; the message needs only an address and no name.
            reporter=Reporter(report=report, email=email),
            kind=MessageKind.STATUS_UPDATE,
            extra={"status": status_label, "public_text": public_text.strip()},
            dedupe_key=f"status:{change.pk}:follower:{email.lower()}",
        )
    return message


def _notify_reporter_status_changed(*, report_id: int, to_status: str, public_text: str) -> OutboxMessage | None:
    """Queue the reporter's e-mail about a status change (see :func:`notify_status_changed`)."""
    is_done = to_status == ReportStatus.DONE
    if not is_done and not public_text.strip():
        return None
    report = _report(report_id)
    reporter = selectors.reporter_to_notify(report) if report is not None else None
    if report is None or reporter is None:
        return None
    change = selectors.latest_status_change(report, to_status)
    if change is None:
        return None
    language = message_language(report.language)
    if is_done:
        yes_url, no_url = links.feedback_urls(report=report, closing_change_id=change.pk)
        return _queue_for_reporter(
            report=report,
            reporter=reporter,
            kind=MessageKind.REPORT_DONE,
            extra={
                "public_text": public_text.strip(),
                "yes_url": yes_url,
                "no_url": no_url,
                "feedback_until": change.created_at + FEEDBACK_LINK_MAX_AGE,
            },
            dedupe_key=f"status:{change.pk}",
        )
    with translation.override(str(language)):
        status_label = str(ReportStatus(to_status).label)
    return _queue_for_reporter(
        report=report,
        reporter=reporter,
        kind=MessageKind.STATUS_UPDATE,
        extra={"status": status_label, "public_text": public_text.strip()},
        dedupe_key=f"status:{change.pk}",
    )


@transaction.atomic
def notify_follow_requested(
    *, report_id: int, email: str, language: str, signed: str, valid_days: int
) -> OutboxMessage | None:
    """Queue the e-mail that asks ``email`` to confirm following the report through the link holding ``signed``.

    The address is not a follower yet, so nobody can subscribe someone else. At most one such e-mail goes to an
    address per report per day, however often it is asked for, so the form cannot be used to flood a mailbox.
    Nothing is queued for a report that no longer exists.
    """
    report = _report(report_id)
    address = email.strip()
    if report is None or not address:
        return None
    chosen = message_language(language)
    with translation.override(str(chosen)):
        context = {
            "report_number": report.public_id,
            "category": str(report.category.name),
            "organisation": report.organisation.name,
            "confirm_url": links.absolute(reverse("public:follow-confirm", args=[signed])),
            "valid_days": valid_days,
        }
        rendered = render_message(kind=MessageKind.FOLLOW_CONFIRM, language=chosen, context=context)
    # A hash, not the address: the key says only which cause the message had.
    address_key = hashlib.sha256(address.lower().encode()).hexdigest()[:24]
    return queue_message(
        kind=MessageKind.FOLLOW_CONFIRM,
        recipient=address,
        rendered=rendered,
        language=chosen,
        report=report,
        dedupe_key=f"follow_confirm:{report.pk}:{address_key}:{timezone.localdate().isoformat()}",
    )


def _staff_context(report: Report) -> dict[str, Any]:
    return {
        "report_number": report.public_id,
        "category": str(report.category.name),
        # Confidential and police reports: the details stay in the back office, behind its access checks.
        "address": report.address_text if report.is_public else "",
        "deadline": report.deadline,
        "priority": str(report.get_priority_display()),
        "backoffice_url": links.backoffice_url(report),
    }


@transaction.atomic
def notify_assigned(*, report_id: int, department_id: int | None, assignee_id: int | None) -> OutboxMessage | None:
    """Queue the e-mail about an assignment: to the person when one was assigned, otherwise to the team's address.

    Nobody is mailed about an assignment they made to themselves, nor at an empty address.
    """
    report = _report(report_id)
    if report is None or report.is_demo:
        return None
    assignment = selectors.latest_assignment(report)
    department = Department.objects.filter(pk=department_id, is_active=True).first() if department_id else None
    team = department.name if department is not None else ""
    with translation.override(str(STAFF_LANGUAGE)):
        context = _staff_context(report) | {"team": team, "reason": assignment.reason if assignment else ""}
        if assignee_id is not None:
            person = User.objects.filter(pk=assignee_id, is_active=True).exclude(email="").first()
            if person is None or (assignment is not None and assignment.actor_id == person.pk):
                return None
            kind, recipient = MessageKind.ASSIGNED_TO_PERSON, person.email
            context["person"] = person.get_full_name() or person.get_username()
        elif department is not None and department.email:
            kind, recipient = MessageKind.ASSIGNED_TO_TEAM, department.email
        else:
            return None
        rendered = render_message(kind=kind, language=STAFF_LANGUAGE, context=context)
    key = f"assigned:{assignment.pk}" if assignment is not None else None
    return queue_message(
        kind=kind, recipient=recipient, rendered=rendered, language=STAFF_LANGUAGE, report=report, dedupe_key=key
    )


def send_overdue_warnings(*, now: datetime | None = None) -> int:
    """Queue one e-mail per team lead listing their teams' overdue and far-overdue open reports; return how many.

    At most one warning per lead per day, however often this runs.
    """
    now = now or timezone.now()
    today = timezone.localdate(now)
    count = 0
    for lead, items in selectors.overdue_reports_by_team_lead(now=now).items():
        language = STAFF_LANGUAGE
        with translation.override(str(language)):
            teams = sorted({item.report.department.name for item in items if item.report.department is not None})
            context = {
                "person": lead.get_full_name() or lead.get_username(),
                "teams": ", ".join(teams),
                "today": now,
                "overdue_count": len(items),
                "far_overdue_count": sum(1 for item in items if item.far_overdue),
                "reports": [
                    {
                        "number": item.report.public_id,
                        "category": str(item.report.category.name),
                        "team": item.report.department.name if item.report.department is not None else "",
                        "deadline": item.report.deadline,
                        "days_overdue": item.days_overdue,
                        "far_overdue": item.far_overdue,
                        "url": links.backoffice_url(item.report),
                    }
                    for item in items
                ],
            }
            rendered = render_message(kind=MessageKind.OVERDUE_WARNING, language=language, context=context)
        with transaction.atomic():
            queued = queue_message(
                kind=MessageKind.OVERDUE_WARNING,
                recipient=lead.email,
                rendered=rendered,
                language=language,
                dedupe_key=f"overdue:{lead.pk}:{today.isoformat()}",
            )
        if queued is not None:
            count += 1
    log.info("overdue_warnings_queued", count=count)
    return count
