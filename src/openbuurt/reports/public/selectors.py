"""Reads for the public map and the "is it one of these?" list: open public reports, coarsened."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet

from openbuurt.reports import selectors
from openbuurt.reports.constants import CLOSED_STATUSES, ReportStatus
from openbuurt.reports.duplicates import PossibleDuplicate, find_possible_duplicates
from openbuurt.reports.models import Follower, Report
from openbuurt.triage.models import Category

# Shown on the public map: work not yet finished. Reopen requests and closed reports are left out, as Signalen does.
PUBLIC_OPEN_STATUSES = [
    ReportStatus.NEW,
    ReportStatus.ACCEPTED,
    ReportStatus.IN_PROGRESS,
    ReportStatus.SCHEDULED,
    ReportStatus.ON_HOLD,
    ReportStatus.WAITING_FOR_REPORTER,
    ReportStatus.FORWARDED,
    ReportStatus.REOPENED,
]
# Three decimals of a degree: about 110 m north-south and 70 m east-west in the Netherlands. Enough to see the
# street block, too coarse to point at one front door.
COORDINATE_DECIMALS = 3
PUBLIC_MAP_CAP = 5000
# What the form asks "is it one of these?" about: close enough to be the same spot, recent enough to be the same
# problem, few enough to read.
NEARBY_RADIUS_M = 150
NEARBY_DAYS = 60
NEARBY_LIMIT = 10


def open_public_reports() -> QuerySet[Report]:
    """Return open, public, located reports that are not linked as a duplicate of another."""
    return selectors.public_reports().filter(
        status__in=PUBLIC_OPEN_STATUSES, lat__isnull=False, lon__isnull=False, duplicate_of__isnull=True
    )


def nearby_open_reports(*, lat: float, lon: float, category: Category | None) -> list[PossibleDuplicate]:
    """Return open public reports near (lat, lon), nearest first: the candidates of "is it one of these?".

    Within :data:`NEARBY_RADIUS_M` metres, received in the last :data:`NEARBY_DAYS` days, at most
    :data:`NEARBY_LIMIT`; with a ``category`` only reports under the same main category.
    """
    return find_possible_duplicates(
        category=category,
        lat=lat,
        lon=lon,
        radius_m=NEARBY_RADIUS_M,
        days=NEARBY_DAYS,
        among=open_public_reports(),
        limit=NEARBY_LIMIT,
    )


def followed_report(report_id: int) -> Report | None:
    """Return the report a resident follows when following report ``report_id``: its primary if it is linked."""
    rows = Report.objects.select_related("category", "category__parent", "organisation")
    report = rows.filter(pk=report_id).first()
    if report is not None and report.duplicate_of_id is not None:
        # One step is enough: a report that others are linked to is never linked itself.
        return rows.filter(pk=report.duplicate_of_id).first() or report
    return report


def can_be_followed(report: Report) -> bool:
    """Tell whether residents may start following ``report``: public and not closed."""
    return report.is_public and report.status not in CLOSED_STATUSES


def is_following(report: Report, email: str) -> bool:
    """Tell whether ``email`` already follows ``report``."""
    return Follower.objects.filter(report=report, email=email.strip().lower()).exists()


def rounded(value: float) -> float:
    """Round a coordinate for publication."""
    return round(value, COORDINATE_DECIMALS)


def public_features(*, language: str, cap: int = PUBLIC_MAP_CAP) -> tuple[list[dict[str, Any]], bool]:
    """Return GeoJSON features of the ``cap`` most recent open public reports and whether more were left out."""
    name_field = "category__name_en" if language.startswith("en") else "category__name_nl"
    rows = list(
        open_public_reports()
        .order_by("-created_at", "-id")
        .values_list("public_id", "lat", "lon", "status", name_field, "created_at")[: cap + 1]
    )
    labels = {status.value: str(status.label) for status in ReportStatus}
    features = [
        {
            "type": "Feature",
            "geometry": {"type": "Point", "coordinates": [rounded(lon), rounded(lat)]},
            "properties": {
                "id": public_id,
                "category": category,
                "status": status,
                "status_label": labels.get(status, status),
                "created": created.date().isoformat(),
            },
        }
        for public_id, lat, lon, status, category, created in rows[:cap]
    ]
    return features, len(rows) > cap


def nearby_payload(found: list[PossibleDuplicate]) -> list[dict[str, Any]]:
    """Return what the report form may show of nearby open reports: no text, no exact place."""
    return [
        {
            "id": item.report.public_id,
            "category": item.report.category.name,
            "status": item.report.status,
            "status_label": str(ReportStatus(item.report.status).label),
            "created": item.report.created_at.date().isoformat(),
            # Rounded to 10 m: enough to say "about 40 m away" without placing the report exactly.
            "distance_m": int(round(item.distance_m, -1)),
            "lat": rounded(item.report.lat or 0.0),
            "lon": rounded(item.report.lon or 0.0),
        }
        for item in found
    ]
