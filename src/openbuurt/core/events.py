"""A small typed in-process event bus; events are delivered after the transaction commits.

Services publish frozen dataclasses with :func:`publish_on_commit`; other apps subscribe a handler per event type
with :func:`subscribe`, usually in their ``AppConfig.ready``.

Handlers run in the background by default: on commit, one task per event is put on the Huey queue and the worker
calls the handlers, so a resident's request never waits for routing or e-mail and a failing handler cannot slow
intake down. ``subscribe(..., background=False)`` runs a handler in the publishing process right after commit.
With ``OPENBUURT_TASKS_IMMEDIATE`` (and in tests) Huey runs the task at once, in the same process.

A handler that fails is logged and does not affect the others or the service that published the event: the write
has already been committed.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, TypeVar

from django.db import transaction

import structlog

log = structlog.get_logger(__name__)

EventT = TypeVar("EventT")


@dataclass(frozen=True)
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


def deliver_background(event: object) -> None:
    """Call the background handlers of ``event`` now (the Huey task does this in the worker)."""
    _call(event, background=True)


def deliver(event: object) -> None:
    """Call the in-process handlers of ``event`` now and hand the background ones to the task queue."""
    _call(event, background=False)
    if not any(sub.background for sub in _subscriptions[type(event)]):
        return
    from openbuurt.core.tasks import deliver_event_task

    try:
        deliver_event_task(event)
    except Exception:
        # The queue is unreachable: deliver here rather than lose the event.
        log.exception("event_queue_unavailable", event_type=type(event).__name__)
        deliver_background(event)


def publish_on_commit(event: object) -> None:
    """Deliver ``event`` once the current transaction commits (at once outside a transaction)."""
    transaction.on_commit(lambda: deliver(event), robust=True)
