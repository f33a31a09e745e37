"""Writing audit log entries; every service calls :func:`record` inside its transaction."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.base_user import AbstractBaseUser
from django.db import models

from openbuurt.core.models import AuditAction, AuditLogEntry


def record(
    *,
    actor: AbstractBaseUser | None,
    action: AuditAction,
    target: models.Model,
    summary: str,
    detail: dict[str, Any] | None = None,
    actor_label: str | None = None,
) -> AuditLogEntry:
    """Append one audit entry for ``action`` on ``target`` by ``actor`` (``None`` = the system or a resident).

    ``detail`` must hold no personal data beyond identifiers: the audit log is kept longer than the reports.
    """
    if actor_label is None:
        actor_label = actor.get_username() if actor is not None and actor.pk is not None else "system"
    return AuditLogEntry.objects.create(
        actor_id=actor.pk if actor is not None and actor.pk is not None else None,
        actor_label=actor_label[:200],
        action=action,
        object_type=target._meta.label_lower,
        object_id=str(target.pk),
        summary=summary[:300],
        detail=detail or {},
    )
