"""Routing reports, the unrouted queue, automatic routing on submit, referral to the police and back."""

from __future__ import annotations

from collections.abc import Callable
from contextlib import AbstractContextManager
from typing import Any

import pytest

from openbuurt.accounts.models import Department, Organisation
from openbuurt.accounts.tests.factories import StaffFactory
from openbuurt.core.events import subscribe, unsubscribe
from openbuurt.core.models import AuditLogEntry
from openbuurt.reports import services as report_services
from openbuurt.reports.constants import ReportSource, ReportStatus
from openbuurt.reports.events import ReportAssigned
from openbuurt.reports.models import Assignment, Report
from openbuurt.reports.tests.factories import ReportFactory
from openbuurt.routing import selectors, services
from openbuurt.routing.tests.factories import RoutingRuleFactory
from openbuurt.triage.models import Category

pytestmark = pytest.mark.django_db

CaptureCallbacks = Callable[..., AbstractContextManager[list[Callable[[], Any]]]]


def _audit(report: Report, summary: str) -> int:
    return AuditLogEntry.objects.filter(object_type="reports.report", object_id=str(report.pk), summary=summary).count()


def test_route_report_assigns_the_team_of_the_first_matching_rule_with_the_rule_in_the_history(
    municipality: Organisation, afval: Department, waste_sub: Category
) -> None:
    rule = RoutingRuleFactory(department=afval, categories=[waste_sub])
    report: Report = ReportFactory(category=waste_sub, organisation=municipality)

    decision = services.route_report(report=report)

    assert decision.matched
    assert decision.rule == rule
    report.refresh_from_db()
    assert report.department == afval
    row = Assignment.objects.get(report=report)
    assert row.department == afval
    assert row.rule_label == rule.label
    assert row.actor is None


def test_route_report_assigns_the_rules_person_when_they_are_in_the_team(
    municipality: Organisation, afval: Department, waste_sub: Category
) -> None:
    person = StaffFactory(organisation=municipality, departments=[afval])
    RoutingRuleFactory(department=afval, assignee=person)
    report: Report = ReportFactory(category=waste_sub, organisation=municipality)

    services.route_report(report=report)

    report.refresh_from_db()
    assert report.assignee == person


def test_a_rules_person_who_left_the_team_is_skipped_and_the_team_still_gets_the_report(
    municipality: Organisation, afval: Department, waste_sub: Category
) -> None:
    person = StaffFactory(organisation=municipality, departments=[afval])
    RoutingRuleFactory(department=afval, assignee=person)
    person.departments.clear()
    report: Report = ReportFactory(category=waste_sub, organisation=municipality)

    services.route_report(report=report)

    report.refresh_from_db()
    assert report.department == afval
    assert report.assignee is None
    assert "no longer in the team" in Assignment.objects.get(report=report).reason


def test_route_report_is_idempotent(municipality: Organisation, afval: Department, waste_sub: Category) -> None:
    RoutingRuleFactory(department=afval)
    report: Report = ReportFactory(category=waste_sub, organisation=municipality)

    services.route_report(report=report)
    again = services.route_report(report=report)

    assert again.already_routed
    assert again.assignment is None
    assert Assignment.objects.filter(report=report).count() == 1


def test_a_report_no_rule_matches_lands_in_the_unrouted_queue_with_one_audit_entry(
    municipality: Organisation, afval: Department, waste_sub: Category
) -> None:
    RoutingRuleFactory(department=afval, channels=[ReportSource.PHONE])
    report: Report = ReportFactory(category=waste_sub, organisation=municipality)
    routed: Report = ReportFactory(category=waste_sub, organisation=municipality, department=afval)
    closed: Report = ReportFactory(category=waste_sub, organisation=municipality, closed=True)

    decision = services.route_report(report=report)
    services.route_report(report=report)

    assert not decision.matched
    assert len(decision.checks) == 1
    report.refresh_from_db()
    assert report.department is None
    assert list(selectors.unrouted_reports()) == [report]
    assert routed not in selectors.unrouted_reports()
    assert closed not in selectors.unrouted_reports()
    assert _audit(report, services.NO_MATCH_SUMMARY) == 1
    assert not Assignment.objects.filter(report=report).exists()


def test_unrouted_queue_can_be_limited_to_one_organisation(
    municipality: Organisation, police: Organisation, waste_sub: Category, burglary: Category
) -> None:
    ours: Report = ReportFactory(category=waste_sub, organisation=municipality)
    ReportFactory(category=burglary, organisation=police)

    assert list(selectors.unrouted_reports(organisation=municipality)) == [ours]


def test_every_submitted_report_is_routed_automatically_after_commit(
    django_capture_on_commit_callbacks: CaptureCallbacks,
    municipality: Organisation,
    afval: Department,
    waste_sub: Category,
) -> None:
    rule = RoutingRuleFactory(department=afval, categories=[waste_sub])
    assigned: list[ReportAssigned] = []

    @subscribe(ReportAssigned)
    def _seen(event: ReportAssigned) -> None:
        assigned.append(event)

    try:
        with django_capture_on_commit_callbacks(execute=True):
            result = report_services.submit_report(
                text="De container bij de Vismarkt is vol (testtekst, door ons geschreven).",
                location=report_services.LocationInput(lat=53.2185, lon=6.5650),
                source=ReportSource.WEB,
                category=waste_sub,
                organisation=municipality,
            )
    finally:
        unsubscribe(ReportAssigned, _seen)

    report = Report.objects.get(pk=result.report.pk)
    assert report.department == afval
    assert Assignment.objects.get(report=report).rule_label == rule.label
    assert [event.department_id for event in assigned] == [afval.pk]


def test_refer_to_the_police_and_back_logs_one_hand_over_each_and_keeps_the_report_confidential(
    municipality: Organisation,
    police: Organisation,
    kcc: Department,
    basisteam: Department,
    waste_sub: Category,
) -> None:
    RoutingRuleFactory(department=basisteam, organisation_kind="police", order=10)
    RoutingRuleFactory(department=kcc, organisation_kind="municipality", order=20)
    officer = StaffFactory(organisation=municipality, departments=[kcc])
    report: Report = ReportFactory(category=waste_sub, organisation=municipality, department=kcc)
    assert not Report.objects.get(pk=report.pk).is_confidential

    to_police = services.refer_report(
        report=report, to_organisation=police, actor=officer, reason="Mogelijk drugshandel (test)"
    )

    report.refresh_from_db()
    assert to_police.department == basisteam
    assert report.organisation == police
    assert report.department == basisteam
    assert Report.objects.get(pk=report.pk).is_confidential
    assert Assignment.objects.filter(report=report).count() == 1
    row = Assignment.objects.get(report=report)
    assert row.actor == officer
    assert row.reason == "Mogelijk drugshandel (test)"

    back = services.refer_report(report=report, to_organisation=municipality, actor=None, reason="Geen politiezaak")

    report.refresh_from_db()
    assert back.department == kcc
    assert report.organisation == municipality
    assert Report.objects.get(pk=report.pk).is_confidential
    assert [row.organisation for row in Assignment.objects.filter(report=report)] == [police, municipality]
    assert _audit(report, f"hand-over to {basisteam}") == 1


def test_a_referral_no_rule_covers_goes_to_the_organisations_unrouted_queue(
    municipality: Organisation, police: Organisation, waste_sub: Category
) -> None:
    report: Report = ReportFactory(category=waste_sub, organisation=municipality)

    decision = services.refer_report(report=report, to_organisation=police, actor=None, reason="test")

    report.refresh_from_db()
    assert decision.assignment is not None
    assert report.organisation == police
    assert list(selectors.unrouted_reports(organisation=police)) == [report]


@pytest.mark.parametrize("reason", ["", "   "])
def test_a_referral_without_a_reason_is_refused_and_changes_nothing(
    municipality: Organisation, police: Organisation, waste_sub: Category, reason: str
) -> None:
    report: Report = ReportFactory(category=waste_sub, organisation=municipality)

    with pytest.raises(services.ReferralError):
        services.refer_report(report=report, to_organisation=police, actor=None, reason=reason)

    report.refresh_from_db()
    assert report.organisation == municipality
    assert not Assignment.objects.filter(report=report).exists()


def test_a_referral_to_the_same_organisation_or_of_a_closed_report_is_refused(
    municipality: Organisation, police: Organisation, waste_sub: Category
) -> None:
    report: Report = ReportFactory(category=waste_sub, organisation=municipality)
    closed: Report = ReportFactory(category=waste_sub, organisation=municipality, closed=True)

    with pytest.raises(services.ReferralError):
        services.refer_report(report=report, to_organisation=municipality, actor=None, reason="x")
    with pytest.raises(services.ReferralError):
        services.refer_report(report=closed, to_organisation=police, actor=None, reason="x")

    assert not Assignment.objects.exists()


def test_a_referral_to_an_inactive_organisation_is_refused(
    municipality: Organisation, police: Organisation, waste_sub: Category
) -> None:
    police.is_active = False
    police.save()
    report: Report = ReportFactory(category=waste_sub, organisation=municipality)

    with pytest.raises(services.ReferralError):
        services.refer_report(report=report, to_organisation=police, actor=None, reason="x")

    assert not Assignment.objects.exists()


def test_a_category_change_reroutes_a_report_no_person_assigned(
    django_capture_on_commit_callbacks: CaptureCallbacks,
    municipality: Organisation,
    kcc: Department,
    afval: Department,
    waste_sub: Category,
) -> None:
    RoutingRuleFactory(department=afval, categories=[waste_sub], order=1)
    RoutingRuleFactory(department=kcc, order=99)
    other = Category.objects.create(slug="overig-test", name_nl="Overig (test)", name_en="Other", service_code="OVT")
    report: Report = ReportFactory(category=other, organisation=municipality)
    services.route_report(report=report)
    report.refresh_from_db()
    assert report.department == kcc

    with django_capture_on_commit_callbacks(execute=True):
        report_services.change_category(report=report, category=waste_sub, actor=None)

    report.refresh_from_db()
    assert report.department == afval
    assert Assignment.objects.filter(report=report).count() == 2


def test_a_category_change_leaves_a_team_chosen_by_a_person_alone(
    django_capture_on_commit_callbacks: CaptureCallbacks,
    municipality: Organisation,
    kcc: Department,
    afval: Department,
    waste_sub: Category,
) -> None:
    RoutingRuleFactory(department=afval, categories=[waste_sub])
    person = StaffFactory(organisation=municipality)
    report: Report = ReportFactory(
        category=Category.objects.create(slug="x", name_nl="X", name_en="X", service_code="X")
    )
    report_services.assign_report(report=report, department=kcc, actor=person)

    with django_capture_on_commit_callbacks(execute=True):
        report_services.change_category(report=report, category=waste_sub, actor=person)

    report.refresh_from_db()
    assert report.department == kcc
    assert Assignment.objects.filter(report=report).count() == 1


def test_a_closed_report_is_not_routed(municipality: Organisation, afval: Department, waste_sub: Category) -> None:
    RoutingRuleFactory(department=afval)
    report: Report = ReportFactory(category=waste_sub, organisation=municipality, status=ReportStatus.CANCELLED)

    decision = services.route_report(report=report)

    assert decision.already_routed
    assert not Assignment.objects.exists()


def test_route_unrouted_reports_routes_what_new_rules_now_cover(
    municipality: Organisation, afval: Department, kcc: Department, police: Organisation, waste_sub: Category
) -> None:
    waiting: Report = ReportFactory(category=waste_sub, organisation=municipality)
    services.route_report(report=waiting)
    handed_over: Report = ReportFactory(category=waste_sub, organisation=municipality)
    services.refer_report(report=handed_over, to_organisation=police, actor=None, reason="test")
    RoutingRuleFactory(department=afval)

    assert services.route_unrouted_reports() == 1

    waiting.refresh_from_db()
    assert waiting.department == afval
    assert list(selectors.unrouted_reports()) == [handed_over]
    assert services.route_unrouted_reports() == 0
