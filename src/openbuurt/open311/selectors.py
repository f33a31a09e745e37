"""Reads of the open311 app: API keys, and the public service requests the GET endpoints publish."""

from __future__ import annotations

import time

from django.conf import settings
from django.db.models import QuerySet

from openbuurt.open311.keys import MAX_KEY_LENGTH, hash_api_key
from openbuurt.open311.models import ApiKey
from openbuurt.open311.params import RequestQuery
from openbuurt.reports import selectors as report_selectors
from openbuurt.reports.constants import CLOSED_STATUSES
from openbuurt.reports.models import Report
from openbuurt.reports.models_intake import QueuedSubmission

# Keys found active, by hash, with the monotonic time they were read. Every POST checks its key, and a database
# look-up costs more than the rest of the check; a key revoked by another server process is refused once its
# entry is older than OPENBUURT_OPEN311_KEY_CACHE_SECONDS (this process forgets it at once, see forget_api_key).
_active_keys: dict[str, tuple[float, ApiKey]] = {}
_clock = time.monotonic


def active_api_key(plain_key: str) -> ApiKey | None:
    """Return the unrevoked key whose plain value is ``plain_key``, or ``None``.

    A key found active is remembered for ``OPENBUURT_OPEN311_KEY_CACHE_SECONDS``; unknown and revoked keys are
    looked up every time, so a new key works at once.
    """
    if not plain_key or len(plain_key) > MAX_KEY_LENGTH:
        return None
    key_hash = hash_api_key(plain_key)
    now = _clock()
    cached = _active_keys.get(key_hash)
    if cached is not None and now - cached[0] < settings.OPENBUURT_OPEN311_KEY_CACHE_SECONDS:
        return cached[1]
    api_key = ApiKey.objects.filter(key_hash=key_hash, revoked_at__isnull=True).first()
    if api_key is None:
        _active_keys.pop(key_hash, None)
    elif settings.OPENBUURT_OPEN311_KEY_CACHE_SECONDS > 0:
        _active_keys[key_hash] = (now, api_key)
    return api_key


def forget_api_key(key_hash: str) -> None:
    """Drop a remembered key (after a revocation), so this process looks it up again at its next use."""
    _active_keys.pop(key_hash, None)


def api_keys() -> QuerySet[ApiKey]:
    """Return every key, newest first, with its organisation loaded."""
    return ApiKey.objects.select_related("organisation", "created_by").order_by("-created_at", "-id")


def api_keys_by_prefix(prefix: str) -> QuerySet[ApiKey]:
    """Return the keys whose first characters are ``prefix`` (the full 8-character prefix or a longer key)."""
    return api_keys().filter(key_prefix=prefix[:8])


def public_requests(query: RequestQuery, *, limit: int) -> list[Report]:
    """Return at most ``limit`` public reports matching ``query``, newest first, from the query's page on.

    Police reports and confidential reports (or categories) are never included: the base is
    ``reports.selectors.public_reports()``.
    """
    reports = report_selectors.public_reports()
    if query.ids:
        reports = reports.filter(public_id__in=query.ids)
    else:
        reports = reports.filter(created_at__gte=query.start, created_at__lte=query.end)
        if query.service_codes:
            reports = reports.filter(category__service_code__in=query.service_codes)
        if query.statuses == {"open"}:
            reports = reports.exclude(status__in=CLOSED_STATUSES)
        elif query.statuses == {"closed"}:
            reports = reports.filter(status__in=CLOSED_STATUSES)
    return list(reports.order_by("-created_at", "-id")[query.offset : query.offset + limit])


def public_request(public_id: str) -> Report | None:
    """Return the public report with this number, or ``None`` (also for police and confidential reports)."""
    if not public_id or len(public_id) > 32:
        return None
    return report_selectors.public_reports().filter(public_id=public_id).first()


def public_queued_request(public_id: str) -> QueuedSubmission | None:
    """Return the accepted submission with this number that is not a report yet, if it may be shown publicly."""
    if not public_id or len(public_id) > 32:
        return None
    return report_selectors.public_queued_submission(public_id)
