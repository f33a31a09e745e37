"""Event handlers: route every new report, and keep deadlines (and rule-made routing) in step with its category.

Handlers run after the publishing transaction committed; each does its own atomic write, and a failure is logged
by the event bus without undoing the report.
"""

from __future__ import annotations

import structlog

from openbuurt.core.events import subscribe
from openbuurt.reports.events import ReportCategoryChanged, ReportSubmitted
from openbuurt.reports.models import Assignment, Report
from openbuurt.routing import services, sla

log = structlog.get_logger(__name__)


def _load(report_id: int) -> Report | None:
    report = Report.objects.select_related("category", "organisation").filter(pk=report_id).first()
    if report is None:
        log.warning("routing_report_gone", report_id=report_id)
    return report


@subscribe(ReportSubmitted)
def route_new_report(event: ReportSubmitted) -> None:
    """Route a newly submitted report by the rules (its deadlines were set at intake)."""
    report = _load(event.report_id)
    if report is None:
        return
    services.route_report(report=report)


def _routed_by_rule(report: Report) -> bool:
    """Tell whether nobody chose the report's team by hand: it is unrouted, or its last assignment came from a rule."""
    last = Assignment.objects.filter(report_id=report.pk).order_by("-created_at", "-id").first()
    if last is None:
        return report.department_id is None
    return bool(last.rule_label) and last.actor_id is None and last.organisation_id == report.organisation_id


@subscribe(ReportCategoryChanged)
def follow_category_change(event: ReportCategoryChanged) -> None:
    """Recompute the deadlines for the new category; route again when no person chose the current team."""
    report = _load(event.report_id)
    if report is None or report.is_closed:
        return
    sla.recalculate_deadline(report)
    if _routed_by_rule(report):
        decision = services.route_report(report=report, force=True)
        log.info("report_rerouted_after_category_change", report_id=report.pk, matched=decision.matched)
