"""The demo municipality's places: gemeente Groningen with its CBS wijken and buurten and a gazetteer.

``install_demo_areas`` reads the files in ``places/data/`` (CBS / PDOK, CC BY 4.0; see ``data/ATTRIBUTION.md``)
through the import services, so every row is validated and audited like any other import.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from django.db import transaction

from shapely import union_all
from shapely.geometry import mapping, shape

from openbuurt.places.constants import AreaKind
from openbuurt.places.services import add_areas_to_gazetteer, import_areas, import_gazetteer_csv

DATA_DIR = Path(__file__).resolve().parent / "data"
WIJKEN_FILE = DATA_DIR / "groningen_wijken_2024.geojson"
BUURTEN_FILE = DATA_DIR / "groningen_buurten_2022.geojson"
BUURTEN_GAZETTEER_FILE = DATA_DIR / "groningen_buurten_2022.csv"
ALIASES_FILE = DATA_DIR / "groningen_aliases.csv"

MUNICIPALITY_CODE = "GM0014"
MUNICIPALITY_NAME = "Gemeente Groningen"
WIJKEN_SOURCE = "CBS / PDOK, Wijk- en Buurtkaart 2024 (generalised), CC BY 4.0"
BUURTEN_SOURCE = "CBS / PDOK, Wijk- en Buurtkaart 2022 (generalised), CC BY 4.0"
MUNICIPALITY_SOURCE = "Union of the CBS / PDOK wijken 2024, CC BY 4.0"
ALIASES_SOURCE = "Names residents use, written by us (OpenBuurt); approximate points"


def _rounded(coordinates: Any) -> Any:
    """Round nested coordinates to 6 decimals (10 cm) and turn tuples into lists, as JSON stores them."""
    if isinstance(coordinates, list | tuple):
        return [_rounded(item) for item in coordinates]
    return round(float(coordinates), 6)


def municipality_feature_collection(wijken: dict[str, Any]) -> dict[str, Any]:
    """Return a FeatureCollection with one feature: the municipality as the union of its wijken."""
    outline = union_all([shape(feature["geometry"]) for feature in wijken["features"]])
    geometry = mapping(outline)
    return {
        "type": "FeatureCollection",
        "features": [
            {
                "type": "Feature",
                "properties": {"statcode": MUNICIPALITY_CODE, "statnaam": MUNICIPALITY_NAME},
                "geometry": {"type": geometry["type"], "coordinates": _rounded(geometry["coordinates"])},
            }
        ],
    }


@transaction.atomic
def install_demo_areas() -> int:
    """Load gemeente Groningen: 20 wijken, 150 buurten (in their wijk), the municipality and the gazetteer.

    Idempotent: return how many areas and gazetteer entries were created or changed, 0 when all were in place.
    """
    with WIJKEN_FILE.open(encoding="utf-8") as handle:
        wijken = json.load(handle)
    changed = 0
    for result in (
        import_areas(geojson=wijken, kind=AreaKind.DISTRICT, source=WIJKEN_SOURCE),
        import_areas(geojson=BUURTEN_FILE, kind=AreaKind.NEIGHBOURHOOD, source=BUURTEN_SOURCE),
        import_areas(
            geojson=municipality_feature_collection(wijken), kind=AreaKind.MUNICIPALITY, source=MUNICIPALITY_SOURCE
        ),
    ):
        changed += len(result.created) + len(result.updated)
    for gazetteer in (
        import_gazetteer_csv(path=BUURTEN_GAZETTEER_FILE, source=BUURTEN_SOURCE),
        add_areas_to_gazetteer(kind=AreaKind.DISTRICT),
        import_gazetteer_csv(
            path=ALIASES_FILE,
            source=ALIASES_SOURCE,
            kind=None,
            name_column="name",
            lat_column="lat",
            lon_column="lon",
            key_column=None,
            kind_column="kind",
            key_prefix="alias:",
        ),
    ):
        changed += gazetteer.created + gazetteer.updated
    return changed
