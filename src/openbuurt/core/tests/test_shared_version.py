"""A version number in the database, read at most once per interval by each process."""

from __future__ import annotations

import threading
import time

from django.db import connection

import pytest

from openbuurt.core.models import DataVersion
from openbuurt.core.shared_version import SharedVersion

pytestmark = pytest.mark.django_db(transaction=True)


class _Clock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


@pytest.fixture
def clock(monkeypatch: pytest.MonkeyPatch) -> _Clock:
    fake = _Clock()
    monkeypatch.setattr(time, "monotonic", fake)  # the module reads time.monotonic at each call
    return fake


def test_an_unset_version_is_zero_and_a_bump_is_seen_at_once_by_this_process(clock: _Clock) -> None:
    version = SharedVersion("test:version", recheck_seconds=60)
    assert version.get() == 0
    version.bump()
    assert version.get() == 1
    version.bump()
    assert version.get() == 2
    assert DataVersion.objects.get(key="test:version").value == 2


def test_a_change_by_another_process_is_seen_once_the_recheck_interval_has_passed(clock: _Clock) -> None:
    here, elsewhere = SharedVersion("test:version", recheck_seconds=1.0), SharedVersion("test:version")
    assert here.get() == 0
    elsewhere.bump()  # what another server process or a command does
    clock.now += 0.5
    assert here.get() == 0  # trusted within the interval: no query
    clock.now += 0.6
    assert here.get() == 1


def test_first_bumps_from_many_threads_at_once_all_count() -> None:
    if connection.vendor == "sqlite":
        # The in-memory test database refuses a second writer at once ("table is locked"); database files make it
        # wait (busy timeout), so with SQLite two bumps never race at all.
        pytest.skip("concurrent writers need PostgreSQL or a database file")
    start = threading.Barrier(4)
    errors: list[BaseException] = []

    def bump() -> None:
        try:
            start.wait(10)
            SharedVersion("test:raced").bump()
        except BaseException as exc:
            errors.append(exc)
        finally:
            connection.close()

    threads = [threading.Thread(target=bump) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(10)
    assert errors == []
    assert DataVersion.objects.get(key="test:raced").value == 4
