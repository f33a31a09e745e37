"""Validation of routing rules: every rule that could never work is refused with a clear message."""

from __future__ import annotations

from datetime import time
from typing import Any

from django.core.exceptions import ValidationError

import pytest

from openbuurt.accounts.models import Department, Organisation
from openbuurt.accounts.tests.factories import StaffFactory
from openbuurt.routing.models import RoutingRule
from openbuurt.routing.tests.factories import DepartmentFactory

pytestmark = pytest.mark.django_db


def _errors(rule: RoutingRule) -> dict[str, Any]:
    with pytest.raises(ValidationError) as caught:
        rule.full_clean()
    return caught.value.message_dict


def test_a_complete_rule_is_valid(municipality: Organisation, afval: Department) -> None:
    member = StaffFactory(organisation=municipality, departments=[afval])
    rule = RoutingRule(
        name="Geldig",
        department=afval,
        assignee=member,
        start_time=time(22),
        end_time=time(6),
        weekdays=[0, 6],
        channels=["web", "phone"],
        organisation_kind="municipality",
    )

    rule.full_clean()


@pytest.mark.parametrize(
    ("values", "field"),
    [
        ({"start_time": time(8)}, "end_time"),
        ({"end_time": time(8)}, "end_time"),
        ({"start_time": time(8), "end_time": time(8)}, "end_time"),
        ({"weekdays": [7]}, "weekdays"),
        ({"weekdays": ["monday"]}, "weekdays"),
        ({"weekdays": [True]}, "weekdays"),
        ({"weekdays": {"0": 1}}, "weekdays"),
        ({"channels": ["pigeon"]}, "channels"),
        ({"channels": "web"}, "channels"),
        ({"organisation_kind": "police"}, "department"),
    ],
)
def test_invalid_conditions_are_refused(afval: Department, values: dict[str, Any], field: str) -> None:
    rule = RoutingRule(name="Ongeldig", department=afval, **values)

    assert field in _errors(rule)


def test_the_person_must_be_a_member_of_the_team(
    municipality: Organisation, afval: Department, kcc: Department
) -> None:
    outsider = StaffFactory(organisation=municipality, departments=[kcc])

    assert "assignee" in _errors(RoutingRule(name="Ongeldig", department=afval, assignee=outsider))


def test_an_inactive_team_is_refused(municipality: Organisation) -> None:
    gone: Department = DepartmentFactory(organisation=municipality, is_active=False)

    assert "department" in _errors(RoutingRule(name="Ongeldig", department=gone))


def test_a_rule_needs_a_team(db: None) -> None:
    assert "department" in _errors(RoutingRule(name="Zonder team"))
