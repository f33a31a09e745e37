"""The intake queue: accept a checked submission in one short transaction, make the report in the task worker.

Making a report (area look-up, classifier, urgency, history rows, audit entry, event) costs several milliseconds
of work inside the database's write transaction. An app platform that forwards a burst of submissions should not
wait for that, so POST Service Request (Open311) uses :func:`queue_report`: it runs every check
:func:`~openbuurt.reports.services.submission.submit_report` runs, takes the report number and commits one
:class:`~openbuurt.reports.models.QueuedSubmission` row (or a spool row, below). The client gets the final
``service_request_id`` at once; the report itself follows in the task worker, with that number and the time of
reception.

With SQLite, a submission without an idempotency key is committed to this server process's own intake spool
(``reports.intake_spool``) instead of the queue table, with a number from a block the process reserved, so the
server processes do not wait for each other's commits; the worker moves spooled rows into the queue table first
(:func:`move_spooled_submissions`). A submission with a key always goes to the table, whose unique index tells a
retry from a new submission.

Nothing accepted is lost: the row is committed before the answer, and the worker deletes it in the same
transaction that makes the report. A process asks the worker at most once per ``OPENBUURT_INTAKE_BATCH_WINDOW_MS``;
the worker's drain keeps watching the queue until that window has passed, so a row whose process did not ask is
still seen, and a sweep every minute processes anything left (a lost task, a worker that was down). With
``OPENBUURT_TASKS_IMMEDIATE`` (and in tests) the queue is processed at once, in the submitting request.

The audit entry of the new report is written when the report is made; it names the reception time.
"""

from __future__ import annotations

import collections
import contextlib
import enum
import os
import threading
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.db import DatabaseError, IntegrityError, connection, transaction
from django.utils import timezone

import structlog
from huey.contrib.djhuey import HUEY

from openbuurt.accounts.models import Organisation
from openbuurt.core.group_commit import GroupCommitter
from openbuurt.reports import intake_spool
from openbuurt.reports.constants import CategorySource, ReportSource
from openbuurt.reports.models import Report
from openbuurt.reports.models_intake import QueuedSubmission
from openbuurt.reports.queue_rows import QueueRow, insert_rows, prepared_row
from openbuurt.reports.selectors import public_id_for_submission_key
from openbuurt.reports.services.submission import (
    LocationInput,
    ReporterInput,
    ReportValidationError,
    clean_inputs,
    handling_organisation,
    next_public_ids,
    number_year,
    submit_report,
    validate_submission,
)
from openbuurt.triage.models import Category
from openbuurt.triage.urgency import UrgencyVerdict, assess_urgency

log = structlog.get_logger(__name__)

# After this many failed attempts a row is left for an administrator (``openbuurt intake-queue process
# --retry-failed``) instead of failing again every minute.
MAX_AUTOMATIC_ATTEMPTS = 5
_BATCH = 200
_POLL_SECONDS = 0.05
# Extra watching time beyond the window, for the clocks of web and worker machines that differ a little.
_CLOCK_GRACE_SECONDS = 0.1


@dataclass(frozen=True)
class QueuedResult:
    """The number given to an accepted submission; ``created`` is false for a retry of an earlier submission."""

    public_id: str
    created: bool
    urgency: UrgencyVerdict


class Outcome(enum.Enum):
    """What :func:`process_queued_submission` did with one row."""

    MADE = "made"
    GONE = "gone"  # another worker made it first, or it never existed
    FAILED = "failed"


def queue_report(
    *,
    text: str,
    location: LocationInput,
    source: ReportSource,
    category: Category,
    category_source: CategorySource,
    reporter: ReporterInput | None = None,
    submission_key: str | None = None,
    extra: dict[str, Any] | None = None,
    organisation: Organisation | None = None,
) -> QueuedResult:
    """Check a submission as ``submit_report`` does, number it and commit it to the intake queue.

    Raises :class:`ReportValidationError` (nothing stored) when any input is refused. A ``submission_key`` used
    before returns the number given then (``created`` false). The category is fixed (the client chose it), so the
    handling organisation and with it the number's prefix are known now.
    """
    text, location, reporter = clean_inputs(text, location, reporter)
    urgency = assess_urgency(text)
    if submission_key:
        known = public_id_for_submission_key(submission_key)
        if known is not None:
            return QueuedResult(public_id=known, created=False, urgency=urgency)
    errors = validate_submission(text=text, location=location, reporter=reporter, photos=())
    if errors:
        raise ReportValidationError(errors)
    handler = handling_organisation(category, organisation)
    now = timezone.now()
    payload = {
        "text": text.strip(),
        "location": {
            "lat": location.lat,
            "lon": location.lon,
            "address_text": location.address_text,
            "address_id": location.address_id,
            "source": location.source,
        },
        "reporter": None if reporter is None or reporter.is_empty else _reporter_payload(reporter),
        "category_source": str(category_source),
        "extra": extra or {},
    }
    row = prepared_row(
        prefix=handler.report_prefix,
        year=number_year(now),
        values={
            "public_id": "",
            "submission_key": submission_key or None,
            "source": str(source),
            "category_id": category.pk,
            "organisation_id": handler.pk,
            "payload": payload,
            "received_at": now,
            "attempts": 0,
            "last_error": "",
        },
    )
    try:
        if connection.in_atomic_block:
            # Inside the caller's transaction: a shared commit would commit on another thread's connection.
            with transaction.atomic():
                public_id = _write_rows([row])[0]
        elif submission_key is None and spool_in_use():
            # With a key, the queue table's unique index must decide between two racing retries: no spool.
            public_id = _spool_committer.submit(row.numbered(_number_blocks.take(row.prefix, row.year)))
        else:
            public_id = _committer.submit(row)
    except IntegrityError:
        # Two identical submissions raced; the other one holds the number.
        known = public_id_for_submission_key(submission_key) if submission_key else None
        if known is None:
            raise
        return QueuedResult(public_id=known, created=False, urgency=urgency)
    log.info("report_queued", public_id=public_id, source=str(source), category=category.slug)
    if tasks_run_inline():
        process_queued_submissions()
    else:
        transaction.on_commit(ask_worker, robust=True)
    return QueuedResult(public_id=public_id, created=True, urgency=urgency)


def tasks_run_inline() -> bool:
    """Tell whether background tasks run at once in this process (``OPENBUURT_TASKS_IMMEDIATE``, tests)."""
    return bool(HUEY.immediate)


def _reporter_payload(reporter: ReporterInput) -> dict[str, Any]:
    return {
        "email": reporter.email,
        "phone": reporter.phone,
        "first_name": reporter.first_name,
        "last_name": reporter.last_name,
        "wants_updates": reporter.wants_updates,
        "may_contact": reporter.may_contact,
        "device_id": reporter.device_id,
        "account_id": reporter.account_id,
    }


def _write_rows(rows: Sequence[QueueRow]) -> list[str]:
    """Number and INSERT queue rows inside the caller's transaction; return their numbers, in order."""
    numbers: dict[int, str] = {}
    groups: dict[tuple[str, int], list[int]] = {}
    for position, row in enumerate(rows):
        groups.setdefault((row.prefix, row.year), []).append(position)
    for (prefix, year), positions in groups.items():
        numbers.update(zip(positions, next_public_ids(prefix, year, len(positions)), strict=True))
    insert_rows([row.numbered(numbers[position]) for position, row in enumerate(rows)])
    return [numbers[position] for position in range(len(rows))]


_committer: GroupCommitter[QueueRow, str] = GroupCommitter(_write_rows)


# The spool path: numbers come from a block this process reserved, so appending touches no shared lock.
class _NumberBlocks:
    """Report numbers reserved in blocks of ``OPENBUURT_INTAKE_NUMBER_BLOCK`` per prefix and year, per process."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._pid = 0
        self._blocks: dict[tuple[str, int], collections.deque[str]] = {}

    def take(self, prefix: str, year: int) -> str:
        with self._lock:
            if self._pid != os.getpid():  # never share a block with the process this one was forked from
                self._blocks.clear()
                self._pid = os.getpid()
            block = self._blocks.get((prefix, year))
            if not block:
                with transaction.atomic():
                    block = collections.deque(next_public_ids(prefix, year, settings.OPENBUURT_INTAKE_NUMBER_BLOCK))
                self._blocks[(prefix, year)] = block
            return block.popleft()

    def clear(self) -> None:
        with self._lock:
            self._blocks.clear()


_number_blocks = _NumberBlocks()


def _spool_rows(rows: Sequence[list[Any]]) -> list[str]:
    intake_spool.append(rows)
    return [str(row[0]) for row in rows]


# The spool commits itself: no transaction of the main database is opened around it.
_spool_committer: GroupCommitter[list[Any], str] = GroupCommitter(_spool_rows, atomic=contextlib.nullcontext)


def spool_in_use() -> bool:
    """Tell whether submissions without an idempotency key go to the intake spool (SQLite with the setting on)."""
    return settings.OPENBUURT_INTAKE_SPOOL and connection.vendor == "sqlite"


def reset_process_state() -> None:
    """Forget reserved numbers and close this process's spool (tests that start from an empty database)."""
    _number_blocks.clear()
    intake_spool.reset()


def move_spooled_submissions(*, batch: int = _BATCH) -> int:
    """Move every row of the intake spools into the queue table, oldest first; return how many were queued.

    Per batch, the rows go into the queue in one transaction of the main database, and only then are they deleted
    from their spool. A row whose number is already queued or a report (a move that stopped between the two) is
    not inserted again. A row the queue refuses (its category was deleted meanwhile) stays in its spool, is logged
    and is tried again at the next move; the others are moved. Empty spools of server processes that have stopped
    are deleted.
    """
    queued = 0
    for path in intake_spool.spool_files():
        with intake_spool.opened(path) as spool:
            after = 0
            while spool is not None:
                rows = intake_spool.read(spool, after=after, limit=batch)
                if not rows:
                    break
                after = rows[-1].row_id
                done, inserted = _queue_spooled(rows)
                intake_spool.forget(spool, done)
                queued += inserted
        intake_spool.remove_if_abandoned(path)
    return queued


def _queue_spooled(rows: Sequence[intake_spool.SpooledRow]) -> tuple[list[int], int]:
    """Insert spooled rows into the queue; return the ids of the rows now queued or made, and how many were new."""
    try:
        with transaction.atomic():
            return [row.row_id for row in rows], _insert_unknown(rows)
    except DatabaseError:
        if len(rows) == 1:
            log.exception("spooled_submission_not_queued", public_id=rows[0].public_id)
            return [], 0
    done: list[int] = []
    inserted = 0
    for row in rows:  # one may be at fault: each alone, so only that one stays behind
        row_done, row_inserted = _queue_spooled([row])
        done += row_done
        inserted += row_inserted
    return done, inserted


def _insert_unknown(rows: Sequence[intake_spool.SpooledRow]) -> int:
    """Insert the rows whose submission is neither queued nor made yet; return how many were inserted.

    A number already queued or made with the same reception time is this submission, moved before. With another
    reception time the number was given twice (a database restored behind running server processes): that row is
    refused (IntegrityError) rather than dropped.
    """
    # Inside the write transaction: a concurrent mover of the same rows waits, then sees them.
    numbers = [row.public_id for row in rows]
    seen = dict(QueuedSubmission.objects.filter(public_id__in=numbers).values_list("public_id", "received_at"))
    seen.update(Report.objects.filter(public_id__in=numbers).values_list("public_id", "created_at"))
    fresh = []
    for row in rows:
        received = seen.get(row.public_id)
        if received is None:
            fresh.append(row.values)
        elif received != row.received_at:
            raise IntegrityError(f"report number {row.public_id} belongs to another submission")
    if fresh:
        insert_rows(fresh)
    return len(fresh)


def _inputs(row: QueuedSubmission) -> dict[str, Any]:
    payload = row.payload
    reporter = payload.get("reporter")
    return {
        "text": payload["text"],
        "location": LocationInput(**payload["location"]),
        "source": ReportSource(row.source),
        "category": row.category,
        "category_source": CategorySource(payload["category_source"]),
        "reporter": ReporterInput(**reporter) if reporter else None,
        "submission_key": row.submission_key,
        "extra": payload.get("extra") or {},
        # Decided when the number was taken (its prefix is the organisation's): the report keeps it.
        "organisation": row.organisation,
        "created_at": row.received_at,
        "public_id": row.public_id,
    }


def process_queued_submission(row_id: int) -> Outcome:
    """Make the report of one queued submission and delete the row, in one transaction.

    Safe to call from several workers at once: the row is locked (PostgreSQL) or the write lock is held (SQLite)
    before it is read, so one of them makes the report and the others find the row gone. A failure rolls back
    both and is written on the row (``attempts``, ``last_error``).
    """
    try:
        with transaction.atomic():
            # Lock the queue row only, not the category and organisation rows it is read with.
            rows = QueuedSubmission.objects.select_for_update(of=("self",)).select_related("category", "organisation")
            row = rows.filter(pk=row_id).first()
            if row is None:
                return Outcome.GONE
            row.delete()
            result = submit_report(**_inputs(row))
            if not result.created:
                log.warning("queued_submission_duplicate", public_id=row.public_id, report=result.report.public_id)
    except Exception as exc:
        _record_failure(row_id, exc)
        return Outcome.FAILED
    return Outcome.MADE


def _record_failure(row_id: int, exc: Exception) -> None:
    message = f"{type(exc).__name__}: {exc}"[:2000]
    log.exception("queued_submission_failed", row_id=row_id)
    with transaction.atomic():
        row = QueuedSubmission.objects.select_for_update().filter(pk=row_id).first()
        if row is not None:
            row.attempts += 1
            row.last_error = message
            row.save(update_fields=["attempts", "last_error"])


def process_queued_submissions(
    *,
    new_only: bool = False,
    retry_failed: bool = False,
    limit: int | None = None,
    progress: Callable[[int, int], None] | None = None,
) -> int:
    """Make reports of the queued submissions, oldest first, until none is left; return how many were made.

    ``new_only`` leaves rows that failed before to the sweep. Rows that failed :data:`MAX_AUTOMATIC_ATTEMPTS` times
    are skipped unless ``retry_failed``. A row that fails in this call is not tried again in it.
    ``progress(made, failed)`` is called after every batch.
    """
    made = 0
    skipped: set[int] = set()
    while limit is None or made < limit:
        move_spooled_submissions()
        rows = QueuedSubmission.objects.exclude(pk__in=skipped)
        if new_only:
            rows = rows.filter(attempts=0)
        elif not retry_failed:
            rows = rows.filter(attempts__lt=MAX_AUTOMATIC_ATTEMPTS)
        batch = list(rows.order_by("id").values_list("id", flat=True)[:_BATCH])
        if not batch:
            break
        for row_id in batch:
            outcome = process_queued_submission(row_id)
            if outcome is Outcome.MADE:
                made += 1
            elif outcome is Outcome.FAILED:
                skipped.add(row_id)
            if limit is not None and made >= limit:
                break
        if progress is not None:
            progress(made, len(skipped))
    return made


# The web process side: ask the worker at most once per window. ``_asked_until`` is the wall-clock time until
# which the last task asked for keeps watching the queue.
_ask_lock = threading.Lock()
_asked_until = 0.0
_clock: Callable[[], float] = time.time


def ask_worker() -> None:
    """Queue a drain of the intake queue unless this process asked for one that is still watching."""
    global _asked_until
    now = _clock()
    window = settings.OPENBUURT_INTAKE_BATCH_WINDOW_MS / 1000
    with _ask_lock:
        if now < _asked_until:
            return
        _asked_until = now + window
    from openbuurt.reports.tasks import drain_intake_queue_task

    try:
        drain_intake_queue_task(watch_until=now + window)
    except Exception:
        # The queue is unreachable; the sweep processes the rows later, and the next submission asks again.
        with _ask_lock:
            _asked_until = 0.0
        log.exception("intake_queue_task_not_queued")


# The worker side: one drain per worker process at a time; a later task extends the running drain's watch.
_drain_lock = threading.Lock()
_drain_running = False
_watch_until = 0.0


def drain(*, watch_until: float, sleep: Callable[[float], None] = time.sleep) -> int:
    """Process the queue until it is empty and ``watch_until`` (wall clock) has passed; return how many were made.

    When a drain is already running in this process, extend its watch and return 0 at once: the running drain will
    see every row this call would have seen.
    """
    global _drain_running, _watch_until
    with _drain_lock:
        _watch_until = max(_watch_until, watch_until + _CLOCK_GRACE_SECONDS)
        if _drain_running:
            return 0
        _drain_running = True
    made = 0
    try:
        while True:
            made += process_queued_submissions(new_only=True)
            with _drain_lock:
                if _clock() >= _watch_until and not _rows_waiting():
                    _drain_running = False
                    return made
            sleep(_POLL_SECONDS)
    except BaseException:
        with _drain_lock:
            _drain_running = False
        raise


def _rows_waiting() -> bool:
    return QueuedSubmission.objects.filter(attempts=0).exists() or intake_spool.count() > 0
