"""Writes of the places app: importing areas from GeoJSON and named places into the gazetteer.

Every function validates its whole input first and writes nothing when any part is bad; it runs in one
transaction, appends an audit entry per created or changed row and publishes an event after the commit.
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from django.contrib.auth.base_user import AbstractBaseUser
from django.db import transaction

import structlog
from shapely.geometry import shape

from openbuurt.core.audit import record
from openbuurt.core.events import publish_on_commit
from openbuurt.core.models import AuditAction
from openbuurt.places.constants import AreaKind, GazetteerKind
from openbuurt.places.events import AreasImported, GazetteerImported
from openbuurt.places.geometry import locate
from openbuurt.places.importing import (
    AreaFeature,
    AreaImportError,
    GazetteerImportError,
    GazetteerRow,
    GeoJSONInput,
    ImportFileError,
    ImportProblem,
    implied_parent_code,
    parse_area_features,
    parse_gazetteer_csv,
)
from openbuurt.places.models import Area, GazetteerEntry
from openbuurt.places.names import normalize_name

__all__ = [
    "AreaImportError",
    "GazetteerImportError",
    "GazetteerImportResult",
    "ImportFileError",
    "ImportProblem",
    "ImportResult",
    "add_areas_to_gazetteer",
    "import_areas",
    "import_gazetteer_csv",
]

log = structlog.get_logger(__name__)

# A buurt's wijk and a wijk's gemeente share the leading digits of their CBS codes (see ``implied_parent_code``).
_CHILD_PREFIX = {AreaKind.MUNICIPALITY: ("WK", AreaKind.DISTRICT), AreaKind.DISTRICT: ("BU", AreaKind.NEIGHBOURHOOD)}
_GAZETTEER_KIND = {
    AreaKind.MUNICIPALITY: GazetteerKind.PLACE,
    AreaKind.DISTRICT: GazetteerKind.DISTRICT,
    AreaKind.NEIGHBOURHOOD: GazetteerKind.NEIGHBOURHOOD,
    AreaKind.OTHER: GazetteerKind.PLACE,
}


@dataclass(frozen=True)
class ImportResult:
    """What an area import did, by code."""

    created: tuple[str, ...]
    updated: tuple[str, ...]
    unchanged: tuple[str, ...]
    linked_parents: int
    missing_parents: tuple[str, ...]
    """``"<child code> -> <parent code>"`` for areas whose parent is not in the database (yet)."""

    @property
    def total(self) -> int:
        return len(self.created) + len(self.updated) + len(self.unchanged)


@dataclass(frozen=True)
class GazetteerImportResult:
    """What a gazetteer import did."""

    created: int
    updated: int
    unchanged: int

    @property
    def total(self) -> int:
        return self.created + self.updated + self.unchanged


def _area_values(feature: AreaFeature, source: str) -> dict[str, Any]:
    min_lon, min_lat, max_lon, max_lat = feature.bounds
    return {
        "name": feature.name,
        "kind": str(feature.kind),
        "geometry": feature.geometry,
        "min_lon": min_lon,
        "min_lat": min_lat,
        "max_lon": max_lon,
        "max_lat": max_lat,
        "source": source[:300],
    }


def _link_parent(area: Area, parent: Area, actor: AbstractBaseUser | None) -> None:
    area.parent = parent
    area.save(update_fields=["parent"])
    record(
        actor=actor,
        action=AuditAction.UPDATE,
        target=area,
        summary=f"Area {area.code} placed in {parent.code}",
        detail={"parent": parent.code},
    )


def _link_parents(
    features: list[AreaFeature], areas: dict[str, Area], actor: AbstractBaseUser | None
) -> tuple[int, list[str]]:
    """Link each imported area to its parent and adopt orphans the imported areas are the parent of."""
    linked = 0
    missing: list[str] = []
    parent_codes = {feature.parent_code for feature in features if feature.parent_code}
    parents = {area.code: area for area in Area.objects.filter(code__in=parent_codes)}
    for feature in features:
        if not feature.parent_code:
            continue
        area, parent = areas[feature.code], parents.get(feature.parent_code)
        if parent is None:
            missing.append(f"{feature.code} -> {feature.parent_code}")
        elif area.parent_id != parent.pk:
            _link_parent(area, parent, actor)
            linked += 1
    # Import order must not matter: buurten imported before their wijk are linked when the wijk arrives.
    for feature in features:
        child = _CHILD_PREFIX.get(feature.kind)
        if child is None:
            continue
        prefix, child_kind = child
        candidates = Area.objects.filter(
            kind=child_kind, parent__isnull=True, code__startswith=prefix + feature.code[2:]
        ).exclude(code__in=list(areas))
        for orphan in candidates:
            if implied_parent_code(orphan.code, child_kind) == feature.code:
                _link_parent(orphan, areas[feature.code], actor)
                linked += 1
    return linked, missing


@transaction.atomic
def import_areas(
    *,
    geojson: GeoJSONInput,
    kind: AreaKind | None = None,
    code_property: str = "statcode",
    name_property: str = "statnaam",
    parent_property: str = "wijkcode",
    source: str,
    actor: AbstractBaseUser | None = None,
) -> ImportResult:
    """Create or update one area per feature of a GeoJSON FeatureCollection (a dict or a file path), by code.

    Validate every feature first and raise ``AreaImportError`` listing the bad ones (nothing is written then).
    Without ``kind`` the kind follows from the CBS code (GM… municipality, WK… district, BU… neighbourhood).
    Link buurten to their wijk and wijken to their gemeente when those are in the database, whichever is imported
    first. Re-importing the same file changes nothing. ``source`` (origin and licence) is stored on every area.
    """
    features = parse_area_features(
        geojson,
        kind=kind,
        code_property=code_property,
        name_property=name_property,
        parent_property=parent_property,
    )
    existing = {area.code: area for area in Area.objects.filter(code__in=[feature.code for feature in features])}
    areas: dict[str, Area] = {}
    created: list[str] = []
    updated: list[str] = []
    unchanged: list[str] = []
    for feature in features:
        values = _area_values(feature, source)
        area = existing.get(feature.code)
        if area is None:
            area = Area.objects.create(code=feature.code, **values)
            created.append(feature.code)
            record(
                actor=actor,
                action=AuditAction.CREATE,
                target=area,
                summary=f"Area {area.code} ({area.name}) imported",
                detail={"kind": area.kind, "source": source[:300]},
            )
        else:
            changed = sorted(field for field, value in values.items() if getattr(area, field) != value)
            if changed:
                for field in changed:
                    setattr(area, field, values[field])
                area.save(update_fields=changed)
                updated.append(feature.code)
                record(
                    actor=actor,
                    action=AuditAction.UPDATE,
                    target=area,
                    summary=f"Area {area.code} ({area.name}) re-imported",
                    detail={"changed": changed, "source": source[:300]},
                )
            else:
                unchanged.append(feature.code)
        areas[feature.code] = area
    linked, missing = _link_parents(features, areas, actor)
    if created or updated:
        publish_on_commit(AreasImported(created_codes=tuple(created), updated_codes=tuple(updated), source=source))
    log.info(
        "areas_imported",
        created=len(created),
        updated=len(updated),
        unchanged=len(unchanged),
        linked_parents=linked,
        missing_parents=len(missing),
    )
    return ImportResult(
        created=tuple(created),
        updated=tuple(updated),
        unchanged=tuple(unchanged),
        linked_parents=linked,
        missing_parents=tuple(missing),
    )


def _upsert_entries(
    rows: Iterable[GazetteerRow], *, source: str, actor: AbstractBaseUser | None
) -> GazetteerImportResult:
    rows = list(rows)
    existing = {entry.key: entry for entry in GazetteerEntry.objects.filter(key__in=[row.key for row in rows])}
    areas_by_code = {area.code: area for area in Area.objects.filter(code__in=[row.key for row in rows])}
    created = updated = unchanged = 0
    for row in rows:
        # An entry for an area points at that area; any other entry at the most specific area around its point.
        area_id = areas_by_code[row.key].pk if row.key in areas_by_code else None
        if area_id is None:
            hit = locate(row.lat, row.lon)
            area_id = hit.area_id if hit else None
        values: dict[str, Any] = {
            "name": row.name,
            "normalized_name": normalize_name(row.name)[:200],
            "kind": str(row.kind),
            "lat": row.lat,
            "lon": row.lon,
            "area_id": area_id,
            "source": source[:300],
        }
        entry = existing.get(row.key)
        if entry is None:
            entry = GazetteerEntry.objects.create(key=row.key, **values)
            created += 1
            record(actor=actor, action=AuditAction.CREATE, target=entry, summary=f"Place {row.name!r} added")
        else:
            changed = sorted(field for field, value in values.items() if getattr(entry, field) != value)
            if not changed:
                unchanged += 1
                continue
            for field in changed:
                setattr(entry, field, values[field])
            entry.save(update_fields=changed)
            updated += 1
            record(
                actor=actor,
                action=AuditAction.UPDATE,
                target=entry,
                summary=f"Place {row.name!r} re-imported",
                detail={"changed": changed},
            )
    if created or updated:
        publish_on_commit(GazetteerImported(created=created, updated=updated, source=source))
    log.info("gazetteer_imported", created=created, updated=updated, unchanged=unchanged, source=source)
    return GazetteerImportResult(created=created, updated=updated, unchanged=unchanged)


@transaction.atomic
def import_gazetteer_csv(
    *,
    path: str | os.PathLike[str],
    source: str,
    kind: GazetteerKind | None = GazetteerKind.NEIGHBOURHOOD,
    name_column: str = "buurtnaam",
    lat_column: str = "point_lat",
    lon_column: str = "point_lon",
    key_column: str | None = "buurtcode",
    kind_column: str | None = None,
    key_prefix: str = "",
    actor: AbstractBaseUser | None = None,
) -> GazetteerImportResult:
    """Create or update a gazetteer entry per CSV row, keyed by ``key_prefix`` + the key column (or the name).

    The defaults read the CBS buurten gazetteer (``buurtcode,buurtnaam,…,point_lon,point_lat``). For an alias
    list pass ``key_column=None, key_prefix="alias:", kind_column="kind"`` and its column names. Validate every row
    first and raise ``GazetteerImportError`` listing the bad rows (nothing is written then). An entry whose key is
    an area code is linked to that area, any other to the most specific area containing its point.
    """
    rows = parse_gazetteer_csv(
        path,
        kind=kind,
        name_column=name_column,
        lat_column=lat_column,
        lon_column=lon_column,
        key_column=key_column,
        kind_column=kind_column,
        key_prefix=key_prefix,
    )
    return _upsert_entries(rows, source=source, actor=actor)


@transaction.atomic
def add_areas_to_gazetteer(
    *, kind: AreaKind = AreaKind.DISTRICT, actor: AbstractBaseUser | None = None
) -> GazetteerImportResult:
    """Create or update a gazetteer entry for every area of ``kind``, at a point inside the area.

    The point is the polygon's centroid, or another point inside it when the centroid falls outside (a crescent).
    Each entry is keyed by the area code and carries the area's source.
    """
    rows: list[GazetteerRow] = []
    sources: dict[str, str] = {}
    for area in Area.objects.filter(kind=kind).order_by("code"):
        polygon = shape(area.geometry)
        point = polygon.centroid if polygon.contains(polygon.centroid) else polygon.representative_point()
        rows.append(
            GazetteerRow(
                index=len(rows),
                key=area.code,
                name=area.name,
                kind=_GAZETTEER_KIND[AreaKind(area.kind)],
                lat=round(float(point.y), 6),
                lon=round(float(point.x), 6),
            )
        )
        sources[area.code] = area.source
    if not rows:
        return GazetteerImportResult(created=0, updated=0, unchanged=0)
    # The areas of one kind normally share one source; the first one is recorded on the entries.
    return _upsert_entries(rows, source=sources[rows[0].key], actor=actor)
