"""Handling a report after intake: status changes, (re)assignment and hand-over, category, priority, notes.

Every function here is one audited, atomic write that appends history and publishes its event on commit.
"""

from __future__ import annotations

from datetime import datetime

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from openbuurt.accounts.models import Department, Organisation, User
from openbuurt.core import audit
from openbuurt.core.events import publish_on_commit
from openbuurt.core.models import AuditAction
from openbuurt.reports.constants import CLOSED_STATUSES, CategorySource, ReportStatus
from openbuurt.reports.events import ReportAssigned, ReportCategoryChanged, ReportStatusChanged
from openbuurt.reports.models import Assignment, CategoryChange, Feedback, Note, Report, StatusChange
from openbuurt.reports.workflow import can_move
from openbuurt.triage.constants import Priority
from openbuurt.triage.models import Category


class TransitionNotAllowedError(ValueError):
    """The requested status change is not in the transition table."""


def change_status(
    *,
    report: Report,
    to_status: ReportStatus,
    actor: User | None,
    public_text: str = "",
    internal_note: str = "",
    at: datetime | None = None,
) -> StatusChange:
    """Move ``report`` to ``to_status`` and append the history row; refuse moves the transition table forbids.

    ``public_text`` is what the reporter is told (tracking page, e-mail); ``internal_note`` stays with staff.
    Publishes :class:`ReportStatusChanged` on commit.
    """
    now = at or timezone.now()
    with transaction.atomic():
        locked = Report.objects.select_for_update().get(pk=report.pk)
        from_status = locked.status
        if not can_move(from_status, to_status):
            raise TransitionNotAllowedError(
                _("A report cannot go from “%(from)s” to “%(to)s”.")
                % {"from": ReportStatus(from_status).label, "to": ReportStatus(to_status).label}
            )
        locked.status = to_status
        locked.updated_at = now
        locked.closed_at = now if to_status in (ReportStatus.DONE, ReportStatus.CANCELLED) else None
        locked.save(update_fields=["status", "updated_at", "closed_at"])
        change = StatusChange.objects.create(
            report=locked,
            from_status=from_status,
            to_status=to_status,
            actor=actor,
            actor_label=actor.get_username() if actor is not None else "",
            public_text=public_text.strip(),
            internal_note=internal_note.strip(),
            created_at=now,
        )
        audit.record(
            actor=actor,
            action=AuditAction.UPDATE,
            target=locked,
            summary=f"status {from_status} → {to_status}",
            detail={"from": from_status, "to": str(to_status)},
        )
        publish_on_commit(
            ReportStatusChanged(
                report_id=locked.pk, from_status=from_status, to_status=str(to_status), public_text=change.public_text
            )
        )
    report.refresh_from_db(fields=["status", "updated_at", "closed_at"])
    return change


def _label(actor: User | None) -> str:
    return actor.get_username() if actor is not None else ""


def assign_report(
    *,
    report: Report,
    organisation: Organisation | None = None,
    department: Department | None,
    assignee: User | None = None,
    actor: User | None,
    reason: str = "",
    rule_label: str = "",
    at: datetime | None = None,
) -> Assignment:
    """(Re)assign ``report`` to a team (and optionally a person) of ``organisation`` (default: the team's own).

    A different organisation makes this a hand-over (e.g. municipality → police): the report becomes confidential
    when it goes to the police, and it is logged as one assignment row. The assignee must belong to the team's
    organisation. Publishes :class:`ReportAssigned` on commit.
    """
    now = at or timezone.now()
    target_org = organisation or (department.organisation if department is not None else report.organisation)
    if department is not None and department.organisation_id != target_org.pk:
        raise ValueError(_("The team %(team)s does not belong to %(org)s.") % {"team": department, "org": target_org})
    if assignee is not None and assignee.organisation_id not in (None, target_org.pk):
        raise ValueError(_("%(user)s does not work for %(org)s.") % {"user": assignee, "org": target_org})
    with transaction.atomic():
        locked = Report.objects.select_for_update().get(pk=report.pk)
        previous_org_id = locked.organisation_id
        locked.organisation = target_org
        locked.department = department
        locked.assignee = assignee
        locked.updated_at = now
        fields = ["organisation", "department", "assignee", "updated_at"]
        if target_org.is_police and not locked.is_confidential:
            locked.is_confidential = True
            fields.append("is_confidential")
        locked.save(update_fields=fields)
        row = Assignment.objects.create(
            report=locked,
            organisation=target_org,
            department=department,
            assignee=assignee,
            actor=actor,
            actor_label=_label(actor),
            reason=reason[:300],
            rule_label=rule_label[:200],
            created_at=now,
        )
        handover = previous_org_id != target_org.pk
        audit.record(
            actor=actor,
            action=AuditAction.UPDATE,
            target=locked,
            summary=("hand-over" if handover else "assignment")
            + f" to {department or target_org}"
            + (f" / {assignee.get_username()}" if assignee else ""),
            detail={
                "organisation": target_org.pk,
                "previous_organisation": previous_org_id,
                "department": department.pk if department else None,
                "assignee": assignee.pk if assignee else None,
                "rule": rule_label,
            },
        )
        publish_on_commit(
            ReportAssigned(
                report_id=locked.pk,
                organisation_id=target_org.pk,
                department_id=department.pk if department else None,
                assignee_id=assignee.pk if assignee else None,
                previous_organisation_id=previous_org_id,
                reason=reason,
            )
        )
    report.refresh_from_db(fields=["organisation", "department", "assignee", "updated_at", "is_confidential"])
    return row


def change_category(
    *, report: Report, category: Category, actor: User | None, source: CategorySource = CategorySource.STAFF
) -> CategoryChange:
    """Change the category of ``report``, keeping the old one in the history (a training label for triage).

    Clears ``needs_triage``; a police category makes the report confidential.
    """
    now = timezone.now()
    with transaction.atomic():
        locked = Report.objects.select_for_update().get(pk=report.pk)
        previous = locked.category
        locked.category = category
        locked.category_source = source
        locked.needs_triage = False
        locked.updated_at = now
        if category.is_confidential or category.is_police:
            locked.is_confidential = True
        locked.save(update_fields=["category", "category_source", "needs_triage", "updated_at", "is_confidential"])
        change = CategoryChange.objects.create(
            report=locked, from_category=previous, to_category=category, source=source, actor=actor, created_at=now
        )
        audit.record(
            actor=actor,
            action=AuditAction.UPDATE,
            target=locked,
            summary=f"category {previous.slug} → {category.slug}",
            detail={"from": previous.slug, "to": category.slug},
        )
        publish_on_commit(
            ReportCategoryChanged(report_id=locked.pk, from_category_id=previous.pk, to_category_id=category.pk)
        )
    report.refresh_from_db(fields=["category", "category_source", "needs_triage", "updated_at", "is_confidential"])
    return change


def set_deadline(
    *, report: Report, deadline: datetime | None, far_deadline: datetime | None, actor: User | None = None
) -> None:
    """Set the service-promise deadline of ``report`` and the far-overdue moment (three times the promise)."""
    with transaction.atomic():
        locked = Report.objects.select_for_update().get(pk=report.pk)
        previous = locked.deadline
        locked.deadline = deadline
        locked.far_deadline = far_deadline
        locked.save(update_fields=["deadline", "far_deadline"])
        audit.record(
            actor=actor,
            action=AuditAction.UPDATE,
            target=locked,
            summary="deadline set",
            detail={
                "from": previous.isoformat() if previous else None,
                "to": deadline.isoformat() if deadline else None,
            },
        )
    report.refresh_from_db(fields=["deadline", "far_deadline"])


def set_priority(*, report: Report, priority: Priority, actor: User | None, reason: str = "") -> None:
    """Set the priority of ``report`` with a visible reason."""
    with transaction.atomic():
        locked = Report.objects.select_for_update().get(pk=report.pk)
        previous = locked.priority
        locked.priority = priority
        locked.priority_reason = reason[:200]
        locked.updated_at = timezone.now()
        locked.save(update_fields=["priority", "priority_reason", "updated_at"])
        audit.record(
            actor=actor,
            action=AuditAction.UPDATE,
            target=locked,
            summary=f"priority {previous} → {priority}",
            detail={"from": previous, "to": str(priority), "reason": reason[:200]},
        )
    report.refresh_from_db(fields=["priority", "priority_reason", "updated_at"])


def add_note(*, report: Report, text: str, actor: User | None) -> Note:
    """Append an internal note to ``report``; empty notes are refused."""
    if not text.strip():
        raise ValueError(_("A note cannot be empty."))
    with transaction.atomic():
        note = Note.objects.create(
            report=report, author=actor, author_label=_label(actor), text=text.strip(), created_at=timezone.now()
        )
        audit.record(actor=actor, action=AuditAction.UPDATE, target=report, summary="internal note added")
    return note


__all__ = [
    "TransitionNotAllowedError",
    "add_note",
    "assign_report",
    "change_category",
    "change_status",
    "record_feedback",
    "set_deadline",
    "set_priority",
]


def record_feedback(*, report: Report, is_solved: bool, comment: str = "") -> Feedback:
    """Store the reporter's answer to "is it solved?"; a "no" on a done report moves it to reopen requested.

    Only closed reports take feedback; the answer is kept even when the status cannot move (e.g. answered twice).
    """
    if report.status not in CLOSED_STATUSES and report.status != ReportStatus.REOPEN_REQUESTED:
        raise ValueError(_("This report is not closed yet, so it cannot be rated."))
    with transaction.atomic():
        feedback = Feedback.objects.create(
            report=report, is_solved=is_solved, comment=comment.strip()[:4000], created_at=timezone.now()
        )
        audit.record(
            actor=None,
            actor_label="reporter",
            action=AuditAction.UPDATE,
            target=report,
            summary="reporter feedback: " + ("solved" if is_solved else "not solved"),
        )
        if not is_solved and can_move(report.status, ReportStatus.REOPEN_REQUESTED):
            change_status(
                report=report,
                to_status=ReportStatus.REOPEN_REQUESTED,
                actor=None,
                internal_note=_("The reporter says the problem is not solved: %(comment)s")
                % {"comment": comment.strip()[:1000]},
            )
    return feedback
