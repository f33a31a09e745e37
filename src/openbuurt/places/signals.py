"""Invalidate the spatial index of every process when areas change."""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from openbuurt.places.geometry import bump_version
from openbuurt.places.models import Area


@receiver(post_save, sender=Area)
@receiver(post_delete, sender=Area)
def _area_changed(sender: type[Area], **kwargs: Any) -> None:
    # Now for this process, and again on commit for the others (which may have rebuilt in between).
    bump_version()
    transaction.on_commit(bump_version)
