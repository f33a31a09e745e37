"""Writes of the open311 app: creating, revoking and marking the use of API keys. Atomic and audited."""

from __future__ import annotations

from datetime import timedelta

from django.db import transaction
from django.utils import timezone

import structlog

from openbuurt.accounts.models import Organisation, User
from openbuurt.core import audit
from openbuurt.core.models import AuditAction
from openbuurt.open311 import selectors
from openbuurt.open311.keys import PREFIX_LENGTH, hash_api_key, new_api_key
from openbuurt.open311.models import ApiKey

log = structlog.get_logger(__name__)

# Recording every use would turn each POST into one more write; once per interval is enough to see activity.
LAST_USED_RESOLUTION = timedelta(minutes=5)


@transaction.atomic
def create_api_key(
    *, name: str, organisation: Organisation | None = None, actor: User | None = None
) -> tuple[ApiKey, str]:
    """Store a new key and return it with the plain key, which is shown once and never stored."""
    name = name.strip()
    if not name:
        raise ValueError("An API key needs a name.")
    plain = new_api_key()
    api_key = ApiKey.objects.create(
        name=name[:200],
        organisation=organisation,
        key_prefix=plain[:PREFIX_LENGTH],
        key_hash=hash_api_key(plain),
        created_by=actor if actor is not None and actor.pk is not None else None,
    )
    audit.record(
        actor=actor,
        action=AuditAction.CREATE,
        target=api_key,
        summary=f"Open311 API key {api_key.key_prefix}… created for {api_key.name}",
        detail={"organisation": organisation.slug if organisation is not None else None},
    )
    log.info("open311_key_created", key_prefix=api_key.key_prefix)
    return api_key, plain


@transaction.atomic
def revoke_api_key(*, api_key: ApiKey, actor: User | None) -> ApiKey:
    """Revoke ``api_key`` so it is refused from now on; revoking a revoked key changes nothing."""
    locked = ApiKey.objects.select_for_update().get(pk=api_key.pk)
    if locked.revoked_at is not None:
        return locked
    locked.revoked_at = timezone.now()
    locked.save(update_fields=["revoked_at"])
    # Forget it now and again after commit: a request in another thread may remember it in between.
    selectors.forget_api_key(locked.key_hash)
    transaction.on_commit(lambda: selectors.forget_api_key(locked.key_hash), robust=True)
    audit.record(
        actor=actor,
        action=AuditAction.UPDATE,
        target=locked,
        summary=f"Open311 API key {locked.key_prefix}… revoked",
        detail={"revoked": True},
    )
    api_key.revoked_at = locked.revoked_at
    log.info("open311_key_revoked", key_prefix=locked.key_prefix)
    return locked


def mark_api_key_used(*, api_key: ApiKey) -> None:
    """Record that ``api_key`` was used now, at most once per :data:`LAST_USED_RESOLUTION`.

    Not audited: it is bookkeeping, not a change of what the key may do. One UPDATE statement, so it needs no
    transaction of its own.
    """
    now = timezone.now()
    if api_key.last_used_at is not None and now - api_key.last_used_at < LAST_USED_RESOLUTION:
        return
    ApiKey.objects.filter(pk=api_key.pk).update(last_used_at=now)
    api_key.last_used_at = now
