"""GroupCommitter: callers waiting at the same moment share one transaction, and one bad item fails alone."""

from __future__ import annotations

import threading
from collections.abc import Sequence

from django.db import IntegrityError, connection

import pytest

from openbuurt.core.group_commit import GroupCommitter
from openbuurt.core.models import PendingEvent

pytestmark = pytest.mark.django_db(transaction=True)

WAIT = 10  # seconds; only reached when something is broken


def _store(items: Sequence[str]) -> list[int]:
    if any(item == "bad" for item in items):
        raise IntegrityError("refused: bad item")
    return [PendingEvent.objects.create(event_type=item, payload={}).pk for item in items]


def _wait_until_queued(committer: GroupCommitter[str, int], count: int) -> None:
    """Hand-shake instead of timing: return once ``count`` callers wait behind the batch being written."""
    for _ in range(10_000):
        if committer.waiting() == count:
            return
        threading.Event().wait(0.001)
    raise AssertionError(f"{count} callers never queued up")


def test_one_caller_gets_its_row_committed() -> None:
    committer: GroupCommitter[str, int] = GroupCommitter(_store)
    pk = committer.submit("alone")
    assert not connection.in_atomic_block
    assert PendingEvent.objects.get(pk=pk).event_type == "alone"


def test_callers_arriving_while_a_batch_is_written_share_the_next_transaction() -> None:
    batches: list[list[str]] = []
    first_batch_started = threading.Event()
    release_first_batch = threading.Event()

    def write(items: Sequence[str]) -> list[int]:
        batches.append(list(items))
        if len(batches) == 1:
            first_batch_started.set()
            assert release_first_batch.wait(WAIT)
        return _store(items)

    committer: GroupCommitter[str, int] = GroupCommitter(write)
    results: dict[str, int] = {}

    def call(item: str) -> None:
        results[item] = committer.submit(item)
        connection.close()

    leader = threading.Thread(target=call, args=("leader",))
    leader.start()
    assert first_batch_started.wait(WAIT)
    followers = [threading.Thread(target=call, args=(f"follower-{n}",)) for n in range(4)]
    for thread in followers:
        thread.start()
    _wait_until_queued(committer, 4)
    release_first_batch.set()
    for thread in [leader, *followers]:
        thread.join(WAIT)
    assert batches[0] == ["leader"]
    assert sorted(batches[1]) == [f"follower-{n}" for n in range(4)]
    assert len(batches) == 2
    assert {PendingEvent.objects.get(pk=pk).event_type for pk in results.values()} == set(results)


def test_a_bad_item_fails_alone_and_the_others_are_stored() -> None:
    release = threading.Event()
    started = threading.Event()

    def write(items: Sequence[str]) -> list[int]:
        if items == ["first"]:
            started.set()
            assert release.wait(WAIT)
        return _store(items)

    committer: GroupCommitter[str, int] = GroupCommitter(write)
    outcomes: dict[str, object] = {}

    def call(item: str) -> None:
        try:
            outcomes[item] = committer.submit(item)
        except IntegrityError as exc:
            outcomes[item] = exc
        finally:
            connection.close()

    first = threading.Thread(target=call, args=("first",))
    first.start()
    assert started.wait(WAIT)
    others = [threading.Thread(target=call, args=(item,)) for item in ("good-1", "bad", "good-2")]
    for thread in others:
        thread.start()
    _wait_until_queued(committer, 3)
    release.set()
    for thread in [first, *others]:
        thread.join(WAIT)
    assert isinstance(outcomes["bad"], IntegrityError)
    stored = set(PendingEvent.objects.values_list("event_type", flat=True))
    assert stored == {"first", "good-1", "good-2"}
    assert all(isinstance(outcomes[item], int) for item in ("first", "good-1", "good-2"))


def test_after_a_failure_the_next_caller_leads_again() -> None:
    committer: GroupCommitter[str, int] = GroupCommitter(_store)
    with pytest.raises(IntegrityError, match="bad item"):
        committer.submit("bad")
    assert committer.submit("next") > 0
    assert list(PendingEvent.objects.values_list("event_type", flat=True)) == ["next"]
