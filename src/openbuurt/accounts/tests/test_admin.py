"""The admin of organisations, departments and staff: the pages work, bad combinations are refused, saves are
audited."""

from __future__ import annotations

from django.test import Client
from django.urls import reverse
from django.utils import timezone, translation

import pytest

from openbuurt.accounts import demo
from openbuurt.accounts.admin import DepartmentForm, StaffChangeForm
from openbuurt.accounts.constants import Role
from openbuurt.accounts.models import Department, Organisation, User
from openbuurt.core.models import AuditAction, AuditLogEntry

pytestmark = pytest.mark.django_db


@pytest.fixture
def installed() -> demo.DemoOrganisations:
    return demo.install_demo_organisations()


@pytest.fixture
def beheerder(client: Client, installed: demo.DemoOrganisations) -> Client:
    client.force_login(installed.users["beheerder"])
    return client


@pytest.mark.parametrize(
    ("url_name", "query", "expected"),
    [
        ("admin:accounts_organisation_changelist", {"kind": "police"}, "Politie Noord-Nederland"),
        ("admin:accounts_department_changelist", {"q": "wijkbeheer"}, "Wijkbeheer Ten Boer"),
        ("admin:accounts_user_changelist", {"role": "team_lead"}, "teamleider.verlichting"),
    ],
)
def test_the_lists_filter_and_search(beheerder: Client, url_name: str, query: dict[str, str], expected: str) -> None:
    response = beheerder.get(reverse(url_name), query)

    assert response.status_code == 200
    assert expected in response.content.decode()


def test_the_staff_page_shows_organisation_role_and_teams(beheerder: Client, installed: demo.DemoOrganisations) -> None:
    user = installed.users["medewerker.afval"]

    with translation.override("en"):
        response = beheerder.get(reverse("admin:accounts_user_change", args=[user.pk]))

    page = response.content.decode()
    assert response.status_code == 200
    for field in ("organisation", "role", "departments", "limit_to_departments"):
        assert f'name="{field}"' in page


def test_the_organisation_page_shows_its_teams_inline(beheerder: Client, installed: demo.DemoOrganisations) -> None:
    response = beheerder.get(reverse("admin:accounts_organisation_change", args=[installed.police.pk]))

    assert response.status_code == 200
    assert "Wijkagenten Groningen" in response.content.decode()


def _staff_data(user: User, **changes: object) -> dict[str, object]:
    data: dict[str, object] = {
        "username": user.username,
        "first_name": user.first_name,
        "last_name": user.last_name,
        "email": user.email,
        "is_active": user.is_active,
        "is_staff": user.is_staff,
        "is_superuser": user.is_superuser,
        "organisation": user.organisation_id or "",
        "role": user.role,
        "departments": [department.pk for department in user.departments.all()],
        "limit_to_departments": user.limit_to_departments,
        "date_joined_0": timezone.localtime(user.date_joined).strftime("%Y-%m-%d"),
        "date_joined_1": timezone.localtime(user.date_joined).strftime("%H:%M:%S"),
    }
    data.update(changes)
    return {key: value for key, value in data.items() if value is not False}


@pytest.mark.parametrize(
    ("changes", "field", "message"),
    [
        ({"departments": "police-team"}, "departments", "of the staff member's organisation"),
        ({"organisation": ""}, "organisation", "organisation of the departments first"),
        ({"departments": []}, "departments", "at least one department"),
    ],
)
def test_the_staff_form_refuses_teams_that_do_not_fit_the_organisation(
    installed: demo.DemoOrganisations, changes: dict[str, object], field: str, message: str
) -> None:
    user = installed.users["medewerker.afval"]
    if changes.get("departments") == "police-team":
        changes = {"departments": [installed.police_teams["basisteam-groningen"].pk]}

    with translation.override("en"):
        form = StaffChangeForm(data=_staff_data(user, **changes), instance=user)
        assert not form.is_valid()
        assert any(message in error for error in form.errors[field])
    assert set(user.departments.values_list("slug", flat=True)) == {"afvalinzameling"}


def test_changing_a_staff_member_in_the_admin_is_saved_and_audited(
    beheerder: Client, installed: demo.DemoOrganisations
) -> None:
    user = installed.users["kcc"]
    teams = [installed.municipality_teams["kcc"].pk, installed.municipality_teams["handhaving"].pk]

    response = beheerder.post(
        reverse("admin:accounts_user_change", args=[user.pk]),
        _staff_data(user, role=Role.TEAM_MEMBER, departments=teams),
    )

    assert response.status_code == 302, response.content.decode()[:3000]
    user.refresh_from_db()
    assert user.role == Role.TEAM_MEMBER
    assert set(user.departments.values_list("slug", flat=True)) == {"kcc", "handhaving"}
    entry = AuditLogEntry.objects.get(object_type="accounts.user", object_id=str(user.pk), action=AuditAction.UPDATE)
    assert entry.actor_label == "beheerder"
    # Field names only; Django's split date widget may report date_joined as well.
    assert {"departments", "role"} <= set(entry.detail["changed"]) <= {"departments", "role", "date_joined"}


def test_adding_a_staff_member_asks_organisation_and_role_and_is_audited(
    beheerder: Client, installed: demo.DemoOrganisations
) -> None:
    response = beheerder.post(
        reverse("admin:accounts_user_add"),
        {
            "username": "nieuwe.collega",
            "organisation": installed.municipality.pk,
            "role": Role.INTAKE,
            "usable_password": "true",
            "password1": "een-lang-en-sterk-wachtwoord-2026",
            "password2": "een-lang-en-sterk-wachtwoord-2026",
        },
    )

    assert response.status_code == 302, response.content.decode()[:3000]
    user = User.objects.get(username="nieuwe.collega")
    assert (user.organisation, user.role) == (installed.municipality, Role.INTAKE)
    assert user.check_password("een-lang-en-sterk-wachtwoord-2026")
    entry = AuditLogEntry.objects.get(object_type="accounts.user", object_id=str(user.pk))
    assert entry.action == AuditAction.CREATE
    assert "een-lang-en-sterk" not in str(entry.detail)


def test_the_department_form_refuses_a_parent_of_another_organisation_or_a_loop(
    installed: demo.DemoOrganisations,
) -> None:
    basisteam = installed.police_teams["basisteam-groningen"]
    wijkagenten = installed.police_teams["wijkagenten-groningen"]
    verkeer = installed.municipality_teams["verkeer"]

    def errors(department: Department, parent: Department, organisation: Organisation) -> list[str]:
        data = {
            "organisation": organisation.pk,
            "parent": parent.pk,
            "name": department.name,
            "slug": department.slug,
            "email": department.email,
            "is_active": "on",
        }
        with translation.override("en"):
            form = DepartmentForm(data=data, instance=department)
            assert not form.is_valid()
            return [str(error) for error in form.errors["parent"]]

    assert any("same organisation" in e for e in errors(verkeer, basisteam, installed.municipality))
    assert any("part of itself" in e for e in errors(basisteam, wijkagenten, installed.police))
    assert any("part of itself" in e for e in errors(basisteam, basisteam, installed.police))
    basisteam.refresh_from_db()
    assert basisteam.parent is None


def test_saving_a_department_in_the_admin_is_audited(beheerder: Client, installed: demo.DemoOrganisations) -> None:
    verkeer = installed.municipality_teams["verkeer"]

    response = beheerder.post(
        reverse("admin:accounts_department_change", args=[verkeer.pk]),
        {
            "organisation": installed.municipality.pk,
            "parent": "",
            "name": "Verkeer en vervoer",
            "slug": "verkeer",
            "email": verkeer.email,
            "is_active": "on",
        },
    )

    assert response.status_code == 302, response.content.decode()[:3000]
    verkeer.refresh_from_db()
    assert verkeer.name == "Verkeer en vervoer"
    entry = AuditLogEntry.objects.get(object_type="accounts.department", action=AuditAction.UPDATE)
    assert entry.detail == {"changed": ["name"]}
