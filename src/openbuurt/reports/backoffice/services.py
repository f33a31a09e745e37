"""Writes of the back office itself: saved filters, and the audit entries for viewing personal data."""

from __future__ import annotations

from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from openbuurt.accounts.models import User
from openbuurt.core import audit
from openbuurt.core.models import AuditAction
from openbuurt.reports.models import Attachment, Report
from openbuurt.reports.models_backoffice import SavedFilter

MAX_SAVED_FILTERS = 50


class SavedFilterError(ValueError):
    """A saved filter was refused (duplicate name, too many)."""


def save_filter(*, owner: User, name: str, query: str, show_on_queue: bool) -> SavedFilter:
    """Store the queue filter ``query`` (a query string) under ``name`` for ``owner``.

    A name the owner already uses is refused, as is a 51st filter.
    """
    name = name.strip()[:100]
    if not name:
        raise SavedFilterError(_("Give the filter a name."))
    if SavedFilter.objects.filter(owner=owner).count() >= MAX_SAVED_FILTERS:
        raise SavedFilterError(_("You have %(count)d saved filters; delete one first.") % {"count": MAX_SAVED_FILTERS})
    try:
        with transaction.atomic():
            saved = SavedFilter.objects.create(owner=owner, name=name, query=query[:2000], show_on_queue=show_on_queue)
            audit.record(actor=owner, action=AuditAction.CREATE, target=saved, summary="saved filter created")
    except IntegrityError as exc:
        raise SavedFilterError(_("You already have a filter named “%(name)s”.") % {"name": name}) from exc
    return saved


@transaction.atomic
def delete_filter(*, saved: SavedFilter, actor: User) -> None:
    """Delete a saved filter of ``actor``; someone else's filter is refused."""
    if saved.owner_id != actor.pk:
        raise SavedFilterError(_("This is not your filter."))
    audit.record(actor=actor, action=AuditAction.DELETE, target=saved, summary="saved filter deleted")
    saved.delete()


def needs_view_audit(report: Report) -> bool:
    """Tell whether opening ``report`` is a view of personal data that must be logged.

    Confidential and police reports are about people (crimes, nuisance by named neighbours), so every look at them
    is logged. Ordinary reports are shown to the whole handling organisation by design; for them only the
    reporter's contact details count as personal data, and those are logged by ``view_reporter_contact``.
    """
    return not report.is_public


@transaction.atomic
def record_report_view(*, report: Report, user: User, attachment: Attachment | None = None) -> None:
    """Log that ``user`` opened a confidential or police ``report`` (or one of its photos)."""
    audit.record(
        actor=user,
        action=AuditAction.VIEW_PERSONAL_DATA,
        target=report,
        summary="viewed photo of confidential report" if attachment else "viewed confidential report",
        detail={"attachment": attachment.pk} if attachment else {},
    )


@transaction.atomic
def record_login(*, user: User) -> None:
    """Log a successful back-office login."""
    audit.record(actor=user, action=AuditAction.LOGIN, target=user, summary="logged in to the back office")
