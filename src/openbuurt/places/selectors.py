"""Reads of the places app: which area a point lies in, geocoding with fall-back, and area outlines for maps.

Other apps use these functions (and the models) rather than the modules behind them.
"""

from __future__ import annotations

import threading
import time
from dataclasses import dataclass
from typing import Any

from django.conf import settings

import structlog

from openbuurt.places.constants import AreaKind
from openbuurt.places.geocoding import Geocoder, GeocodeResult, GeocoderUnavailable, geocoder_registry
from openbuurt.places.geometry import AreaHit, areas_containing, is_in_service_area, locate
from openbuurt.places.models import Area
from openbuurt.places.names import normalize_name

__all__ = [
    "AreaHit",
    "GeocodeResult",
    "PointPlace",
    "area_by_code",
    "areas_containing",
    "areas_geojson",
    "describe_point",
    "geocode_reverse",
    "geocode_search",
    "is_in_service_area",
    "locate",
    "normalize_name",
    "reset_geocoder_cooldowns",
]

log = structlog.get_logger(__name__)

# After a geocoder fails, skip it for a while: a resident should not wait for a time-out on every keystroke.
COOLDOWN_SECONDS = 30.0
_cooldown_lock = threading.Lock()
_unavailable_until: dict[str, float] = {}


def reset_geocoder_cooldowns() -> None:
    """Forget which geocoders recently failed (tests call this between cases)."""
    with _cooldown_lock:
        _unavailable_until.clear()


def _available_geocoders() -> list[tuple[str, Geocoder]]:
    now = time.monotonic()
    with _cooldown_lock:
        names = [name for name in settings.OPENBUURT_GEOCODERS if _unavailable_until.get(name, 0.0) <= now]
    return [(name, geocoder_registry[name]()) for name in names]


def _mark_unavailable(name: str, error: GeocoderUnavailable) -> None:
    log.warning("geocoder_unavailable", geocoder=name, error=str(error), cooldown_s=COOLDOWN_SECONDS)
    with _cooldown_lock:
        _unavailable_until[name] = time.monotonic() + COOLDOWN_SECONDS


def geocode_search(query: str, limit: int = 5) -> list[GeocodeResult]:
    """Return up to ``limit`` places matching ``query`` from the first configured geocoder that finds any.

    Geocoders are tried in the order of ``OPENBUURT_GEOCODERS``; one that is unavailable or finds nothing passes
    the query on to the next. Return an empty list when none finds anything.
    """
    for name, geocoder in _available_geocoders():
        try:
            results = geocoder.search(query, limit)
        except GeocoderUnavailable as error:
            _mark_unavailable(name, error)
            continue
        if results:
            return results[:limit]
    return []


def geocode_reverse(lat: float, lon: float) -> GeocodeResult | None:
    """Return the place at the point from the first configured geocoder that knows one, or ``None``."""
    for name, geocoder in _available_geocoders():
        try:
            result = geocoder.reverse(lat, lon)
        except GeocoderUnavailable as error:
            _mark_unavailable(name, error)
            continue
        if result is not None:
            return result
    return None


@dataclass(frozen=True)
class PointPlace:
    """Where a point lies: its most specific area, the district (wijk) and whether the municipality serves it."""

    area: AreaHit | None
    district: AreaHit | None
    inside_municipality: bool


def describe_point(lat: float, lon: float) -> PointPlace:
    """Return the areas around a point and whether it lies in the service area."""
    hits = areas_containing(lat, lon)
    district = next((hit for hit in hits if hit.kind == AreaKind.DISTRICT), None)
    return PointPlace(
        area=hits[0] if hits else None, district=district, inside_municipality=is_in_service_area(lat, lon)
    )


def area_by_code(code: str) -> Area | None:
    """Return the area with this code, or ``None``."""
    return Area.objects.filter(code=code).first()


def areas_geojson(kind: AreaKind = AreaKind.DISTRICT) -> dict[str, Any]:
    """Return the areas of ``kind`` as a GeoJSON FeatureCollection (properties: code, name, kind, parent_code)."""
    features = [
        {
            "type": "Feature",
            "id": code,
            "geometry": geometry,
            "properties": {"code": code, "name": name, "kind": area_kind, "parent_code": parent_code or ""},
        }
        for code, name, area_kind, geometry, parent_code in Area.objects.filter(kind=kind)
        .order_by("code")
        .values_list("code", "name", "kind", "geometry", "parent__code")
    ]
    return {"type": "FeatureCollection", "features": features}
