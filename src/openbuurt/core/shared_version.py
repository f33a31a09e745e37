"""A version number in Django's cache that tells every process when data it keeps in memory has changed.

Processes keep some data in memory (the area index, the Open311 catalogue) and rebuild it when its version number
in the cache moves. Reading the cache is not free: a lock and an unpickling with the local-memory cache, a round
trip with Redis, and the hot paths (every Open311 POST reads two versions) would pay it per request. So a process
trusts the number it read for ``recheck_seconds``: a change made in this process is seen at once, a change made in
another process sharing the cache (Redis) within that time.
"""

from __future__ import annotations

import time

from django.core.cache import cache


class SharedVersion:
    """The version number under ``key`` in the default cache (0 while unset), read at most every ``recheck_seconds``."""

    def __init__(self, key: str, *, recheck_seconds: float = 1.0) -> None:
        self.key = key
        self.recheck_seconds = recheck_seconds
        # (version, monotonic time it was read); replaced whole, so threads never see half an update.
        self._seen: tuple[int, float] | None = None

    def get(self) -> int:
        """Return the version, from the cache when the last reading is older than ``recheck_seconds``."""
        now = time.monotonic()
        seen = self._seen
        if seen is not None and now - seen[1] < self.recheck_seconds:
            return seen[0]
        value = cache.get(self.key)
        version = int(value) if value is not None else 0
        self._seen = (version, now)
        return version

    def bump(self) -> None:
        """Move the version on, so every process rebuilds what it keeps (this one on its next :meth:`get`)."""
        try:
            cache.incr(self.key)
        except ValueError:  # not in the cache (first change, or the cache was emptied)
            cache.set(self.key, 1, timeout=None)
        self.forget()

    def forget(self) -> None:
        """Read the cache again on the next :meth:`get` (tests, after emptying the cache)."""
        self._seen = None
