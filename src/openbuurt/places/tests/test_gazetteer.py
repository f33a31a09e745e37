"""The gazetteer: importing named places from CSV, area names, and the offline geocoder."""

from __future__ import annotations

import csv
from pathlib import Path

from django.utils import translation

import pytest

from openbuurt.places.constants import AreaKind, GazetteerKind
from openbuurt.places.demo import BUURTEN_GAZETTEER_FILE
from openbuurt.places.geocoding.gazetteer import GazetteerGeocoder, distance_m
from openbuurt.places.geometry import locate
from openbuurt.places.models import GazetteerEntry
from openbuurt.places.names import normalize_name
from openbuurt.places.services import GazetteerImportError, add_areas_to_gazetteer, import_gazetteer_csv
from openbuurt.places.tests.factories import AreaFactory, GazetteerEntryFactory

SOURCE = "written by us for tests"


def _buurten_rows() -> list[dict[str, str]]:
    with BUURTEN_GAZETTEER_FILE.open(encoding="utf-8") as handle:
        return list(csv.DictReader(handle))


def _write_csv(path: Path, header: list[str], rows: list[list[str]]) -> Path:
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(header)
        writer.writerows(rows)
    return path


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Noorddijk e.o.", "noorddijk eo"),
        ("  Grote   Markt ", "grote markt"),
        ("Stainkoel'n", "stainkoeln"),
        ("Hoogkerk-Zuid", "hoogkerk zuid"),
        ("Café Één", "cafe een"),
    ],
)
def test_normalize_name_drops_case_accents_and_punctuation(text: str, expected: str) -> None:
    assert normalize_name(text) == expected


@pytest.mark.django_db
def test_buurten_csv_becomes_one_entry_per_buurt_at_its_point() -> None:
    rows = _buurten_rows()
    result = import_gazetteer_csv(path=BUURTEN_GAZETTEER_FILE, source=SOURCE)
    assert (result.created, result.updated, result.unchanged) == (len(rows), 0, 0)
    first = rows[0]
    entry = GazetteerEntry.objects.get(key=first["buurtcode"])
    assert entry.name == first["buurtnaam"]
    assert entry.normalized_name == normalize_name(first["buurtnaam"])
    assert (entry.lat, entry.lon) == (float(first["point_lat"]), float(first["point_lon"]))
    assert entry.kind == GazetteerKind.NEIGHBOURHOOD


@pytest.mark.django_db
def test_buurt_entries_point_at_their_own_area(groningen: int) -> None:
    for entry in GazetteerEntry.objects.filter(key__startswith="BU").select_related("area"):
        assert entry.area is not None and entry.area.code == entry.key


@pytest.mark.django_db
def test_reimporting_the_csv_changes_nothing_and_an_edited_row_updates_its_entry(tmp_path: Path) -> None:
    import_gazetteer_csv(path=BUURTEN_GAZETTEER_FILE, source=SOURCE)
    again = import_gazetteer_csv(path=BUURTEN_GAZETTEER_FILE, source=SOURCE)
    assert (again.created, again.updated) == (0, 0)
    rows = _buurten_rows()
    rows[0]["buurtnaam"] = "Binnenstad-Noord (nieuw)"
    edited = _write_csv(tmp_path / "edited.csv", list(rows[0]), [list(row.values()) for row in rows])
    result = import_gazetteer_csv(path=edited, source=SOURCE)
    assert (result.created, result.updated) == (0, 1)
    assert GazetteerEntry.objects.get(key=rows[0]["buurtcode"]).name == "Binnenstad-Noord (nieuw)"
    assert GazetteerEntry.objects.count() == len(rows)


@pytest.mark.django_db
def test_a_csv_with_bad_rows_imports_nothing_and_names_every_bad_row(tmp_path: Path) -> None:
    path = _write_csv(
        tmp_path / "aliases.csv",
        ["name", "kind", "lat", "lon"],
        [
            ["Goed plein", "landmark", "53.2", "6.56"],
            ["", "landmark", "53.2", "6.56"],
            ["Komma plein", "landmark", "53,2", "6,56"],
            ["Verre plein", "landmark", "153.2", "6.56"],
            ["Raar plein", "castle", "53.2", "6.56"],
            ["Goed plein", "landmark", "53.21", "6.57"],
        ],
    )
    with translation.override("en"), pytest.raises(GazetteerImportError) as caught:
        import_gazetteer_csv(
            path=path,
            source=SOURCE,
            kind=None,
            name_column="name",
            lat_column="lat",
            lon_column="lon",
            key_column=None,
            kind_column="kind",
            key_prefix="alias:",
        )
    by_where = {problem.where: problem.message for problem in caught.value.problems}
    assert set(by_where) == {"row 3", "row 4", "row 5", "row 6", "row 7"}
    assert "no name" in by_where["row 3"]
    assert "decimal numbers" in by_where["row 4"]
    assert "WGS84" in by_where["row 5"]
    assert "castle" in by_where["row 6"]
    assert "twice" in by_where["row 7"]
    assert not GazetteerEntry.objects.exists()


@pytest.mark.django_db
def test_a_csv_without_the_needed_columns_is_refused(tmp_path: Path) -> None:
    path = _write_csv(tmp_path / "wrong.csv", ["naam", "x", "y"], [["Vismarkt", "6.56", "53.21"]])
    with translation.override("en"), pytest.raises(GazetteerImportError, match="buurtnaam, point_lat, point_lon"):
        import_gazetteer_csv(path=path, source=SOURCE)
    assert not GazetteerEntry.objects.exists()


@pytest.mark.django_db
def test_district_names_are_added_at_a_point_inside_each_district() -> None:
    # A crescent: its centroid lies outside it, so another inside point must be used.
    crescent = {
        "type": "Polygon",
        "coordinates": [[[6.50, 53.20], [6.56, 53.20], [6.56, 53.26], [6.50, 53.26], [6.50, 53.25],
                         [6.55, 53.25], [6.55, 53.21], [6.50, 53.21], [6.50, 53.20]]],
    }  # fmt: skip
    crescent_area = AreaFactory(district=True, code="WK999901", name="Sikkelwijk", geometry=crescent)
    square_area = AreaFactory(district=True, code="WK999902", name="Vierkantwijk", lat=53.1, lon=6.7)
    AreaFactory(code="BU99990101", name="Geen wijk")
    result = add_areas_to_gazetteer(kind=AreaKind.DISTRICT)
    assert result.created == 2
    for area in (crescent_area, square_area):
        entry = GazetteerEntry.objects.get(key=area.code)
        assert entry.kind == GazetteerKind.DISTRICT and entry.name == area.name
        hit = locate(entry.lat, entry.lon)
        assert hit is not None and hit.code == area.code
    assert add_areas_to_gazetteer(kind=AreaKind.DISTRICT).unchanged == 2


@pytest.mark.django_db
def test_gazetteer_search_prefers_exact_then_prefix_then_close_spellings() -> None:
    for name in ("Paddepoel", "Paddepoel-Noord", "Paddepoel-Zuid", "Vinkhuizen-Zuid", "Vismarkt"):
        GazetteerEntryFactory(name=name)
    geocoder = GazetteerGeocoder()
    assert [r.label for r in geocoder.search("paddepoel", 5)] == ["Paddepoel", "Paddepoel-Zuid", "Paddepoel-Noord"]
    assert [r.label for r in geocoder.search("Padde", 1)] == ["Paddepoel"]
    assert [r.label for r in geocoder.search("zuid", 5)] == ["Paddepoel-Zuid", "Vinkhuizen-Zuid"]
    assert [r.label for r in geocoder.search("kapotte lamp bij de vismarkt", 5)] == ["Vismarkt"]
    assert [r.label for r in geocoder.search("Vissmarkt", 5)] == ["Vismarkt"]
    assert geocoder.search("Amsterdam", 5) == []
    assert geocoder.search("  ..  ", 5) == []


@pytest.mark.django_db
def test_gazetteer_results_carry_their_area_and_key(groningen: int) -> None:
    results = GazetteerGeocoder().search("Vismarkt", 1)
    assert len(results) == 1
    hit = locate(results[0].lat, results[0].lon)
    assert hit is not None
    assert results[0].label == f"Vismarkt ({hit.name})"
    assert results[0].address_id == "alias:vismarkt"
    assert results[0].source == "gazetteer"


@pytest.mark.django_db
def test_gazetteer_reverse_names_a_landmark_nearby_else_the_buurt_else_nothing(groningen: int) -> None:
    vismarkt = GazetteerEntry.objects.get(key="alias:vismarkt")
    near = GazetteerGeocoder().reverse(vismarkt.lat + 0.0005, vismarkt.lon)
    buurt = locate(vismarkt.lat + 0.0005, vismarkt.lon)
    assert near is not None and buurt is not None
    assert near.label == f"Vismarkt ({buurt.name})"
    assert (near.lat, near.lon) == (vismarkt.lat + 0.0005, vismarkt.lon)
    # Far from any landmark but inside a buurt: the buurt's name.
    paddepoel = GazetteerEntry.objects.get(key="alias:paddepoel")
    landmarks = GazetteerEntry.objects.filter(kind=GazetteerKind.LANDMARK)
    assert min(distance_m(paddepoel.lat, paddepoel.lon, e.lat, e.lon) for e in landmarks) > 250
    inside = GazetteerGeocoder().reverse(paddepoel.lat, paddepoel.lon)
    around = locate(paddepoel.lat, paddepoel.lon)
    assert inside is not None and around is not None and inside.label == around.name
    # Amsterdam: no area, no entry within 2 km.
    assert GazetteerGeocoder().reverse(52.3731, 4.8926) is None


def test_distance_m_is_right_for_a_known_distance() -> None:
    # One minute of latitude is one nautical mile, 1852 m.
    assert distance_m(53.0, 6.5, 53.0 + 1 / 60, 6.5) == pytest.approx(1853, rel=0.002)
