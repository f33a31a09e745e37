"""Factories for routing tests: categories, teams, staff and rules (all data written by us for tests)."""

from __future__ import annotations

from typing import Any

import factory

from openbuurt.accounts.constants import OrganisationKind
from openbuurt.accounts.models import Department, Organisation
from openbuurt.reports.tests.factories import OrganisationFactory
from openbuurt.routing.models import RoutingRule
from openbuurt.triage.constants import HandlingOrganisation
from openbuurt.triage.models import Category


class CategoryFactory(factory.django.DjangoModelFactory):
    """An invented main category with a promise of 5 working days; ``police`` makes it police-handled."""

    class Meta:
        model = Category
        django_get_or_create = ("slug",)

    slug = factory.Sequence(lambda n: f"testcategorie-{n}")
    name_nl = factory.Sequence(lambda n: f"Testcategorie {n}")
    name_en = factory.Sequence(lambda n: f"Test category {n}")
    service_code = factory.Sequence(lambda n: f"TST-{n:04d}")
    sla_days = 5
    sla_working_days = True

    class Params:
        police = factory.Trait(handling_organisation=HandlingOrganisation.POLICE, is_confidential=True)
        calendar_days = factory.Trait(sla_working_days=False)


class DepartmentFactory(factory.django.DjangoModelFactory):
    """An invented team of the demo municipality (pass ``organisation`` for another)."""

    class Meta:
        model = Department
        django_get_or_create = ("organisation", "slug")

    organisation = factory.SubFactory(OrganisationFactory)
    name = factory.Sequence(lambda n: f"Testteam {n}")
    slug = factory.Sequence(lambda n: f"testteam-{n}")


def police_organisation() -> Organisation:
    """Return the test police organisation (created once)."""
    organisation: Organisation = OrganisationFactory(police=True)
    assert organisation.kind == OrganisationKind.POLICE
    return organisation


class RoutingRuleFactory(factory.django.DjangoModelFactory):
    """An active catch-all rule to a new team; pass ``categories=[...]`` / ``areas=[...]`` for conditions."""

    class Meta:
        model = RoutingRule

    name = factory.Sequence(lambda n: f"Testregel {n}")
    order = factory.Sequence(lambda n: 10 + n)
    department = factory.SubFactory(DepartmentFactory)

    @classmethod
    def _create(cls, model_class: type[RoutingRule], *args: Any, **kwargs: Any) -> RoutingRule:
        categories = kwargs.pop("categories", None) or []
        areas = kwargs.pop("areas", None) or []
        rule: RoutingRule = super()._create(model_class, *args, **kwargs)
        rule.categories.set(categories)
        rule.areas.set(areas)
        return rule
