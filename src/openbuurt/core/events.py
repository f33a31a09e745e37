"""A small typed in-process event bus; events are delivered after the transaction commits.

Services publish frozen dataclasses with :func:`publish_on_commit`; other apps subscribe a handler per event type
with :func:`subscribe`, usually in their ``AppConfig.ready``. A handler that fails is logged and does not affect
the others or the service that published the event: the write has already been committed.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable
from typing import Any, TypeVar

from django.db import transaction

import structlog

log = structlog.get_logger(__name__)

EventT = TypeVar("EventT")
_handlers: dict[type[Any], list[Callable[[Any], None]]] = defaultdict(list)


def subscribe(event_type: type[EventT]) -> Callable[[Callable[[EventT], None]], Callable[[EventT], None]]:
    """Register the decorated function as a handler of ``event_type``; registering twice is a no-op."""

    def decorator(handler: Callable[[EventT], None]) -> Callable[[EventT], None]:
        if handler not in _handlers[event_type]:
            _handlers[event_type].append(handler)
        return handler

    return decorator


def unsubscribe(event_type: type[EventT], handler: Callable[[EventT], None]) -> None:
    """Remove a handler (used by tests)."""
    if handler in _handlers[event_type]:
        _handlers[event_type].remove(handler)


def deliver(event: object) -> None:
    """Call every handler of ``event``'s type now, isolating failures."""
    for handler in list(_handlers[type(event)]):
        try:
            handler(event)
        except Exception:
            log.exception("event_handler_failed", event=type(event).__name__, handler=handler.__qualname__)


def publish_on_commit(event: object) -> None:
    """Deliver ``event`` once the current transaction commits (at once outside a transaction)."""
    transaction.on_commit(lambda: deliver(event), robust=True)
