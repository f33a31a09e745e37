"""Shared set-up of the routing tests: the test municipality, the police and a few teams (written by us)."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime
from zoneinfo import ZoneInfo

from django.utils import translation

import pytest

from openbuurt.accounts.models import Department, Organisation
from openbuurt.reports.tests.factories import OrganisationFactory
from openbuurt.routing.tests.factories import CategoryFactory, DepartmentFactory, police_organisation
from openbuurt.triage.models import Category

AMSTERDAM = ZoneInfo("Europe/Amsterdam")


def local(year: int, month: int, day: int, hour: int = 0, minute: int = 0) -> datetime:
    """Return an aware Dutch local time."""
    return datetime(year, month, day, hour, minute, tzinfo=AMSTERDAM)


@pytest.fixture(autouse=True)
def _english() -> Iterator[None]:
    """Explain in English, so the assertions on reasons read the same whatever translations are compiled."""
    with translation.override("en"):
        yield


@pytest.fixture
def municipality(db: None) -> Organisation:
    organisation: Organisation = OrganisationFactory()
    return organisation


@pytest.fixture
def police(db: None) -> Organisation:
    return police_organisation()


@pytest.fixture
def kcc(municipality: Organisation) -> Department:
    team: Department = DepartmentFactory(organisation=municipality, name="KCC", slug="kcc")
    return team


@pytest.fixture
def afval(municipality: Organisation) -> Department:
    team: Department = DepartmentFactory(organisation=municipality, name="Afvalinzameling", slug="afvalinzameling")
    return team


@pytest.fixture
def basisteam(police: Organisation) -> Department:
    team: Department = DepartmentFactory(organisation=police, name="Basisteam", slug="basisteam")
    return team


@pytest.fixture
def waste_main(db: None) -> Category:
    category: Category = CategoryFactory(slug="afval-test", name_nl="Afval (test)")
    return category


@pytest.fixture
def waste_sub(waste_main: Category) -> Category:
    category: Category = CategoryFactory(slug="container-vol-test", name_nl="Container vol (test)", parent=waste_main)
    return category


@pytest.fixture
def burglary(db: None) -> Category:
    category: Category = CategoryFactory(slug="inbraak-test", name_nl="Inbraak (test)", police=True)
    return category
