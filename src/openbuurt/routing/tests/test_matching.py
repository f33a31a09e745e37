"""Each rule condition on its own, rule order, inactive rules, and the organisation guard."""

from __future__ import annotations

from datetime import time

import pytest

from openbuurt.accounts.models import Department, Organisation
from openbuurt.places.tests.factories import AreaFactory
from openbuurt.reports.constants import ReportSource
from openbuurt.reports.models import Report
from openbuurt.reports.tests.factories import ReportFactory
from openbuurt.routing.matching import check_rule, context_for_report, first_match, in_window
from openbuurt.routing.models import RoutingRule
from openbuurt.routing.tests.conftest import local
from openbuurt.routing.tests.factories import CategoryFactory, DepartmentFactory, RoutingRuleFactory
from openbuurt.triage.models import Category

pytestmark = pytest.mark.django_db


def _report(category: Category, organisation: Organisation, **kwargs: object) -> Report:
    report: Report = ReportFactory(category=category, organisation=organisation, **kwargs)
    return report


def _matches(rule: RoutingRule, report: Report) -> bool:
    return check_rule(rule, context_for_report(report)).matched


def test_category_condition_matches_its_own_category_and_not_another(
    municipality: Organisation, kcc: Department, waste_sub: Category
) -> None:
    rule = RoutingRuleFactory(department=kcc, categories=[waste_sub])
    other = CategoryFactory()

    assert _matches(rule, _report(waste_sub, municipality))
    check = check_rule(rule, context_for_report(_report(other, municipality)))
    assert not check.matched
    assert other.name_nl in check.reasons[0]


def test_a_main_category_condition_matches_its_sub_categories(
    municipality: Organisation, afval: Department, waste_main: Category, waste_sub: Category
) -> None:
    rule = RoutingRuleFactory(department=afval, categories=[waste_main])

    assert _matches(rule, _report(waste_sub, municipality))
    assert _matches(rule, _report(waste_main, municipality))


def test_a_sub_category_condition_does_not_match_its_main_category(
    municipality: Organisation, afval: Department, waste_main: Category, waste_sub: Category
) -> None:
    rule = RoutingRuleFactory(department=afval, categories=[waste_sub])

    assert not _matches(rule, _report(waste_main, municipality))


def test_area_condition_matches_a_point_inside_the_polygon_only(
    municipality: Organisation, kcc: Department, waste_sub: Category
) -> None:
    area = AreaFactory(lat=53.21, lon=6.55)
    rule = RoutingRuleFactory(department=kcc, areas=[area])

    inside = _report(waste_sub, municipality, lat=53.212, lon=6.553)
    outside = _report(waste_sub, municipality, lat=53.23, lon=6.60)

    assert _matches(rule, inside)
    check = check_rule(rule, context_for_report(outside))
    assert not check.matched
    assert area.name in check.reasons[0]


def test_area_condition_never_matches_a_report_without_a_location(
    municipality: Organisation, kcc: Department, waste_sub: Category
) -> None:
    rule = RoutingRuleFactory(department=kcc, areas=[AreaFactory(lat=53.21, lon=6.55)])

    check = check_rule(rule, context_for_report(_report(waste_sub, municipality, lat=None, lon=None)))

    assert not check.matched
    assert "no location" in check.reasons[0]


def test_a_report_without_a_point_uses_the_area_stored_at_intake_and_the_areas_it_lies_in(
    municipality: Organisation, kcc: Department, waste_sub: Category
) -> None:
    wijk = AreaFactory(district=True)
    buurt = AreaFactory(parent=wijk)
    rule = RoutingRuleFactory(department=kcc, areas=[wijk])

    report = _report(waste_sub, municipality, lat=None, lon=None, area=buurt)

    assert _matches(rule, report)


@pytest.mark.parametrize(
    ("start", "end", "moment", "expected"),
    [
        (time(8), time(17), time(8), True),
        (time(8), time(17), time(16, 59), True),
        (time(8), time(17), time(17), False),
        (time(8), time(17), time(7, 59), False),
        (time(22), time(6), time(23, 30), True),
        (time(22), time(6), time(0), True),
        (time(22), time(6), time(5, 59), True),
        (time(22), time(6), time(6), False),
        (time(22), time(6), time(12), False),
        (time(22), time(6), time(21, 59), False),
    ],
)
def test_time_window_is_start_inclusive_end_exclusive_and_wraps_past_midnight(
    start: time, end: time, moment: time, expected: bool
) -> None:
    assert in_window(moment, start, end) is expected


def test_time_window_reads_the_report_time_in_dutch_local_time(
    municipality: Organisation, kcc: Department, waste_sub: Category
) -> None:
    night = RoutingRuleFactory(department=kcc, start_time=time(22), end_time=time(6))

    # 23:30 in Amsterdam is 21:30 UTC in summer: a UTC reading would put it outside the window.
    late = _report(waste_sub, municipality, created_at=local(2026, 7, 1, 23, 30))
    early = _report(waste_sub, municipality, created_at=local(2026, 7, 2, 2, 15))
    noon = _report(waste_sub, municipality, created_at=local(2026, 7, 2, 12, 0))

    assert _matches(night, late)
    assert _matches(night, early)
    check = check_rule(night, context_for_report(noon))
    assert not check.matched
    assert "12:00" in check.reasons[0]


def test_weekday_condition(municipality: Organisation, kcc: Department, waste_sub: Category) -> None:
    weekend = RoutingRuleFactory(department=kcc, weekdays=[5, 6])

    saturday = _report(waste_sub, municipality, created_at=local(2026, 5, 2, 11, 0))
    monday = _report(waste_sub, municipality, created_at=local(2026, 5, 4, 11, 0))

    assert _matches(weekend, saturday)
    assert not _matches(weekend, monday)


def test_channel_condition(municipality: Organisation, kcc: Department, waste_sub: Category) -> None:
    phone_only = RoutingRuleFactory(department=kcc, channels=[ReportSource.PHONE, ReportSource.EMAIL])

    assert _matches(phone_only, _report(waste_sub, municipality, source=ReportSource.EMAIL))
    check = check_rule(phone_only, context_for_report(_report(waste_sub, municipality, source=ReportSource.WEB)))
    assert not check.matched
    assert "web" in check.reasons[0]


def test_organisation_kind_condition(
    municipality: Organisation, police: Organisation, kcc: Department, basisteam: Department, burglary: Category
) -> None:
    police_rule = RoutingRuleFactory(department=basisteam, organisation_kind="police")
    municipal_rule = RoutingRuleFactory(department=kcc, organisation_kind="municipality")
    police_report = _report(burglary, police)

    assert _matches(police_rule, police_report)
    check = check_rule(municipal_rule, context_for_report(police_report))
    assert not check.matched
    assert any("police" in reason for reason in check.reasons)


def test_a_catch_all_rule_never_sends_a_police_report_to_a_municipal_team(
    police: Organisation, kcc: Department, burglary: Category
) -> None:
    catch_all = RoutingRuleFactory(department=kcc)

    match = first_match(context_for_report(_report(burglary, police)))

    assert match.rule is None
    assert not match.checks[0].matched
    assert catch_all.pk == match.checks[0].rule_id


def test_a_team_of_another_municipality_is_never_chosen(municipality: Organisation, waste_sub: Category) -> None:
    other_town = Organisation.objects.create(name="Gemeente Elders", slug="elders", kind="municipality")
    RoutingRuleFactory(department=DepartmentFactory(organisation=other_town))

    assert first_match(context_for_report(_report(waste_sub, municipality))).rule is None


def test_rules_are_tried_in_order_and_the_first_match_wins(
    municipality: Organisation, kcc: Department, afval: Department, waste_sub: Category
) -> None:
    later = RoutingRuleFactory(department=kcc, order=50)
    first = RoutingRuleFactory(department=afval, order=10, categories=[waste_sub])
    not_matching = RoutingRuleFactory(department=kcc, order=5, channels=[ReportSource.PHONE])

    match = first_match(context_for_report(_report(waste_sub, municipality)))

    assert match.rule == first
    assert match.department == afval
    assert [check.rule_id for check in match.checks] == [not_matching.pk, first.pk]
    assert later.pk not in [check.rule_id for check in match.checks]


def test_equal_order_falls_back_to_creation_order(
    municipality: Organisation, kcc: Department, afval: Department, waste_sub: Category
) -> None:
    older = RoutingRuleFactory(department=afval, order=10)
    RoutingRuleFactory(department=kcc, order=10)

    assert first_match(context_for_report(_report(waste_sub, municipality))).rule == older


def test_inactive_rules_are_skipped(
    municipality: Organisation, kcc: Department, afval: Department, waste_sub: Category
) -> None:
    RoutingRuleFactory(department=afval, order=1, is_active=False)
    active = RoutingRuleFactory(department=kcc, order=2)

    match = first_match(context_for_report(_report(waste_sub, municipality)))

    assert match.rule == active
    assert len(match.checks) == 1


def test_a_rule_to_an_inactive_team_does_not_match(
    municipality: Organisation, kcc: Department, waste_sub: Category
) -> None:
    gone = DepartmentFactory(organisation=municipality, is_active=False)
    RoutingRuleFactory(department=gone, order=1)
    fallback = RoutingRuleFactory(department=kcc, order=2)

    match = first_match(context_for_report(_report(waste_sub, municipality)))

    assert match.rule == fallback
    assert "not active" in match.checks[0].reasons[0]


def test_every_failed_condition_is_explained(municipality: Organisation, kcc: Department, waste_sub: Category) -> None:
    rule = RoutingRuleFactory(
        department=kcc,
        categories=[CategoryFactory()],
        weekdays=[6],
        channels=[ReportSource.PHONE],
        start_time=time(1),
        end_time=time(2),
    )

    check = check_rule(rule, context_for_report(_report(waste_sub, municipality, created_at=local(2026, 5, 4, 9))))

    assert len(check.reasons) == 4
