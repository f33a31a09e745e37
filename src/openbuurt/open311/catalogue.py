"""The published service catalogue: categories with a service code, the jurisdiction and the changeset.

The catalogue is read from the database at most once per :data:`MAX_AGE` per process, and at once after a category
or organisation was saved in this process (``open311.signals``), or within a second after one was saved in another
process (``core.shared_version``). It is kept with its rendered service lists, so ``services.{fmt}`` and the
category look-up of a POST cost no query.

The changeset is the time the catalogue's content was first seen with its current fingerprint (a hash of every
published field). Processes that share the cache agree on it; without a shared cache a process that starts later
may show a later changeset for the same content, which only makes clients refresh once more.
"""

from __future__ import annotations

import hashlib
import threading
import time
from dataclasses import dataclass, field
from datetime import UTC

from django.conf import settings
from django.core.cache import cache
from django.utils import timezone

from openbuurt.accounts.constants import OrganisationKind
from openbuurt.accounts.models import Organisation
from openbuurt.core.shared_version import SharedVersion
from openbuurt.triage import selectors as triage_selectors
from openbuurt.triage.models import Category

MAX_AGE = 30.0
_version = SharedVersion("open311:catalogue-version", recheck_seconds=1.0)
_CATEGORY_FIELDS = (
    "id",
    "parent_id",
    "slug",
    "service_code",
    "service_group",
    "name_nl",
    "name_en",
    "description_nl",
    "description_en",
    "keywords",
    "handling_message_nl",
    "handling_message_en",
    "handling_organisation",
    "sla_days",
    "sla_working_days",
    "is_confidential",
    "order",
)
_ORGANISATION_FIELDS = ("id", "name", "slug", "kind", "jurisdiction_id", "contact_email", "is_active")


@dataclass
class Catalogue:
    """One snapshot of what the Open311 endpoint publishes; treat it as read-only."""

    changeset: str
    fingerprint: str
    categories: tuple[Category, ...]
    by_code: dict[str, Category]
    jurisdiction_ids: frozenset[str]
    site_organisation: Organisation | None
    version: int
    loaded_at: float
    rendered: dict[tuple[str, str], bytes] = field(default_factory=dict)

    def is_known_jurisdiction(self, jurisdiction_id: str) -> bool:
        return jurisdiction_id in self.jurisdiction_ids


_lock = threading.Lock()
_current: Catalogue | None = None


def invalidate() -> None:
    """Make every process reload the catalogue on its next request (this one at once)."""
    global _current
    _version.bump()
    with _lock:
        _current = None


def _site_organisation(organisations: list[Organisation]) -> Organisation | None:
    # The same choice as reports.services makes for a report without an organisation.
    for organisation in organisations:
        if organisation.slug == settings.OPENBUURT_DEFAULT_ORGANISATION:
            return organisation
    municipalities = [o for o in organisations if o.kind == OrganisationKind.MUNICIPALITY and o.is_active]
    return min(municipalities, key=lambda o: o.pk) if municipalities else None


def _changeset_for(fingerprint: str) -> str:
    key = f"open311:changeset:{fingerprint}"
    stamp = timezone.now().astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%S.%fZ")
    cache.add(key, stamp, timeout=None)
    value = cache.get(key)
    return value if isinstance(value, str) else stamp


def _load(version: int) -> Catalogue:
    categories = tuple(c for c in triage_selectors.active_categories() if c.service_code)
    organisations = list(Organisation.objects.order_by("pk"))
    digest = hashlib.sha256()
    for category in categories:
        digest.update(repr([getattr(category, name) for name in _CATEGORY_FIELDS]).encode())
    digest.update(b"|")
    for organisation in organisations:
        digest.update(repr([getattr(organisation, name) for name in _ORGANISATION_FIELDS]).encode())
    fingerprint = digest.hexdigest()[:32]
    return Catalogue(
        changeset=_changeset_for(fingerprint),
        fingerprint=fingerprint,
        categories=categories,
        by_code={category.service_code: category for category in categories},
        jurisdiction_ids=frozenset(o.jurisdiction_id for o in organisations if o.is_active and o.jurisdiction_id),
        site_organisation=_site_organisation(organisations),
        version=version,
        loaded_at=time.monotonic(),
    )


def current() -> Catalogue:
    """Return the current catalogue, reloading it when it is stale."""
    global _current
    version = _version.get()
    snapshot = _current
    if snapshot is not None and snapshot.version == version and time.monotonic() - snapshot.loaded_at < MAX_AGE:
        return snapshot
    with _lock:
        snapshot = _current
        if snapshot is None or snapshot.version != version or time.monotonic() - snapshot.loaded_at >= MAX_AGE:
            fresh = _load(version)
            if snapshot is not None and snapshot.fingerprint == fresh.fingerprint:
                # Same content: keep the rendered lists and only restart the clock.
                snapshot.loaded_at = fresh.loaded_at
                snapshot.version = version
            else:
                snapshot = fresh
            _current = snapshot
        return snapshot


def reset() -> None:
    """Forget the catalogue of this process (tests call this between databases)."""
    global _current
    _version.forget()
    with _lock:
        _current = None
