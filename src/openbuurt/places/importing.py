"""Reading and validating area (GeoJSON) and gazetteer (CSV) files before anything is written.

The service functions in ``places.services`` call these parsers first and write only when the whole file is good,
so a bad file never leaves half an import behind. Every problem names the feature or row and its code.
"""

from __future__ import annotations

import csv
import json
import math
import os
import re
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from django.utils.translation import gettext, ngettext

from shapely.geometry import shape
from shapely.validation import explain_validity

from openbuurt.places.constants import AreaKind, GazetteerKind
from openbuurt.places.geometry import geometry_bounds
from openbuurt.places.names import normalize_name

MAX_PROBLEMS_SHOWN = 20
_CBS_CODE = re.compile(r"^(GM|WK|BU)(\d+)$")
_KIND_BY_PREFIX = {"GM": AreaKind.MUNICIPALITY, "WK": AreaKind.DISTRICT, "BU": AreaKind.NEIGHBOURHOOD}
# The names under which GeoJSON files declare WGS84 longitude/latitude (RFC 7946 allows nothing else).
_WGS84_CRS = {"urn:ogc:def:crs:OGC:1.3:CRS84", "urn:ogc:def:crs:OGC::CRS84", "urn:ogc:def:crs:EPSG::4326", "EPSG:4326"}
_MAX_CODE = 32
_MAX_NAME = 200

GeoJSONInput = Mapping[str, Any] | str | os.PathLike[str]


@dataclass(frozen=True)
class ImportProblem:
    """One thing wrong with one feature or row of an import file."""

    where: str
    code: str
    message: str

    def __str__(self) -> str:
        return f"{self.where} ({self.code}): {self.message}" if self.code else f"{self.where}: {self.message}"


class ImportFileError(ValueError):
    """Raised when an import file has problems; nothing of it was written."""

    def __init__(self, problems: Sequence[ImportProblem]) -> None:
        self.problems = list(problems)
        super().__init__(describe_problems(self.problems))


class AreaImportError(ImportFileError):
    """Raised when an area file cannot be imported."""


class GazetteerImportError(ImportFileError):
    """Raised when a gazetteer file cannot be imported."""


def describe_problems(problems: Sequence[ImportProblem]) -> str:
    """Return a readable list of ``problems`` (the first 20) saying that nothing was imported."""
    head = ngettext(
        "%(count)d problem found, nothing was imported:",
        "%(count)d problems found, nothing was imported:",
        len(problems),
    ) % {"count": len(problems)}
    lines = [head] + [f"  - {problem}" for problem in problems[:MAX_PROBLEMS_SHOWN]]
    if len(problems) > MAX_PROBLEMS_SHOWN:
        lines.append("  " + gettext("… and %(count)d more") % {"count": len(problems) - MAX_PROBLEMS_SHOWN})
    return "\n".join(lines)


@dataclass(frozen=True)
class AreaFeature:
    """One validated area of an import file."""

    index: int
    code: str
    name: str
    kind: AreaKind
    geometry: dict[str, Any]
    bounds: tuple[float, float, float, float]
    parent_code: str


@dataclass(frozen=True)
class GazetteerRow:
    """One validated row of a gazetteer file."""

    index: int
    key: str
    name: str
    kind: GazetteerKind
    lat: float
    lon: float


def infer_kind(code: str) -> AreaKind | None:
    """Return the kind a CBS code implies (GM… municipality, WK… district, BU… neighbourhood), else ``None``."""
    match = _CBS_CODE.match(code)
    return _KIND_BY_PREFIX[match.group(1)] if match else None


def implied_parent_code(code: str, kind: AreaKind) -> str:
    """Return the CBS code of the area that contains ``code``: a buurt's wijk, a wijk's gemeente; else ``""``.

    CBS codes nest: buurt BU00140103 lies in wijk WK001401 ("WK" + digits 3..8), which lies in GM0014.
    """
    match = _CBS_CODE.match(code)
    if match is None:
        return ""
    prefix, digits = match.groups()
    if kind == AreaKind.NEIGHBOURHOOD and prefix == "BU" and len(digits) == 8:
        return "WK" + digits[:6]
    if kind == AreaKind.DISTRICT and prefix == "WK" and len(digits) == 6:
        return "GM" + digits[:4]
    return ""


def load_geojson(geojson: GeoJSONInput) -> Mapping[str, Any]:
    """Return the GeoJSON document itself, or read it from the file at that path."""
    if isinstance(geojson, Mapping):
        return geojson
    path = Path(geojson)
    try:
        with path.open(encoding="utf-8") as handle:
            document = json.load(handle)
    except OSError as exc:
        raise AreaImportError([ImportProblem(str(path), "", gettext("cannot read the file: %s") % exc)]) from exc
    except (json.JSONDecodeError, UnicodeDecodeError) as exc:
        raise AreaImportError([ImportProblem(str(path), "", gettext("not valid JSON: %s") % exc)]) from exc
    if not isinstance(document, Mapping):
        raise AreaImportError([ImportProblem(str(path), "", gettext("not a GeoJSON FeatureCollection"))])
    return document


def _text(value: object) -> str:
    if isinstance(value, bool) or value is None:
        return ""
    return str(value).strip() if isinstance(value, str | int) else ""


def _positions(coordinates: object, depth: int) -> Iterator[object]:
    """Yield the positions of a Polygon (depth 2) or MultiPolygon (depth 3) coordinate array."""
    if depth == 0:
        yield coordinates
        return
    if not isinstance(coordinates, list):
        raise ValueError(gettext("the coordinates are not nested lists"))
    for item in coordinates:
        yield from _positions(item, depth - 1)


def _check_wgs84(geometry: Mapping[str, Any]) -> str | None:
    """Return what is wrong with the positions of a Polygon/MultiPolygon, or ``None`` when they are WGS84."""
    depth = {"Polygon": 2, "MultiPolygon": 3}.get(str(geometry.get("type")))
    if depth is None:
        return gettext("an area needs a Polygon or MultiPolygon geometry, got %s") % geometry.get("type")
    try:
        positions = list(_positions(geometry.get("coordinates"), depth))
    except ValueError as exc:
        return str(exc)
    for position in positions:
        if (
            not isinstance(position, list)
            or len(position) < 2
            or not all(isinstance(number, int | float) and not isinstance(number, bool) for number in position)
            or not all(math.isfinite(number) for number in position)
        ):
            return gettext("a position is not a pair of numbers: %s") % json.dumps(position)[:80]
        lon, lat = position[0], position[1]
        if not (-180 <= lon <= 180 and -90 <= lat <= 90):
            return gettext(
                "position (%(x)s, %(y)s) is not WGS84 longitude/latitude; reproject the file to EPSG:4326 "
                "(Dutch RD New coordinates look like (233000, 582000))"
            ) % {"x": lon, "y": lat}
    return None


def _check_crs(document: Mapping[str, Any]) -> str | None:
    crs = document.get("crs")
    if crs is None:
        return None
    name = crs.get("properties", {}).get("name") if isinstance(crs, Mapping) else None
    if isinstance(name, str) and name in _WGS84_CRS:
        return None
    return gettext("the file declares coordinate system %s; only WGS84 (EPSG:4326) can be imported") % name


def parse_area_features(
    geojson: GeoJSONInput,
    *,
    kind: AreaKind | None = None,
    code_property: str = "statcode",
    name_property: str = "statnaam",
    parent_property: str = "wijkcode",
) -> list[AreaFeature]:
    """Return the validated areas of a GeoJSON FeatureCollection, or raise ``AreaImportError`` listing every problem.

    Each feature needs a Polygon or MultiPolygon in WGS84, a code and a name; without ``kind`` the kind follows
    from the CBS code prefix. The parent is the ``parent_property`` value when present, else the code nesting.
    """
    document = load_geojson(geojson)
    if document.get("type") != "FeatureCollection" or not isinstance(document.get("features"), list):
        raise AreaImportError([ImportProblem("file", "", gettext("not a GeoJSON FeatureCollection"))])
    crs_problem = _check_crs(document)
    if crs_problem:
        raise AreaImportError([ImportProblem("file", "", crs_problem)])
    if not document["features"]:
        raise AreaImportError([ImportProblem("file", "", gettext("the FeatureCollection has no features"))])

    problems: list[ImportProblem] = []
    features: list[AreaFeature] = []
    seen: dict[str, int] = {}
    for index, feature in enumerate(document["features"]):
        where = gettext("feature %d") % index
        if not isinstance(feature, Mapping) or feature.get("type") != "Feature":
            problems.append(ImportProblem(where, "", gettext("not a GeoJSON Feature")))
            continue
        properties = feature.get("properties") or {}
        if not isinstance(properties, Mapping):
            problems.append(ImportProblem(where, "", gettext("its properties are not an object")))
            continue
        code = _text(properties.get(code_property))
        name = _text(properties.get(name_property))
        found: list[str] = []
        if not code:
            found.append(gettext("no code in property %r") % code_property)
        elif len(code) > _MAX_CODE:
            found.append(gettext("the code is longer than %d characters") % _MAX_CODE)
        elif code in seen:
            found.append(gettext("the code appears twice (also feature %d)") % seen[code])
        if not name:
            found.append(gettext("no name in property %r") % name_property)
        elif len(name) > _MAX_NAME:
            found.append(gettext("the name is longer than %d characters") % _MAX_NAME)
        area_kind = kind or (infer_kind(code) if code else None)
        if area_kind is None and code:
            found.append(gettext("cannot tell the kind of area from code %s; give the kind explicitly") % code)
        geometry = feature.get("geometry")
        bounds: tuple[float, float, float, float] | None = None
        if not isinstance(geometry, Mapping):
            found.append(gettext("no geometry"))
        else:
            geometry_problem = _check_wgs84(geometry)
            if geometry_problem is None:
                try:
                    bounds = geometry_bounds(dict(geometry))
                except ValueError as exc:
                    geometry_problem = str(exc)
            if geometry_problem is None and not shape(geometry).is_valid:
                geometry_problem = gettext("the geometry is not valid: %s") % explain_validity(shape(geometry))
            if geometry_problem:
                found.append(geometry_problem)
        if code:
            seen.setdefault(code, index)
        if found or area_kind is None or bounds is None or not isinstance(geometry, Mapping):
            problems.extend(ImportProblem(where, code, message) for message in found)
            continue
        parent_code = _text(properties.get(parent_property)) or implied_parent_code(code, area_kind)
        features.append(
            AreaFeature(
                index=index,
                code=code,
                name=name,
                kind=area_kind,
                geometry={"type": geometry["type"], "coordinates": geometry["coordinates"]},
                bounds=bounds,
                parent_code=parent_code if parent_code != code else "",
            )
        )
    if problems:
        raise AreaImportError(problems)
    return features


def parse_gazetteer_csv(
    path: str | os.PathLike[str],
    *,
    kind: GazetteerKind | None,
    name_column: str,
    lat_column: str,
    lon_column: str,
    key_column: str | None,
    kind_column: str | None,
    key_prefix: str,
) -> list[GazetteerRow]:
    """Return the validated rows of a gazetteer CSV, or raise ``GazetteerImportError`` listing every problem.

    A row's key is ``key_prefix`` + its ``key_column`` value, or + its normalised name without a key column.
    A row's kind is its ``kind_column`` value, else ``kind``.
    """
    file_path = Path(path)
    try:
        with file_path.open(encoding="utf-8-sig", newline="") as handle:
            reader = csv.DictReader(handle)
            header = list(reader.fieldnames or [])
            records = list(reader)
    except (OSError, UnicodeDecodeError, csv.Error) as exc:
        raise GazetteerImportError(
            [ImportProblem(str(file_path), "", gettext("cannot read the file: %s") % exc)]
        ) from exc
    needed = [name_column, lat_column, lon_column] + [c for c in (key_column, kind_column) if c]
    missing = [column for column in needed if column not in header]
    if missing:
        raise GazetteerImportError(
            [ImportProblem(str(file_path), "", gettext("missing columns: %s") % ", ".join(missing))]
        )
    if kind is None and kind_column is None:
        raise ValueError("give a kind or a kind column")

    problems: list[ImportProblem] = []
    rows: list[GazetteerRow] = []
    seen: dict[str, int] = {}
    # Row numbers count the header as line 1, as a spreadsheet shows them.
    for line, record in enumerate(records, start=2):
        where = gettext("row %d") % line
        name = (record.get(name_column) or "").strip()
        raw_key = (record.get(key_column) or "").strip() if key_column else normalize_name(name)
        key = f"{key_prefix}{raw_key}" if raw_key else ""
        found: list[str] = []
        if not name or not normalize_name(name):
            found.append(gettext("no name"))
        elif len(name) > _MAX_NAME:
            found.append(gettext("the name is longer than %d characters") % _MAX_NAME)
        if key_column and not raw_key:
            found.append(gettext("no value in column %r") % key_column)
        elif key and key in seen:
            found.append(gettext("appears twice (also row %d)") % seen[key])
        row_kind: GazetteerKind | None = kind
        if kind_column:
            raw_kind = (record.get(kind_column) or "").strip()
            row_kind = GazetteerKind(raw_kind) if raw_kind in GazetteerKind.values else None
            if row_kind is None:
                found.append(
                    gettext("kind %(kind)r is not one of %(known)s")
                    % {"kind": raw_kind, "known": ", ".join(GazetteerKind.values)}
                )
        try:
            lat = float((record.get(lat_column) or "").strip())
            lon = float((record.get(lon_column) or "").strip())
        except ValueError:
            found.append(gettext("latitude and longitude must be decimal numbers with a point"))
            lat = lon = math.nan
        else:
            if not (math.isfinite(lat) and math.isfinite(lon) and -90 <= lat <= 90 and -180 <= lon <= 180):
                found.append(gettext("(%(lat)s, %(lon)s) is not a WGS84 latitude/longitude") % {"lat": lat, "lon": lon})
        if key:
            seen.setdefault(key, line)
        if found or row_kind is None:
            problems.extend(ImportProblem(where, raw_key or name, message) for message in found)
            continue
        rows.append(GazetteerRow(index=line, key=key, name=name, kind=row_kind, lat=lat, lon=lon))
    if not records:
        problems.append(ImportProblem(str(file_path), "", gettext("the file has no rows")))
    if problems:
        raise GazetteerImportError(problems)
    return rows
