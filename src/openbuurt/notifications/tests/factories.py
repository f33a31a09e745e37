"""Factories for the notifications tests (all data written by us for tests)."""

from __future__ import annotations

import factory

from openbuurt.accounts.models import Department
from openbuurt.accounts.tests.factories import StaffFactory
from openbuurt.reports.models import Reporter
from openbuurt.reports.tests.factories import OrganisationFactory, ReportFactory
from openbuurt.triage.models import Category

__all__ = ["CategoryFactory", "DepartmentFactory", "ReportFactory", "ReporterFactory", "StaffFactory"]


class CategoryFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Category
        django_get_or_create = ("slug",)

    slug = factory.Sequence(lambda n: f"test-notify-{n}")
    name_nl = "Straatverlichting (test)"
    name_en = "Street lighting (test)"
    service_code = factory.Sequence(lambda n: f"TEST-NOTIFY-{n}")
    handling_message_nl = "We repareren de lamp binnen vijf werkdagen (testbelofte)."
    handling_message_en = "We repair the lamp within five working days (test promise)."
    sla_days = 5


class DepartmentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Department

    organisation = factory.SubFactory(OrganisationFactory)
    name = factory.Sequence(lambda n: f"Team Openbare Ruimte {n}")
    slug = factory.Sequence(lambda n: f"team-{n}")
    email = factory.Sequence(lambda n: f"team-{n}@gemeente.example")


class ReporterFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Reporter

    report = factory.SubFactory(ReportFactory)
    email = factory.Sequence(lambda n: f"bewoner{n}@example.org")
    first_name = "Sam"
    wants_updates = True
