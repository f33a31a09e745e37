"""The demo organisations, teams and logins: what is installed, that the logins work, and installing twice."""

from __future__ import annotations

from django.contrib.auth import authenticate
from django.test import RequestFactory

import pytest

from openbuurt.accounts import demo
from openbuurt.accounts.constants import OrganisationKind, Role
from openbuurt.accounts.models import Department, Organisation, User
from openbuurt.core.models import AuditAction, AuditLogEntry

pytestmark = pytest.mark.django_db

MUNICIPAL_TEAMS = {
    "Afvalinzameling",
    "Wijkbeheer Centrum",
    "Wijkbeheer Noord",
    "Wijkbeheer Zuid",
    "Wijkbeheer Oost",
    "Wijkbeheer West",
    "Wijkbeheer Haren",
    "Wijkbeheer Ten Boer",
    "Openbare verlichting",
    "Handhaving",
    "Groenbeheer",
    "Riolering",
    "Verkeer",
    "KCC (klantcontact)",
}
EXPECTED_LOGINS = {
    # username: (role, organisation slug, team slugs)
    "beheerder": (Role.ADMINISTRATOR, "groningen", set()),
    "kcc": (Role.INTAKE, "groningen", {"kcc"}),
    "teamleider.verlichting": (Role.TEAM_LEAD, "groningen", {"openbare-verlichting"}),
    "medewerker.afval": (Role.TEAM_MEMBER, "groningen", {"afvalinzameling"}),
    "agent.groningen": (
        Role.POLICE_OFFICER,
        "politie-noord-nederland",
        {"basisteam-groningen", "wijkagenten-groningen"},
    ),
}


def _counts() -> tuple[int, int, int, int]:
    return (
        Organisation.objects.count(),
        Department.objects.count(),
        User.objects.count(),
        AuditLogEntry.objects.filter(action=AuditAction.CREATE).count(),
    )


def test_the_municipality_and_the_police_are_installed_with_their_teams() -> None:
    installed = demo.install_demo_organisations()

    groningen = Organisation.objects.get(slug="groningen")
    assert (groningen.name, groningen.kind, groningen.report_prefix, groningen.jurisdiction_id) == (
        "Gemeente Groningen",
        OrganisationKind.MUNICIPALITY,
        "GRO",
        "groningen.nl",
    )
    police = Organisation.objects.get(slug="politie-noord-nederland")
    assert (police.kind, police.report_prefix, police.is_police) == (OrganisationKind.POLICE, "POL", True)
    assert (installed.municipality, installed.police) == (groningen, police)

    assert set(groningen.departments.values_list("name", flat=True)) == MUNICIPAL_TEAMS
    assert set(installed.municipality_teams) == set(groningen.departments.values_list("slug", flat=True))
    basisteam = police.departments.get(slug="basisteam-groningen")
    wijkagenten = police.departments.get(slug="wijkagenten-groningen")
    assert (basisteam.name, basisteam.parent) == ("Basisteam Groningen", None)
    assert (wijkagenten.name, wijkagenten.parent) == ("Wijkagenten Groningen", basisteam)
    assert installed.police_teams == {"basisteam-groningen": basisteam, "wijkagenten-groningen": wijkagenten}


def test_team_and_login_addresses_are_on_a_reserved_domain_that_reaches_nobody() -> None:
    demo.install_demo_organisations()

    addresses = [*Department.objects.values_list("email", flat=True), *User.objects.values_list("email", flat=True)]
    assert addresses
    assert all(address.endswith(".example") for address in addresses)


@pytest.mark.parametrize(("username", "expected"), sorted(EXPECTED_LOGINS.items()))
def test_every_demo_login_has_its_role_organisation_and_teams(
    username: str, expected: tuple[Role, str, set[str]]
) -> None:
    installed = demo.install_demo_organisations()
    role, organisation_slug, team_slugs = expected

    user = User.objects.select_related("organisation").get(username=username)
    assert installed.users[username] == user
    assert user.role == role
    assert user.organisation is not None and user.organisation.slug == organisation_slug
    assert set(user.departments.values_list("slug", flat=True)) == team_slugs
    assert all(team.organisation_id == user.organisation_id for team in user.departments.all())
    assert user.first_name == demo.DEMO_FIRST_NAME
    assert user.is_active


def test_only_the_administrator_is_staff_and_superuser() -> None:
    demo.install_demo_organisations()

    assert list(User.objects.filter(is_staff=True).values_list("username", flat=True)) == ["beheerder"]
    assert list(User.objects.filter(is_superuser=True).values_list("username", flat=True)) == ["beheerder"]
    assert User.objects.get(username="medewerker.afval").limit_to_departments is True
    assert User.objects.get(username="kcc").limit_to_departments is False


def test_the_team_lead_and_the_administrator_may_see_reporter_contact_details_and_the_others_not() -> None:
    demo.install_demo_organisations()

    allowed = {user.username for user in User.objects.all() if user.has_perm("reports.view_reporter_contact")}
    assert allowed == {"beheerder", "teamleider.verlichting"}
    # The team lead holds the permission itself, not through being a superuser.
    lead = User.objects.get(username="teamleider.verlichting")
    assert lead.user_permissions.filter(codename="view_reporter_contact").exists()


@pytest.mark.parametrize("username", sorted(EXPECTED_LOGINS))
def test_every_demo_login_works_with_the_demo_password_and_no_other(username: str) -> None:
    demo.install_demo_organisations()
    request = RequestFactory().post("/admin/login/")

    assert authenticate(request, username=username, password=demo.DEMO_PASSWORD) == User.objects.get(username=username)
    assert authenticate(request, username=username, password=demo.DEMO_PASSWORD + "x") is None
    stored = User.objects.get(username=username).password
    assert demo.DEMO_PASSWORD not in stored  # only the hash is stored


def test_installing_twice_creates_nothing_more() -> None:
    first = demo.install_demo_organisations()
    counts = _counts()

    second = demo.install_demo_organisations()

    assert _counts() == counts
    assert counts[:3] == (2, len(MUNICIPAL_TEAMS) + 2, len(EXPECTED_LOGINS))
    assert {name: user.pk for name, user in second.users.items()} == {
        name: user.pk for name, user in first.users.items()
    }


def test_installing_again_restores_a_demo_login_but_keeps_its_new_password() -> None:
    demo.install_demo_organisations()
    user = User.objects.get(username="kcc")
    user.role = Role.ADMINISTRATOR
    user.set_password("een-eigen-wachtwoord-2026")
    user.save()
    user.departments.clear()

    demo.install_demo_organisations()

    user.refresh_from_db()
    assert user.role == Role.INTAKE
    assert set(user.departments.values_list("slug", flat=True)) == {"kcc"}
    assert user.check_password("een-eigen-wachtwoord-2026")


def test_installing_again_keeps_what_an_administrator_changed_in_an_organisation_or_team() -> None:
    demo.install_demo_organisations()
    Organisation.objects.filter(slug="groningen").update(name="Gemeente Groningen (test)", contact_email="")
    Department.objects.filter(slug="verkeer").update(name="Verkeer en vervoer")

    demo.install_demo_organisations()

    assert Organisation.objects.get(slug="groningen").name == "Gemeente Groningen (test)"
    assert Department.objects.get(slug="verkeer").name == "Verkeer en vervoer"


def test_a_real_login_with_a_demo_username_is_refused_and_nothing_is_installed() -> None:
    real = User.objects.create_user(username="kcc", password="echt-wachtwoord-1234", first_name="Karin")

    with pytest.raises(demo.DemoAccountsError, match="'kcc' exists that is not a demo login"):
        demo.install_demo_organisations()

    real.refresh_from_db()
    assert (real.first_name, real.role, real.organisation) == ("Karin", "", None)
    assert real.check_password("echt-wachtwoord-1234")
    assert Organisation.objects.count() == 0
    assert User.objects.count() == 1


def test_an_organisation_of_another_kind_under_a_demo_slug_is_refused_and_nothing_is_installed() -> None:
    Organisation.objects.create(
        name="Gemeente?", slug="politie-noord-nederland", kind=OrganisationKind.MUNICIPALITY, report_prefix="X"
    )

    with pytest.raises(demo.DemoAccountsError, match="'politie-noord-nederland' exists but is a municipality"):
        demo.install_demo_organisations()

    assert list(Organisation.objects.values_list("slug", flat=True)) == ["politie-noord-nederland"]
    assert Department.objects.count() == 0
    assert User.objects.count() == 0


def test_the_demo_accounts_list_names_each_login_with_its_role_and_organisation() -> None:
    accounts = demo.demo_accounts()

    assert [account.username for account in accounts] == list(EXPECTED_LOGINS)
    assert accounts[0] == ("beheerder", str(Role.ADMINISTRATOR.label), "Gemeente Groningen")
    assert accounts[-1] == ("agent.groningen", str(Role.POLICE_OFFICER.label), "Politie Noord-Nederland")
    assert demo.demo_users() == []  # nothing installed yet

    demo.install_demo_organisations()

    assert [user.username for user in demo.demo_users()] == [account.username for account in accounts]


def test_creating_the_demo_is_audited_as_the_demo_without_personal_data() -> None:
    demo.install_demo_organisations()

    created_logins = AuditLogEntry.objects.filter(object_type="accounts.user", action=AuditAction.CREATE)
    assert created_logins.count() == len(EXPECTED_LOGINS)
    assert set(created_logins.values_list("actor_label", flat=True)) == {"demo"}
    assert all(demo.DEMO_PASSWORD not in str(entry.detail) for entry in created_logins)
    assert AuditLogEntry.objects.filter(object_type="accounts.organisation").count() == 2
