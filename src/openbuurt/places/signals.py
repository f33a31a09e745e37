"""Invalidate the spatial index of every process when areas change."""

from __future__ import annotations

from typing import Any

from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from openbuurt.places.geometry import bump_version
from openbuurt.places.models import Area


@receiver(post_save, sender=Area)
@receiver(post_delete, sender=Area)
def _area_changed(sender: type[Area], **kwargs: Any) -> None:
    # The version number moves in the same transaction as the area: other processes see both together.
    bump_version()
