"""The service promise: deadlines in working days around Dutch public holidays, calendar days, overdue views.

The holidays come from the ``holidays`` library's list for NL (Goede vrijdag, Tweede paasdag, Koningsdag, Eerste
and Tweede kerstdag …); the expected dates below were worked out by hand from the 2026 calendar.
"""

from __future__ import annotations

from collections.abc import Callable
from contextlib import AbstractContextManager
from datetime import datetime, timedelta
from typing import Any

import pytest
import time_machine

from openbuurt.accounts.models import Organisation
from openbuurt.core.calendar import is_working_day
from openbuurt.reports import services as report_services
from openbuurt.reports.constants import ReportSource, ReportStatus
from openbuurt.reports.models import Report
from openbuurt.reports.tests.factories import ReportFactory
from openbuurt.routing import selectors, sla
from openbuurt.routing.tests.conftest import local
from openbuurt.routing.tests.factories import CategoryFactory
from openbuurt.triage import service_promise
from openbuurt.triage.models import Category

pytestmark = pytest.mark.django_db

CaptureCallbacks = Callable[..., AbstractContextManager[list[Callable[[], Any]]]]


@pytest.mark.parametrize(
    ("received", "days", "expected"),
    [
        # An ordinary week: Monday + 3 working days = Thursday, same time of day.
        (local(2026, 5, 18, 9, 30), 3, local(2026, 5, 21, 9, 30)),
        # Good Friday (3 April) is a holiday, so counting starts after Easter Monday (6 April): Tue 7 is day 0.
        (local(2026, 4, 3, 10, 0), 3, local(2026, 4, 10, 10, 0)),
        # Thursday before Easter: Good Friday, the weekend and Easter Monday are skipped.
        (local(2026, 4, 2, 16, 0), 1, local(2026, 4, 7, 16, 0)),
        # Friday before King's Day (Monday 27 April 2026): Tue 28 and Wed 29 are the two working days.
        (local(2026, 4, 24, 14, 0), 2, local(2026, 4, 29, 14, 0)),
        # Christmas Eve (Thursday): Christmas Day, the weekend are skipped; Boxing Day falls on Saturday.
        (local(2026, 12, 24, 11, 0), 3, local(2026, 12, 30, 11, 0)),
        # New Year's Day 2027 is a Friday: a report on Thursday 31 December with 1 working day is due Monday.
        (local(2026, 12, 31, 8, 0), 1, local(2027, 1, 4, 8, 0)),
        # Across the switch to summer time (29 March 2026): the wall-clock time stays the same.
        (local(2026, 3, 27, 10, 0), 1, local(2026, 3, 30, 10, 0)),
    ],
)
def test_deadline_in_working_days_skips_weekends_and_dutch_public_holidays(
    received: Any, days: int, expected: Any
) -> None:
    category = Category(sla_days=days, sla_working_days=True)

    deadline = service_promise.deadline_for(category, received)

    assert deadline == expected
    assert is_working_day(deadline.date())


def test_signalen_would_have_counted_the_holidays() -> None:
    """The same promise without holidays would end a day earlier around King's Day: our fix is in effect."""
    received = local(2026, 4, 24, 14, 0)

    deadline = service_promise.deadline_for(Category(sla_days=2, sla_working_days=True), received)

    weekdays_only = received + timedelta(days=4)  # Fri → Mon (1), Tue (2): Signalen's "ignoring festivities"
    assert deadline == weekdays_only + timedelta(days=1)


def test_deadline_in_calendar_days_ignores_weekends_and_holidays() -> None:
    category = Category(sla_days=1, sla_working_days=False)

    assert service_promise.deadline_for(category, local(2026, 12, 24, 23, 0)) == local(2026, 12, 25, 23, 0)


def test_days_are_counted_on_the_dutch_date_not_the_utc_date() -> None:
    # 00:30 on Monday in Groningen is still Sunday in UTC; counted on the UTC date the promise would start on
    # Monday evening and end a day late.
    received = local(2026, 6, 8, 0, 30)

    assert service_promise.deadline_for(Category(sla_days=1, sla_working_days=True), received) == local(
        2026, 6, 9, 0, 30
    )


def test_far_deadline_is_three_times_the_promise_in_the_same_unit() -> None:
    received = local(2026, 4, 24, 14, 0)

    working = service_promise.far_deadline_for(Category(sla_days=2, sla_working_days=True), received)
    calendar = service_promise.far_deadline_for(Category(sla_days=2, sla_working_days=False), received)

    # Six working days after Friday 24 April, skipping King's Day: Tue 28 … Tue 5 May.
    assert working == local(2026, 5, 5, 14, 0)
    assert calendar == received + timedelta(days=6)


def _submitted_at(moment: datetime, category: Category, municipality: Organisation) -> Report:
    """Submit a report (text written by us) through intake as if it arrived at ``moment``."""
    with time_machine.travel(moment, tick=False):
        return report_services.submit_report(
            text="Er is iets kapot in de straat (testtekst, door ons geschreven).",
            location=report_services.LocationInput(lat=53.2185, lon=6.5650),
            source=ReportSource.WEB,
            category=category,
            organisation=municipality,
        ).report


def test_intake_sets_the_deadlines_the_recalculation_would_set(municipality: Organisation) -> None:
    # Intake and the recalculation use one service promise, so nothing needs correcting afterwards.
    next_day: Category = CategoryFactory(sla_days=1, sla_working_days=True)
    received = local(2026, 6, 8, 0, 30)
    report = _submitted_at(received, next_day, municipality)
    assert report.deadline == local(2026, 6, 9, 0, 30)
    assert report.far_deadline == service_promise.far_deadline_for(next_day, received)
    assert not sla.recalculate_deadline(report)


def test_recalculate_deadline_writes_both_deadlines_through_the_reports_service_once(
    municipality: Organisation,
) -> None:
    slow: Category = CategoryFactory(sla_days=10)
    report: Report = ReportFactory(category=slow, organisation=municipality, created_at=local(2026, 4, 24, 14, 0))

    assert sla.recalculate_deadline(report)
    assert not sla.recalculate_deadline(report)

    report.refresh_from_db()
    assert report.deadline == service_promise.deadline_for(slow, report.created_at)
    assert report.far_deadline == service_promise.far_deadline_for(slow, report.created_at)


def test_a_category_change_recomputes_the_deadline_from_when_the_report_came_in(
    django_capture_on_commit_callbacks: CaptureCallbacks, municipality: Organisation
) -> None:
    quick: Category = CategoryFactory(sla_days=1, sla_working_days=False)
    slow: Category = CategoryFactory(sla_days=10)
    report = _submitted_at(local(2026, 4, 24, 14, 0), quick, municipality)
    assert report.deadline == local(2026, 4, 25, 14, 0)

    with time_machine.travel(local(2026, 4, 24, 16, 0), tick=False), django_capture_on_commit_callbacks(execute=True):
        report_services.change_category(report=report, category=slow, actor=None)

    report.refresh_from_db()
    # Ten working days from Friday 24 April, skipping King's Day: Tue 28 … Mon 11 May (Liberation Day 2026 is a
    # working day in the list: it is a day off only every fifth year).
    assert report.deadline == local(2026, 5, 11, 14, 0)
    assert report.far_deadline == service_promise.far_deadline_for(slow, local(2026, 4, 24, 14, 0))


def test_overdue_and_far_overdue_views_follow_the_clock(municipality: Organisation) -> None:
    category: Category = CategoryFactory(sla_days=2)
    received = local(2026, 4, 24, 14, 0)
    report: Report = ReportFactory(
        category=category,
        organisation=municipality,
        created_at=received,
        deadline=service_promise.deadline_for(category, received),
        far_deadline=service_promise.far_deadline_for(category, received),
    )
    done: Report = ReportFactory(
        category=category,
        organisation=municipality,
        created_at=received,
        deadline=report.deadline,
        far_deadline=report.far_deadline,
        status=ReportStatus.DONE,
    )

    with time_machine.travel(local(2026, 4, 29, 13, 59), tick=False):
        assert not selectors.overdue_reports().exists()
    with time_machine.travel(local(2026, 4, 29, 14, 1), tick=False):
        assert list(selectors.overdue_reports()) == [report]
        assert not selectors.far_overdue_reports().exists()
    with time_machine.travel(local(2026, 5, 5, 14, 1), tick=False):
        assert list(selectors.far_overdue_reports()) == [report]
        assert done not in selectors.overdue_reports()
    assert list(selectors.overdue_reports(local(2026, 5, 1))) == [report]


def test_overdue_counts_per_team(municipality: Organisation, afval: Any, kcc: Any) -> None:
    category: Category = CategoryFactory(sla_days=1)
    now = local(2026, 6, 15, 12, 0)
    for team, deadline, far in [
        (afval, now - timedelta(days=1), now + timedelta(days=2)),
        (afval, now - timedelta(days=9), now - timedelta(days=3)),
        (kcc, now + timedelta(days=1), now + timedelta(days=3)),
        (None, now - timedelta(hours=1), now + timedelta(days=1)),
    ]:
        ReportFactory(
            category=category, organisation=municipality, department=team, deadline=deadline, far_deadline=far
        )

    counts = {row.department: (row.overdue, row.far_overdue) for row in selectors.overdue_by_department(now)}

    assert counts == {afval: (2, 1), None: (1, 0)}
