"""The public JSON API of the resident's map: search, reverse and the area outlines."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from django.urls import reverse
from django.utils import translation

import pytest
from rest_framework.test import APIClient

from openbuurt.places.constants import AreaKind
from openbuurt.places.models import Area, GazetteerEntry
from openbuurt.places.tests.pdok_fake import FakePdok, running_fake_pdok

pytestmark = [pytest.mark.django_db, pytest.mark.urls("openbuurt.places.tests.urls")]

GROTE_MARKT = {"lat": "53.2194", "lon": "6.5665"}
AMSTERDAM_DAM = {"lat": "52.3731", "lon": "4.8926"}


@pytest.fixture
def api_client() -> APIClient:
    return APIClient()


@pytest.fixture
def offline(settings: Any) -> None:
    settings.OPENBUURT_GEOCODERS = ["gazetteer"]


@pytest.fixture
def pdok(settings: Any) -> Iterator[FakePdok]:
    with running_fake_pdok() as fake:
        settings.OPENBUURT_PDOK_URL = fake.url
        settings.OPENBUURT_GEOCODER_TIMEOUT = 0.5
        settings.OPENBUURT_GEOCODERS = ["pdok", "gazetteer"]
        yield fake


def _errors(response: Any) -> dict[str, list[str]]:
    assert response.status_code == 400, response.content
    data: dict[str, list[str]] = response.json()
    return data


def test_search_finds_a_landmark_offline_with_its_area(api_client: APIClient, groningen: int, offline: None) -> None:
    response = api_client.get(reverse("places-api:search"), {"q": "Vismarkt"})
    assert response.status_code == 200
    data = response.json()
    assert data["query"] == "Vismarkt"
    first = data["results"][0]
    entry = GazetteerEntry.objects.select_related("area__parent").get(key="alias:vismarkt")
    assert (first["lat"], first["lon"], first["source"]) == (entry.lat, entry.lon, "gazetteer")
    assert entry.area is not None and entry.area.parent is not None
    assert (first["area"], first["district"]) == (entry.area.name, entry.area.parent.name)
    assert first["district"] == "Centrum"
    assert first["inside_municipality"] is True


def test_search_uses_pdok_first_when_configured(api_client: APIClient, groningen: int, pdok: FakePdok) -> None:
    response = api_client.get(reverse("places-api:search"), {"q": "Vismarkt 12", "limit": "1"})
    assert response.status_code == 200
    [result] = response.json()["results"]
    assert (result["source"], result["postcode"], result["district"]) == ("pdok", "9712CB", "Centrum")
    assert pdok.requests[0][1]["rows"] == ["1"]


def test_search_falls_back_to_the_gazetteer_when_pdok_fails(
    api_client: APIClient, groningen: int, pdok: FakePdok
) -> None:
    pdok.mode = "error"
    response = api_client.get(reverse("places-api:search"), {"q": "Zernike"})
    assert response.status_code == 200
    first = response.json()["results"][0]
    assert first["source"] == "gazetteer" and first["district"] == "Noordwest"


def test_search_without_matches_returns_an_empty_list(api_client: APIClient, groningen: int, offline: None) -> None:
    response = api_client.get(reverse("places-api:search"), {"q": "Xyzzyplein"})
    assert response.status_code == 200
    assert response.json()["results"] == []


@pytest.mark.parametrize(
    ("params", "field", "message"),
    [
        ({}, "q", "Type what to look for"),
        ({"q": "   "}, "q", "Type what to look for"),
        ({"q": "V"}, "q", "at least 2"),
        ({"q": "x" * 201}, "q", "200"),
        ({"q": "Vismarkt", "limit": "0"}, "limit", "greater than or equal to 1"),
        ({"q": "Vismarkt", "limit": "11"}, "limit", "less than or equal to 10"),
        ({"q": "Vismarkt", "limit": "veel"}, "limit", "valid integer"),
    ],
)
def test_search_refuses_bad_parameters_with_a_clear_message(
    api_client: APIClient, offline: None, params: dict[str, str], field: str, message: str
) -> None:
    with translation.override("en"):
        errors = _errors(api_client.get(reverse("places-api:search"), params, HTTP_ACCEPT_LANGUAGE="en"))
    assert list(errors) == [field]
    assert message in errors[field][0]


def test_reverse_names_a_point_in_the_centre(api_client: APIClient, groningen: int, offline: None) -> None:
    response = api_client.get(reverse("places-api:reverse"), GROTE_MARKT)
    assert response.status_code == 200
    data = response.json()
    buurt = Area.objects.select_related("parent").get(kind=AreaKind.NEIGHBOURHOOD, name="Binnenstad-Noord")
    assert (data["lat"], data["lon"]) == (53.2194, 6.5665)
    assert data["area"] == buurt.name and data["area_code"] == buurt.code
    assert buurt.parent is not None and data["district"] == buurt.parent.name == "Centrum"
    assert data["inside_municipality"] is True
    assert data["source"] == "gazetteer" and data["label"]


def test_reverse_uses_the_pdok_address_when_there_is_one(api_client: APIClient, groningen: int, pdok: FakePdok) -> None:
    data = api_client.get(reverse("places-api:reverse"), {"lat": "53.2173", "lon": "6.5641"}).json()
    assert (data["label"], data["house_number"], data["source"]) == (
        "Vismarkt 12a-2, 9712CB Groningen",
        "12a-2",
        "pdok",
    )
    assert data["district"] == "Centrum"


def test_reverse_outside_the_municipality(api_client: APIClient, groningen: int, offline: None) -> None:
    data = api_client.get(reverse("places-api:reverse"), AMSTERDAM_DAM).json()
    assert data["inside_municipality"] is False
    assert (data["area"], data["district"], data["source"]) == (None, None, "")
    assert data["label"] == "52.37310, 4.89260"


@pytest.mark.parametrize(
    ("params", "field", "message"),
    [
        ({"lon": "6.5665"}, "lat", "required"),
        ({"lat": "53.2194"}, "lon", "required"),
        ({"lat": "noord", "lon": "6.5665"}, "lat", "valid number"),
        ({"lat": "91", "lon": "6.5665"}, "lat", "less than or equal to 90"),
        ({"lat": "53.2194", "lon": "-181"}, "lon", "greater than or equal to -180"),
        ({"lat": "nan", "lon": "6.5665"}, "lat", "valid number"),
        ({"lat": "53.2194", "lon": "inf"}, "lon", ""),
    ],
)
def test_reverse_refuses_bad_coordinates_with_a_clear_message(
    api_client: APIClient, offline: None, params: dict[str, str], field: str, message: str
) -> None:
    with translation.override("en"):
        errors = _errors(api_client.get(reverse("places-api:reverse"), params, HTTP_ACCEPT_LANGUAGE="en"))
    assert list(errors) == [field]
    assert message in errors[field][0]


def test_areas_geojson_returns_the_districts(api_client: APIClient, groningen: int) -> None:
    response = api_client.get(reverse("places-api:areas-geojson"))
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/geo+json")
    assert "max-age=300" in response["Cache-Control"]
    data = response.json()
    assert data["type"] == "FeatureCollection"
    districts = Area.objects.filter(kind=AreaKind.DISTRICT)
    assert sorted(f["properties"]["code"] for f in data["features"]) == sorted(d.code for d in districts)
    centrum = next(f for f in data["features"] if f["properties"]["name"] == "Centrum")
    assert centrum["geometry"] == districts.get(name="Centrum").geometry
    assert centrum["properties"]["parent_code"] == "GM0014"


def test_areas_geojson_of_another_kind_and_a_bad_kind(api_client: APIClient, groningen: int) -> None:
    data = api_client.get(reverse("places-api:areas-geojson"), {"kind": "neighbourhood"}).json()
    assert len(data["features"]) == Area.objects.filter(kind=AreaKind.NEIGHBOURHOOD).count()
    with translation.override("en"):
        errors = _errors(api_client.get(reverse("places-api:areas-geojson"), {"kind": "provincie"}))
    assert list(errors) == ["kind"]


def test_lookups_are_throttled_per_client(api_client: APIClient, offline: None, settings: Any) -> None:
    settings.REST_FRAMEWORK = {**settings.REST_FRAMEWORK, "DEFAULT_THROTTLE_RATES": {"places_lookup": "2/minute"}}
    codes = [api_client.get(reverse("places-api:search"), {"q": "Vismarkt"}).status_code for _ in range(3)]
    assert codes == [200, 200, 429]


def test_the_endpoints_are_public(api_client: APIClient, groningen: int, offline: None) -> None:
    # No session, no token: the report form is used by residents who are not logged in.
    assert api_client.get(reverse("places-api:reverse"), GROTE_MARKT).status_code == 200


def test_the_openapi_schema_documents_the_endpoints_and_their_parameters(api_client: APIClient) -> None:
    response = api_client.get(reverse("api-schema"), {"format": "json"})
    assert response.status_code == 200
    paths = response.json()["paths"]
    assert {"/api/v1/places/search", "/api/v1/places/reverse", "/api/v1/places/areas.geojson"} <= set(paths)
    search_params = {p["name"] for p in paths["/api/v1/places/search"]["get"]["parameters"]}
    reverse_params = {p["name"] for p in paths["/api/v1/places/reverse"]["get"]["parameters"]}
    assert search_params == {"q", "limit"} and reverse_params == {"lat", "lon"}
