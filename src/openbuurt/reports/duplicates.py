"""Finding reports that may describe the same problem: open, same (main) category, nearby and recent.

Distances are great-circle (haversine) distances in metres. The database narrows the candidates with a bounding box
on latitude and longitude and the (category, created_at) index; the exact distance is computed here in Python on
the few rows left, so no spatial database is needed.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import datetime, timedelta

from django.db.models import QuerySet
from django.utils import timezone

from openbuurt.reports.constants import CLOSED_STATUSES
from openbuurt.reports.models import Report
from openbuurt.triage.models import Category

EARTH_RADIUS_M = 6_371_008.8
METRES_PER_DEGREE_LAT = 111_320.0
DEFAULT_RADIUS_M = 100.0
MIN_RADIUS_M = 10.0
MAX_RADIUS_M = 500.0
DEFAULT_DAYS = 30
MAX_CANDIDATES = 500


@dataclass(frozen=True)
class PossibleDuplicate:
    """A report that may be the same problem, with its distance from the point asked about."""

    report: Report
    distance_m: float


def haversine_m(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Return the great-circle distance between two WGS84 points in metres."""
    phi1, phi2 = math.radians(lat1), math.radians(lat2)
    dphi = phi2 - phi1
    dlambda = math.radians(lon2 - lon1)
    a = math.sin(dphi / 2) ** 2 + math.cos(phi1) * math.cos(phi2) * math.sin(dlambda / 2) ** 2
    return 2 * EARTH_RADIUS_M * math.asin(min(1.0, math.sqrt(a)))


def bounding_box(lat: float, lon: float, radius_m: float) -> tuple[float, float, float, float]:
    """Return (min_lat, max_lat, min_lon, max_lon) of a box that holds every point within ``radius_m``."""
    dlat = radius_m / METRES_PER_DEGREE_LAT
    # Near the poles the longitude span explodes; the Netherlands is far from them, the clamp only avoids / 0.
    dlon = radius_m / (METRES_PER_DEGREE_LAT * max(math.cos(math.radians(lat)), 0.01))
    return lat - dlat, lat + dlat, lon - dlon, lon + dlon


def related_category_ids(category: Category, *, include_main: bool) -> list[int]:
    """Return the ids of ``category`` and, with ``include_main``, of its main category and all its siblings."""
    if not include_main:
        return [category.pk]
    main_id = category.parent_id or category.pk
    ids = set(Category.objects.filter(parent_id=main_id).values_list("pk", flat=True))
    return sorted(ids | {main_id, category.pk})


def find_possible_duplicates(
    *,
    category: Category | None,
    lat: float,
    lon: float,
    at: datetime | None = None,
    radius_m: float = DEFAULT_RADIUS_M,
    days: int = DEFAULT_DAYS,
    include_main: bool = True,
    among: QuerySet[Report] | None = None,
    exclude: Report | None = None,
    limit: int = 10,
) -> list[PossibleDuplicate]:
    """Return open reports within ``radius_m`` of (lat, lon), received in the ``days`` before ``at``, nearest first.

    Only reports of ``category`` count (with ``include_main``: any category under the same main category; with no
    category: every category). ``among`` limits the search to the reports the caller may see (staff scoping, or
    :func:`reports.selectors.public_reports`); reports already linked as duplicates are left out, because their
    primary report is the one to link to or follow. ``radius_m`` is clamped to 10–500 m.
    """
    radius = min(max(float(radius_m), MIN_RADIUS_M), MAX_RADIUS_M)
    moment = at or timezone.now()
    min_lat, max_lat, min_lon, max_lon = bounding_box(lat, lon, radius)
    candidates = (among if among is not None else Report.objects.all()).filter(
        lat__gte=min_lat,
        lat__lte=max_lat,
        lon__gte=min_lon,
        lon__lte=max_lon,
        created_at__gte=moment - timedelta(days=max(days, 0)),
        created_at__lte=moment,
        duplicate_of__isnull=True,
    )
    candidates = candidates.exclude(status__in=CLOSED_STATUSES)
    if category is not None:
        candidates = candidates.filter(category_id__in=related_category_ids(category, include_main=include_main))
    if exclude is not None:
        candidates = candidates.exclude(pk=exclude.pk)
    found: list[PossibleDuplicate] = []
    rows = candidates.select_related("category", "category__parent").order_by("-created_at", "-id")
    for report in rows[:MAX_CANDIDATES]:
        assert report.lat is not None and report.lon is not None  # the bounding box filter excludes nulls
        distance = haversine_m(lat, lon, report.lat, report.lon)
        if distance <= radius:
            found.append(PossibleDuplicate(report=report, distance_m=distance))
    found.sort(key=lambda item: (item.distance_m, -item.report.created_at.timestamp()))
    return found[: max(limit, 0)]
