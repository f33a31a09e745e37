"""A small world for the back-office tests: two municipalities, the police, teams, a person per role and reports.

Everything here is invented by us for the tests.
"""

from __future__ import annotations

import io
from dataclasses import dataclass
from datetime import timedelta

from django.contrib.auth.models import Permission
from django.core.files.base import ContentFile
from django.test import Client
from django.utils import timezone

import pytest
from PIL import Image

from openbuurt.accounts.constants import OrganisationKind, Role
from openbuurt.accounts.models import Department, Organisation, User
from openbuurt.reports.models import Attachment, Report, Reporter
from openbuurt.reports.tests.factories import OrganisationFactory, ReportFactory
from openbuurt.triage.constants import HandlingOrganisation
from openbuurt.triage.models import Category

PASSWORD = "backoffice-test-password-1"
HERE = (53.2194, 6.5665)


@dataclass
class World:
    municipality: Organisation
    police: Organisation
    other_municipality: Organisation
    kcc: Department
    lighting: Department
    waste: Department
    basisteam: Department
    other_team: Department
    lighting_main: Category
    lamp_broken: Category
    lamp_flickering: Category
    waste_main: Category
    litter: Category
    burglary: Category
    users: dict[str, User]
    lamp: Report
    lamp_earlier: Report
    linked: Report
    police_report: Report
    other_report: Report
    photo: Attachment


def png_bytes(colour: str = "red") -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (8, 6), colour).save(buffer, format="PNG")
    return buffer.getvalue()


def make_category(slug: str, name: str, parent: Category | None = None, *, police: bool = False) -> Category:
    return Category.objects.create(
        slug=slug,
        name_nl=name,
        name_en=name,
        parent=parent,
        service_code=f"BO-{slug}",
        handling_organisation=HandlingOrganisation.POLICE if police else HandlingOrganisation.MUNICIPALITY,
        is_confidential=police,
    )


def make_user(
    username: str, organisation: Organisation | None, role: str, teams: list[Department], **extra: object
) -> User:
    contact = bool(extra.pop("contact", False))
    user = User.objects.create_user(
        username=username,
        password=PASSWORD,
        first_name=username.capitalize(),
        last_name="Test",
        email=f"{username}@gemeente.example",
        organisation=organisation,
        role=role,
        **extra,
    )
    user.departments.set(teams)
    if contact:
        user.user_permissions.add(Permission.objects.get(codename="view_reporter_contact"))
    return user


def build_world() -> World:
    municipality = OrganisationFactory()
    police = OrganisationFactory(police=True)
    other = Organisation.objects.create(
        name="Gemeente Elders (test)", slug="elders-test", kind=OrganisationKind.MUNICIPALITY, report_prefix="ELD"
    )
    kcc = Department.objects.create(organisation=municipality, name="KCC (test)", slug="kcc-test")
    lighting = Department.objects.create(organisation=municipality, name="Verlichting (test)", slug="verlichting-test")
    waste = Department.objects.create(organisation=municipality, name="Afval (test)", slug="afval-test")
    basisteam = Department.objects.create(organisation=police, name="Basisteam (test)", slug="basisteam-test")
    other_team = Department.objects.create(organisation=other, name="Beheer Elders (test)", slug="beheer-elders")
    lighting_main = make_category("bo-verlichting", "Verlichting (test)")
    lamp_broken = make_category("bo-lamp-kapot", "Lamp kapot (test)", lighting_main)
    lamp_flickering = make_category("bo-lamp-knippert", "Lamp knippert (test)", lighting_main)
    waste_main = make_category("bo-afval", "Afval (test)")
    litter = make_category("bo-zwerfafval", "Zwerfafval (test)", waste_main)
    burglary = make_category("bo-inbraak", "Inbraak (test)", police=True)
    users = {
        "intake": make_user("intake", municipality, Role.INTAKE, [kcc]),
        "team_member": make_user("member", municipality, Role.TEAM_MEMBER, [lighting]),
        "team_lead": make_user("lead", municipality, Role.TEAM_LEAD, [lighting], contact=True),
        "police_officer": make_user("officer", police, Role.POLICE_OFFICER, [basisteam], contact=True),
        "administrator": make_user("admin", municipality, Role.ADMINISTRATOR, [], contact=True),
        "superuser": make_user("root", municipality, Role.ADMINISTRATOR, [], is_superuser=True, is_staff=True),
        "limited": make_user("limited", municipality, Role.TEAM_MEMBER, [waste], limit_to_departments=True),
        "other_municipality": make_user("elders", other, Role.TEAM_LEAD, [other_team], contact=True),
    }
    now = timezone.now()
    lamp = ReportFactory(
        organisation=municipality,
        department=lighting,
        category=lamp_broken,
        lat=HERE[0],
        lon=HERE[1],
        address_text="Grote Markt 1",
        created_at=now - timedelta(hours=1),
        deadline=now + timedelta(days=4),
    )
    Reporter.objects.create(report=lamp, email="bewoner@example.org", phone="0612345678", first_name="Sam")
    lamp_earlier = ReportFactory(
        organisation=municipality,
        department=lighting,
        category=lamp_broken,
        lat=HERE[0] + 0.0003,
        lon=HERE[1],
        created_at=now - timedelta(days=2),
    )
    linked = ReportFactory(
        organisation=municipality,
        department=lighting,
        category=lamp_broken,
        lat=HERE[0],
        lon=HERE[1] + 0.0003,
        created_at=now - timedelta(hours=3),
        duplicate_of=lamp_earlier,
    )
    police_report = ReportFactory(
        organisation=police,
        department=basisteam,
        category=burglary,
        is_confidential=True,
        public_id="POL-2026-000001",
        lat=HERE[0],
        lon=HERE[1],
    )
    other_report = ReportFactory(
        organisation=other, department=other_team, category=litter, public_id="ELD-2026-000001"
    )
    photo = Attachment(report=lamp, content_type="image/png", size=0, width=8, height=6, sha256="0" * 64)
    data = png_bytes()
    photo.size = len(data)
    photo.file.save("lamp.png", ContentFile(data), save=True)
    return World(
        municipality=municipality,
        police=police,
        other_municipality=other,
        kcc=kcc,
        lighting=lighting,
        waste=waste,
        basisteam=basisteam,
        other_team=other_team,
        lighting_main=lighting_main,
        lamp_broken=lamp_broken,
        lamp_flickering=lamp_flickering,
        waste_main=waste_main,
        litter=litter,
        burglary=burglary,
        users=users,
        lamp=lamp,
        lamp_earlier=lamp_earlier,
        linked=linked,
        police_report=police_report,
        other_report=other_report,
        photo=photo,
    )


@pytest.fixture
def world(db: None) -> World:
    return build_world()


def client_for(user: User | None) -> Client:
    """Return a test client logged in as ``user`` (anonymous for ``None``) that asks for English pages."""
    client = Client(HTTP_ACCEPT_LANGUAGE="en")
    if user is not None:
        client.force_login(user)
    return client
