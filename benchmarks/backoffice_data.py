"""The back-office benchmark's reports: a million realistic rows for ``reports_report``, made in Python.

One seeded generator decides every report, so the same seed gives the same reports on SQLite and PostgreSQL,
whatever ids their rows get (everything is looked up by slug, code or username in the target database). The
distributions follow a municipality of Groningen's size over three years: more reports on weekdays, in winter and
in the morning; most reports closed, the open ones mostly recent and a few old ones stuck; categories of the
default taxonomy with the demo texts (written by us, labelled ``[demo]``) and 10% filed under another category;
teams from the default routing rules; about 5% police reports; points sampled once inside the CBS buurten of each
wijk (weighted by inhabitants) and reused with a jitter of about 20 m; deadlines from the real holiday calendar.
Only the report rows are made (no history, reporters or photos): the queue and the map read nothing else.
:mod:`benchmarks.backoffice_load` writes them.
"""

from __future__ import annotations

import bisect
import hashlib
import random
from collections import Counter
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

GENERATOR_VERSION = 1
"""Bump when the generated rows change, so cached databases are made again."""

SEED = 20260701
YEARS = 3
POLICE_SHARE = 0.05
MISFILED_SHARE = 0.10
UNROUTED_SHARE_OF_NEW = 0.03
POINTS_PER_WIJK_PER_1000_INHABITANTS = 40
# Roughly 20 m: points are reused from a sampled pool, each time moved a little.
JITTER_LAT, JITTER_LON = 0.00018, 0.0003
LOCAL = ZoneInfo("Europe/Amsterdam")

# The columns written, in order; every other column of reports_report must allow NULL (checked before writing).
# fmt: off
COLUMNS = (
    "public_id", "tracking_token_hash", "text", "language", "category_id", "category_source", "category_confidence",
    "category_model_version", "category_suggestions", "needs_triage", "organisation_id", "department_id",
    "assignee_id", "status", "priority", "priority_reason", "is_confidential", "source", "lat", "lon", "address_text",
    "address_id", "location_source", "area_id", "district_id", "duplicate_of_id", "submission_key", "extra", "is_demo",
    "created_at", "updated_at", "closed_at", "deadline", "far_deadline",
)
# fmt: on
TIMESTAMP_COLUMNS = frozenset({"created_at", "updated_at", "closed_at", "deadline", "far_deadline"})

# Final status by the report's age in days: young reports are mostly open, older ones mostly closed; a few old
# ones stay open for a long time (waiting for a contractor, forgotten), which is what the overdue view is for.
# fmt: off
_STATUS_BY_AGE: tuple[tuple[float, dict[str, float]], ...] = (
    (1, {"new": 75, "accepted": 20, "cancelled": 5}),
    (5, {"new": 25, "accepted": 25, "in_progress": 25, "scheduled": 10, "done": 10, "cancelled": 5}),
    (20, {"new": 5, "accepted": 10, "in_progress": 20, "scheduled": 15, "on_hold": 10, "done": 35, "cancelled": 5}),
    (60, {"new": 2, "accepted": 4, "in_progress": 8, "scheduled": 8, "on_hold": 6, "waiting_for_reporter": 2,
          "forwarded": 2, "reopened": 1, "done": 58, "cancelled": 9}),
    (100_000, {"in_progress": 0.8, "scheduled": 0.4, "on_hold": 0.8, "waiting_for_reporter": 0.2, "forwarded": 0.3,
               "reopened": 0.1, "done": 87.4, "cancelled": 10}),
)
# fmt: on
CLOSED = frozenset({"done", "cancelled"})
_HANDLED = frozenset({"in_progress", "scheduled", "on_hold", "waiting_for_reporter", "forwarded", "done", "reopened"})
_SOURCES = {"web": 55, "open311": 25, "phone": 12, "email": 8}
_PRIORITIES = {"normal": 92, "high": 6, "urgent": 2}
_HOURS = [1 if h < 7 else 6 if h < 10 else 4 if h < 17 else 5 if h < 23 else 2 for h in range(24)]
_WEEKDAY = [1.0, 1.0, 0.95, 0.95, 0.9, 0.65, 0.55]
_MONTH = [1.2, 1.15, 1.0, 0.95, 0.95, 1.0, 0.9, 0.85, 1.0, 1.05, 1.1, 1.25]


@dataclass(frozen=True)
class _Category:
    pk: int
    slug: str
    main_slug: str
    sla_days: int
    working_days: bool
    police: bool
    confidential: bool


@dataclass(frozen=True)
class _Point:
    lat: float
    lon: float
    buurt_id: int | None
    address: str


@dataclass(frozen=True)
class _Wijk:
    pk: int
    code: str
    name: str
    points: tuple[_Point, ...]


@dataclass
class _Catalog:
    """What the rows refer to, resolved by natural keys (slugs, codes, usernames) in the target database."""

    municipality: tuple[int, str]
    police: tuple[int, str]
    categories: list[_Category]
    fallback: _Category | None
    municipal_templates: list[tuple[str, _Category, int]]
    police_templates: list[tuple[str, _Category, int]]
    wijken: list[_Wijk]
    wijk_weights: list[float]
    members: dict[int, list[int]]
    routes: dict[tuple[int, int], int | None]


def _cumulative(weights: Sequence[float]) -> list[float]:
    total, out = 0.0, []
    for weight in weights:
        total += weight
        out.append(total)
    return out


def _pick(rng: random.Random, items: Sequence[Any], cumulative: Sequence[float]) -> Any:
    return items[bisect.bisect_right(cumulative, rng.random() * cumulative[-1])]


def _sample_points(rng: random.Random, area: Any, buurten: list[Any], count: int) -> tuple[_Point, ...]:
    """Sample ``count`` points in the wijk, spread over its buurten (where people live), once per generation."""
    from shapely import contains_xy, prepare
    from shapely.geometry import shape

    def valid(geometry: Any) -> Any:
        return geometry if geometry.is_valid else geometry.buffer(0)

    polygon = valid(shape(area.geometry))
    prepare(polygon)
    parts = []
    for buurt in buurten:
        part = valid(shape(buurt.geometry)).intersection(polygon)
        if part.area > 0:
            prepare(part)
            parts.append((buurt, part))
    points: list[_Point] = []
    for _ in range(count):
        buurt, part = rng.choice(parts) if parts else (None, polygon)
        min_lon, min_lat, max_lon, max_lat = part.bounds
        for _attempt in range(1000):
            lon, lat = rng.uniform(min_lon, max_lon), rng.uniform(min_lat, max_lat)
            if contains_xy(part, lon, lat):
                break
        else:
            centre = part.representative_point()
            lon, lat = centre.x, centre.y
        name = buurt.name if buurt is not None else area.name
        points.append(_Point(lat, lon, buurt.pk if buurt is not None else None, f"{name}, Groningen"))
    return tuple(points)


def catalog(rng: random.Random) -> _Catalog:
    """Return what the rows refer to, from the configured database; ``rng`` samples the points."""
    from openbuurt.accounts import demo as accounts_demo
    from openbuurt.accounts.constants import Role
    from openbuurt.accounts.models import Organisation, User
    from openbuurt.demo import reports as demo_reports
    from openbuurt.demo import texts
    from openbuurt.places.constants import AreaKind
    from openbuurt.places.models import Area
    from openbuurt.triage.constants import FALLBACK_CATEGORY_SLUG
    from openbuurt.triage.models import Category

    municipality = Organisation.objects.get(slug=accounts_demo.MUNICIPALITY_SLUG)
    police = Organisation.objects.get(slug=accounts_demo.POLICE_SLUG)
    categories = []
    by_slug: dict[str, _Category] = {}
    for row in Category.objects.filter(is_active=True).select_related("parent").order_by("slug"):
        item = _Category(
            pk=row.pk,
            slug=row.slug,
            main_slug=row.parent.slug if row.parent is not None else row.slug,
            sla_days=row.sla_days,
            working_days=row.sla_working_days,
            police=row.is_police,
            confidential=row.is_confidential,
        )
        by_slug[row.slug] = item
        if row.parent_id is not None:
            categories.append(item)
    if not categories:
        raise SystemExit("no active sub categories: the default taxonomy is missing (run migrate first)")

    def resolve(templates: Sequence[texts.ReportTemplate], *, police_only: bool) -> list[tuple[str, _Category, int]]:
        out = []
        for template in templates:
            category = by_slug.get(template.sub) or by_slug.get(template.main)
            if category is not None and (category.police or not police_only):
                out.append((template.text, category, template.weight))
        return out

    wijken = []
    weights = []
    for area in Area.objects.filter(kind=AreaKind.DISTRICT).order_by("code"):
        inhabitants = demo_reports.WIJK_INHABITANTS.get(area.code, 1000)
        buurten = list(Area.objects.filter(kind=AreaKind.NEIGHBOURHOOD, parent=area).order_by("code"))
        count = max(20, inhabitants * POINTS_PER_WIJK_PER_1000_INHABITANTS // 1000)
        wijken.append(_Wijk(area.pk, area.code, area.name, _sample_points(rng, area, buurten, count)))
        weights.append(float(inhabitants))
    if not wijken:
        raise SystemExit("no wijken: run load-demo first")
    members: dict[int, list[int]] = {}
    handlers = (Role.INTAKE, Role.TEAM_MEMBER, Role.TEAM_LEAD, Role.POLICE_OFFICER)
    for user in (
        User.objects.filter(is_active=True, role__in=handlers).prefetch_related("departments").order_by("username")
    ):
        for department in user.departments.all():
            members.setdefault(department.pk, []).append(user.pk)
    return _Catalog(
        municipality=(municipality.pk, municipality.report_prefix),
        police=(police.pk, police.report_prefix),
        categories=categories,
        fallback=by_slug.get(FALLBACK_CATEGORY_SLUG),
        municipal_templates=resolve(texts.MUNICIPAL_TEMPLATES, police_only=False),
        police_templates=resolve(texts.POLICE_TEMPLATES, police_only=True),
        wijken=wijken,
        wijk_weights=weights,
        members=members,
        routes=_routes(wijken),
    )


def _routes(wijken: list[_Wijk]) -> dict[tuple[int, int], int | None]:
    """Return the team the default routing rules give each (category, wijk), for a report by day on the web.

    The rules are evaluated in memory (loaded once): ``preview_route`` per pair would reload them every time.
    """
    from openbuurt.routing.demo import install_default_rules
    from openbuurt.routing.matching import RoutingContext, active_rules, area_with_ancestors, first_match
    from openbuurt.triage.models import Category

    install_default_rules()
    rules = list(active_rules())
    moment = datetime(2026, 3, 4, 11, 0, tzinfo=LOCAL)
    categories = list(Category.objects.filter(is_active=True).select_related("parent"))
    routes: dict[tuple[int, int], int | None] = {}
    for wijk in wijken:
        area_ids = area_with_ancestors([wijk.pk])
        for category in categories:
            context = RoutingContext(
                category=category,
                area_ids=area_ids,
                has_location=True,
                moment=moment,
                channel="web",
                organisation_kind=category.handling_organisation,
            )
            match = first_match(context, rules)
            routes[(category.pk, wijk.pk)] = match.department.pk if match.department is not None else None
    return routes


def _days(*, rows: int, now: datetime) -> list[tuple[date, int]]:
    """Return (local day, number of reports) for every day of the period, summing exactly to ``rows``."""
    today = now.astimezone(LOCAL).date()
    first = today - timedelta(days=365 * YEARS)
    span = (today - first).days + 1
    days = [first + timedelta(days=offset) for offset in range(span)]
    # Weekdays, winter (dark evenings, gladheid) and a slow growth of the number of reports over the years.
    weights = [
        _WEEKDAY[day.weekday()] * _MONTH[day.month - 1] * (0.85 + 0.3 * index / span) for index, day in enumerate(days)
    ]
    total = sum(weights)
    exact = [rows * weight / total for weight in weights]
    counts = [int(value) for value in exact]
    by_remainder = sorted(range(span), key=lambda index: exact[index] - counts[index], reverse=True)
    for index in by_remainder[: rows - sum(counts)]:
        counts[index] += 1
    return list(zip(days, counts, strict=True))


class _Deadlines:
    """Deadline offsets in seconds, memoised per local day and promise (the holiday calendar is the real one)."""

    def __init__(self) -> None:
        self._memo: dict[tuple[date, int, bool], int] = {}

    def offset(self, day: date, days: int, working: bool) -> int:
        key = (day, days, working)
        if key not in self._memo:
            from openbuurt.core.calendar import add_days

            start = datetime(day.year, day.month, day.day, 12, 0, tzinfo=LOCAL)
            self._memo[key] = int((add_days(start, days, working_days=working) - start).total_seconds())
        return self._memo[key]


class RowMaker:
    """Makes the report rows from one seeded generator; the same seed and catalog give the same rows."""

    def __init__(self, catalog: _Catalog, *, now: datetime, seed: int) -> None:
        self.catalog, self.seed, self.now_ts = catalog, seed, now.timestamp()
        self.rng = random.Random(seed)  # reproducible benchmark data, not security
        self.deadlines = _Deadlines()
        self.sequences: Counter[tuple[str, int]] = Counter()
        """The last report number used per (prefix, year)."""
        self.wijk_cumulative = _cumulative(catalog.wijk_weights)
        self.municipal_cumulative = _cumulative([weight for _text, _category, weight in catalog.municipal_templates])
        self.police_cumulative = _cumulative([weight for _text, _category, weight in catalog.police_templates])
        self.municipal_categories = [category for category in catalog.categories if not category.police]
        self.age_tables = [(limit, list(table), _cumulative(list(table.values()))) for limit, table in _STATUS_BY_AGE]
        self.source_cumulative = _cumulative(list(_SOURCES.values()))
        self.priority_cumulative = _cumulative(list(_PRIORITIES.values()))
        self.hours_cumulative = _cumulative(_HOURS)

    def rows(self, count: int, now: datetime) -> Iterator[tuple[Any, ...]]:
        """Yield ``count`` rows (values in :data:`COLUMNS` order; times as epoch seconds), oldest first."""
        rng, number = self.rng, 0
        for day, per_day in _days(rows=count, now=now):
            midnight = datetime(day.year, day.month, day.day, tzinfo=LOCAL).timestamp()
            hours = self.hours_cumulative
            moments = sorted(
                midnight + bisect.bisect_right(hours, rng.random() * hours[-1]) * 3600 + rng.randrange(3600)
                for _ in range(per_day)
            )
            for created in moments:
                number += 1
                # Nothing comes from the future: today's late hours move to the hour before generating.
                moment = self.now_ts - 60 - rng.randrange(3600) if created > self.now_ts - 60 else created
                yield self._row(moment, number)

    def _content(self) -> tuple[bool, str, _Category, int, str]:
        """Return whether it is a police report, its text, category, organisation and number prefix."""
        from openbuurt.demo import texts

        rng, catalog = self.rng, self.catalog
        is_police = rng.random() < POLICE_SHARE and bool(catalog.police_templates)
        if is_police:
            template, category, _weight = _pick(rng, catalog.police_templates, self.police_cumulative)
            organisation, prefix = catalog.police
        else:
            template, category, _weight = _pick(rng, catalog.municipal_templates, self.municipal_cumulative)
            organisation, prefix = catalog.municipality
            if rng.random() < MISFILED_SHARE:
                category = rng.choice(self.municipal_categories)
        text = texts.fill(
            template, place=rng.choice(texts.PLACES), since=rng.choice(texts.SINCE), closing=rng.choice(texts.CLOSINGS)
        )
        return is_police, text, category, organisation, prefix

    def _classification(self, category: _Category, status: str) -> tuple[_Category, str, float | None, str, bool]:
        """Return the category, who set it, the classifier's confidence and version, and whether it needs triage."""
        roll = self.rng.random()
        if roll < 0.65:
            return category, "resident", None, "", False
        if roll < 0.93:
            return category, "classifier", round(self.rng.uniform(0.45, 0.99), 3), "keyword-1", False
        if roll < 0.98 or self.catalog.fallback is None or status != "new":
            return category, "staff", None, "", False
        return self.catalog.fallback, "fallback", None, "", True

    def _handling(self, category: _Category, wijk: _Wijk, status: str) -> tuple[int | None, int | None]:
        """Return the team (from the routing rules; a few new reports unrouted) and the person, if any."""
        department = self.catalog.routes[(category.pk, wijk.pk)]
        if status == "new" and self.rng.random() < UNROUTED_SHARE_OF_NEW:
            department = None
        assignee = None
        if department is not None and status in _HANDLED and self.rng.random() < 0.4:
            people = self.catalog.members.get(department)
            if people:
                assignee = self.rng.choice(people)
        return department, assignee

    def _times(self, created: float, category: _Category, status: str) -> tuple[float, float | None, float, float]:
        """Return updated, closed, deadline and far deadline (the real holiday calendar) as epoch seconds."""
        local_day = datetime.fromtimestamp(created, LOCAL).date()
        promise = self.deadlines.offset(local_day, category.sla_days, category.working_days)
        far = self.deadlines.offset(local_day, 3 * category.sla_days, category.working_days)
        if status in CLOSED:
            closed = created + max(promise, 86400) * self.rng.uniform(0.05, 2.0)
            closed = max(min(closed, self.now_ts - self.rng.randrange(60, 3600)), created + 60)
            return closed, closed, created + promise, created + far
        return created + (self.now_ts - created) * self.rng.random() * 0.9, None, created + promise, created + far

    def _row(self, created: float, number: int) -> tuple[Any, ...]:
        rng = self.rng
        is_police, text, category, organisation, prefix = self._content()
        age_days = (self.now_ts - created) / 86400
        _limit, statuses, status_cumulative = next(table for table in self.age_tables if age_days < table[0])
        status = _pick(rng, statuses, status_cumulative)
        wijk = _pick(rng, self.catalog.wijken, self.wijk_cumulative)
        point = rng.choice(wijk.points)
        lat = round(point.lat + rng.uniform(-JITTER_LAT, JITTER_LAT), 6)
        lon = round(point.lon + rng.uniform(-JITTER_LON, JITTER_LON), 6)
        category, category_source, confidence, model_version, needs_triage = self._classification(category, status)
        department, assignee = self._handling(category, wijk, status)
        updated, closed, deadline, far_deadline = self._times(created, category, status)
        year = datetime.fromtimestamp(created, LOCAL).year
        self.sequences[(prefix, year)] += 1
        return (
            f"{prefix}-{year}-{self.sequences[(prefix, year)]}",
            hashlib.sha256(f"openbuurt-bench:{self.seed}:{number}".encode()).hexdigest(),
            text, "en" if rng.random() < 0.03 else "nl", category.pk, category_source, confidence, model_version, "[]",
            needs_triage, organisation, department, assignee, status,
            _pick(rng, list(_PRIORITIES), self.priority_cumulative), "",
            is_police or category.confidential or rng.random() < 0.003,
            _pick(rng, list(_SOURCES), self.source_cumulative), lat, lon, point.address, "", "map", point.buurt_id,
            wijk.pk, None, None, "{}", True, created, updated, closed, deadline, far_deadline,
        )  # fmt: skip
