"""Importing areas from GeoJSON: validation first, all or nothing, idempotent, kinds and parents from CBS codes."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from django.utils import translation

import pytest

from openbuurt.core.events import subscribe, unsubscribe
from openbuurt.core.models import AuditAction, AuditLogEntry
from openbuurt.places.constants import AreaKind
from openbuurt.places.demo import WIJKEN_FILE
from openbuurt.places.events import AreasImported
from openbuurt.places.models import Area
from openbuurt.places.services import AreaImportError, import_areas
from openbuurt.places.tests.factories import collection, feature, square

pytestmark = pytest.mark.django_db

SOURCE = "written by us for tests"


def _wijken() -> dict[str, Any]:
    with WIJKEN_FILE.open(encoding="utf-8") as handle:
        document: dict[str, Any] = json.load(handle)
    return document


def test_import_creates_one_area_per_feature_with_bounds_source_and_audit() -> None:
    document = _wijken()
    result = import_areas(geojson=document, source="CBS / PDOK, CC BY 4.0")
    codes = [f["properties"]["statcode"] for f in document["features"]]
    assert sorted(result.created) == sorted(codes)
    assert (result.updated, result.unchanged) == ((), ())
    centrum_feature = next(f for f in document["features"] if f["properties"]["statnaam"] == "Centrum")
    centrum = Area.objects.get(code=centrum_feature["properties"]["statcode"])
    assert centrum.kind == AreaKind.DISTRICT
    assert centrum.source == "CBS / PDOK, CC BY 4.0"
    assert centrum.geometry == centrum_feature["geometry"]
    ring = centrum_feature["geometry"]["coordinates"][0]
    assert centrum.min_lon == min(lon for lon, _lat in ring)
    assert centrum.max_lat == max(lat for _lon, lat in ring)
    entries = AuditLogEntry.objects.filter(object_type="places.area", action=AuditAction.CREATE)
    assert entries.count() == len(codes)


def test_import_reads_a_file_path(tmp_path: Path) -> None:
    path = tmp_path / "areas.geojson"
    path.write_text(json.dumps(collection(feature("WK999901", "Proefwijk", square(53.2, 6.5)))), encoding="utf-8")
    result = import_areas(geojson=path, source=SOURCE)
    assert result.created == ("WK999901",)
    assert Area.objects.get(code="WK999901").name == "Proefwijk"


def test_import_publishes_an_event_after_commit(django_capture_on_commit_callbacks: Any) -> None:
    seen: list[AreasImported] = []
    handler = subscribe(AreasImported)(seen.append)
    try:
        with django_capture_on_commit_callbacks(execute=True):
            import_areas(geojson=collection(feature("WK999901", "Proefwijk", square(53.2, 6.5))), source=SOURCE)
    finally:
        unsubscribe(AreasImported, handler)
    assert seen == [AreasImported(created_codes=("WK999901",), updated_codes=(), source=SOURCE)]


def test_reimporting_the_same_file_changes_nothing() -> None:
    import_areas(geojson=_wijken(), source=SOURCE)
    audit_count = AuditLogEntry.objects.count()
    result = import_areas(geojson=_wijken(), source=SOURCE)
    assert result.created == () and result.updated == ()
    assert len(result.unchanged) == len(_wijken()["features"])
    assert AuditLogEntry.objects.count() == audit_count
    assert Area.objects.count() == len(_wijken()["features"])


def test_reimport_updates_changed_areas_by_code_and_audits_what_changed() -> None:
    import_areas(geojson=collection(feature("WK999901", "Proefwijk", square(53.2, 6.5))), source=SOURCE)
    area_id = Area.objects.get(code="WK999901").pk
    result = import_areas(geojson=collection(feature("WK999901", "Proefwijk-Noord", square(53.2, 6.5))), source=SOURCE)
    assert result.updated == ("WK999901",)
    area = Area.objects.get(code="WK999901")
    assert (area.pk, area.name) == (area_id, "Proefwijk-Noord")
    entry = AuditLogEntry.objects.filter(object_id=str(area_id), action=AuditAction.UPDATE).get()
    assert entry.detail["changed"] == ["name"]


def _bad_collection() -> dict[str, Any]:
    return collection(
        feature("WK999901", "Proefwijk", square(53.2, 6.5)),
        feature("WK999902", "Puntwijk", {"type": "Point", "coordinates": [6.5, 53.2]}),
        feature("WK999903", "", square(53.3, 6.5)),
        feature("WK999904", "RD-wijk", square(582000.0, 233000.0, half_side=50.0)),
        {"type": "Feature", "properties": {"statnaam": "Zonder code"}, "geometry": square(53.2, 6.6)},
        feature("WK999901", "Dubbel", square(53.25, 6.5)),
        feature(
            "WK999907", "Strik", {"type": "Polygon", "coordinates": [[[6, 53], [7, 54], [7, 53], [6, 54], [6, 53]]]}
        ),
    )


def test_a_bad_file_imports_nothing_and_names_every_bad_feature() -> None:
    with translation.override("en"), pytest.raises(AreaImportError) as caught:
        import_areas(geojson=_bad_collection(), source=SOURCE)
    problems = caught.value.problems
    assert {problem.where for problem in problems} == {f"feature {i}" for i in range(1, 7)}
    by_where = {problem.where: problem for problem in problems}
    assert "Polygon or MultiPolygon" in by_where["feature 1"].message
    assert by_where["feature 2"].code == "WK999903" and "name" in by_where["feature 2"].message
    assert "WGS84" in by_where["feature 3"].message
    assert "code" in by_where["feature 4"].message
    assert "twice" in by_where["feature 5"].message
    assert "not valid" in by_where["feature 6"].message
    message = str(caught.value)
    assert "nothing was imported" in message and "WK999904" in message
    assert not Area.objects.exists()


def test_a_bad_file_leaves_areas_imported_earlier_untouched() -> None:
    import_areas(geojson=collection(feature("WK999901", "Proefwijk", square(53.2, 6.5))), source=SOURCE)
    with pytest.raises(AreaImportError):
        import_areas(geojson=_bad_collection(), source="another source")
    area = Area.objects.get()
    assert (area.code, area.name, area.source) == ("WK999901", "Proefwijk", SOURCE)


@pytest.mark.parametrize(
    ("document", "expected"),
    [
        ({"type": "Feature"}, "FeatureCollection"),
        ({"type": "FeatureCollection", "features": []}, "no features"),
        (
            {
                "type": "FeatureCollection",
                "crs": {"type": "name", "properties": {"name": "urn:ogc:def:crs:EPSG::28992"}},
                "features": [feature("WK999901", "Proefwijk", square(53.2, 6.5))],
            },
            "EPSG::28992",
        ),
    ],
)
def test_a_file_that_is_no_usable_feature_collection_is_refused(document: dict[str, Any], expected: str) -> None:
    with translation.override("en"), pytest.raises(AreaImportError, match=expected):
        import_areas(geojson=document, source=SOURCE)
    assert not Area.objects.exists()


def test_a_missing_or_garbled_file_is_refused(tmp_path: Path) -> None:
    garbled = tmp_path / "garbled.geojson"
    garbled.write_text('{"type": "FeatureCollection", "features": [', encoding="utf-8")
    with translation.override("en"):
        with pytest.raises(AreaImportError, match="not valid JSON"):
            import_areas(geojson=garbled, source=SOURCE)
        with pytest.raises(AreaImportError, match="cannot read"):
            import_areas(geojson=tmp_path / "missing.geojson", source=SOURCE)


def test_kind_follows_from_cbs_codes_when_not_given() -> None:
    import_areas(
        geojson=collection(
            feature("GM9999", "Proefgemeente", square(53.2, 6.5, 0.05)),
            feature("WK999901", "Proefwijk", square(53.2, 6.5, 0.01)),
            feature("BU99990101", "Proefbuurt", square(53.2, 6.5, 0.002)),
        ),
        source=SOURCE,
    )
    kinds = dict(Area.objects.values_list("code", "kind"))
    assert kinds == {
        "GM9999": AreaKind.MUNICIPALITY,
        "WK999901": AreaKind.DISTRICT,
        "BU99990101": AreaKind.NEIGHBOURHOOD,
    }


def test_a_code_without_a_cbs_prefix_needs_an_explicit_kind() -> None:
    document = collection(feature("park-1", "Stadspark", square(53.2, 6.5)))
    with translation.override("en"), pytest.raises(AreaImportError, match="park-1"):
        import_areas(geojson=document, source=SOURCE)
    import_areas(geojson=document, kind=AreaKind.OTHER, source=SOURCE)
    assert Area.objects.get(code="park-1").kind == AreaKind.OTHER


def test_other_property_names_can_be_chosen() -> None:
    document = collection(
        {"type": "Feature", "properties": {"id": "Z1", "naam": "Zone 1"}, "geometry": square(53.2, 6.5)}
    )
    import_areas(geojson=document, kind=AreaKind.OTHER, code_property="id", name_property="naam", source=SOURCE)
    assert Area.objects.get(code="Z1").name == "Zone 1"


def test_buurten_are_linked_to_their_wijk_whichever_is_imported_first() -> None:
    buurten = collection(
        feature("BU99990101", "Buurt A", square(53.2, 6.5, 0.002)),
        feature("BU99990102", "Buurt B", square(53.21, 6.5, 0.002)),
    )
    first = import_areas(geojson=buurten, source=SOURCE)
    assert sorted(first.missing_parents) == ["BU99990101 -> WK999901", "BU99990102 -> WK999901"]
    assert not Area.objects.filter(parent__isnull=False).exists()
    second = import_areas(geojson=collection(feature("WK999901", "Proefwijk", square(53.2, 6.5, 0.02))), source=SOURCE)
    assert second.linked_parents == 2
    wijk = Area.objects.get(code="WK999901")
    assert set(Area.objects.filter(parent=wijk).values_list("code", flat=True)) == {"BU99990101", "BU99990102"}


def test_a_wijkcode_property_overrides_the_code_nesting() -> None:
    import_areas(
        geojson=collection(
            feature("WK999901", "Proefwijk", square(53.2, 6.5, 0.02)),
            feature("WK999902", "Andere wijk", square(53.3, 6.5, 0.02)),
            feature("BU99990101", "Grensbuurt", square(53.3, 6.5, 0.002), wijkcode="WK999902"),
        ),
        source=SOURCE,
    )
    buurt = Area.objects.select_related("parent").get(code="BU99990101")
    assert buurt.parent is not None and buurt.parent.code == "WK999902"
