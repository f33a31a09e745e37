"""A version number in the database that tells every process when data it keeps in memory has changed.

Processes keep some data in memory (the area index, the Open311 catalogue) and rebuild it when its version number
moves. The number lives in the database (:class:`~openbuurt.core.models.DataVersion`), which every server process,
the task worker and commands such as ``openbuurt import-areas`` share whatever the cache (the embedded default
cache is per process). Reading it is a query, and the hot paths (every Open311 POST asks for two versions) must
not pay one per request, so a process trusts the number it read for ``recheck_seconds``: a change made in this
process is seen at once, a change made in another process within that time.

Moving the number is bookkeeping, not a change anyone decides, so it is not audited.
"""

from __future__ import annotations

import time

from django.db import IntegrityError, transaction
from django.db.models import F

from openbuurt.core.models import DataVersion


class SharedVersion:
    """The version number under ``key`` (0 until first moved), read at most once per ``recheck_seconds``."""

    def __init__(self, key: str, *, recheck_seconds: float = 1.0) -> None:
        self.key = key
        self.recheck_seconds = recheck_seconds
        # (version, monotonic time it was read); replaced whole, so threads never see half an update.
        self._seen: tuple[int, float] | None = None

    def get(self) -> int:
        """Return the version, from the database when the last reading is older than ``recheck_seconds``."""
        now = time.monotonic()
        seen = self._seen
        if seen is not None and now - seen[1] < self.recheck_seconds:
            return seen[0]
        value = DataVersion.objects.filter(key=self.key).values_list("value", flat=True).first()
        version = value or 0
        self._seen = (version, now)
        return version

    def bump(self) -> None:
        """Move the version on, in the caller's transaction if there is one; this process sees it at once."""
        if not DataVersion.objects.filter(key=self.key).update(value=F("value") + 1):
            try:
                with transaction.atomic():  # a savepoint: a racing first bump must not spoil the caller's transaction
                    DataVersion.objects.create(key=self.key, value=1)
            except IntegrityError:  # another process created it first
                DataVersion.objects.filter(key=self.key).update(value=F("value") + 1)
        self.forget()

    def forget(self) -> None:
        """Read the database again on the next :meth:`get` (tests, after changing the data directly)."""
        self._seen = None
