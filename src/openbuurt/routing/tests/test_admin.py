"""The routing-rule admin: list, edit with checkboxes (audited), and the preview that explains its answer."""

from __future__ import annotations

from datetime import time

from django.test import Client
from django.urls import reverse

import pytest

from openbuurt.accounts.models import Department, Organisation
from openbuurt.accounts.tests.factories import StaffFactory
from openbuurt.core.models import AuditLogEntry
from openbuurt.places.tests.factories import AreaFactory
from openbuurt.reports.constants import ReportSource
from openbuurt.routing.models import RoutingRule
from openbuurt.routing.selectors import preview_route
from openbuurt.routing.tests.conftest import local
from openbuurt.routing.tests.factories import RoutingRuleFactory
from openbuurt.triage.models import Category

pytestmark = pytest.mark.django_db

PREVIEW_URL = "admin:routing_routingrule_preview"


def test_preview_names_the_team_and_rule_and_explains_each_rule_tried_before(
    kcc: Department, afval: Department, waste_sub: Category
) -> None:
    phone = RoutingRuleFactory(name="Alleen telefoon", department=afval, order=1, channels=[ReportSource.PHONE])
    night = RoutingRuleFactory(name="Nacht", department=afval, order=2, start_time=time(22), end_time=time(6))
    catch_all = RoutingRuleFactory(name="Vangnet", department=kcc, order=3)

    preview = preview_route(category=waste_sub, at=local(2026, 5, 4, 10, 15), channel=ReportSource.WEB)

    assert preview.rule == catch_all
    assert preview.department == kcc
    assert [check.rule_id for check in preview.checks] == [phone.pk, night.pk, catch_all.pk]
    assert "web" in preview.checks[0].reasons[0]
    assert "10:15" in preview.checks[1].reasons[0]
    assert preview.checks[2].matched


def test_preview_by_area_counts_the_areas_it_lies_in(kcc: Department, waste_sub: Category) -> None:
    wijk = AreaFactory(district=True)
    buurt = AreaFactory(parent=wijk)
    rule = RoutingRuleFactory(department=kcc, areas=[wijk])

    preview = preview_route(category=waste_sub, at=local(2026, 5, 4, 10), channel=ReportSource.WEB, area=buurt)

    assert preview.rule == rule
    assert set(preview.areas) == {str(wijk), str(buurt)}


def test_preview_of_a_police_category_uses_the_police_rules(
    kcc: Department, basisteam: Department, burglary: Category
) -> None:
    RoutingRuleFactory(department=kcc, order=1)
    police_rule = RoutingRuleFactory(department=basisteam, order=2)

    preview = preview_route(category=burglary, at=local(2026, 5, 4, 10), channel=ReportSource.WEB)

    assert preview.rule == police_rule
    assert preview.organisation_kind == "police"


def test_preview_refuses_half_a_point(waste_sub: Category) -> None:
    with pytest.raises(ValueError, match="both"):
        preview_route(category=waste_sub, at=local(2026, 5, 4, 10), channel=ReportSource.WEB, lat=53.2)


def test_admin_preview_page_answers_which_team_and_by_which_rule(
    admin_client: Client, kcc: Department, waste_sub: Category
) -> None:
    RoutingRuleFactory(name="Vangnet KCC", department=kcc)

    response = admin_client.get(
        reverse(PREVIEW_URL),
        {
            "category": str(waste_sub.pk),
            "lat": "53.2185",
            "lon": "6.5650",
            "at": "2026-05-04T10:15",
            "channel": ReportSource.WEB.value,
        },
    )

    assert response.status_code == 200
    preview = response.context["preview"]
    assert preview.department == kcc
    content = response.content.decode()
    assert "Vangnet KCC" in content
    assert "routing-preview-result" in content


@pytest.mark.parametrize(
    ("params", "field"),
    [
        ({"lat": "53.2", "at": "2026-05-04T10:15", "channel": "web"}, None),
        ({"at": "not a date", "channel": "web"}, "at"),
        ({"at": "2026-05-04T10:15", "channel": "pigeon"}, "channel"),
    ],
)
def test_admin_preview_page_shows_errors_for_bad_input(
    admin_client: Client, waste_sub: Category, params: dict[str, str], field: str | None
) -> None:
    response = admin_client.get(reverse(PREVIEW_URL), {"category": str(waste_sub.pk), **params})

    assert response.status_code == 200
    assert response.context["preview"] is None
    form = response.context["form"]
    assert not form.is_valid()
    assert (field in form.errors) if field else form.non_field_errors()


def test_admin_preview_needs_a_staff_login(client: Client) -> None:
    response = client.get(reverse(PREVIEW_URL))

    assert response.status_code == 302
    assert "login" in response["Location"]


def test_admin_preview_is_refused_to_staff_without_view_permission(client: Client, municipality: Organisation) -> None:
    staff = StaffFactory(organisation=municipality, is_staff=True)
    client.force_login(staff)

    response = client.get(reverse(PREVIEW_URL))

    assert response.status_code == 403


def test_admin_changelist_shows_conditions_and_outcome(
    admin_client: Client, kcc: Department, waste_sub: Category
) -> None:
    RoutingRuleFactory(name="Weekend afval", department=kcc, categories=[waste_sub], weekdays=[5, 6])

    response = admin_client.get(reverse("admin:routing_routingrule_changelist"))

    content = response.content.decode()
    assert response.status_code == 200
    assert "Weekend afval" in content
    assert waste_sub.name_nl in content
    assert reverse(PREVIEW_URL) in content


def test_admin_add_saves_checkbox_lists_and_audits(
    admin_client: Client, afval: Department, waste_sub: Category
) -> None:
    response = admin_client.post(
        reverse("admin:routing_routingrule_add"),
        {
            "name": "Afval in het weekend",
            "order": "5",
            "is_active": "on",
            "categories": [str(waste_sub.pk)],
            "weekdays": ["5", "6"],
            "channels": [ReportSource.WEB, ReportSource.OPEN311],
            "start_time": "",
            "end_time": "",
            "department": str(afval.pk),
            "organisation_kind": "",
            "description": "",
        },
    )

    assert response.status_code == 302, response.content.decode()[:2000]
    rule = RoutingRule.objects.get(name="Afval in het weekend")
    assert rule.weekdays == [5, 6]
    assert rule.channels == sorted([ReportSource.OPEN311.value, ReportSource.WEB.value])
    assert list(rule.categories.all()) == [waste_sub]
    assert AuditLogEntry.objects.filter(object_type="routing.routingrule", object_id=str(rule.pk)).exists()


def test_admin_refuses_a_person_outside_the_team_and_stores_nothing(
    admin_client: Client, municipality: Organisation, afval: Department, kcc: Department
) -> None:
    outsider = StaffFactory(organisation=municipality, departments=[kcc])

    response = admin_client.post(
        reverse("admin:routing_routingrule_add"),
        {"name": "Fout", "order": "5", "department": str(afval.pk), "assignee": str(outsider.pk)},
    )

    assert response.status_code == 200
    assert "assignee" in response.context["adminform"].form.errors
    assert not RoutingRule.objects.exists()
