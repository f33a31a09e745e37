"""Reads of reports: by tracking token, public lists that never include confidential or police reports, and the
intake queue."""

from __future__ import annotations

from django.db.models import QuerySet

from openbuurt.accounts.constants import OrganisationKind
from openbuurt.accounts.models import Organisation
from openbuurt.reports import intake_spool
from openbuurt.reports.models import Report, StatusChange
from openbuurt.reports.models_intake import QueuedSubmission
from openbuurt.reports.tokens import hash_tracking_token
from openbuurt.triage.models import Category


def report_by_tracking_token(token: str) -> Report | None:
    """Return the report whose tracking link holds ``token``, or ``None``."""
    if not token or len(token) > 100:
        return None
    return (
        Report.objects.select_related("category", "category__parent", "organisation", "area", "district")
        .filter(tracking_token_hash=hash_tracking_token(token))
        .first()
    )


def public_reports() -> QuerySet[Report]:
    """Return reports that may be shown publicly: not confidential, not police, not in a confidential category."""
    return (
        Report.objects.filter(is_confidential=False, category__is_confidential=False)
        .exclude(organisation__kind=OrganisationKind.POLICE)
        .select_related("category", "category__parent", "organisation", "area", "district")
        # Public lists never need the area polygons or the internal JSON fields; decoding them per row was
        # most of the cost of an Open311 list page.
        .defer("area__geometry", "district__geometry", "extra", "category_suggestions", "tracking_token_hash")
    )


def status_history(report: Report) -> QuerySet[StatusChange]:
    """Return a report's status history, oldest first."""
    return report.status_changes.order_by("created_at", "id")


def public_queued_submission(public_id: str) -> QueuedSubmission | None:
    """Return the queued or spooled submission with this number if it may be shown publicly.

    The rule of :func:`public_reports`: not in a confidential category and not handled by the police (a queued
    submission is not marked confidential itself; its report will be exactly when one of those holds). A
    submission still in an intake spool is returned as an unsaved row.
    """
    queued = (
        QueuedSubmission.objects.filter(public_id=public_id)
        .select_related("category", "category__parent", "organisation")
        .first()
    )
    if queued is None:
        queued = _unsaved_spooled(public_id)
    if queued is None or queued.category.is_confidential or queued.organisation.kind == OrganisationKind.POLICE:
        return None
    return queued


def _unsaved_spooled(public_id: str) -> QueuedSubmission | None:
    spooled = intake_spool.find(public_id)
    if spooled is None:
        return None
    category = Category.objects.select_related("parent").filter(pk=spooled.column("category_id")).first()
    organisation = Organisation.objects.filter(pk=spooled.column("organisation_id")).first()
    if category is None or organisation is None:
        return None
    return QueuedSubmission(
        public_id=spooled.public_id,
        submission_key=spooled.column("submission_key"),
        source=spooled.column("source"),
        category=category,
        organisation=organisation,
        payload=spooled.payload,
        received_at=spooled.received_at,
        attempts=spooled.column("attempts"),
        last_error=spooled.column("last_error"),
    )


def public_id_for_submission_key(submission_key: str) -> str | None:
    """Return the report number given before under ``submission_key`` (queued or made), or ``None``.

    The queue is read before the reports: the worker deletes a row in the transaction that makes its report, so a
    row missed here was already a report when the second query ran.
    """
    queued = QueuedSubmission.objects.filter(submission_key=submission_key).values_list("public_id", flat=True)
    made = Report.objects.filter(submission_key=submission_key).values_list("public_id", flat=True)
    return queued.first() or made.first()


def intake_queue_counts() -> tuple[int, int]:
    """Return (submissions waiting in the queue or a spool, queued submissions that failed at least once)."""
    waiting = QueuedSubmission.objects.filter(attempts=0).count() + intake_spool.count()
    failed = QueuedSubmission.objects.filter(attempts__gt=0).count()
    return waiting, failed
