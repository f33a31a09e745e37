"""Slowing down password guessing on the back-office login, with counters in the cache.

A username is locked for :data:`WINDOW_SECONDS` after :data:`MAX_FAILURES_PER_USERNAME` failed logins, a client
address after :data:`MAX_FAILURES_PER_ADDRESS`. With the default local-memory cache the counters are per process;
production uses Redis (``REDIS_URL``), where they are shared by every web process.
"""

from __future__ import annotations

import hashlib

from django.core.cache import cache
from django.http import HttpRequest

MAX_FAILURES_PER_USERNAME = 5
MAX_FAILURES_PER_ADDRESS = 20
WINDOW_SECONDS = 15 * 60


def _key(kind: str, value: str) -> str:
    # Hashed: usernames must not end up readable in a shared cache.
    return f"backoffice:login-failures:{kind}:{hashlib.sha256(value.lower().encode()).hexdigest()[:32]}"


def client_address(request: HttpRequest) -> str:
    """Return the client's address as Django sees it (behind a proxy: configure the proxy to set REMOTE_ADDR)."""
    return str(request.META.get("REMOTE_ADDR", ""))


def is_locked(*, username: str, address: str) -> bool:
    """Tell whether logins for ``username`` or from ``address`` are refused for now."""
    return (
        int(cache.get(_key("user", username), 0)) >= MAX_FAILURES_PER_USERNAME
        or int(cache.get(_key("addr", address), 0)) >= MAX_FAILURES_PER_ADDRESS
    )


def record_failure(*, username: str, address: str) -> None:
    """Count one failed login for ``username`` and ``address``."""
    for key in (_key("user", username), _key("addr", address)):
        cache.add(key, 0, WINDOW_SECONDS)
        try:
            cache.incr(key)
        except ValueError:
            cache.set(key, 1, WINDOW_SECONDS)


def reset(*, username: str) -> None:
    """Forget the failures of ``username`` after a successful login."""
    cache.delete(_key("user", username))
