"""API keys of Open311 clients (apps and services that submit reports on behalf of residents)."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from openbuurt.accounts.models import Organisation


class ApiKey(models.Model):
    """A key that lets one client POST service requests; only its SHA-256 hash and first characters are stored.

    Written only through ``open311.services``: the plain key is shown once when it is created and cannot be
    recovered afterwards. A revoked key stays in the table so the audit log and old reports keep their meaning.
    """

    name = models.CharField(_("name"), max_length=200, help_text=_("Who uses this key, e.g. the app's name."))
    organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("organisation"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="open311_keys",
        help_text=_("The organisation the key was issued to or for, if any."),
    )
    key_prefix = models.CharField(
        _("key prefix"), max_length=8, db_index=True, editable=False, help_text=_("The first 8 characters of the key.")
    )
    key_hash = models.CharField(max_length=64, unique=True, editable=False)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("created by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        editable=False,
    )
    revoked_at = models.DateTimeField(_("revoked"), null=True, blank=True, editable=False)
    last_used_at = models.DateTimeField(_("last used"), null=True, blank=True, editable=False)

    class Meta:
        verbose_name = _("Open311 API key")
        verbose_name_plural = _("Open311 API keys")
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return f"{self.name} ({self.key_prefix}…)"

    @property
    def is_active(self) -> bool:
        return self.revoked_at is None
