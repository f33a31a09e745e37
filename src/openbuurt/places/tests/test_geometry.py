"""Point-in-area lookup with the real Groningen areas, and the index following area changes."""

from __future__ import annotations

import csv
import time
from collections.abc import Iterator

from django.utils import translation

import pytest

from openbuurt.core.shared_version import SharedVersion
from openbuurt.places.constants import AreaKind
from openbuurt.places.demo import BUURTEN_GAZETTEER_FILE
from openbuurt.places.geometry import areas_containing, geometry_bounds, is_in_service_area, locate
from openbuurt.places.models import Area
from openbuurt.places.services import import_areas
from openbuurt.places.tests.factories import AreaFactory, collection, feature, square

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _english() -> Iterator[None]:
    # Some tests match error wording; the messages are Dutch by default.
    with translation.override("en"):
        yield


AMSTERDAM_DAM = (52.3731, 4.8926)


def _district(lat: float, lon: float) -> str | None:
    return next((hit.name for hit in areas_containing(lat, lon) if hit.kind == AreaKind.DISTRICT), None)


# The checks listed in the README of the wijken data (points chosen by us on the named places).
@pytest.mark.parametrize(
    ("place", "lat", "lon", "wijk"),
    [
        ("Grote Markt", 53.2194, 6.5665, "Centrum"),
        ("Zernike campus", 53.2406, 6.5363, "Noordwest"),
        ("Vinkhuizen", 53.2255, 6.5300, "Nieuw-West"),
        ("Beijum, south-east", 53.2465, 6.6000, "Noorddijk e.o."),
    ],
)
def test_readme_checks_find_the_right_wijk(groningen: int, place: str, lat: float, lon: float, wijk: str) -> None:
    assert _district(lat, lon) == wijk, place
    assert is_in_service_area(lat, lon)


def test_beijum_straddles_the_generalised_wijk_border(groningen: int) -> None:
    # CBS puts both Beijum buurten in wijk Noordoost (WK001411); the separately generalised 2024 wijk border
    # runs through Beijum, so its south-east falls in Noorddijk e.o. (the README check) and the rest in Noordoost.
    with BUURTEN_GAZETTEER_FILE.open(encoding="utf-8") as handle:
        beijum_west = next(row for row in csv.DictReader(handle) if row["buurtnaam"] == "Beijum-West")
    lat, lon = float(beijum_west["point_lat"]), float(beijum_west["point_lon"])
    assert _district(lat, lon) == beijum_west["wijknaam"] == "Noordoost"


def test_buurt_points_lie_in_their_buurt(groningen: int) -> None:
    with BUURTEN_GAZETTEER_FILE.open(encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    for row in rows:
        hit = locate(float(row["point_lat"]), float(row["point_lon"]))
        assert hit is not None and hit.code == row["buurtcode"], row["buurtnaam"]


def test_hits_are_ordered_most_specific_first(groningen: int) -> None:
    kinds = [hit.kind for hit in areas_containing(53.2194, 6.5665)]
    assert kinds == [AreaKind.NEIGHBOURHOOD, AreaKind.DISTRICT, AreaKind.MUNICIPALITY]
    hit = locate(53.2194, 6.5665)
    assert hit is not None and hit.kind == AreaKind.NEIGHBOURHOOD


def test_a_point_in_amsterdam_is_outside_the_service_area(groningen: int) -> None:
    assert not is_in_service_area(*AMSTERDAM_DAM)
    assert locate(*AMSTERDAM_DAM) is None
    assert areas_containing(*AMSTERDAM_DAM) == []


def test_without_districts_any_point_in_the_netherlands_is_served() -> None:
    AreaFactory(code="BU99990101")  # a neighbourhood alone does not define a service area
    assert is_in_service_area(*AMSTERDAM_DAM)
    assert not is_in_service_area(51.5074, -0.1278)  # London


def test_the_index_follows_area_changes() -> None:
    import_areas(geojson=collection(feature("WK999901", "Proefwijk", square(53.0, 6.0))), source="test")
    hit = locate(53.0, 6.0)
    assert hit is not None and hit.name == "Proefwijk"
    import_areas(geojson=collection(feature("WK999901", "Verhuisde wijk", square(53.5, 6.5))), source="test")
    assert locate(53.0, 6.0) is None
    moved = locate(53.5, 6.5)
    assert moved is not None and moved.name == "Verhuisde wijk"
    assert is_in_service_area(53.5, 6.5) and not is_in_service_area(53.0, 6.0)


def test_the_index_forgets_a_deleted_area() -> None:
    import_areas(geojson=collection(feature("WK999901", "Proefwijk", square(53.0, 6.0))), source="test")
    assert locate(53.0, 6.0) is not None
    Area.objects.get(code="WK999901").delete()
    assert locate(53.0, 6.0) is None


@pytest.mark.parametrize(
    ("geometry", "message"),
    [
        ({"type": "Point", "coordinates": [6.5, 53.2]}, "Polygon or MultiPolygon"),
        ({"type": "Polygon", "coordinates": "nonsense"}, "not a GeoJSON geometry"),
        ({"type": "Polygon", "coordinates": []}, "Polygon or MultiPolygon"),
    ],
)
def test_geometry_bounds_refuses_what_is_no_area(geometry: dict[str, object], message: str) -> None:
    with pytest.raises(ValueError, match=message):
        geometry_bounds(geometry)


def test_geometry_bounds_of_a_square() -> None:
    assert geometry_bounds(square(53.0, 6.0, 0.5)) == (5.5, 52.5, 6.5, 53.5)


def test_an_area_change_made_by_another_process_is_seen_within_a_second(monkeypatch: pytest.MonkeyPatch) -> None:
    clock = [1000.0]
    monkeypatch.setattr(time, "monotonic", lambda: clock[0])
    import_areas(geojson=collection(feature("WK999901", "Proefwijk", square(53.0, 6.0))), source="test")
    assert not is_in_service_area(53.5, 6.5)
    # Another process (a second server worker, `openbuurt import-areas`) adds a district: its rows and its move of
    # the version number reach this process only through the database.
    Area.objects.bulk_create([AreaFactory.build(code="WK999902", kind=AreaKind.DISTRICT, lat=53.5, lon=6.5)])
    SharedVersion("places:area-index-version").bump()
    assert not is_in_service_area(53.5, 6.5)  # this process trusts the number it read for a second
    clock[0] += 1.5
    assert is_in_service_area(53.5, 6.5)
