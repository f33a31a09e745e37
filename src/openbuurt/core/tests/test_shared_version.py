"""A version number in the cache, re-read at most once per interval."""

from __future__ import annotations

import time

from django.core.cache import cache

import pytest

from openbuurt.core.shared_version import SharedVersion


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
    assert cache.get("test:version") == 2


def test_a_change_by_another_process_is_seen_once_the_recheck_interval_has_passed(clock: _Clock) -> None:
    version = SharedVersion("test:version", recheck_seconds=1.0)
    assert version.get() == 0
    cache.set("test:version", 7, timeout=None)  # what another process sharing the cache does
    clock.now += 0.5
    assert version.get() == 0  # trusted within the interval: no cache read
    clock.now += 0.6
    assert version.get() == 7


def test_forget_reads_the_cache_again_and_a_bump_after_the_cache_was_emptied_starts_again(clock: _Clock) -> None:
    version = SharedVersion("test:version", recheck_seconds=60)
    version.bump()
    assert version.get() == 1
    cache.clear()
    version.forget()
    assert version.get() == 0
    version.bump()
    assert version.get() == 1
