"""The demo organisations (gemeente Groningen, politie Noord-Nederland), their teams and demo staff logins.

Everything here is written by us for the demo: the teams are realistic but invented, the people do not exist, and
every demo login shares :data:`DEMO_PASSWORD`. Installing is idempotent and keyed on slugs and usernames.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import NamedTuple

from django.contrib.auth.models import Permission
from django.db import transaction

import structlog

from openbuurt.accounts.constants import OrganisationKind, Role
from openbuurt.accounts.models import Department, Organisation, User
from openbuurt.core import audit
from openbuurt.core.models import AuditAction

logger = structlog.get_logger(__name__)

DEMO_PASSWORD = "openbuurt-demo-2026"  # noqa: S105 - the published password of the demo logins, never of real ones
"""The one password of every demo login; printed at start, so never use these logins outside a demo."""

DEMO_FIRST_NAME = "Demo"
"""The first name that marks a demo login; install refuses to touch a same-named account without it."""

DEMO_EMAIL_DOMAIN = "demo.openbuurt.example"
"""A reserved domain (RFC 2606): mail to demo addresses can never reach a real person."""

CONTACT_PERMISSION = ("reports", "view_reporter_contact")
"""App label and codename of the permission to see a reporter's contact details."""


class DemoAccountsError(RuntimeError):
    """Raised when the demo organisations or logins cannot be installed without harming existing data."""


@dataclass(frozen=True)
class _TeamSpec:
    slug: str
    name: str
    parent_slug: str = ""


@dataclass(frozen=True)
class _OrganisationSpec:
    slug: str
    name: str
    kind: OrganisationKind
    report_prefix: str
    jurisdiction_id: str
    contact_email: str
    teams: tuple[_TeamSpec, ...]


@dataclass(frozen=True)
class _UserSpec:
    username: str
    last_name: str
    role: Role
    organisation_slug: str
    team_slugs: tuple[str, ...] = ()
    is_administrator: bool = False
    limit_to_departments: bool = False
    sees_reporter_contact: bool = False


MUNICIPALITY_SLUG = "groningen"
POLICE_SLUG = "politie-noord-nederland"

_ORGANISATIONS: tuple[_OrganisationSpec, ...] = (
    _OrganisationSpec(
        slug=MUNICIPALITY_SLUG,
        name="Gemeente Groningen",
        kind=OrganisationKind.MUNICIPALITY,
        report_prefix="GRO",
        jurisdiction_id="groningen.nl",
        contact_email=f"meldingen@groningen.{DEMO_EMAIL_DOMAIN}",
        teams=(
            _TeamSpec("kcc", "KCC (klantcontact)"),
            _TeamSpec("afvalinzameling", "Afvalinzameling"),
            # One Wijkbeheer team per stadsdeel: they keep streets, green and litter in order in their own area.
            _TeamSpec("wijkbeheer-centrum", "Wijkbeheer Centrum"),
            _TeamSpec("wijkbeheer-noord", "Wijkbeheer Noord"),
            _TeamSpec("wijkbeheer-zuid", "Wijkbeheer Zuid"),
            _TeamSpec("wijkbeheer-oost", "Wijkbeheer Oost"),
            _TeamSpec("wijkbeheer-west", "Wijkbeheer West"),
            _TeamSpec("wijkbeheer-haren", "Wijkbeheer Haren"),
            _TeamSpec("wijkbeheer-ten-boer", "Wijkbeheer Ten Boer"),
            _TeamSpec("openbare-verlichting", "Openbare verlichting"),
            _TeamSpec("handhaving", "Handhaving"),
            _TeamSpec("groenbeheer", "Groenbeheer"),
            _TeamSpec("riolering", "Riolering"),
            _TeamSpec("verkeer", "Verkeer"),
        ),
    ),
    _OrganisationSpec(
        slug=POLICE_SLUG,
        name="Politie Noord-Nederland",
        kind=OrganisationKind.POLICE,
        report_prefix="POL",
        jurisdiction_id="",
        contact_email=f"meldingen@politie-noord-nederland.{DEMO_EMAIL_DOMAIN}",
        teams=(
            _TeamSpec("basisteam-groningen", "Basisteam Groningen"),
            _TeamSpec("wijkagenten-groningen", "Wijkagenten Groningen", parent_slug="basisteam-groningen"),
        ),
    ),
)

_USERS: tuple[_UserSpec, ...] = (
    _UserSpec(
        username="beheerder",
        last_name="Beheerder",
        role=Role.ADMINISTRATOR,
        organisation_slug=MUNICIPALITY_SLUG,
        is_administrator=True,
        sees_reporter_contact=True,
    ),
    _UserSpec(
        username="kcc",
        last_name="KCC-medewerker",
        role=Role.INTAKE,
        organisation_slug=MUNICIPALITY_SLUG,
        team_slugs=("kcc",),
    ),
    _UserSpec(
        username="teamleider.verlichting",
        last_name="Teamleider Verlichting",
        role=Role.TEAM_LEAD,
        organisation_slug=MUNICIPALITY_SLUG,
        team_slugs=("openbare-verlichting",),
        sees_reporter_contact=True,
    ),
    _UserSpec(
        username="medewerker.afval",
        last_name="Medewerker Afval",
        role=Role.TEAM_MEMBER,
        organisation_slug=MUNICIPALITY_SLUG,
        team_slugs=("afvalinzameling",),
        limit_to_departments=True,
    ),
    _UserSpec(
        username="agent.groningen",
        last_name="Agent Groningen",
        role=Role.POLICE_OFFICER,
        organisation_slug=POLICE_SLUG,
        team_slugs=("basisteam-groningen", "wijkagenten-groningen"),
    ),
)


class DemoAccount(NamedTuple):
    """One demo login to print: username, role (label) and organisation (name)."""

    username: str
    role: str
    organisation: str


@dataclass(frozen=True)
class DemoOrganisations:
    """The installed demo organisations, their teams (by slug, per organisation) and the demo logins."""

    municipality: Organisation
    police: Organisation
    municipality_teams: dict[str, Department]
    police_teams: dict[str, Department]
    users: dict[str, User]


def demo_accounts() -> list[DemoAccount]:
    """Return every demo login as (username, role, organisation), in a fixed order, without touching the database."""
    names = {spec.slug: spec.name for spec in _ORGANISATIONS}
    return [DemoAccount(spec.username, str(spec.role.label), names[spec.organisation_slug]) for spec in _USERS]


def demo_users() -> list[User]:
    """Return the demo logins that exist, in the order of :func:`demo_accounts`."""
    by_username = {
        user.username: user
        for user in User.objects.filter(
            username__in=[spec.username for spec in _USERS], first_name=DEMO_FIRST_NAME
        ).select_related("organisation")
    }
    return [by_username[spec.username] for spec in _USERS if spec.username in by_username]


def _install_organisation(spec: _OrganisationSpec) -> tuple[Organisation, dict[str, Department]]:
    organisation, created = Organisation.objects.get_or_create(
        slug=spec.slug,
        defaults={
            "name": spec.name,
            "kind": spec.kind,
            "report_prefix": spec.report_prefix,
            "jurisdiction_id": spec.jurisdiction_id,
            "contact_email": spec.contact_email,
        },
    )
    if created:
        audit.record(
            actor=None,
            action=AuditAction.CREATE,
            target=organisation,
            summary=f"demo organisation {spec.slug} created",
            actor_label="demo",
        )
    elif organisation.kind != spec.kind:
        raise DemoAccountsError(
            f"An organisation with slug {spec.slug!r} exists but is a {organisation.kind}, not a {spec.kind}: "
            "rename its slug before installing the demo."
        )
    teams: dict[str, Department] = {}
    for team_spec in spec.teams:
        team, team_created = Department.objects.get_or_create(
            organisation=organisation,
            slug=team_spec.slug,
            defaults={
                "name": team_spec.name,
                "parent": teams[team_spec.parent_slug] if team_spec.parent_slug else None,
                "email": f"{team_spec.slug}@{spec.slug}.{DEMO_EMAIL_DOMAIN}",
            },
        )
        if team_created:
            audit.record(
                actor=None,
                action=AuditAction.CREATE,
                target=team,
                summary=f"demo team {spec.slug}/{team_spec.slug} created",
                actor_label="demo",
            )
        teams[team_spec.slug] = team
    return organisation, teams


def _contact_permission() -> Permission:
    app_label, codename = CONTACT_PERMISSION
    permission = Permission.objects.filter(content_type__app_label=app_label, codename=codename).first()
    if permission is None:
        raise DemoAccountsError(
            f"The permission {app_label}.{codename} does not exist yet: run the migrations before the demo."
        )
    return permission


def _install_user(spec: _UserSpec, organisation: Organisation, teams: dict[str, Department]) -> User:
    user = User.objects.filter(username=spec.username).first()
    created = user is None
    if user is None:
        user = User(username=spec.username)
        user.set_password(DEMO_PASSWORD)
    # An existing demo login is brought back to its demo role and teams, but keeps its password.
    user.first_name = DEMO_FIRST_NAME
    user.last_name = spec.last_name
    user.email = f"{spec.username}@{DEMO_EMAIL_DOMAIN}"
    user.organisation = organisation
    user.role = spec.role
    user.is_staff = spec.is_administrator
    user.is_superuser = spec.is_administrator
    user.limit_to_departments = spec.limit_to_departments
    user.is_active = True
    user.save()
    user.departments.set([teams[slug] for slug in spec.team_slugs])
    if spec.sees_reporter_contact:
        user.user_permissions.add(_contact_permission())
    if created:
        audit.record(
            actor=None,
            action=AuditAction.CREATE,
            target=user,
            summary=f"demo login created with role {spec.role}",
            detail={"role": str(spec.role), "organisation": organisation.slug, "teams": list(spec.team_slugs)},
            actor_label="demo",
        )
    return user


@transaction.atomic
def install_demo_organisations() -> DemoOrganisations:
    """Create whatever is missing of the demo organisations, teams and logins, and return them.

    Organisations and teams are matched by slug and, once there, left as an administrator may have changed them.
    Demo logins are matched by username: a new one gets :data:`DEMO_PASSWORD`; an existing demo login gets its demo
    role, organisation and teams back but keeps its password. Raises :class:`DemoAccountsError`, before anything
    is stored, when a same-named login is not a demo login, when an organisation with a demo slug is of another
    kind, or when the migrations have not run.
    """
    # Checked first so that a refusal leaves nothing half-installed behind (the transaction also rolls back).
    for user_spec in _USERS:
        existing = User.objects.filter(username=user_spec.username).exclude(first_name=DEMO_FIRST_NAME)
        if existing.exists():
            raise DemoAccountsError(
                f"A login named {user_spec.username!r} exists that is not a demo login: the demo will not change "
                "it. Rename or remove it first."
            )
    if any(spec.sees_reporter_contact for spec in _USERS):
        _contact_permission()

    organisations: dict[str, tuple[Organisation, dict[str, Department]]] = {
        spec.slug: _install_organisation(spec) for spec in _ORGANISATIONS
    }
    users: dict[str, User] = {}
    for user_spec in _USERS:
        organisation, teams = organisations[user_spec.organisation_slug]
        users[user_spec.username] = _install_user(user_spec, organisation, teams)
    logger.info("demo_organisations_installed", organisations=len(organisations), users=len(users))
    municipality, municipality_teams = organisations[MUNICIPALITY_SLUG]
    police, police_teams = organisations[POLICE_SLUG]
    return DemoOrganisations(
        municipality=municipality,
        police=police,
        municipality_teams=municipality_teams,
        police_teams=police_teams,
        users=users,
    )
