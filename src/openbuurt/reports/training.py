"""The municipality's own reports as training data for the triage classifier.

A report is a labelled example when people settled its category: staff changed it (every change is kept in
``CategoryChange``), or the report was handled to the end (done) without anyone changing the category the
resident, the app or the classifier gave it. Reports still waiting for triage, demo reports and cancelled reports
teach nothing. Texts are PII-masked before they leave this module, and the team label is the handling team's slug.
"""

from __future__ import annotations

from collections.abc import Iterator

from django.db.models import Exists, OuterRef

from openbuurt.core.pii import mask_pii
from openbuurt.reports.constants import CategorySource, ReportStatus
from openbuurt.reports.models import CategoryChange, Report
from openbuurt.triage.classifiers import ReportFeatures
from openbuurt.triage.services import LabelledExample

_FIELDS = ("text", "created_at", "source", "lat", "lon", "status", "category__slug", "department__slug", "area__code")


def labelled_reports() -> Iterator[LabelledExample]:
    """Yield one example per report whose category was set by staff or confirmed by handling it to the end."""
    changed_by_staff = CategoryChange.objects.filter(report=OuterRef("pk"), source=CategorySource.STAFF)
    reports = (
        Report.objects.filter(is_demo=False, needs_triage=False)
        .exclude(status=ReportStatus.CANCELLED)
        .annotate(staff_set=Exists(changed_by_staff))
        .select_related("category", "department", "area")
        .only(*_FIELDS)
        .order_by("pk")
    )
    for report in reports.iterator(chunk_size=2000):
        if not report.staff_set and report.status != ReportStatus.DONE:
            continue
        yield LabelledExample(
            features=ReportFeatures(
                text=mask_pii(report.text),
                created_at=report.created_at,
                source=report.source,
                lat=report.lat,
                lon=report.lon,
                area_code=report.area.code if report.area is not None else "",
            ),
            label=report.category.slug,
            team=report.department.slug if report.department is not None else "",
        )
