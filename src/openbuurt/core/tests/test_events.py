"""The event bus: stored with the change, delivered after commit, swept when a task is lost, failures isolated."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import timedelta

from django.db import transaction
from django.utils import timezone

import pytest

from openbuurt.core.events import deliver_overdue, deliver_pending, publish_on_commit, subscribe, unsubscribe
from openbuurt.core.models import PendingEvent

pytestmark = pytest.mark.django_db(transaction=True)


@dataclass(frozen=True)
class Happened:
    value: int


@pytest.fixture
def handlers() -> Iterator[list[Callable[[Happened], None]]]:
    registered: list[Callable[[Happened], None]] = []
    yield registered
    for handler in registered:
        unsubscribe(Happened, handler)


def test_events_arrive_only_after_commit_and_never_after_rollback(handlers: list[Callable[[Happened], None]]) -> None:
    seen: list[int] = []
    handlers.append(subscribe(Happened)(lambda event: seen.append(event.value)))
    with transaction.atomic():
        publish_on_commit(Happened(1))
        assert seen == []
        assert PendingEvent.objects.count() == 1  # stored in the same transaction as the change
    assert seen == [1]
    assert PendingEvent.objects.count() == 0  # delivered and removed
    with pytest.raises(RuntimeError), transaction.atomic():
        publish_on_commit(Happened(2))
        raise RuntimeError("roll back")
    assert seen == [1]
    assert PendingEvent.objects.count() == 0


@pytest.mark.parametrize("background", [True, False])
def test_a_failing_handler_does_not_stop_the_others(
    handlers: list[Callable[[Happened], None]], background: bool
) -> None:
    seen: list[int] = []

    def broken(event: Happened) -> None:
        raise ValueError("handler bug")

    handlers.append(subscribe(Happened, background=background)(broken))
    handlers.append(subscribe(Happened, background=background)(lambda event: seen.append(event.value)))
    with transaction.atomic():
        publish_on_commit(Happened(7))
    assert seen == [7]


def test_the_sweep_delivers_an_event_whose_task_was_lost(handlers: list[Callable[[Happened], None]]) -> None:
    seen: list[int] = []
    handlers.append(subscribe(Happened)(lambda event: seen.append(event.value)))
    # As if the web process stored the event and died before queueing the task.
    lost = PendingEvent.objects.create(event_type=f"{__name__}.Happened", payload={"value": 42})
    assert deliver_overdue(older_than=timedelta(seconds=30)) == 0  # too young: its task may still come
    assert deliver_overdue(older_than=timedelta(0), now=timezone.now() + timedelta(seconds=1)) == 1
    assert seen == [42]
    assert not PendingEvent.objects.filter(pk=lost.pk).exists()


def test_an_event_is_delivered_once_even_when_two_workers_try(handlers: list[Callable[[Happened], None]]) -> None:
    seen: list[int] = []
    handlers.append(subscribe(Happened)(lambda event: seen.append(event.value)))
    pending = PendingEvent.objects.create(event_type=f"{__name__}.Happened", payload={"value": 5})
    PendingEvent.objects.filter(pk=pending.pk).update(claimed_at=timezone.now())  # another worker holds it
    assert deliver_pending(pending.pk) is False
    assert seen == []
    PendingEvent.objects.filter(pk=pending.pk).update(claimed_at=timezone.now() - timedelta(hours=1))  # it died
    assert deliver_pending(pending.pk) is True
    assert seen == [5]


def test_an_unknown_event_type_is_logged_and_dropped() -> None:
    bad = PendingEvent.objects.create(event_type="openbuurt.core.events.NoSuchEvent", payload={})
    assert deliver_pending(bad.pk) is False
    assert not PendingEvent.objects.filter(pk=bad.pk).exists()
