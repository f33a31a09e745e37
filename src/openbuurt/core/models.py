"""The audit log: who saw and changed what, appended and never edited."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class AppendOnlyError(RuntimeError):
    """Raised when code tries to change or delete a row of an append-only table."""


class AppendOnlyModel(models.Model):
    """A model whose rows are written once: saving an existing row or deleting one is refused.

    Retention jobs that must remove history do so with a queryset delete inside their own service, which records
    a deletion entry; an individual ``delete()`` is always a mistake.
    """

    class Meta:
        abstract = True

    def save(self, *args: Any, **kwargs: Any) -> None:
        if self.pk is not None and not self._state.adding:
            raise AppendOnlyError(f"{type(self).__name__} rows are append-only")
        super().save(*args, **kwargs)

    def delete(self, *args: Any, **kwargs: Any) -> tuple[int, dict[str, int]]:
        raise AppendOnlyError(f"{type(self).__name__} rows are append-only")


class AuditAction(models.TextChoices):
    CREATE = "create", _("created")
    UPDATE = "update", _("changed")
    DELETE = "delete", _("deleted")
    VIEW_PERSONAL_DATA = "view_personal_data", _("viewed personal data")
    EXPORT = "export", _("exported")
    LOGIN = "login", _("logged in")
    SECURITY = "security", _("security event")


class AuditLogEntry(AppendOnlyModel):
    """One audited action on one object."""

    created_at = models.DateTimeField(_("time"), auto_now_add=True, db_index=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("actor"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    actor_label = models.CharField(
        _("actor label"), max_length=200, help_text=_("Who acted, kept when the user is deleted (or 'system').")
    )
    action = models.CharField(_("action"), max_length=32, choices=AuditAction.choices)
    object_type = models.CharField(_("object type"), max_length=100, db_index=True)
    object_id = models.CharField(_("object id"), max_length=64, db_index=True)
    summary = models.CharField(_("summary"), max_length=300)
    detail = models.JSONField(_("detail"), default=dict, blank=True)

    class Meta:
        verbose_name = _("audit log entry")
        verbose_name_plural = _("audit log")
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["object_type", "object_id", "created_at"])]

    def __str__(self) -> str:
        return f"{self.created_at:%Y-%m-%d %H:%M} {self.actor_label} {self.action} {self.object_type}:{self.object_id}"


class PendingEvent(models.Model):
    """An event whose background handlers have not run yet: the durable half of the event bus.

    Written in the same transaction as the change that caused it, so an event can only exist if its change was
    committed, and cannot be lost once it was. The worker deletes the row after calling the handlers.
    """

    created_at = models.DateTimeField(auto_now_add=True, db_index=True)
    event_type = models.CharField(max_length=200)
    payload = models.JSONField(default=dict)
    claimed_at = models.DateTimeField(null=True, blank=True)
    attempts = models.PositiveSmallIntegerField(default=0)

    class Meta:
        verbose_name = _("pending event")
        verbose_name_plural = _("pending events")
        ordering = ["id"]

    def __str__(self) -> str:
        return f"{self.event_type} #{self.pk}"


class DataVersion(models.Model):
    """A counter that moves when data kept in the memory of every process changes (see ``core.shared_version``).

    Kept in the database, not the cache: the embedded default cache lives in each process, so a change made in one
    server process (or by a command such as ``openbuurt import-areas``) would never reach the others.
    """

    key = models.CharField(max_length=100, primary_key=True)
    value = models.BigIntegerField(default=0)

    class Meta:
        verbose_name = _("data version")
        verbose_name_plural = _("data versions")

    def __str__(self) -> str:
        return f"{self.key} = {self.value}"
