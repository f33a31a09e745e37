"""Reads of reports: by tracking token, public lists that never include confidential or police reports."""

from __future__ import annotations

from django.db.models import QuerySet

from openbuurt.accounts.constants import OrganisationKind
from openbuurt.reports.models import Report, StatusChange
from openbuurt.reports.tokens import hash_tracking_token


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
