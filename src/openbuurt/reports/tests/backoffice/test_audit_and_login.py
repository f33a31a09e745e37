"""The audit log browser (scoped to the administrator's organisation), its admin page, and the staff login."""

from __future__ import annotations

from typing import Any

from django.contrib.admin.sites import site as admin_site
from django.test import Client, RequestFactory
from django.urls import reverse

import pytest

from openbuurt.core import audit
from openbuurt.core.models import AuditAction, AuditLogEntry
from openbuurt.reports.backoffice import throttle
from openbuurt.reports.tests.backoffice.conftest import PASSWORD, World, client_for

pytestmark = pytest.mark.django_db


def entries(world: World, user: str = "administrator", **params: Any) -> list[AuditLogEntry]:
    response = client_for(world.users[user]).get(reverse("backoffice:audit"), params)
    assert response.status_code == 200
    return list(response.context["entries"])


def test_administrators_see_their_own_organisations_entries_only(world: World) -> None:
    audit.record(actor=world.users["team_lead"], action=AuditAction.UPDATE, target=world.lamp, summary="lamp changed")
    audit.record(actor=None, action=AuditAction.UPDATE, target=world.lamp_earlier, summary="system on earlier lamp")
    audit.record(
        actor=world.users["police_officer"], action=AuditAction.UPDATE, target=world.police_report, summary="police"
    )
    audit.record(actor=None, action=AuditAction.UPDATE, target=world.other_report, summary="elsewhere")

    summaries = {entry.summary for entry in entries(world)}

    assert {"lamp changed", "system on earlier lamp"} <= summaries
    assert not {"police", "elsewhere"} & summaries
    # The municipal superuser is bound to the same organisation.
    assert not {"police", "elsewhere"} & {entry.summary for entry in entries(world, "superuser")}


def test_audit_filters(world: World) -> None:
    lead = world.users["team_lead"]
    audit.record(actor=lead, action=AuditAction.UPDATE, target=world.lamp, summary="by lead")
    audit.record(actor=lead, action=AuditAction.VIEW_PERSONAL_DATA, target=world.lamp, summary="lead looked")
    audit.record(actor=world.users["intake"], action=AuditAction.UPDATE, target=world.lamp_earlier, summary="by intake")

    assert {entry.summary for entry in entries(world, actor="lead")} == {"by lead", "lead looked"}
    assert [entry.summary for entry in entries(world, action="view_personal_data")] == ["lead looked"]
    assert {
        entry.summary for entry in entries(world, object_type="reports.report", object_id=str(world.lamp_earlier.pk))
    } == {"by intake"}


def test_a_bad_audit_filter_shows_its_error(world: World) -> None:
    response = client_for(world.users["administrator"]).get(reverse("backoffice:audit"), {"since": "vorige week"})

    assert response.status_code == 200
    assert response.context["form"].errors["since"]


def test_the_audit_log_pages_through_older_entries(world: World) -> None:
    for index in range(55):
        audit.record(actor=None, action=AuditAction.UPDATE, target=world.lamp, summary=f"entry {index}")
    client = client_for(world.users["administrator"])

    first = client.get(reverse("backoffice:audit"))
    second = client.get(first.context["next_url"])

    seen = [entry.pk for entry in first.context["entries"]] + [entry.pk for entry in second.context["entries"]]
    assert len(seen) == len(set(seen)) == AuditLogEntry.objects.count()


def test_the_admin_shows_the_audit_log_read_only(world: World) -> None:
    root = world.users["superuser"]
    request = RequestFactory().get("/admin/")
    request.user = root
    model_admin = admin_site._registry[AuditLogEntry]

    assert model_admin.has_view_permission(request)
    assert not model_admin.has_add_permission(request)
    assert not model_admin.has_change_permission(request)
    assert not model_admin.has_delete_permission(request)
    assert client_for(root).get(reverse("admin:core_auditlogentry_changelist")).status_code == 200


def login(client: Client, username: str, password: str) -> Any:
    return client.post(reverse("backoffice:login"), {"username": username, "password": password})


def test_staff_log_in_to_the_queue_and_the_login_is_audited(world: World) -> None:
    client = Client(HTTP_ACCEPT_LANGUAGE="en")

    page = client.get(reverse("backoffice:login"))
    response = login(client, "lead", PASSWORD)

    assert page.status_code == 200 and 'autocomplete="username"' in page.content.decode()
    assert response.status_code == 302 and response["Location"] == reverse("backoffice:queue")
    assert AuditLogEntry.objects.filter(action=AuditAction.LOGIN, actor=world.users["team_lead"]).exists()
    assert client.get(reverse("backoffice:queue")).status_code == 200


def test_login_returns_to_the_page_asked_for(world: World) -> None:
    client = Client()
    target = reverse("backoffice:report-detail", kwargs={"public_id": world.lamp.public_id})

    redirected = client.get(target)
    response = client.post(redirected["Location"], {"username": "lead", "password": PASSWORD})

    assert response["Location"] == target


def test_a_wrong_password_is_refused_and_repeated_failures_lock_the_username(world: World) -> None:
    client = Client(HTTP_ACCEPT_LANGUAGE="en")

    for _attempt in range(throttle.MAX_FAILURES_PER_USERNAME):
        refused = login(client, "lead", "wrong-password")
        assert refused.status_code == 200
    locked = login(client, "lead", PASSWORD)

    assert locked.status_code == 429
    assert "Too many failed attempts" in locked.content.decode()
    assert "_auth_user_id" not in client.session
    # Another user from another address is not affected.
    other = Client(REMOTE_ADDR="192.0.2.10")
    assert login(other, "intake", PASSWORD).status_code == 302


def test_logout_needs_a_post(world: World) -> None:
    client = client_for(world.users["team_lead"])

    assert client.get(reverse("backoffice:logout")).status_code == 405
    response = client.post(reverse("backoffice:logout"))
    assert response.status_code == 302 and response["Location"] == reverse("backoffice:login")
    assert client.get(reverse("backoffice:queue")).status_code == 302
