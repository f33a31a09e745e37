"""The event bus: delivery after commit, isolation of failing handlers, background delivery through Huey."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass

import pytest

from django.db import transaction

from openbuurt.core.events import publish_on_commit, subscribe, unsubscribe


@dataclass(frozen=True)
class Happened:
    value: int


@pytest.fixture
def handlers() -> Iterator[list[Callable[[Happened], None]]]:
    registered: list[Callable[[Happened], None]] = []
    yield registered
    for handler in registered:
        unsubscribe(Happened, handler)


@pytest.mark.django_db(transaction=True)
def test_events_arrive_only_after_commit_and_never_after_rollback(handlers: list[Callable[[Happened], None]]) -> None:
    seen: list[int] = []

    def record(event: Happened) -> None:
        seen.append(event.value)

    handlers.append(subscribe(Happened)(record))
    with transaction.atomic():
        publish_on_commit(Happened(1))
        assert seen == []
    assert seen == [1]
    with pytest.raises(RuntimeError), transaction.atomic():
        publish_on_commit(Happened(2))
        raise RuntimeError("roll back")
    assert seen == [1]


@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("background", [True, False])
def test_a_failing_handler_does_not_stop_the_others(
    handlers: list[Callable[[Happened], None]], background: bool
) -> None:
    seen: list[int] = []

    def broken(event: Happened) -> None:
        raise ValueError("handler bug")

    def record(event: Happened) -> None:
        seen.append(event.value)

    handlers.append(subscribe(Happened, background=background)(broken))
    handlers.append(subscribe(Happened, background=background)(record))
    with transaction.atomic():
        publish_on_commit(Happened(7))
    assert seen == [7]
