"""Factories of the places models (test data written by us, not real areas unless a test loads the CBS files)."""

from __future__ import annotations

from typing import Any

import factory

from openbuurt.places.constants import AreaKind, GazetteerKind
from openbuurt.places.models import Area, GazetteerEntry
from openbuurt.places.names import normalize_name


def square(lat: float, lon: float, half_side: float = 0.005) -> dict[str, Any]:
    """Return a GeoJSON Polygon: a square of ``2 * half_side`` degrees centred on the point."""
    west, east, south, north = lon - half_side, lon + half_side, lat - half_side, lat + half_side
    return {
        "type": "Polygon",
        "coordinates": [[[west, south], [east, south], [east, north], [west, north], [west, south]]],
    }


def feature(code: str, name: str, geometry: dict[str, Any], **properties: Any) -> dict[str, Any]:
    """Return a GeoJSON Feature with CBS-style properties (statcode, statnaam)."""
    return {"type": "Feature", "properties": {"statcode": code, "statnaam": name, **properties}, "geometry": geometry}


def collection(*features: dict[str, Any]) -> dict[str, Any]:
    """Return a GeoJSON FeatureCollection of ``features``."""
    return {"type": "FeatureCollection", "features": list(features)}


class AreaFactory(factory.django.DjangoModelFactory):
    """An invented square area near the centre of Groningen (every area gets its own square)."""

    class Meta:
        model = Area

    class Params:
        lat = 53.2
        lon = factory.Sequence(lambda n: 6.5 + (n % 50) * 0.02)
        district = factory.Trait(kind=AreaKind.DISTRICT)
        municipality = factory.Trait(kind=AreaKind.MUNICIPALITY)

    code = factory.Sequence(lambda n: f"TEST{n:04d}")
    name = factory.Sequence(lambda n: f"Testbuurt {n}")
    kind = AreaKind.NEIGHBOURHOOD
    geometry = factory.LazyAttribute(lambda o: square(o.lat, o.lon))
    min_lon = factory.LazyAttribute(lambda o: o.lon - 0.005)
    min_lat = factory.LazyAttribute(lambda o: o.lat - 0.005)
    max_lon = factory.LazyAttribute(lambda o: o.lon + 0.005)
    max_lat = factory.LazyAttribute(lambda o: o.lat + 0.005)
    source = "written by us for tests"


class GazetteerEntryFactory(factory.django.DjangoModelFactory):
    """An invented named place (key ``test:<n>``)."""

    class Meta:
        model = GazetteerEntry

    class Params:
        landmark = factory.Trait(kind=GazetteerKind.LANDMARK)

    key = factory.Sequence(lambda n: f"test:{n}")
    name = factory.Sequence(lambda n: f"Testplein {n}")
    normalized_name = factory.LazyAttribute(lambda o: normalize_name(o.name))
    kind = GazetteerKind.NEIGHBOURHOOD
    lat = 53.2
    lon = 6.56
    source = "written by us for tests"
