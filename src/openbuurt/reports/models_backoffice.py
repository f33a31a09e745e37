"""Back-office settings that belong to one staff member: saved queue filters."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class SavedFilter(models.Model):
    """A named queue filter of one staff member, kept as the query string of the queue page.

    The query string is re-read through the queue's filter form every time it is used, so a saved filter can never
    widen what its owner may see: scoping is applied on top of it.
    """

    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("owner"), on_delete=models.CASCADE, related_name="saved_filters"
    )
    name = models.CharField(_("name"), max_length=100)
    query = models.CharField(_("filter"), max_length=2000, blank=True)
    show_on_queue = models.BooleanField(
        _("show above the queue"), default=True, help_text=_("Show this filter as a shortcut above the queue.")
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        verbose_name = _("saved filter")
        verbose_name_plural = _("saved filters")
        ordering = ["name", "id"]
        constraints = [models.UniqueConstraint(fields=["owner", "name"], name="saved_filter_name_per_owner")]

    def __str__(self) -> str:
        return self.name
