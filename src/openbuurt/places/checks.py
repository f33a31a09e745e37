"""System checks of the places app: the geocoder configuration must name known plugins."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from django.apps import AppConfig
from django.conf import settings
from django.core.checks import CheckMessage, Error, Warning, register


@register()
def check_geocoders(app_configs: Sequence[AppConfig] | None = None, **kwargs: Any) -> list[CheckMessage]:
    """Refuse unknown names in ``OPENBUURT_GEOCODERS``; warn when the offline gazetteer is left out."""
    from openbuurt.places.geocoding import geocoder_registry

    known = ", ".join(geocoder_registry)
    messages: list[CheckMessage] = [
        Error(
            f"OPENBUURT_GEOCODERS names an unknown geocoder {name!r}.",
            hint=f"Known geocoders: {known}.",
            id="places.E001",
        )
        for name in settings.OPENBUURT_GEOCODERS
        if name not in geocoder_registry
    ]
    if "gazetteer" not in settings.OPENBUURT_GEOCODERS:
        messages.append(
            Warning(
                "OPENBUURT_GEOCODERS leaves out the offline gazetteer.",
                hint="Without it residents cannot find places by name when PDOK is unreachable.",
                id="places.W001",
            )
        )
    return messages
