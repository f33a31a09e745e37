"""The demo municipality: gemeente Groningen from the shipped CBS files and our alias list."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pytest
from shapely import union_all
from shapely.geometry import Point, shape

from openbuurt.places.constants import AreaKind
from openbuurt.places.demo import (
    ALIASES_FILE,
    BUURTEN_FILE,
    BUURTEN_GAZETTEER_FILE,
    MUNICIPALITY_CODE,
    WIJKEN_FILE,
    install_demo_areas,
)
from openbuurt.places.models import Area, GazetteerEntry

pytestmark = pytest.mark.django_db


def _features(path: Path) -> list[dict[str, object]]:
    with path.open(encoding="utf-8") as handle:
        return list(json.load(handle)["features"])


def test_install_loads_every_wijk_and_buurt_of_the_files_and_the_municipality(groningen: int) -> None:
    wijken, buurten = _features(WIJKEN_FILE), _features(BUURTEN_FILE)
    assert Area.objects.filter(kind=AreaKind.DISTRICT).count() == len(wijken)
    assert Area.objects.filter(kind=AreaKind.NEIGHBOURHOOD).count() == len(buurten)
    assert groningen == len(wijken) + len(buurten) + 1
    municipality = Area.objects.get(code=MUNICIPALITY_CODE)
    assert municipality.kind == AreaKind.MUNICIPALITY
    assert municipality.name == "Gemeente Groningen"


def test_buurten_hang_under_their_wijk_and_wijken_under_the_municipality(groningen: int) -> None:
    with BUURTEN_GAZETTEER_FILE.open(encoding="utf-8") as handle:
        wijk_of = {row["buurtcode"]: (row["wijkcode"], row["wijknaam"]) for row in csv.DictReader(handle)}
    for buurt in Area.objects.filter(kind=AreaKind.NEIGHBOURHOOD).select_related("parent"):
        assert buurt.parent is not None, buurt.code
        assert (buurt.parent.code, buurt.parent.name) == wijk_of[buurt.code]
    assert set(Area.objects.filter(kind=AreaKind.DISTRICT).values_list("parent__code", flat=True)) == {
        MUNICIPALITY_CODE
    }


def test_municipality_outline_covers_every_wijk(groningen: int) -> None:
    outline = shape(Area.objects.get(code=MUNICIPALITY_CODE).geometry)
    wijken = union_all([shape(area.geometry) for area in Area.objects.filter(kind=AreaKind.DISTRICT)])
    assert outline.symmetric_difference(wijken).area < 1e-9
    for area in Area.objects.filter(kind=AreaKind.DISTRICT):
        assert outline.covers(shape(area.geometry).representative_point())


def test_gazetteer_holds_buurten_wijken_and_aliases(groningen: int) -> None:
    with ALIASES_FILE.open(encoding="utf-8") as handle:
        aliases = list(csv.DictReader(handle))
    assert GazetteerEntry.objects.filter(key__startswith="BU").count() == len(_features(BUURTEN_FILE))
    assert GazetteerEntry.objects.filter(key__startswith="WK").count() == len(_features(WIJKEN_FILE))
    assert GazetteerEntry.objects.filter(key__startswith="alias:").count() == len(aliases)
    assert all("written by us" in row["note"].lower() for row in aliases)
    for entry in GazetteerEntry.objects.filter(key__startswith="WK").select_related("area"):
        assert entry.area is not None and entry.area.code == entry.key
        assert shape(entry.area.geometry).contains(Point(entry.lon, entry.lat))


def test_install_twice_changes_nothing_the_second_time(groningen: int) -> None:
    areas, entries = Area.objects.count(), GazetteerEntry.objects.count()
    assert install_demo_areas() == 0
    assert (Area.objects.count(), GazetteerEntry.objects.count()) == (areas, entries)
