"""Template context shared by every page."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.http import HttpRequest


def site(request: HttpRequest) -> dict[str, Any]:
    """Expose the map settings and the public base URL to templates."""
    return {
        "map_tile_url": settings.OPENBUURT_MAP_TILE_URL,
        "map_attribution": settings.OPENBUURT_MAP_ATTRIBUTION,
        "public_base_url": settings.OPENBUURT_PUBLIC_BASE_URL,
    }
