"""The default rules of the demo municipality route demo-like reports to the teams a Groninger would expect."""

from __future__ import annotations

from collections.abc import Callable
from contextlib import AbstractContextManager
from datetime import datetime
from typing import Any

from django.utils.text import slugify

import pytest
from shapely.geometry import shape

from openbuurt.accounts import demo as accounts_demo
from openbuurt.places.models import Area
from openbuurt.places.tests.fixtures import load_groningen_areas
from openbuurt.reports import services as report_services
from openbuurt.reports.constants import ReportSource
from openbuurt.reports.models import Report
from openbuurt.routing import selectors
from openbuurt.routing.demo import DEFAULT_RULES, STADSDELEN, install_default_rules
from openbuurt.routing.models import RoutingRule
from openbuurt.routing.tests.conftest import local
from openbuurt.triage.default_taxonomy import install_default_taxonomy
from openbuurt.triage.models import Category

pytestmark = pytest.mark.django_db

CaptureCallbacks = Callable[..., AbstractContextManager[list[Callable[[], Any]]]]

GROTE_MARKT = (53.2190, 6.5680)


@pytest.fixture
def demo_rules(db: None) -> int:
    load_groningen_areas()
    install_default_taxonomy(Category)
    accounts_demo.install_demo_organisations()
    return install_default_rules()


@pytest.fixture
def submit(django_capture_on_commit_callbacks: CaptureCallbacks) -> Callable[..., Report]:
    def _submit(slug: str, point: tuple[float, float] | None = GROTE_MARKT, at: datetime | None = None) -> Report:
        location = (
            report_services.LocationInput(lat=point[0], lon=point[1])
            if point is not None
            else report_services.LocationInput(address_text="ergens in de stad")
        )
        with django_capture_on_commit_callbacks(execute=True):
            result = report_services.submit_report(
                text="Demomelding om de routering te testen (door ons geschreven).",
                location=location,
                source=ReportSource.WEB,
                category=Category.objects.get(slug=slug),
                created_at=at or local(2026, 5, 6, 10, 0),
            )
        return Report.objects.select_related("department", "organisation").get(pk=result.report.pk)

    return _submit


def test_every_default_rule_is_installed_once(demo_rules: int) -> None:
    assert demo_rules == len(DEFAULT_RULES)
    assert install_default_rules() == 0
    assert RoutingRule.objects.count() == len(DEFAULT_RULES)


def test_every_wijk_belongs_to_exactly_one_stadsdeel(demo_rules: int) -> None:
    codes = [code for wijken in STADSDELEN.values() for code in wijken]

    assert len(codes) == len(set(codes))
    assert set(codes) == set(Area.objects.filter(code__startswith="WK0014").values_list("code", flat=True))


@pytest.mark.parametrize(("stadsdeel", "codes"), list(STADSDELEN.items()))
def test_street_litter_goes_to_the_wijkbeheer_team_of_the_stadsdeel(
    demo_rules: int, submit: Callable[..., Report], stadsdeel: str, codes: tuple[str, ...]
) -> None:
    for code in codes:
        inside = shape(Area.objects.get(code=code).geometry).representative_point()

        report = submit("zwerfafval-op-straat", point=(inside.y, inside.x))

        assert report.department is not None, code
        assert report.department.slug == slugify(f"Wijkbeheer {stadsdeel}"), code


@pytest.mark.parametrize(
    ("slug", "team"),
    [
        ("container-vol", "Afvalinzameling"),
        ("lamp-defect", "Openbare verlichting"),
        ("boom-gevaarlijk", "Groenbeheer"),
        ("put-verstopt", "Riolering"),
        ("verkeerslicht-defect", "Verkeer"),
        ("foutparkeren", "Handhaving"),
        ("geluidsoverlast", "Handhaving"),
        ("losse-tegels", "Wijkbeheer Centrum"),
        ("overig", "KCC"),
    ],
)
def test_municipal_categories_go_to_their_specialist_team(
    demo_rules: int, submit: Callable[..., Report], slug: str, team: str
) -> None:
    report = submit(slug)

    assert report.department is not None
    assert report.department.slug == slugify(team)
    assert not report.organisation.is_police


@pytest.mark.parametrize(
    ("slug", "team"),
    [("woninginbraak", "Basisteam Groningen"), ("jeugdoverlast", "Wijkagenten Groningen")],
)
def test_police_categories_go_to_police_teams(
    demo_rules: int, submit: Callable[..., Report], slug: str, team: str
) -> None:
    report = submit(slug)

    assert report.organisation.is_police
    assert report.department is not None
    assert report.department.slug == slugify(team)
    assert report.is_confidential


def test_fireworks_at_night_go_to_handhaving_and_by_day_to_wijkbeheer(
    demo_rules: int, submit: Callable[..., Report]
) -> None:
    night = submit("vuurwerk-afsteken", at=local(2026, 12, 31, 23, 30))
    day = submit("vuurwerk-afsteken", at=local(2026, 12, 31, 14, 0))

    assert night.department is not None
    assert night.department.slug == "handhaving"
    assert day.department is not None
    assert day.department.slug == "wijkbeheer-centrum"


def test_a_wijkbeheer_report_without_a_location_goes_to_the_kcc(demo_rules: int, submit: Callable[..., Report]) -> None:
    report = submit("zwerfafval-op-straat", point=None)

    assert report.department is not None
    assert report.department.slug == "kcc"
    assert not selectors.unrouted_reports().exists()
