"""The real task queue (SQLite file by default, Redis with REDIS_URL): an event task survives the trip."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from django.conf import settings
from django.db import transaction

import pytest
from huey.contrib.djhuey import HUEY

from openbuurt.core.events import publish_on_commit, subscribe, unsubscribe
from openbuurt.core.models import PendingEvent

pytestmark = pytest.mark.django_db(transaction=True)


@dataclass(frozen=True)
class Queued:
    value: int


@pytest.fixture
def real_queue() -> Iterator[None]:
    """Switch Huey from its in-memory test mode to the configured storage for one test."""
    HUEY.immediate = False
    HUEY.flush()
    try:
        yield
    finally:
        HUEY.flush()
        HUEY.immediate = True


def test_an_event_goes_through_the_configured_queue_storage(real_queue: None) -> None:
    seen: list[int] = []

    def record(event: Queued) -> None:
        seen.append(event.value)

    subscribe(Queued)(record)
    try:
        with transaction.atomic():
            publish_on_commit(Queued(3))
        assert seen == []  # queued, not yet run: the worker does that
        assert HUEY.pending_count() == 1
        expected = "RedisStorage" if settings.REDIS_URL else "SqliteStorage"
        assert type(HUEY.storage).__name__ == expected
        task = HUEY.dequeue()
        assert task is not None
        HUEY.execute(task)  # what the consumer does
        assert seen == [3]
        assert not PendingEvent.objects.exists()
    finally:
        unsubscribe(Queued, record)
