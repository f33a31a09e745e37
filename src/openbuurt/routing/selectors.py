"""Reads of the routing app: the unrouted queue, overdue reports, the rules and the routing preview."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from django.db.models import Count, Q, QuerySet
from django.utils import timezone

from openbuurt.accounts.models import Department, Organisation, User
from openbuurt.places.models import Area
from openbuurt.reports.constants import CLOSED_STATUSES
from openbuurt.reports.models import Report
from openbuurt.routing.matching import (
    RoutingContext,
    RuleCheck,
    area_ids_at,
    area_with_ancestors,
    first_match,
)
from openbuurt.routing.models import RoutingRule
from openbuurt.triage.models import Category


def _open_reports(organisation: Organisation | None) -> QuerySet[Report]:
    reports = Report.objects.exclude(status__in=CLOSED_STATUSES).select_related(
        "category", "category__parent", "organisation", "department", "assignee"
    )
    return reports.filter(organisation=organisation) if organisation is not None else reports


def unrouted_reports(*, organisation: Organisation | None = None) -> QuerySet[Report]:
    """Return open reports that no team has (no rule matched, or handed over without a team), oldest first."""
    return _open_reports(organisation).filter(department__isnull=True).order_by("created_at", "id")


def overdue_reports(now: datetime | None = None, *, organisation: Organisation | None = None) -> QuerySet[Report]:
    """Return open reports whose deadline has passed at ``now`` (default: now), most overdue first."""
    moment = now or timezone.now()
    return _open_reports(organisation).filter(deadline__lt=moment).order_by("deadline", "id")


def far_overdue_reports(now: datetime | None = None, *, organisation: Organisation | None = None) -> QuerySet[Report]:
    """Return open reports past three times their promise at ``now`` (default: now), most overdue first."""
    moment = now or timezone.now()
    return _open_reports(organisation).filter(far_deadline__lt=moment).order_by("far_deadline", "id")


@dataclass(frozen=True)
class OverdueCount:
    """How many open reports of one team are overdue and far overdue."""

    department: Department | None
    organisation_id: int
    overdue: int
    far_overdue: int


def overdue_by_department(now: datetime | None = None) -> list[OverdueCount]:
    """Count overdue and far-overdue open reports per team (``department`` ``None``: unrouted), for team leads."""
    moment = now or timezone.now()
    rows = (
        Report.objects.exclude(status__in=CLOSED_STATUSES)
        .filter(deadline__lt=moment)
        .values("organisation_id", "department_id")
        .annotate(overdue=Count("id"), far_overdue=Count("id", filter=Q(far_deadline__lt=moment)))
        .order_by("organisation_id", "department_id")
    )
    ids: list[object] = [row["department_id"] for row in rows]
    departments = Department.objects.select_related("organisation").in_bulk([pk for pk in ids if isinstance(pk, int)])
    return [
        OverdueCount(
            department=_department(departments, row["department_id"]),
            organisation_id=row["organisation_id"],
            overdue=row["overdue"],
            far_overdue=row["far_overdue"],
        )
        for row in rows
    ]


def _department(departments: dict[int, Department], pk: object) -> Department | None:
    # The team id of an unrouted report is NULL; the stubs type the column as a plain int.
    return departments.get(pk) if isinstance(pk, int) else None


def rules_in_order() -> QuerySet[RoutingRule]:
    """Return all routing rules (active or not) in the order they are tried."""
    return RoutingRule.objects.select_related("department", "department__organisation", "assignee").order_by(
        "order", "id"
    )


@dataclass(frozen=True)
class RoutingPreview:
    """Which team would get a report, by which rule, and why each rule tried before it did not match."""

    rule: RoutingRule | None
    department: Department | None
    assignee: User | None
    checks: tuple[RuleCheck, ...]
    organisation_kind: str
    areas: tuple[str, ...]
    notes: tuple[str, ...] = ()

    @property
    def matched(self) -> bool:
        return self.rule is not None


def preview_route(
    *,
    category: Category,
    at: datetime,
    channel: str,
    lat: float | None = None,
    lon: float | None = None,
    area: Area | None = None,
    organisation: Organisation | None = None,
) -> RoutingPreview:
    """Tell which team a report with these facts would get and by which rule, without writing anything.

    Give a point (``lat`` and ``lon``) or an ``area`` (which also counts as lying in the areas it is part of),
    or neither. A naive ``at`` is read in the site's time zone. The handling organisation is ``organisation`` when
    given, otherwise any organisation of the kind the category is handled by. Raises ``ValueError`` when only
    one coordinate is given.
    """
    if (lat is None) != (lon is None):
        raise ValueError("give both lat and lon, or neither")
    moment = timezone.make_aware(at) if timezone.is_naive(at) else at
    if lat is not None and lon is not None:
        area_ids = area_ids_at(lat, lon)
        has_location = True
    elif area is not None:
        area_ids = area_with_ancestors([area.pk])
        has_location = True
    else:
        area_ids = frozenset()
        has_location = False
    kind = organisation.kind if organisation is not None else category.handling_organisation
    context = RoutingContext(
        category=category,
        area_ids=area_ids,
        has_location=has_location,
        moment=timezone.localtime(moment),
        channel=channel,
        organisation_kind=kind,
        organisation_id=organisation.pk if organisation is not None else None,
    )
    match = first_match(context)
    names = tuple(str(found) for found in Area.objects.filter(pk__in=area_ids).order_by("kind", "name"))
    return RoutingPreview(
        rule=match.rule,
        department=match.department,
        assignee=match.assignee,
        checks=match.checks,
        organisation_kind=kind,
        areas=names,
        notes=match.notes,
    )
