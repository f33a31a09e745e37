"""Point-in-area lookup with an in-memory spatial index (shapely STRtree).

The index is built lazily from all areas and rebuilt when an area is saved or deleted (``places.signals`` moves a
version number in the database, ``core.shared_version``, so every process sees the change within a second: the
other server processes, the worker, and a web server after ``openbuurt import-areas``). Queries take microseconds
after the first build.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass
from typing import Any

from django.utils.translation import gettext

from shapely import STRtree, intersects_xy, prepare
from shapely.geometry import Point, shape
from shapely.geometry.base import BaseGeometry

from openbuurt.core.shared_version import SharedVersion
from openbuurt.places.constants import SPECIFICITY, AreaKind
from openbuurt.places.models import Area

_version = SharedVersion("places:area-index-version", recheck_seconds=1.0)
# The Netherlands' bounding box, used only when a site has no areas loaded at all.
NETHERLANDS_BBOX = (3.2, 50.7, 7.3, 53.7)


@dataclass(frozen=True)
class AreaHit:
    """An area that contains a point."""

    area_id: int
    code: str
    name: str
    kind: str


@dataclass
class _Index:
    version: int
    tree: STRtree | None
    geometries: list[BaseGeometry]
    hits: list[AreaHit]
    service_area: BaseGeometry | None


_lock = threading.Lock()
_current: _Index | None = None


def bump_version() -> None:
    """Mark the in-memory indexes of every process as stale (this process's at once)."""
    global _current
    _version.bump()
    with _lock:
        _current = None


def _build(version: int) -> _Index:
    geometries: list[BaseGeometry] = []
    hits: list[AreaHit] = []
    service_parts: list[BaseGeometry] = []
    for area in Area.objects.only("id", "code", "name", "kind", "geometry").iterator():
        geom = shape(area.geometry)
        if not geom.is_valid:
            geom = geom.buffer(0)
        prepare(geom)
        geometries.append(geom)
        hits.append(AreaHit(area_id=area.pk, code=area.code, name=area.name, kind=area.kind))
        if area.kind in (AreaKind.MUNICIPALITY, AreaKind.DISTRICT):
            service_parts.append(geom)
    service_area: BaseGeometry | None = None
    if service_parts:
        from shapely import union_all

        service_area = union_all(service_parts)
        prepare(service_area)
    tree = STRtree(geometries) if geometries else None
    return _Index(version=version, tree=tree, geometries=geometries, hits=hits, service_area=service_area)


def _index() -> _Index:
    global _current
    version = _version.get()
    index = _current
    if index is not None and index.version == version:
        return index
    with _lock:
        if _current is None or _current.version != version:
            _current = _build(version)
        return _current


def reset_index() -> None:
    """Forget the in-memory index of this process (tests call this between databases)."""
    global _current
    _version.forget()
    with _lock:
        _current = None


def areas_containing(lat: float, lon: float) -> list[AreaHit]:
    """Return the areas that contain the point, most specific first (buurt, wijk, other, municipality)."""
    index = _index()
    if index.tree is None:
        return []
    point = Point(lon, lat)
    candidates: Any = index.tree.query(point, predicate="intersects")
    found = [index.hits[int(i)] for i in candidates]
    return sorted(found, key=lambda hit: (-SPECIFICITY.get(AreaKind(hit.kind), 0), hit.name))


def locate(lat: float, lon: float) -> AreaHit | None:
    """Return the most specific area containing the point, or ``None``."""
    hits = areas_containing(lat, lon)
    return hits[0] if hits else None


def is_in_service_area(lat: float, lon: float) -> bool:
    """Tell whether a point lies in the municipality (the union of its districts and municipality areas).

    A site without areas accepts any point in the Netherlands' bounding box.
    """
    index = _index()
    if index.service_area is None:
        min_lon, min_lat, max_lon, max_lat = NETHERLANDS_BBOX
        return min_lon <= lon <= max_lon and min_lat <= lat <= max_lat
    # intersects_xy tests the coordinates against the prepared polygon without building a Point object first.
    return bool(intersects_xy(index.service_area, lon, lat))


def geometry_bounds(geometry: dict[str, Any]) -> tuple[float, float, float, float]:
    """Return (min_lon, min_lat, max_lon, max_lat) of a GeoJSON geometry, raising ValueError if it is not valid."""
    try:
        geom = shape(geometry)
    except Exception as exc:  # shapely raises several types for malformed input; all mean "not a geometry"
        raise ValueError(gettext("not a GeoJSON geometry: %s") % exc) from exc
    if geom.is_empty or geom.geom_type not in ("Polygon", "MultiPolygon"):
        raise ValueError(gettext("an area needs a Polygon or MultiPolygon, got %s") % geom.geom_type)
    min_lon, min_lat, max_lon, max_lat = geom.bounds
    return float(min_lon), float(min_lat), float(max_lon), float(max_lat)
