"""Reload the published catalogue when categories or organisations change."""

from __future__ import annotations

from typing import Any

from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from openbuurt.accounts.models import Organisation
from openbuurt.open311.catalogue import invalidate
from openbuurt.triage.models import Category


@receiver(post_save, sender=Category)
@receiver(post_delete, sender=Category)
@receiver(post_save, sender=Organisation)
@receiver(post_delete, sender=Organisation)
def _catalogue_changed(sender: type[Category | Organisation], **kwargs: Any) -> None:
    # The version number moves in the same transaction as the row: other processes see both together.
    invalidate()
