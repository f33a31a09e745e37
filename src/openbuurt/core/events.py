"""A small typed event bus with durable background delivery.

Services publish frozen dataclasses with :func:`publish_on_commit`; other apps subscribe a handler per event type
with :func:`subscribe`, usually in their ``AppConfig.ready``.

Background handlers (the default) run in the task worker, so a resident's request never waits for routing or
e-mail: the event is stored as a :class:`~openbuurt.core.models.PendingEvent` row in the same transaction as the
change that caused it, a task is queued after commit to deliver it at once, and a periodic sweep delivers any
event whose task was lost (a worker crash, a queue without fsync). Delivery is at least once: handlers must be
idempotent. ``subscribe(..., background=False)`` runs a handler in the publishing process right after commit.
With ``OPENBUURT_TASKS_IMMEDIATE`` (and in tests) Huey runs the task at once, in the same process.

A handler that fails is logged and does not affect the others or the service that published the event.
"""

from __future__ import annotations

import dataclasses
import importlib
from collections import defaultdict
from collections.abc import Callable
from datetime import datetime, timedelta
from typing import Any, TypeVar, get_origin, get_type_hints

from django.db import transaction
from django.utils import timezone

import structlog

log = structlog.get_logger(__name__)

EventT = TypeVar("EventT")
CLAIM_TIMEOUT = timedelta(minutes=10)


@dataclasses.dataclass(frozen=True)
class _Subscription:
    handler: Callable[[Any], None]
    background: bool


_subscriptions: dict[type[Any], list[_Subscription]] = defaultdict(list)


def subscribe(
    event_type: type[EventT], *, background: bool = True
) -> Callable[[Callable[[EventT], None]], Callable[[EventT], None]]:
    """Register the decorated function as a handler of ``event_type``; registering twice is a no-op."""

    def decorator(handler: Callable[[EventT], None]) -> Callable[[EventT], None]:
        if all(sub.handler is not handler for sub in _subscriptions[event_type]):
            _subscriptions[event_type].append(_Subscription(handler=handler, background=background))
        return handler

    return decorator


def unsubscribe(event_type: type[EventT], handler: Callable[[EventT], None]) -> None:
    """Remove a handler (used by tests)."""
    _subscriptions[event_type] = [sub for sub in _subscriptions[event_type] if sub.handler is not handler]


def _call(event: object, *, background: bool) -> None:
    for sub in list(_subscriptions[type(event)]):
        if sub.background != background:
            continue
        try:
            sub.handler(event)
        except Exception:
            log.exception("event_handler_failed", event_type=type(event).__name__, handler=sub.handler.__qualname__)


def _type_path(event: object) -> str:
    return f"{type(event).__module__}.{type(event).__qualname__}"


def _rebuild(event_type: str, payload: dict[str, Any]) -> object:
    module_name, _, class_name = event_type.rpartition(".")
    cls = getattr(importlib.import_module(module_name), class_name)
    if not dataclasses.is_dataclass(cls) or not isinstance(cls, type):
        raise TypeError(f"{event_type} is not an event dataclass")
    # JSON has no tuples: give tuple fields (frozen events favour them) their type back.
    hints = get_type_hints(cls)
    values = {
        name: tuple(value) if isinstance(value, list) and get_origin(hints.get(name)) is tuple else value
        for name, value in payload.items()
    }
    return cls(**values)


def deliver_pending(pending_id: int) -> bool:
    """Claim one stored event, call its background handlers and delete it; return whether this call delivered it."""
    from openbuurt.core.models import PendingEvent

    now = timezone.now()
    claimed = (
        PendingEvent.objects.filter(pk=pending_id).filter(claimed_at__isnull=True).update(claimed_at=now, attempts=1)
    ) or (PendingEvent.objects.filter(pk=pending_id, claimed_at__lt=now - CLAIM_TIMEOUT).update(claimed_at=now))
    if not claimed:
        return False
    row = PendingEvent.objects.filter(pk=pending_id).first()
    if row is None:
        return False
    try:
        event = _rebuild(row.event_type, row.payload)
    except Exception:
        log.exception("event_not_rebuilt", event_type=row.event_type, pending_id=pending_id)
        row.delete()
        return False
    _call(event, background=True)
    PendingEvent.objects.filter(pk=pending_id).delete()
    return True


def deliver_overdue(*, older_than: timedelta = timedelta(seconds=30), now: datetime | None = None) -> int:
    """Deliver stored events whose task never ran (queued longer than ``older_than`` ago); return how many."""
    from openbuurt.core.models import PendingEvent

    cutoff = (now or timezone.now()) - older_than
    ids = list(PendingEvent.objects.filter(created_at__lt=cutoff).order_by("id").values_list("id", flat=True)[:500])
    return sum(1 for pending_id in ids if deliver_pending(pending_id))


def _enqueue(pending_id: int) -> None:
    from openbuurt.core.tasks import deliver_event_task

    try:
        deliver_event_task(pending_id)
    except Exception:
        # The queue is unreachable; the periodic sweep delivers the stored event later.
        log.exception("event_queue_unavailable", pending_id=pending_id)


def publish_on_commit(event: object) -> None:
    """Publish ``event``: store it for the background handlers now, call in-process handlers after commit."""
    from openbuurt.core.models import PendingEvent

    subscriptions = _subscriptions[type(event)]
    if any(sub.background for sub in subscriptions):
        assert dataclasses.is_dataclass(event) and not isinstance(event, type)
        pending = PendingEvent.objects.create(event_type=_type_path(event), payload=dataclasses.asdict(event))
        transaction.on_commit(lambda: _enqueue(pending.pk), robust=True)
    if any(not sub.background for sub in subscriptions):
        transaction.on_commit(lambda: _call(event, background=False), robust=True)
