"""Offline geocoding from the gazetteer: names of buurten, wijken, landmarks and what residents call them.

It needs no network, so the report form keeps working when PDOK cannot be reached. Matching is on normalised
names: exact, then prefix, then a known name inside the query ("bij de Vismarkt"), then close spellings (difflib).
"""

from __future__ import annotations

import difflib
import math
from dataclasses import dataclass

from openbuurt.places.constants import GazetteerKind
from openbuurt.places.geocoding.base import Geocoder, GeocodeResult, geocoder_registry
from openbuurt.places.geometry import locate
from openbuurt.places.models import GazetteerEntry
from openbuurt.places.names import normalize_name

EARTH_RADIUS_M = 6_371_000
# Point-like places (landmarks, streets) name a clicked point only when they are this close to it.
NEAR_M = 250
# Without an area around the point, the nearest entry names it only within this distance.
FAR_M = 2_000
FUZZY_CUTOFF = 0.8
_POINT_KINDS = {GazetteerKind.LANDMARK, GazetteerKind.STREET}


def distance_m(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Return the distance in metres between two nearby points (equirectangular; exact enough within a city)."""
    x = math.radians(lon2 - lon1) * math.cos(math.radians((lat1 + lat2) / 2))
    y = math.radians(lat2 - lat1)
    return EARTH_RADIUS_M * math.hypot(x, y)


@dataclass(frozen=True)
class _Candidate:
    entry_id: int
    name: str
    normalized: str
    kind: str
    lat: float
    lon: float
    key: str
    area_name: str


def _candidates() -> list[_Candidate]:
    rows = GazetteerEntry.objects.values_list(
        "pk", "name", "normalized_name", "kind", "lat", "lon", "key", "area__name"
    )
    return [
        _Candidate(pk, name, normalized, kind, lat, lon, key, area_name or "")
        for pk, name, normalized, kind, lat, lon, key, area_name in rows
    ]


def _score(needle: str, candidate: str) -> float:
    """Return how well ``candidate`` (a normalised name) matches ``needle`` (a normalised query), 0 = not."""
    if candidate == needle:
        return 1.0
    if len(needle) >= 2 and candidate.startswith(needle):
        return 0.9
    if len(needle) >= 3 and any(word.startswith(needle) for word in candidate.split()):
        return 0.8
    if len(candidate) >= 4 and f" {candidate} " in f" {needle} ":
        return 0.7
    ratio = difflib.SequenceMatcher(None, needle, candidate).ratio()
    return 0.6 * ratio if ratio >= FUZZY_CUTOFF else 0.0


def _label(candidate: _Candidate) -> str:
    if candidate.area_name and normalize_name(candidate.area_name) != candidate.normalized:
        return f"{candidate.name} ({candidate.area_name})"
    return candidate.name


@geocoder_registry.register("gazetteer")
class GazetteerGeocoder(Geocoder):
    """The local gazetteer; always available."""

    def search(self, query: str, limit: int) -> list[GeocodeResult]:
        """Return the entries whose names match ``query`` best, exact matches first, shorter names first."""
        needle = normalize_name(query)
        if not needle or limit < 1:
            return []
        scored = [(score, candidate) for candidate in _candidates() if (score := _score(needle, candidate.normalized))]
        scored.sort(key=lambda pair: (-pair[0], len(pair[1].name), pair[1].name))
        results: list[GeocodeResult] = []
        seen: set[tuple[str, str]] = set()
        for _score_value, candidate in scored:
            # The same place can be listed twice (a buurt and an alias of it); show it once.
            if (candidate.normalized, candidate.kind) in seen:
                continue
            seen.add((candidate.normalized, candidate.kind))
            results.append(
                GeocodeResult(
                    label=_label(candidate),
                    lat=candidate.lat,
                    lon=candidate.lon,
                    kind=candidate.kind,
                    source="gazetteer",
                    address_id=candidate.key,
                )
            )
            if len(results) == limit:
                break
        return results

    def reverse(self, lat: float, lon: float) -> GeocodeResult | None:
        """Name the point: a landmark or street within 250 m, else the buurt around it, else a place within 2 km.

        The result keeps the asked point as its position: it describes where the resident is, not a place to go.
        """
        candidates = _candidates()
        area = locate(lat, lon)
        nearest_point_like = min(
            (c for c in candidates if c.kind in _POINT_KINDS),
            key=lambda c: distance_m(lat, lon, c.lat, c.lon),
            default=None,
        )
        if (
            nearest_point_like is not None
            and distance_m(lat, lon, nearest_point_like.lat, nearest_point_like.lon) <= NEAR_M
        ):
            label = nearest_point_like.name if area is None else f"{nearest_point_like.name} ({area.name})"
            return GeocodeResult(label=label, lat=lat, lon=lon, kind=nearest_point_like.kind, source="gazetteer")
        if area is not None:
            return GeocodeResult(label=area.name, lat=lat, lon=lon, kind=area.kind, source="gazetteer")
        nearest = min(candidates, key=lambda c: distance_m(lat, lon, c.lat, c.lon), default=None)
        if nearest is not None and distance_m(lat, lon, nearest.lat, nearest.lon) <= FAR_M:
            return GeocodeResult(label=nearest.name, lat=lat, lon=lon, kind=nearest.kind, source="gazetteer")
        return None
