"""The status transition table and the change_status service."""

from __future__ import annotations

import pytest

from openbuurt.core.events import subscribe, unsubscribe
from openbuurt.core.models import AppendOnlyError, AuditLogEntry
from openbuurt.reports.constants import ReportSource, ReportStatus
from openbuurt.reports.events import ReportStatusChanged
from openbuurt.reports.models import StatusChange
from openbuurt.reports.services import TransitionNotAllowedError, change_status
from openbuurt.reports.tests.factories import ReportFactory
from openbuurt.reports.workflow import TRANSITIONS, allowed_next, can_move
from openbuurt.triage.models import Category

pytestmark = pytest.mark.django_db


@pytest.fixture
def category() -> Category:
    return Category.objects.create(
        slug="test-lamp", name_nl="Lamp (test)", name_en="Lamp (test)", service_code="TEST-LAMP", sla_days=5
    )


def test_every_status_has_a_row_in_the_table() -> None:
    assert set(TRANSITIONS) == set(ReportStatus)


def test_closed_reports_only_reopen() -> None:
    assert allowed_next(ReportStatus.DONE) == {ReportStatus.REOPEN_REQUESTED, ReportStatus.REOPENED}
    assert allowed_next(ReportStatus.CANCELLED) == {ReportStatus.REOPENED}
    assert not can_move(ReportStatus.DONE, ReportStatus.IN_PROGRESS)


def test_no_status_moves_to_itself() -> None:
    for status, targets in TRANSITIONS.items():
        assert status not in targets, status


def test_change_status_appends_history_and_audits(
    category: Category, django_capture_on_commit_callbacks: pytest.FixtureRequest
) -> None:
    report = ReportFactory(category=category)
    seen: list[ReportStatusChanged] = []
    handler = subscribe(ReportStatusChanged)(seen.append)
    try:
        with django_capture_on_commit_callbacks(execute=True):  # type: ignore[operator]
            change_status(
                report=report, to_status=ReportStatus.IN_PROGRESS, actor=None, public_text="We gaan aan de slag."
            )
            change_status(report=report, to_status=ReportStatus.DONE, actor=None, internal_note="lamp vervangen")
    finally:
        unsubscribe(ReportStatusChanged, handler)
    report.refresh_from_db()
    assert report.status == ReportStatus.DONE
    assert report.closed_at is not None
    history = list(StatusChange.objects.filter(report=report).values_list("from_status", "to_status"))
    assert history == [(ReportStatus.NEW, ReportStatus.IN_PROGRESS), (ReportStatus.IN_PROGRESS, ReportStatus.DONE)]
    assert [event.to_status for event in seen] == [ReportStatus.IN_PROGRESS, ReportStatus.DONE]
    assert seen[0].public_text == "We gaan aan de slag."
    assert AuditLogEntry.objects.filter(object_id=str(report.pk), object_type="reports.report").count() == 2


def test_forbidden_transition_changes_nothing(category: Category) -> None:
    report = ReportFactory(category=category, closed=True)
    with pytest.raises(TransitionNotAllowedError):
        change_status(report=report, to_status=ReportStatus.IN_PROGRESS, actor=None)
    report.refresh_from_db()
    assert report.status == ReportStatus.DONE
    assert not StatusChange.objects.filter(report=report).exists()


def test_history_rows_cannot_be_edited_or_deleted(category: Category) -> None:
    report = ReportFactory(category=category)
    change = change_status(report=report, to_status=ReportStatus.ACCEPTED, actor=None)
    change.public_text = "rewritten"
    with pytest.raises(AppendOnlyError):
        change.save()
    with pytest.raises(AppendOnlyError):
        change.delete()


def test_intake_removes_control_characters_that_no_database_or_xml_can_carry(category: Category) -> None:
    from openbuurt.reports.services import LocationInput, submit_report
    from openbuurt.reports.tests.factories import OrganisationFactory

    OrganisationFactory()
    result = submit_report(
        text="Lamp\x00 kapot\x0b bij\tons\r\nvoor de deur (testtekst)",
        location=LocationInput(address_text="Grote\x00 Markt 1"),
        source=ReportSource.WEB,
        category=category,
    )
    result.report.refresh_from_db()
    assert result.report.text == "Lamp kapot bij\tons\r\nvoor de deur (testtekst)"
    assert result.report.address_text == "Grote Markt 1"
