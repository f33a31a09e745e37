"""The detail page: what it shows, the photo view, and the reporter's contact details behind an audited button."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path
from typing import Any

from django.core.files.base import ContentFile
from django.urls import reverse
from django.utils import timezone

import pytest

from openbuurt.core.models import AuditAction, AuditLogEntry
from openbuurt.reports.constants import ReportStatus
from openbuurt.reports.models import Attachment, Feedback, Note, Report
from openbuurt.reports.services import assign_report, change_category, change_status
from openbuurt.reports.tests.backoffice.conftest import World, client_for, png_bytes
from openbuurt.triage.classifiers import ReportFeatures
from openbuurt.triage.learning.active import model_store
from openbuurt.triage.learning.training import TrainingPlan, train_bundle
from openbuurt.triage.selectors import reset_classifier_cache
from openbuurt.triage.services import LabelledExample

pytestmark = pytest.mark.django_db


def detail_url(report: Report) -> str:
    return reverse("backoffice:report-detail", kwargs={"public_id": report.public_id})


def test_the_history_merges_every_kind_of_row_in_time_order(world: World) -> None:
    lead = world.users["team_lead"]
    assign_report(report=world.lamp, department=world.lighting, assignee=lead, actor=lead, reason="Eigen wijk")
    change_category(report=world.lamp, category=world.lamp_flickering, actor=lead)
    Note.objects.create(
        report=world.lamp, author=lead, author_label="lead", text="Eerste notitie.", created_at=timezone.now()
    )
    change_status(report=world.lamp, to_status=ReportStatus.DONE, actor=lead, public_text="Lamp vervangen.")
    Feedback.objects.create(
        report=world.lamp, is_solved=True, comment="Dank!", created_at=timezone.now() + timedelta(seconds=1)
    )

    response = client_for(lead).get(detail_url(world.lamp))

    kinds = [item.kind for item in response.context["history"]]
    assert kinds == ["assignment", "category", "note", "status", "feedback"]
    page = response.content.decode()
    for text in ("Eigen wijk", "Lamp kapot (test)", "Eerste notitie.", "Lamp vervangen.", "Dank!"):
        assert text in page


def test_classifier_suggestions_are_shown_when_the_report_needs_triage(world: World) -> None:
    Report.objects.filter(pk=world.lamp.pk).update(
        needs_triage=True,
        category_suggestions=[{"slug": "bo-lamp-knippert", "probability": 0.41}, {"slug": "gone", "probability": 0.2}],
    )

    response = client_for(world.users["intake"]).get(detail_url(world.lamp))

    assert [(item["category"].slug, item["percent"]) for item in response.context["suggestions"]] == [
        ("bo-lamp-knippert", 41)
    ]
    assert 'id="suggestions"' in response.content.decode()


def test_overdue_badges(world: World) -> None:
    now = timezone.now()
    Report.objects.filter(pk=world.lamp.pk).update(
        deadline=now - timedelta(days=1), far_deadline=now + timedelta(days=3)
    )
    Report.objects.filter(pk=world.lamp_earlier.pk).update(
        deadline=now - timedelta(days=9), far_deadline=now - timedelta(hours=1)
    )
    client = client_for(world.users["team_lead"])

    overdue = client.get(detail_url(world.lamp)).context
    far = client.get(detail_url(world.lamp_earlier)).context

    assert (overdue["is_overdue"], overdue["is_far_overdue"]) == (True, False)
    assert far["is_far_overdue"] is True


def test_possible_duplicates_are_listed_with_a_link_button(world: World) -> None:
    response = client_for(world.users["team_lead"]).get(detail_url(world.lamp))

    found = [item.report.public_id for item in response.context["possible_duplicates"]]
    # The earlier lamp is 33 m away; the linked report is left out because it points to its primary already.
    assert found == [world.lamp_earlier.public_id]
    assert f'value="{world.lamp_earlier.public_id}"' in response.content.decode()


def test_the_photo_is_streamed_with_its_type_and_never_cached(world: World) -> None:
    response = client_for(world.users["team_member"]).get(
        reverse("backoffice:report-photo", kwargs={"public_id": world.lamp.public_id, "pk": world.photo.pk})
    )

    assert response.status_code == 200
    assert response["Content-Type"] == "image/png"
    assert response["Cache-Control"] == "private, no-store"
    assert response.getvalue() == png_bytes()


def test_a_photo_of_another_report_is_not_served_through_this_one(world: World) -> None:
    other_photo = Attachment.objects.create(
        report=world.police_report,
        file="reports/x.png",
        content_type="image/png",
        size=1,
        width=1,
        height=1,
        sha256="1" * 64,
    )
    client = client_for(world.users["team_lead"])

    mixed = client.get(
        reverse("backoffice:report-photo", kwargs={"public_id": world.lamp.public_id, "pk": other_photo.pk})
    )

    assert mixed.status_code == 404


def test_a_photo_whose_file_is_gone_answers_404(world: World) -> None:
    assert world.photo.file.name
    world.photo.file.storage.delete(world.photo.file.name)

    response = client_for(world.users["team_lead"]).get(
        reverse("backoffice:report-photo", kwargs={"public_id": world.lamp.public_id, "pk": world.photo.pk})
    )

    assert response.status_code == 404


def test_contact_details_are_hidden_until_asked_and_each_reveal_is_audited(world: World) -> None:
    lead = world.users["team_lead"]
    client = client_for(lead)

    page = client.get(detail_url(world.lamp)).content.decode()
    assert "bewoner@example.org" not in page and 'id="show-contact"' in page
    assert not AuditLogEntry.objects.filter(action=AuditAction.VIEW_PERSONAL_DATA).exists()

    shown = client.post(reverse("backoffice:report-contact", kwargs={"public_id": world.lamp.public_id}))

    assert shown.status_code == 200
    assert "bewoner@example.org" in shown.content.decode() and "0612345678" in shown.content.decode()
    assert shown["Cache-Control"] == "private, no-store"
    entry = AuditLogEntry.objects.get(action=AuditAction.VIEW_PERSONAL_DATA)
    assert (entry.actor, entry.object_id, entry.summary) == (
        lead,
        str(world.lamp.pk),
        "viewed reporter contact details",
    )


def test_contact_reveal_through_htmx_returns_only_the_box(world: World) -> None:
    response = client_for(world.users["team_lead"]).post(
        reverse("backoffice:report-contact", kwargs={"public_id": world.lamp.public_id}), headers={"HX-Request": "true"}
    )

    assert response.status_code == 200
    assert response.content.decode().startswith('<div id="contact-box">')
    assert "bewoner@example.org" in response.content.decode()


def test_contact_reveal_without_the_permission_is_forbidden_and_not_logged(world: World) -> None:
    client = client_for(world.users["team_member"])

    page = client.get(detail_url(world.lamp)).content.decode()
    response = client.post(reverse("backoffice:report-contact", kwargs={"public_id": world.lamp.public_id}))

    assert 'id="contact-not-allowed"' in page and 'id="show-contact"' not in page
    assert response.status_code == 403
    assert "bewoner@example.org" not in response.content.decode()
    assert not AuditLogEntry.objects.filter(action=AuditAction.VIEW_PERSONAL_DATA).exists()


def test_a_report_without_contact_details_says_so(world: World) -> None:
    response = client_for(world.users["team_lead"]).post(
        reverse("backoffice:report-contact", kwargs={"public_id": world.lamp_earlier.public_id})
    )

    assert response.status_code == 200
    assert "The reporter left no contact details." in response.content.decode()


def test_photo_views_of_a_police_report_are_logged(world: World) -> None:
    photo = Attachment(report=world.police_report, content_type="image/png", size=1, width=8, height=6, sha256="2" * 64)
    photo.file.save("p.png", ContentFile(png_bytes("blue")), save=True)
    officer = world.users["police_officer"]

    response = client_for(officer).get(
        reverse("backoffice:report-photo", kwargs={"public_id": world.police_report.public_id, "pk": photo.pk})
    )

    assert response.status_code == 200
    entry = AuditLogEntry.objects.get(action=AuditAction.VIEW_PERSONAL_DATA)
    assert (entry.summary, entry.detail) == ("viewed photo of confidential report", {"attachment": photo.pk})


def test_the_learned_team_suggestion_is_shown_beside_the_routing_rules(
    world: World, tmp_path: Path, settings: Any
) -> None:
    # A site model trained on examples whose team names are the slugs of this municipality's teams.
    settings.OPENBUURT_MODELS_DIR = str(tmp_path / "models")
    examples = [
        LabelledExample(
            features=ReportFeatures(text=f"{text} {n}", lat=53.2194, lon=6.5665),
            label=label,
            team=team,
        )
        for n in range(25)
        for text, label, team in (
            ("De lantaarnpaal brandt niet", "bo-lamp-kapot", world.lighting.slug),
            ("Er ligt zwerfafval op straat", "bo-zwerfafval", "afval-test"),
        )
    ]
    bundle = train_bundle(TrainingPlan(examples=examples))
    store = model_store()
    store.add(bundle)
    store.activate(bundle.version)
    reset_classifier_cache()

    response = client_for(world.users["intake"]).get(detail_url(world.lamp))

    suggested = [item["department"].slug for item in response.context["team_suggestions"]]
    assert suggested[0] == world.lighting.slug
    assert set(suggested) <= {world.lighting.slug, "afval-test"}
    assert 'id="team-suggestions"' in response.content.decode()


def test_no_team_suggestion_without_a_team_model(world: World, tmp_path: Path, settings: Any) -> None:
    settings.OPENBUURT_MODELS_DIR = str(tmp_path / "empty-models")
    reset_classifier_cache()
    response = client_for(world.users["intake"]).get(detail_url(world.lamp))
    assert response.context["team_suggestions"] == []
