"""Factories for reports and the organisations they belong to (data written by us for tests)."""

from __future__ import annotations

from django.utils import timezone

import factory

from openbuurt.accounts.constants import OrganisationKind
from openbuurt.accounts.models import Organisation
from openbuurt.reports.constants import ReportSource, ReportStatus
from openbuurt.reports.models import Report
from openbuurt.reports.tokens import hash_tracking_token
from openbuurt.triage.models import Category


class OrganisationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Organisation
        django_get_or_create = ("slug",)

    name = "Gemeente Groningen"
    slug = "groningen"
    kind = OrganisationKind.MUNICIPALITY
    report_prefix = "GRO"
    jurisdiction_id = "groningen.nl"

    class Params:
        police = factory.Trait(
            name="Politie Noord-Nederland",
            slug="politie-noord-nederland",
            kind=OrganisationKind.POLICE,
            report_prefix="POL",
            jurisdiction_id="",
        )


class ReportFactory(factory.django.DjangoModelFactory):
    """A stored report; pass ``category`` or get the first active municipal sub category."""

    class Meta:
        model = Report

    public_id = factory.Sequence(lambda n: f"GRO-2026-{n + 900000:06d}")
    tracking_token_hash = factory.Sequence(lambda n: hash_tracking_token(f"factory-token-{n}"))
    text = "De lantaarnpaal voor ons huis brandt al een week niet (testtekst, door ons geschreven)."
    category = factory.LazyFunction(
        lambda: Category.objects.filter(parent__isnull=False, handling_organisation="municipality").first()
    )
    organisation = factory.SubFactory(OrganisationFactory)
    status = ReportStatus.NEW
    source = ReportSource.WEB
    lat = 53.2194
    lon = 6.5665
    created_at = factory.LazyFunction(timezone.now)
    updated_at = factory.LazyAttribute(lambda o: o.created_at)

    class Params:
        closed = factory.Trait(status=ReportStatus.DONE, closed_at=factory.LazyFunction(timezone.now))
        confidential = factory.Trait(is_confidential=True)
