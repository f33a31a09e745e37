"""The intake queue: a submission is checked and numbered at once, and becomes a report with that number later."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from datetime import datetime
from io import StringIO
from typing import Any
from zoneinfo import ZoneInfo

from django.core.management import call_command
from django.db import IntegrityError, connection, transaction

import pytest

from openbuurt.core.models import AuditLogEntry
from openbuurt.reports import intake_spool
from openbuurt.reports.constants import CategorySource, ReportSource, ReportStatus
from openbuurt.reports.models import Report, Reporter, ReportNumberSequence, StatusChange
from openbuurt.reports.models_intake import QueuedSubmission
from openbuurt.reports.queue_rows import COLUMNS, prepared_row, queue_fields
from openbuurt.reports.selectors import intake_queue_counts, public_queued_submission
from openbuurt.reports.services import LocationInput, ReporterInput, ReportValidationError, intake_queue
from openbuurt.reports.tests.test_services import GRONINGEN, TEXT, build_site

WAIT = 10  # seconds; only reached when something is broken


@pytest.fixture
def site(db: None) -> dict[str, Any]:
    return build_site()


def _queue(site: dict[str, Any], **overrides: Any) -> intake_queue.QueuedResult:
    arguments: dict[str, Any] = {
        "text": TEXT,
        "location": GRONINGEN,
        "source": ReportSource.OPEN311,
        "category": site["main"],
        "category_source": CategorySource.API,
        "reporter": ReporterInput(email="bewoner@example.org", first_name="Anna"),
        "extra": {"open311": {"api_key_id": 1}},
    }
    return intake_queue.queue_report(**(arguments | overrides))


def test_with_tasks_inline_the_report_is_made_at_once_with_the_given_number(site: dict[str, Any]) -> None:
    result = _queue(site)
    assert result.created
    report = Report.objects.get(public_id=result.public_id)
    assert result.public_id.startswith("GRO-")
    assert report.category == site["main"]
    assert report.category_source == CategorySource.API
    assert report.source == ReportSource.OPEN311
    assert report.extra == {"open311": {"api_key_id": 1}}
    assert Reporter.objects.get(report=report).email == "bewoner@example.org"
    assert StatusChange.objects.get(report=report).to_status == ReportStatus.NEW
    assert AuditLogEntry.objects.filter(summary__contains=result.public_id).exists()
    assert not QueuedSubmission.objects.exists()


def test_a_queued_submission_waits_then_becomes_a_report_with_its_number_and_time(
    site: dict[str, Any], deferred_intake: list[str]
) -> None:
    result = _queue(site)
    row = QueuedSubmission.objects.get()
    assert row.public_id == result.public_id
    assert not Report.objects.exists()
    assert row.payload["reporter"]["email"] == "bewoner@example.org"

    assert intake_queue.process_queued_submissions() == 1
    report = Report.objects.get()
    assert report.public_id == result.public_id
    assert report.created_at == row.received_at
    assert report.text == TEXT
    assert (report.lat, report.lon, report.address_text) == (GRONINGEN.lat, GRONINGEN.lon, GRONINGEN.address_text)
    assert not QueuedSubmission.objects.exists()
    assert intake_queue.process_queued_submissions() == 0


def test_numbers_continue_one_sequence_with_reports_made_directly(
    site: dict[str, Any], deferred_intake: list[str]
) -> None:
    from openbuurt.reports.services import submit_report

    first = _queue(site)
    direct = submit_report(text=TEXT, location=GRONINGEN, source=ReportSource.WEB)
    second = _queue(site)
    numbers = [int(value.rsplit("-", 1)[1]) for value in (first.public_id, direct.report.public_id, second.public_id)]
    assert numbers == [numbers[0], numbers[0] + 1, numbers[0] + 2]


def test_a_retry_with_the_same_key_gets_the_same_number_while_queued_and_after(
    site: dict[str, Any], deferred_intake: list[str]
) -> None:
    first = _queue(site, submission_key="open311:1:abc")
    again = _queue(site, submission_key="open311:1:abc")
    assert (again.public_id, again.created) == (first.public_id, False)
    intake_queue.process_queued_submissions()
    after = _queue(site, submission_key="open311:1:abc")
    assert (after.public_id, after.created) == (first.public_id, False)
    assert Report.objects.count() == 1
    assert not QueuedSubmission.objects.exists()


def test_only_submissions_with_a_key_are_held_to_one_row_per_key(
    site: dict[str, Any], deferred_intake: list[str]
) -> None:
    without_key = [_queue(site).public_id for _ in range(3)]
    assert len(set(without_key)) == 3
    row = QueuedSubmission.objects.get(public_id=_queue(site, submission_key="open311:1:k1").public_id)
    with pytest.raises(IntegrityError), transaction.atomic():
        QueuedSubmission.objects.create(
            public_id="GRO-2099-000001",
            submission_key="open311:1:k1",
            source=row.source,
            category=row.category,
            organisation=row.organisation,
            received_at=row.received_at,
        )
    assert QueuedSubmission.objects.count() == 4


@pytest.mark.parametrize(
    ("overrides", "field"),
    [
        ({"text": "x"}, "text"),
        ({"location": LocationInput(lat=40.0, lon=3.0)}, "location"),
        ({"location": LocationInput()}, "location"),
        ({"reporter": ReporterInput(email="not-an-address")}, "email"),
        ({"reporter": ReporterInput(phone="call me maybe")}, "phone"),
    ],
)
def test_a_refused_submission_stores_nothing_and_takes_no_number(
    site: dict[str, Any], deferred_intake: list[str], overrides: dict[str, Any], field: str
) -> None:
    before = list(ReportNumberSequence.objects.values_list("last_value", flat=True))
    with pytest.raises(ReportValidationError) as refused:
        _queue(site, **overrides)
    assert field in refused.value.errors
    assert not QueuedSubmission.objects.exists()
    assert list(ReportNumberSequence.objects.values_list("last_value", flat=True)) == before
    assert deferred_intake == []


def test_a_police_category_takes_a_police_number(site: dict[str, Any], deferred_intake: list[str]) -> None:
    result = _queue(site, category=site["police_category"])
    assert result.public_id.startswith("POL-")
    row = QueuedSubmission.objects.get()
    assert row.organisation == site["police"]
    assert public_queued_submission(row.public_id) is None
    intake_queue.process_queued_submissions()
    assert Report.objects.get(public_id=result.public_id).organisation == site["police"]


def test_urgency_is_known_when_the_number_is_given(site: dict[str, Any], deferred_intake: list[str]) -> None:
    result = _queue(site, text="Er staat een auto in brand midden op straat, de vlammen slaan eruit!")
    assert result.urgency.is_emergency


def test_a_failure_is_kept_on_the_row_and_retried_until_an_administrator_must_look(
    site: dict[str, Any], deferred_intake: list[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    result = _queue(site)

    def broken(**kwargs: Any) -> None:
        raise RuntimeError("classifier unavailable")

    monkeypatch.setattr(intake_queue, "submit_report", broken)
    for attempt in range(1, intake_queue.MAX_AUTOMATIC_ATTEMPTS + 1):
        assert intake_queue.process_queued_submissions() == 0
        row = QueuedSubmission.objects.get()
        assert row.attempts == attempt
        assert "classifier unavailable" in row.last_error
    # The sweep leaves it now; the drain never retries failed rows.
    assert intake_queue.process_queued_submissions() == 0
    assert intake_queue.process_queued_submissions(new_only=True) == 0
    assert QueuedSubmission.objects.get().attempts == intake_queue.MAX_AUTOMATIC_ATTEMPTS
    assert intake_queue_counts() == (0, 1)

    monkeypatch.undo()
    out = StringIO()
    call_command("intake-queue", "process", "--retry-failed", stdout=out, stderr=StringIO())
    assert "1 report(s) made; 0 waiting, 0 failed" in out.getvalue()
    assert Report.objects.filter(public_id=result.public_id).exists()


def test_a_row_taken_by_another_worker_is_left_alone(site: dict[str, Any], deferred_intake: list[str]) -> None:
    _queue(site)
    row_id = QueuedSubmission.objects.get().pk
    assert intake_queue.process_queued_submission(row_id) is intake_queue.Outcome.MADE
    assert intake_queue.process_queued_submission(row_id) is intake_queue.Outcome.GONE
    assert Report.objects.count() == 1


def test_status_command_counts_waiting_rows(site: dict[str, Any], deferred_intake: list[str]) -> None:
    _queue(site)
    _queue(site)
    out = StringIO()
    call_command("intake-queue", "status", stdout=out)
    assert out.getvalue().strip() == "2 waiting, 0 failed at least once."


def test_the_worker_is_asked_once_per_window(monkeypatch: pytest.MonkeyPatch, settings: Any) -> None:
    settings.OPENBUURT_INTAKE_BATCH_WINDOW_MS = 250
    now = [1000.0]
    queued: list[float] = []
    monkeypatch.setattr(intake_queue, "_clock", lambda: now[0])
    monkeypatch.setattr(intake_queue, "_asked_until", 0.0)
    monkeypatch.setattr(
        "openbuurt.reports.tasks.drain_intake_queue_task", lambda watch_until: queued.append(watch_until)
    )
    intake_queue.ask_worker()
    now[0] += 0.1
    intake_queue.ask_worker()
    assert queued == [1000.25]
    now[0] += 0.2
    intake_queue.ask_worker()
    assert queued == pytest.approx([1000.25, 1000.55])


def test_when_the_task_queue_is_down_the_next_submission_asks_again(monkeypatch: pytest.MonkeyPatch) -> None:
    calls: list[float] = []

    def unreachable(watch_until: float) -> None:
        calls.append(watch_until)
        raise ConnectionError("queue down")

    monkeypatch.setattr(intake_queue, "_asked_until", 0.0)
    monkeypatch.setattr("openbuurt.reports.tasks.drain_intake_queue_task", unreachable)
    intake_queue.ask_worker()
    intake_queue.ask_worker()
    assert len(calls) == 2


@pytest.fixture
def fresh_drain(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    monkeypatch.setattr(intake_queue, "_drain_running", False)
    monkeypatch.setattr(intake_queue, "_watch_until", 0.0)
    yield


def test_a_drain_watches_its_window_and_a_second_drain_extends_it(
    site: dict[str, Any], deferred_intake: list[str], fresh_drain: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    now = [5000.0]
    monkeypatch.setattr(intake_queue, "_clock", lambda: now[0])
    _queue(site)
    naps: list[int] = []

    def sleep(seconds: float) -> None:
        naps.append(len(naps))
        now[0] += seconds
        if len(naps) == 2:
            # Meanwhile: a new submission arrives and its process asks for a drain watching a little longer.
            _queue(site, text="Nog een losse stoeptegel bij de school (testtekst, door ons geschreven).")
            assert intake_queue.drain(watch_until=now[0] + 0.3) == 0

    made = intake_queue.drain(watch_until=now[0] + 0.2, sleep=sleep)
    assert made == 2
    assert Report.objects.count() == 2
    assert now[0] >= 5000.0 + 0.1 + 0.3 + intake_queue._CLOCK_GRACE_SECONDS - 1e-9
    assert not intake_queue._drain_running


@pytest.mark.parametrize("spool", [False, True], ids=["queue-table", "spool"])
@pytest.mark.django_db(transaction=True)
def test_concurrent_submissions_share_commits_and_each_gets_its_own_number(
    monkeypatch: pytest.MonkeyPatch, settings: Any, spool: bool
) -> None:
    settings.OPENBUURT_INTAKE_SPOOL = spool
    site = build_site()
    monkeypatch.setattr(intake_queue, "tasks_run_inline", lambda: False)
    monkeypatch.setattr(intake_queue, "ask_worker", lambda: None)
    numbers: list[str] = []
    errors: list[BaseException] = []
    start = threading.Barrier(6)

    def submit(n: int) -> None:
        try:
            start.wait(WAIT)
            # No idempotency key: its look-up would read the queue table while the leader writes it, which the
            # in-memory test database (shared cache) refuses with "table is locked"; file databases and
            # PostgreSQL let readers be.
            numbers.append(_queue(site).public_id)
        except BaseException as exc:
            errors.append(exc)
        finally:
            connection.close()

    threads = [threading.Thread(target=submit, args=(n,)) for n in range(6)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(WAIT)
    assert errors == []
    assert len(set(numbers)) == 6
    if intake_queue.spool_in_use():  # SQLite; with PostgreSQL the setting is ignored
        assert QueuedSubmission.objects.count() == 0
        assert intake_spool.count() == 6
        assert intake_queue.move_spooled_submissions() == 6
        assert intake_spool.count() == 0
    assert sorted(QueuedSubmission.objects.values_list("public_id", flat=True)) == sorted(numbers)
    assert intake_queue.process_queued_submissions() == 6
    assert sorted(Report.objects.values_list("public_id", flat=True)) == sorted(numbers)


def test_a_prepared_row_holds_what_the_model_fields_would_send_to_this_database(db: None) -> None:
    values: dict[str, Any] = {
        "public_id": "GRO-2026-000001",
        "submission_key": "open311:1:abc",
        "source": str(ReportSource.OPEN311),
        "category_id": 7,
        "organisation_id": 3,
        "payload": {"text": "Losse stoeptegel ë ✓", "location": {"lat": 53.2, "lon": 6.5}, "reporter": None},
        "received_at": datetime(2026, 11, 23, 1, 30, 15, 123456, tzinfo=ZoneInfo("Europe/Amsterdam")),
        "attempts": 0,
        "last_error": "",
    }
    row = prepared_row(prefix="GRO", year=2026, values=values)
    expected = [
        field.get_db_prep_save(values[name], connection) for name, field in zip(COLUMNS, queue_fields(), strict=True)
    ]
    # psycopg wraps JSON in an adapter object; compare what it holds.
    assert [getattr(value, "obj", value) for value in row.params] == [getattr(v, "obj", v) for v in expected]
    # The same kinds of value (psycopg's Int4 for a small integer column is an int).
    assert all(isinstance(sent, type(value)) for value, sent in zip(row.params, expected, strict=True))
