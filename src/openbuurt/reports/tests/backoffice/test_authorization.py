"""The authorization matrix: every role against every private page and endpoint of the back office.

The report used is a municipal report of the lighting team. Outside a user's scope the answer is 404 (existence
does not leak); inside it, a missing permission is 403; anonymous visitors are sent to the login page.
"""

from __future__ import annotations

from typing import Any

from django.urls import reverse

import pytest

from openbuurt.core.models import AuditAction, AuditLogEntry
from openbuurt.reports.tests.backoffice.conftest import World, client_for

pytestmark = pytest.mark.django_db

ROLES = [
    "anonymous",
    "intake",
    "team_member",
    "team_lead",
    "police_officer",
    "administrator",
    "superuser",
    "limited",
    "other_municipality",
]


def _endpoints(world: World) -> dict[str, tuple[str, str, dict[str, Any]]]:
    """Name → (method, url, POST data) of every private page and endpoint, for the lighting report."""
    number = world.lamp.public_id

    def at(name: str, public_id: str = number, **kwargs: Any) -> str:
        return reverse(f"backoffice:{name}", kwargs={"public_id": public_id, **kwargs})

    return {
        "queue": ("get", reverse("backoffice:queue"), {}),
        "map": ("get", reverse("backoffice:map"), {}),
        "map_data": ("get", reverse("backoffice:map-data"), {}),
        "detail": ("get", at("report-detail"), {}),
        "photo": ("get", at("report-photo", pk=world.photo.pk), {}),
        "contact": ("post", at("report-contact"), {}),
        "status": ("post", at("report-status"), {"to_status": "accepted", "public_text": "We gaan aan de slag."}),
        "assign": ("post", at("report-assign"), {"department": world.lighting.pk, "assignee": ""}),
        "refer": ("post", at("report-refer"), {"organisation": world.police.pk, "reason": "Lijkt op vandalisme."}),
        "category": ("post", at("report-category"), {"category": world.lamp_flickering.pk}),
        "priority": ("post", at("report-priority"), {"priority": "high", "reason": "Bij een school."}),
        "note": ("post", at("report-note"), {"text": "Monteur is gebeld (testnotitie)."}),
        "duplicate": ("post", at("report-duplicate"), {"primary": world.lamp_earlier.public_id}),
        "unlink": ("post", at("report-unlink", public_id=world.linked.public_id), {}),
        "audit": ("get", reverse("backoffice:audit"), {}),
        "admin": ("get", reverse("admin:index"), {}),
    }


LOGIN = "login"
OK, MOVED, FORBIDDEN, HIDDEN = 200, 302, 403, 404
ACTIONS = ["status", "assign", "category", "priority", "note", "duplicate", "unlink"]


def _expected(role: str, endpoint: str) -> int | str:
    if role == "anonymous":
        return MOVED if endpoint == "admin" else LOGIN
    if endpoint == "admin":
        return OK if role == "superuser" else MOVED
    if endpoint in ("queue", "map", "map_data"):
        return OK
    if endpoint == "audit":
        return OK if role in ("administrator", "superuser") else FORBIDDEN
    # The lighting report is outside the scope of the police, a department-limited member of another team, and
    # another municipality: for them it does not exist.
    if role in ("police_officer", "limited", "other_municipality"):
        return HIDDEN
    if endpoint in ("detail", "photo"):
        return OK
    if endpoint == "contact":
        return OK if role in ("team_lead", "administrator", "superuser") else FORBIDDEN
    if endpoint == "refer":
        return MOVED if role in ("intake", "team_lead", "administrator", "superuser") else FORBIDDEN
    assert endpoint in ACTIONS, endpoint
    return MOVED


ENDPOINT_NAMES = [
    "queue",
    "map",
    "map_data",
    "detail",
    "photo",
    "contact",
    *ACTIONS,
    "refer",
    "audit",
    "admin",
]


@pytest.mark.parametrize("endpoint", ENDPOINT_NAMES)
@pytest.mark.parametrize("role", ROLES)
def test_authorization_matrix(world: World, role: str, endpoint: str) -> None:
    user = None if role == "anonymous" else world.users[role]
    method, url, data = _endpoints(world)[endpoint]
    client = client_for(user)
    response = client.post(url, data) if method == "post" else client.get(url)
    expected = _expected(role, endpoint)

    if expected == LOGIN:
        assert response.status_code == MOVED
        assert response["Location"].startswith(reverse("backoffice:login"))
        return
    assert response.status_code == expected, f"{role} on {endpoint}: {response.status_code}"
    if expected == MOVED and endpoint != "admin":
        assert response["Location"].startswith("/backoffice/")


def test_police_staff_open_police_reports_and_municipal_superusers_do_not(world: World) -> None:
    url = reverse("backoffice:report-detail", kwargs={"public_id": world.police_report.public_id})

    assert client_for(world.users["police_officer"]).get(url).status_code == OK
    assert client_for(world.users["superuser"]).get(url).status_code == HIDDEN
    assert client_for(world.users["team_lead"]).get(url).status_code == HIDDEN


def test_a_department_limited_member_opens_their_own_teams_reports(world: World) -> None:
    own = world.lamp_earlier
    own.department = world.waste
    own.save(update_fields=["department"])
    url = reverse("backoffice:report-detail", kwargs={"public_id": own.public_id})

    assert client_for(world.users["limited"]).get(url).status_code == OK


def test_a_nonexistent_report_looks_the_same_as_one_outside_the_scope(world: World) -> None:
    client = client_for(world.users["police_officer"])
    missing = client.get(reverse("backoffice:report-detail", kwargs={"public_id": "GRO-2026-999999"}))
    hidden = client.get(reverse("backoffice:report-detail", kwargs={"public_id": world.lamp.public_id}))

    assert missing.status_code == hidden.status_code == HIDDEN


def test_an_account_without_organisation_is_refused(world: World) -> None:
    loose = world.users["intake"]
    loose.organisation = None
    loose.save(update_fields=["organisation"])

    assert client_for(loose).get(reverse("backoffice:queue")).status_code == FORBIDDEN


def test_opening_a_police_report_is_logged_as_a_view_of_personal_data(world: World) -> None:
    officer = world.users["police_officer"]
    client_for(officer).get(reverse("backoffice:report-detail", kwargs={"public_id": world.police_report.public_id}))
    client_for(world.users["team_lead"]).get(
        reverse("backoffice:report-detail", kwargs={"public_id": world.lamp.public_id})
    )

    views = AuditLogEntry.objects.filter(action=AuditAction.VIEW_PERSONAL_DATA)
    assert [(entry.actor_id, entry.object_id) for entry in views] == [(officer.pk, str(world.police_report.pk))]
