"""Each action of the detail page through a real POST, and the bad inputs that must change nothing."""

from __future__ import annotations

from typing import Any

from django.test import Client
from django.urls import reverse

import pytest

from openbuurt.accounts.constants import Role
from openbuurt.core.models import AuditLogEntry
from openbuurt.reports.constants import ReportStatus
from openbuurt.reports.models import Assignment, CategoryChange, Follower, Note, Report, Reporter, StatusChange
from openbuurt.reports.tests.backoffice.conftest import World, client_for, make_user

pytestmark = pytest.mark.django_db


def post(client: Client, report: Report, action: str, data: dict[str, Any]) -> Any:
    return client.post(reverse(f"backoffice:report-{action}", kwargs={"public_id": report.public_id}), data)


def detail(report: Report) -> str:
    return reverse("backoffice:report-detail", kwargs={"public_id": report.public_id})


@pytest.fixture
def lead(world: World) -> Client:
    return client_for(world.users["team_lead"])


def test_change_status_with_a_public_text_and_an_internal_note(world: World, lead: Client) -> None:
    response = post(
        lead,
        world.lamp,
        "status",
        {"to_status": "in_progress", "public_text": "De monteur komt morgen.", "internal_note": "Ladder nodig."},
    )

    assert response.status_code == 302 and response["Location"] == detail(world.lamp)
    world.lamp.refresh_from_db()
    assert world.lamp.status == ReportStatus.IN_PROGRESS
    change = StatusChange.objects.get(report=world.lamp)
    assert (change.public_text, change.internal_note, change.actor) == (
        "De monteur komt morgen.",
        "Ladder nodig.",
        world.users["team_lead"],
    )
    page = lead.get(detail(world.lamp)).content.decode()
    assert "Status changed to “in progress”." in page
    assert "De monteur komt morgen." in page and "Ladder nodig." in page


def test_a_forbidden_transition_is_refused_with_the_reason_and_changes_nothing(world: World, lead: Client) -> None:
    Report.objects.filter(pk=world.lamp.pk).update(status=ReportStatus.CANCELLED)

    response = post(lead, world.lamp, "status", {"to_status": "in_progress", "public_text": "Toch bezig."})

    assert response.status_code == 400
    assert "cannot go from" in response.content.decode()
    assert "Toch bezig." in response.content.decode()  # the input is kept for another try
    world.lamp.refresh_from_db()
    assert world.lamp.status == ReportStatus.CANCELLED
    assert not StatusChange.objects.filter(report=world.lamp).exists()


def test_an_unknown_status_is_refused(world: World, lead: Client) -> None:
    response = post(lead, world.lamp, "status", {"to_status": "exploded"})

    assert response.status_code == 400
    assert response.context["status_form"].errors["to_status"]
    assert not StatusChange.objects.exists()


def test_the_status_form_offers_only_allowed_moves(world: World, lead: Client) -> None:
    Report.objects.filter(pk=world.lamp.pk).update(status=ReportStatus.DONE)

    form = lead.get(detail(world.lamp)).context["status_form"]

    assert {value for value, _label in form.fields["to_status"].widget.choices} == {"reopen_requested", "reopened"}


def test_reassign_to_a_team_and_a_person_of_that_team(world: World, lead: Client) -> None:
    member = world.users["team_member"]
    response = post(
        lead, world.lamp, "assign", {"department": world.lighting.pk, "assignee": member.pk, "reason": "Zijn wijk."}
    )

    assert response.status_code == 302
    world.lamp.refresh_from_db()
    assert (world.lamp.department, world.lamp.assignee) == (world.lighting, member)
    row = Assignment.objects.get(report=world.lamp)
    assert (row.reason, row.actor) == ("Zijn wijk.", world.users["team_lead"])


def test_a_person_outside_the_chosen_team_is_refused(world: World, lead: Client) -> None:
    member = world.users["team_member"]

    response = post(lead, world.lamp, "assign", {"department": world.waste.pk, "assignee": member.pk})

    assert response.status_code == 400
    assert "is not a member of" in response.content.decode()
    world.lamp.refresh_from_db()
    assert (world.lamp.department, world.lamp.assignee) == (world.lighting, None)
    assert not Assignment.objects.exists()


def test_a_person_of_another_organisation_is_refused(world: World, lead: Client) -> None:
    response = post(lead, world.lamp, "assign", {"department": "", "assignee": world.users["police_officer"].pk})

    assert response.status_code == 400
    assert not Assignment.objects.exists()


def test_refer_to_the_police_lands_at_their_intake_team_and_leaves_the_queue(world: World) -> None:
    intake_officer = make_user("meldkamer", world.police, Role.INTAKE, [world.basisteam])
    client = client_for(world.users["intake"])

    response = post(client, world.lamp, "refer", {"organisation": world.police.pk, "reason": "Vernield, aangifte?"})

    assert response.status_code == 302 and response["Location"] == reverse("backoffice:queue")
    world.lamp.refresh_from_db()
    assert (world.lamp.organisation, world.lamp.department, world.lamp.is_confidential) == (
        world.police,
        world.basisteam,
        True,
    )
    assert Assignment.objects.get(report=world.lamp).reason == "Vernield, aangifte?"
    # The municipality no longer sees it; the police do.
    assert client.get(detail(world.lamp)).status_code == 404
    assert client_for(intake_officer).get(detail(world.lamp)).status_code == 200


def test_refer_without_a_reason_is_refused(world: World) -> None:
    client = client_for(world.users["intake"])

    response = post(client, world.lamp, "refer", {"organisation": world.police.pk, "reason": "   "})

    assert response.status_code == 400
    world.lamp.refresh_from_db()
    assert world.lamp.organisation == world.municipality


def test_the_police_refer_a_report_back_to_the_municipality(world: World) -> None:
    officer = world.users["police_officer"]
    # Without an intake member the report lands in the municipality's unrouted queue.
    response = post(
        client_for(officer),
        world.police_report,
        "refer",
        {"organisation": world.municipality.pk, "reason": "Geen politiezaak."},
    )

    assert response.status_code == 302
    world.police_report.refresh_from_db()
    assert (world.police_report.organisation, world.police_report.department) == (world.municipality, world.kcc)


def test_change_category_keeps_the_old_one(world: World, lead: Client) -> None:
    response = post(lead, world.lamp, "category", {"category": world.lamp_flickering.pk})

    assert response.status_code == 302
    change = CategoryChange.objects.get(report=world.lamp)
    assert (change.from_category, change.to_category) == (world.lamp_broken, world.lamp_flickering)
    page = lead.get(detail(world.lamp)).content.decode()
    assert "Lamp kapot (test)" in page and "Lamp knippert (test)" in page


@pytest.mark.parametrize("value", ["", "999999", "abc"])
def test_a_bad_category_is_refused(world: World, lead: Client, value: str) -> None:
    response = post(lead, world.lamp, "category", {"category": value})

    assert response.status_code == 400
    assert not CategoryChange.objects.exists()


def test_set_priority_with_a_reason(world: World, lead: Client) -> None:
    response = post(lead, world.lamp, "priority", {"priority": "urgent", "reason": "Donker kruispunt."})

    assert response.status_code == 302
    world.lamp.refresh_from_db()
    assert (world.lamp.priority, world.lamp.priority_reason) == ("urgent", "Donker kruispunt.")


def test_a_bad_priority_is_refused(world: World, lead: Client) -> None:
    response = post(lead, world.lamp, "priority", {"priority": "whenever"})

    assert response.status_code == 400
    world.lamp.refresh_from_db()
    assert world.lamp.priority == "normal"


def test_add_a_note_and_refuse_an_empty_one(world: World, lead: Client) -> None:
    empty = post(lead, world.lamp, "note", {"text": "   "})
    added = post(lead, world.lamp, "note", {"text": "Bewoner belde nog een keer."})

    assert empty.status_code == 400
    assert added.status_code == 302
    assert list(Note.objects.filter(report=world.lamp).values_list("text", flat=True)) == [
        "Bewoner belde nog een keer."
    ]


def test_link_as_duplicate_makes_the_reporter_a_follower_and_unlink_undoes_it(world: World, lead: Client) -> None:
    response = post(lead, world.lamp, "duplicate", {"primary": world.lamp_earlier.public_id.lower()})

    assert response.status_code == 302
    world.lamp.refresh_from_db()
    assert world.lamp.duplicate_of == world.lamp_earlier
    follower = Follower.objects.get(report=world.lamp_earlier)
    assert (follower.email, follower.source_report) == ("bewoner@example.org", world.lamp)
    assert "linked to" in lead.get(detail(world.lamp)).content.decode()

    response = post(lead, world.lamp, "unlink", {})

    assert response.status_code == 302
    assert Report.objects.get(pk=world.lamp.pk).duplicate_of_id is None
    assert not Follower.objects.filter(report=world.lamp_earlier).exists()


@pytest.mark.parametrize("number", ["GRO-2026-424242", "POL-2026-000001", "ELD-2026-000001", ""])
def test_link_to_a_report_that_is_missing_or_out_of_scope_is_refused(world: World, lead: Client, number: str) -> None:
    response = post(lead, world.lamp, "duplicate", {"primary": number})

    assert response.status_code == 400
    world.lamp.refresh_from_db()
    assert world.lamp.duplicate_of is None


def test_link_to_itself_or_to_a_duplicate_is_refused_with_the_reason(world: World, lead: Client) -> None:
    to_itself = post(lead, world.lamp, "duplicate", {"primary": world.lamp.public_id})
    to_a_duplicate = post(lead, world.lamp, "duplicate", {"primary": world.linked.public_id})

    assert to_itself.status_code == to_a_duplicate.status_code == 400
    assert "cannot be a duplicate of itself" in to_itself.content.decode()
    assert "is itself linked to another report" in to_a_duplicate.content.decode()
    world.lamp.refresh_from_db()
    assert world.lamp.duplicate_of is None


def test_unlink_a_report_that_is_not_linked_is_refused(world: World, lead: Client) -> None:
    response = post(lead, world.lamp, "unlink", {})

    assert response.status_code == 400
    assert "is not linked" in response.content.decode()


def test_every_action_is_audited(world: World, lead: Client) -> None:
    post(lead, world.lamp, "status", {"to_status": "accepted"})
    post(lead, world.lamp, "priority", {"priority": "high"})
    post(lead, world.lamp, "note", {"text": "Genoteerd."})

    summaries = list(
        AuditLogEntry.objects.filter(object_type="reports.report", object_id=str(world.lamp.pk)).values_list(
            "summary", flat=True
        )
    )
    assert any("status new → accepted" in summary for summary in summaries)
    assert any("priority normal → high" in summary for summary in summaries)
    assert "internal note added" in summaries


def test_actions_need_a_post_and_a_csrf_token(world: World) -> None:
    client = Client(enforce_csrf_checks=True)
    client.force_login(world.users["team_lead"])

    assert (
        client.get(reverse("backoffice:report-status", kwargs={"public_id": world.lamp.public_id})).status_code == 405
    )
    assert post(client, world.lamp, "status", {"to_status": "accepted"}).status_code == 403
    world.lamp.refresh_from_db()
    assert world.lamp.status == ReportStatus.NEW


def test_a_role_less_account_may_look_but_not_act(world: World) -> None:
    viewer = make_user("kijker", world.municipality, "", [])
    client = client_for(viewer)

    assert client.get(detail(world.lamp)).status_code == 200
    assert post(client, world.lamp, "note", {"text": "Hoi."}).status_code == 403
    assert Reporter.objects.filter(report=world.lamp).exists()
