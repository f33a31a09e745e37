"""Generating the demo reports: about 200 reports written by us, spread over the wijken, categories and statuses.

Everything goes through ``reports.services``: :func:`submit_report` stores each report (``is_demo=True``, its text
starting with ``[demo]``) and :func:`change_status` appends its later history with the messages a resident would
see. The random choices come from one seeded generator, so the same seed gives the same reports (texts, places,
categories, statuses); only the dates move along with today.
"""

from __future__ import annotations

import random
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import TypeVar

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

import structlog
from shapely import contains_xy, prepare
from shapely.geometry import shape
from shapely.geometry.base import BaseGeometry

from openbuurt.accounts.constants import OrganisationKind, Role
from openbuurt.accounts.demo import DEMO_EMAIL_DOMAIN
from openbuurt.accounts.models import Organisation, User
from openbuurt.demo import texts
from openbuurt.places import selectors as places_selectors
from openbuurt.places.constants import AreaKind
from openbuurt.places.models import Area
from openbuurt.reports import services as report_services
from openbuurt.reports.constants import ReportSource, ReportStatus
from openbuurt.reports.models import Report
from openbuurt.triage.models import Category

log = structlog.get_logger(__name__)
_T = TypeVar("_T")

DEMO_SEED = 20260601
DEMO_REPORT_COUNT = 200
DEMO_DAYS = 60
POLICE_SHARE = 0.1
# Every wijk gets at least this many reports; the rest follows the number of inhabitants.
MIN_PER_WIJK = 2
# Inhabitants per wijk on 1 January 2024. Source: CBS, Kerncijfers wijken en buurten 2024 (85984NED), CC BY 4.0.
# A wijk not listed here (another municipality's areas) weighs as many thousand inhabitants as it has buurten.
WIJK_INHABITANTS = {
    "WK001400": 24920,
    "WK001401": 22200,
    "WK001402": 14600,
    "WK001403": 19120,
    "WK001404": 12970,
    "WK001405": 3525,
    "WK001406": 19725,
    "WK001407": 10740,
    "WK001408": 11335,
    "WK001409": 19570,
    "WK001410": 19600,
    "WK001411": 15580,
    "WK001412": 16160,
    "WK001413": 1075,
    "WK001414": 4390,
    "WK001415": 5850,
    "WK001416": 1320,
    "WK001417": 13400,
    "WK001418": 5025,
    "WK001419": 2645,
}

S = ReportStatus
# The history that leads to each final status, after the first "new" row that submit_report writes.
PATHS: dict[ReportStatus, tuple[tuple[ReportStatus, ...], ...]] = {
    S.NEW: ((),),
    S.ACCEPTED: ((S.ACCEPTED,),),
    S.IN_PROGRESS: ((S.ACCEPTED, S.IN_PROGRESS),),
    S.SCHEDULED: ((S.ACCEPTED, S.SCHEDULED),),
    S.ON_HOLD: ((S.ACCEPTED, S.IN_PROGRESS, S.ON_HOLD), (S.ACCEPTED, S.ON_HOLD)),
    S.DONE: ((S.ACCEPTED, S.IN_PROGRESS, S.DONE), (S.ACCEPTED, S.DONE)),
    S.CANCELLED: ((S.CANCELLED,), (S.ACCEPTED, S.CANCELLED)),
}
# Final status weights by the report's age: young reports are mostly new, old ones mostly done.
_BY_AGE: tuple[tuple[float, dict[ReportStatus, int]], ...] = (
    (1, {S.NEW: 75, S.ACCEPTED: 20, S.CANCELLED: 5}),
    (5, {S.NEW: 25, S.ACCEPTED: 25, S.IN_PROGRESS: 25, S.SCHEDULED: 10, S.DONE: 10, S.CANCELLED: 5}),
    (20, {S.NEW: 5, S.ACCEPTED: 10, S.IN_PROGRESS: 20, S.SCHEDULED: 15, S.ON_HOLD: 10, S.DONE: 35, S.CANCELLED: 5}),
    (10_000, {S.NEW: 2, S.ACCEPTED: 5, S.IN_PROGRESS: 10, S.SCHEDULED: 8, S.ON_HOLD: 10, S.DONE: 55, S.CANCELLED: 10}),
)
# Channels residents use; the demo label is in the text and in ``is_demo``, not in the channel.
_SOURCES = {ReportSource.WEB: 55, ReportSource.OPEN311: 25, ReportSource.PHONE: 12, ReportSource.EMAIL: 8}
# Hours of the day at which residents report, weighted: few at night, most in the morning and evening.
_HOURS = {
    hour: (1 if hour < 7 else 6 if hour < 10 else 4 if hour < 17 else 5 if hour < 23 else 2) for hour in range(24)
}


class DemoDataError(RuntimeError):
    """The demo reports cannot be made: the areas, categories or organisations they need are missing."""


@dataclass(frozen=True)
class _Wijk:
    area: Area
    polygon: BaseGeometry
    weight: int
    # The wijk's buurten, each cut to the wijk: reports cluster where people live, not evenly over the fields.
    parts: tuple[BaseGeometry, ...]


@dataclass(frozen=True)
class _Template:
    template: texts.ReportTemplate
    category: Category


@dataclass(frozen=True)
class _Plan:
    """Everything random about one demo report, decided before anything is written."""

    text: str
    category: Category
    lat: float
    lon: float
    created_at: datetime
    source: ReportSource
    email: str
    steps: tuple[tuple[ReportStatus, datetime, str], ...]


def demo_reports_exist() -> bool:
    """Tell whether any demo report is stored."""
    return Report.objects.filter(is_demo=True).exists()


def _weighted(rng: random.Random, weights: dict[_T, int]) -> _T:
    return rng.choices(list(weights), weights=list(weights.values()))[0]


def _valid(geometry: BaseGeometry) -> BaseGeometry:
    return geometry if geometry.is_valid else geometry.buffer(0)


def _wijken() -> list[_Wijk]:
    wijken: list[_Wijk] = []
    for area in Area.objects.filter(kind=AreaKind.DISTRICT).order_by("code"):
        polygon = _valid(shape(area.geometry))
        parts = []
        for buurt in Area.objects.filter(kind=AreaKind.NEIGHBOURHOOD, parent=area).order_by("code"):
            part = _valid(shape(buurt.geometry)).intersection(polygon)
            if part.area > 0:
                prepare(part)
                parts.append(part)
        prepare(polygon)
        weight = WIJK_INHABITANTS.get(area.code, 1000 * (1 + len(parts)))
        wijken.append(_Wijk(area=area, polygon=polygon, weight=weight, parts=tuple(parts)))
    if not wijken:
        raise DemoDataError(_("No wijken (district areas) are loaded: install the demo areas first."))
    return wijken


def _templates() -> tuple[list[_Template], list[_Template]]:
    categories = {category.slug: category for category in Category.objects.filter(is_active=True)}

    def resolve(options: Sequence[texts.ReportTemplate]) -> list[_Template]:
        resolved = []
        for template in options:
            category = categories.get(template.sub) or categories.get(template.main)
            if category is not None:
                resolved.append(_Template(template=template, category=category))
        return resolved

    municipal = resolve(texts.MUNICIPAL_TEMPLATES)
    police = [item for item in resolve(texts.POLICE_TEMPLATES) if item.category.is_police]
    if not municipal:
        raise DemoDataError(_("None of the demo texts' categories exists: install the default taxonomy first."))
    return municipal, police


def _point_in(rng: random.Random, wijk: _Wijk) -> tuple[float, float]:
    """Return a random (lat, lon) in one of the wijk's buurten, inside the wijk (rejection sampling)."""
    part = rng.choice(wijk.parts) if wijk.parts else wijk.polygon
    min_lon, min_lat, max_lon, max_lat = part.bounds
    for _attempt in range(1000):
        lon = round(rng.uniform(min_lon, max_lon), 6)
        lat = round(rng.uniform(min_lat, max_lat), 6)
        if contains_xy(part, lon, lat) and contains_xy(wijk.polygon, lon, lat):
            return lat, lon
    point = wijk.polygon.representative_point()
    return round(point.y, 6), round(point.x, 6)


def _created_at(rng: random.Random, now: datetime, days: int) -> datetime:
    local_now = timezone.localtime(now)
    day = local_now - timedelta(days=rng.randrange(days))
    moment = day.replace(hour=_weighted(rng, _HOURS), minute=rng.randrange(60), second=rng.randrange(60), microsecond=0)
    if moment >= local_now - timedelta(minutes=10):
        moment -= timedelta(days=1)
    return moment


def _steps(
    rng: random.Random, *, created_at: datetime, now: datetime, is_police: bool
) -> tuple[tuple[ReportStatus, datetime, str], ...]:
    age_days = (now - created_at).total_seconds() / 86400
    weights = next(table for limit, table in _BY_AGE if age_days < limit)
    final = _weighted(rng, weights)
    path = rng.choice(PATHS[final])
    span = (now - created_at).total_seconds()
    fractions = sorted(rng.uniform(0.05, 0.95) for _ in path)
    steps = []
    for status, fraction in zip(path, fractions, strict=True):
        options = texts.STATUS_TEXTS[str(status)]
        message = rng.choice(options.police if is_police else options.municipal)
        steps.append((status, created_at + timedelta(seconds=int(span * fraction)), message))
    return tuple(steps)


def plan_demo_reports(*, count: int, seed: int, now: datetime, days: int = DEMO_DAYS) -> list[_Plan]:
    """Decide every demo report (text, category, place, time, channel, history) from ``seed``; write nothing.

    Every wijk gets at least :data:`MIN_PER_WIJK` reports when ``count`` allows; the rest is spread by the number
    of inhabitants (:data:`WIJK_INHABITANTS`), and inside a wijk over its buurten. The plans come back sorted by
    creation time.
    """
    rng = random.Random(seed)  # noqa: S311 - reproducible demo data, not security
    wijken = _wijken()
    municipal, police = _templates()
    chosen_wijken = [wijk for wijk in wijken for _ in range(MIN_PER_WIJK)][:count]
    chosen_wijken += rng.choices(wijken, weights=[wijk.weight for wijk in wijken], k=count - len(chosen_wijken))
    plans = []
    for number, wijk in enumerate(chosen_wijken, start=1):
        pool = police if police and rng.random() < POLICE_SHARE else municipal
        item = rng.choices(pool, weights=[entry.template.weight for entry in pool])[0]
        text = texts.fill(
            item.template.text,
            place=rng.choice(texts.PLACES),
            since=rng.choice(texts.SINCE),
            closing=rng.choice(texts.CLOSINGS),
        )
        lat, lon = _point_in(rng, wijk)
        created_at = _created_at(rng, now, days)
        source = _weighted(rng, _SOURCES)
        # A reserved domain (RFC 2606): mail to a demo reporter can never reach a real person.
        email = f"bewoner{number:03d}@{DEMO_EMAIL_DOMAIN}" if rng.random() < 0.35 else ""
        steps = _steps(rng, created_at=created_at, now=now, is_police=item.category.is_police)
        plans.append(
            _Plan(
                text=text,
                category=item.category,
                lat=lat,
                lon=lon,
                created_at=created_at,
                source=source,
                email=email,
                steps=steps,
            )
        )
    return sorted(plans, key=lambda plan: plan.created_at)


def _staff_by_organisation() -> dict[int, list[User]]:
    """Return the active staff who handle reports, per organisation, to sign the demo history."""
    handlers = (Role.TEAM_MEMBER, Role.TEAM_LEAD, Role.POLICE_OFFICER)
    staff: dict[int, list[User]] = {}
    for user in User.objects.filter(is_active=True, role__in=handlers, organisation__isnull=False).order_by("pk"):
        assert user.organisation_id is not None
        staff.setdefault(user.organisation_id, []).append(user)
    return staff


def _address(lat: float, lon: float) -> str:
    hit = places_selectors.locate(lat, lon)
    return f"{hit.name}, Groningen" if hit is not None else "Groningen"


@transaction.atomic
def generate_demo_reports(
    *,
    count: int = DEMO_REPORT_COUNT,
    seed: int = DEMO_SEED,
    now: datetime | None = None,
    progress: Callable[[int, int], None] | None = None,
) -> list[Report]:
    """Store ``count`` demo reports with their status history, all or none, and return them (oldest first).

    The caller decides whether demo reports are wanted (see :func:`demo_reports_exist`). Raises
    :class:`DemoDataError` when the areas, categories or municipality they need are missing.
    """
    now = now or timezone.now()
    if not Organisation.objects.filter(kind=OrganisationKind.MUNICIPALITY, is_active=True).exists():
        raise DemoDataError(_("No municipality exists: install the demo organisations first."))
    plans = plan_demo_reports(count=count, seed=seed, now=now)
    staff = _staff_by_organisation()
    rng = random.Random(seed + 1)  # noqa: S311 - picks who signs each history row; reproducible on purpose
    reports: list[Report] = []
    for number, plan in enumerate(plans, start=1):
        reporter = (
            report_services.ReporterInput(email=plan.email, wants_updates=False, may_contact=True)
            if plan.email
            else None
        )
        result = report_services.submit_report(
            text=plan.text,
            location=report_services.LocationInput(
                lat=plan.lat, lon=plan.lon, address_text=_address(plan.lat, plan.lon), source="map"
            ),
            source=plan.source,
            category=plan.category,
            reporter=reporter,
            created_at=plan.created_at,
            is_demo=True,
        )
        report = result.report
        handlers = staff.get(report.organisation_id, [])
        for status, at, message in plan.steps:
            report_services.change_status(
                report=report,
                to_status=status,
                actor=rng.choice(handlers) if handlers else None,
                public_text=message,
                at=at,
            )
        reports.append(report)
        if progress is not None:
            progress(number, len(plans))
    log.info("demo_reports_generated", count=len(reports), seed=seed)
    return reports
