"""The reports exporter that feeds the municipality's own settled reports to the triage classifier."""

from __future__ import annotations

import pytest

from openbuurt.reports.constants import CategorySource, ReportStatus
from openbuurt.reports.services import change_category
from openbuurt.reports.tests.factories import ReportFactory
from openbuurt.reports.training import labelled_reports
from openbuurt.triage.learning.training import training_sources
from openbuurt.triage.models import Category

pytestmark = pytest.mark.django_db


def _category(slug: str) -> Category:
    return Category.objects.create(slug=slug, name_nl=slug, name_en=slug, service_code=slug.upper())


def test_only_settled_reports_become_examples_with_masked_text() -> None:
    lamp, waste = _category("t-lamp"), _category("t-afval")
    relabelled = ReportFactory(category=waste, text="Lamp kapot, bel me op 06-12345678 (testtekst)")
    change_category(report=relabelled, category=lamp, actor=None, source=CategorySource.STAFF)
    handled = ReportFactory(category=waste, status=ReportStatus.DONE, text="Container vol (testtekst)")
    ReportFactory(category=waste, text="Nog niet behandeld (testtekst)")  # open, never touched: no label yet
    ReportFactory(category=waste, status=ReportStatus.DONE, is_demo=True)
    ReportFactory(category=waste, status=ReportStatus.CANCELLED)
    ReportFactory(category=waste, status=ReportStatus.DONE, needs_triage=True)

    examples = {example.features.text: example for example in labelled_reports()}

    assert set(examples) == {"Lamp kapot, bel me op [TEL] (testtekst)", handled.text}
    assert examples["Lamp kapot, bel me op [TEL] (testtekst)"].label == "t-lamp"
    assert examples[handled.text].label == "t-afval"


def test_the_exporter_is_offered_to_the_training_command() -> None:
    assert training_sources["reports"] is labelled_reports
