"""The durable outbox: queue a message in the transaction of its cause, deliver it, retry it, cancel or purge it.

Delivery never holds a database transaction open while talking to the mail server: a worker first claims the row
(one conditional UPDATE, safe on SQLite and PostgreSQL alike), then sends, then records the outcome. A worker that
dies mid-send leaves the row ``sending``; after :data:`SENDING_LEASE` it is offered again.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime
from functools import partial

from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone

import structlog

from openbuurt.accounts.models import User
from openbuurt.core import audit
from openbuurt.core.models import AuditAction
from openbuurt.core.registry import UnknownPluginError
from openbuurt.notifications import selectors
from openbuurt.notifications.channels.base import (
    ChannelMessage,
    PermanentDeliveryError,
    RetryableDeliveryError,
    get_channel,
)
from openbuurt.notifications.constants import (
    EMAIL_CHANNEL,
    KEEP_FINISHED_MESSAGES,
    MAX_ATTEMPTS,
    REPORTER_KINDS,
    RETRY_DELAYS,
    SENDING_LEASE,
    MessageKind,
    MessageLanguage,
    OutboxStatus,
)
from openbuurt.notifications.models import OutboxMessage
from openbuurt.notifications.rendering import RenderedMessage
from openbuurt.reports.models import Report

log = structlog.get_logger(__name__)


def _enqueue(message_id: int) -> None:
    """Hand the message to the task queue; if the queue is unreachable the periodic retry picks it up."""
    from openbuurt.notifications.tasks import send_outbox_message  # tasks import this module

    try:
        send_outbox_message(message_id)
    except Exception:
        log.exception("outbox_enqueue_failed", message_id=message_id)


def _audit_target(message: OutboxMessage) -> Report | OutboxMessage:
    # Messages about a report show up in that report's history; the others under their own id.
    return message.report if message.report is not None else message


def queue_message(
    *,
    kind: MessageKind,
    recipient: str,
    rendered: RenderedMessage,
    language: MessageLanguage,
    report: Report | None = None,
    channel: str = EMAIL_CHANNEL,
    dedupe_key: str | None = None,
) -> OutboxMessage | None:
    """Write one message to the outbox and have it sent once the surrounding transaction commits.

    A ``dedupe_key`` that was used before means the message was already queued: nothing is written and ``None`` is
    returned. The audit entry names the kind and channel, never the address or the text.
    """
    now = timezone.now()
    if dedupe_key and OutboxMessage.objects.filter(dedupe_key=dedupe_key).exists():
        return None
    try:
        with transaction.atomic():
            message = OutboxMessage.objects.create(
                channel=channel,
                recipient=recipient.strip(),
                subject=rendered.subject,
                body_text=rendered.body_text,
                body_html=rendered.body_html,
                report=report,
                kind=kind,
                language=language,
                dedupe_key=dedupe_key or None,
                status=OutboxStatus.PENDING,
                next_attempt_at=now,
                created_at=now,
            )
            audit.record(
                actor=None,
                action=AuditAction.CREATE,
                target=_audit_target(message),
                summary=f"{kind} message queued ({channel})",
                detail={"outbox_message": message.pk, "kind": str(kind), "channel": channel},
            )
            transaction.on_commit(partial(_enqueue, message.pk), robust=True)
    except IntegrityError:
        # Another process queued the same cause at the same moment; its message stands.
        if dedupe_key and OutboxMessage.objects.filter(dedupe_key=dedupe_key).exists():
            return None
        raise
    log.info("message_queued", message_id=message.pk, kind=str(kind), channel=channel)
    return message


def _claim(message_id: int, now: datetime) -> bool:
    with transaction.atomic():
        claimed = OutboxMessage.objects.filter(
            pk=message_id, status=OutboxStatus.PENDING, next_attempt_at__lte=now
        ).update(status=OutboxStatus.SENDING, attempts=F("attempts") + 1, next_attempt_at=now + SENDING_LEASE)
    return claimed == 1


def _still_wanted(message: OutboxMessage) -> bool:
    """Tell whether a reporter message may still go out (the reporter may have been anonymised since)."""
    if message.kind not in REPORTER_KINDS or message.report is None:
        return True
    reporter = selectors.reporter_to_notify(message.report)
    if reporter is not None and reporter.email.strip().lower() == message.recipient.strip().lower():
        return True
    return message.recipient in selectors.follower_emails(message.report)


@transaction.atomic
def _finish(message: OutboxMessage, *, status: OutboxStatus, now: datetime, error: str = "") -> None:
    fields: dict[str, object] = {"status": status, "last_error": error[:2000]}
    if status == OutboxStatus.SENT:
        fields["sent_at"] = now
    elif status == OutboxStatus.PENDING:
        fields["next_attempt_at"] = now + RETRY_DELAYS[min(message.attempts, len(RETRY_DELAYS)) - 1]
    OutboxMessage.objects.filter(pk=message.pk, status=OutboxStatus.SENDING).update(**fields)
    if status != OutboxStatus.PENDING:
        audit.record(
            actor=None,
            action=AuditAction.UPDATE,
            target=_audit_target(message),
            summary=f"{message.kind} message {status} after {message.attempts} attempt(s)",
            detail={"outbox_message": message.pk, "status": str(status), "error": error[:300]},
        )


def deliver_message(*, message_id: int, now: datetime | None = None) -> OutboxStatus | None:
    """Try to send one outbox message now and record the outcome; return its new status.

    Returns ``None`` when the message is not due or another worker holds it. A retryable failure puts the message
    back to ``pending`` with a later attempt (see ``RETRY_DELAYS``) and the error kept in ``last_error``; a
    permanent failure, or the last allowed attempt, marks it ``failed``.
    """
    claimed_at = now or timezone.now()
    if not _claim(message_id, claimed_at):
        return None
    message = OutboxMessage.objects.select_related("report").get(pk=message_id)
    if not _still_wanted(message):
        _finish(message, status=OutboxStatus.CANCELLED, now=claimed_at, error="the reporter no longer gets e-mail")
        return OutboxStatus.CANCELLED
    outgoing = ChannelMessage(
        recipient=message.recipient,
        subject=message.subject,
        body_text=message.body_text,
        body_html=message.body_html,
        reference=f"openbuurt-outbox-{message.pk}",
    )
    permanent = False
    try:
        get_channel(message.channel).send(outgoing)
    except (PermanentDeliveryError, UnknownPluginError) as exc:
        permanent, error = True, str(exc)
    except RetryableDeliveryError as exc:
        error = str(exc)
    except Exception as exc:
        # A bug in a channel must not lose the message: keep it and try again later.
        log.exception("channel_crashed", message_id=message.pk, channel=message.channel)
        error = f"{type(exc).__name__}: {exc}"
    else:
        _finish(message, status=OutboxStatus.SENT, now=now or timezone.now())
        log.info("message_sent", message_id=message.pk, kind=message.kind, attempts=message.attempts)
        return OutboxStatus.SENT
    finished_at = now or timezone.now()
    status = OutboxStatus.FAILED if permanent or message.attempts >= MAX_ATTEMPTS else OutboxStatus.PENDING
    _finish(message, status=status, now=finished_at, error=error)
    log.warning("message_not_sent", message_id=message.pk, status=str(status), attempts=message.attempts, error=error)
    return status


def retry_due_messages(*, now: datetime | None = None, limit: int = 200) -> int:
    """Send every pending message whose next attempt is due; return how many were sent.

    First offers again the messages of workers that died mid-send (claimed longer ago than the lease).
    """
    now = now or timezone.now()
    with transaction.atomic():
        stale = OutboxMessage.objects.filter(status=OutboxStatus.SENDING, next_attempt_at__lte=now).update(
            status=OutboxStatus.PENDING
        )
    if stale:
        log.warning("outbox_stale_claims_released", count=stale)
    sent = 0
    for message_id in selectors.due_message_ids(now=now, limit=limit):
        if deliver_message(message_id=message_id, now=now) == OutboxStatus.SENT:
            sent += 1
    return sent


def retry_now(*, messages: Iterable[OutboxMessage], actor: User | None) -> int:
    """Make pending and failed messages due now and hand them to the queue; return how many.

    A failed message gets one more attempt; if that fails it is failed again. Sent and cancelled messages are
    left alone, so a message never goes out twice by this action.
    """
    now = timezone.now()
    count = 0
    for message in messages:
        with transaction.atomic():
            updated = OutboxMessage.objects.filter(
                pk=message.pk, status__in=[OutboxStatus.PENDING, OutboxStatus.FAILED]
            ).update(status=OutboxStatus.PENDING, next_attempt_at=now)
            if not updated:
                continue
            audit.record(
                actor=actor,
                action=AuditAction.UPDATE,
                target=_audit_target(message),
                summary=f"{message.kind} message retried by hand",
                detail={"outbox_message": message.pk},
            )
            transaction.on_commit(partial(_enqueue, message.pk), robust=True)
        count += 1
    return count


def cancel_messages(*, report: Report, actor: User | None, reason: str) -> int:
    """Cancel the messages about ``report`` that were not sent yet; return how many."""
    with transaction.atomic():
        count = OutboxMessage.objects.filter(report=report, status=OutboxStatus.PENDING).update(
            status=OutboxStatus.CANCELLED, last_error=reason[:2000]
        )
        if count:
            audit.record(
                actor=actor,
                action=AuditAction.UPDATE,
                target=report,
                summary=f"{count} unsent message(s) cancelled",
                detail={"reason": reason[:300]},
            )
    return count


def purge_finished_messages(*, now: datetime | None = None) -> int:
    """Delete sent, failed and cancelled messages older than ``KEEP_FINISHED_MESSAGES``; return how many.

    They hold addresses and texts, which must not outlive the reporter's anonymisation.
    """
    now = now or timezone.now()
    cutoff = now - KEEP_FINISHED_MESSAGES
    finished = OutboxMessage.objects.filter(
        status__in=[OutboxStatus.SENT, OutboxStatus.FAILED, OutboxStatus.CANCELLED], created_at__lt=cutoff
    )
    with transaction.atomic():
        newest = finished.order_by("-created_at", "-id").first()
        if newest is None:
            return 0
        count, _deleted = finished.delete()
        audit.record(
            actor=None,
            action=AuditAction.DELETE,
            target=newest,
            summary=f"outbox purged: {count} finished message(s) older than {KEEP_FINISHED_MESSAGES.days} days",
            detail={"count": count, "before": cutoff.isoformat()},
        )
    log.info("outbox_purged", count=count)
    return count
