"""Public JSON endpoints for the resident's map: find a place, name a point, draw the municipality.

They need no login (the report form is public) and are throttled per client address.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.utils.cache import patch_cache_control
from django.utils.translation import gettext_lazy as _

from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiExample, OpenApiResponse, extend_schema
from rest_framework.permissions import AllowAny
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.throttling import SimpleRateThrottle
from rest_framework.views import APIView

from openbuurt.places.api.serializers import (
    AreasQuerySerializer,
    ReverseQuerySerializer,
    ReverseResponseSerializer,
    SearchQuerySerializer,
    SearchResponseSerializer,
)
from openbuurt.places.constants import AreaKind
from openbuurt.places.selectors import GeocodeResult, areas_geojson, describe_point, geocode_reverse, geocode_search

# Autocomplete sends a request per pause in typing; this leaves room for that and stops scraping.
DEFAULT_LOOKUP_RATE = "120/minute"
AREAS_MAX_AGE_S = 300


class PlaceLookupThrottle(SimpleRateThrottle):
    """Limit lookups per client: per user when logged in, else per address.

    The rate is ``REST_FRAMEWORK["DEFAULT_THROTTLE_RATES"]["places_lookup"]``, 120 a minute when unset; it is read
    per request so that tests and settings overrides take effect.
    """

    scope = "places_lookup"

    def get_rate(self) -> str | None:
        config = getattr(settings, "REST_FRAMEWORK", {})
        rates = config.get("DEFAULT_THROTTLE_RATES") if isinstance(config, dict) else None
        rate = rates.get(self.scope, DEFAULT_LOOKUP_RATE) if isinstance(rates, dict) else DEFAULT_LOOKUP_RATE
        return str(rate) if rate else None

    def get_cache_key(self, request: Request, view: APIView) -> str | None:
        user = getattr(request, "user", None)
        ident = f"user-{user.pk}" if user is not None and user.is_authenticated else self.get_ident(request)
        return self.cache_format % {"scope": self.scope, "ident": ident}


class _PublicView(APIView):
    permission_classes = [AllowAny]
    throttle_classes = [PlaceLookupThrottle]


def _place(result: GeocodeResult) -> dict[str, Any]:
    where = describe_point(result.lat, result.lon)
    return {
        "label": result.label,
        "lat": result.lat,
        "lon": result.lon,
        "kind": result.kind,
        "source": result.source,
        "postcode": result.postcode,
        "street": result.street,
        "house_number": result.house_number,
        "city": result.city,
        "address_id": result.address_id,
        "area": where.area.name if where.area else None,
        "area_code": where.area.code if where.area else None,
        "district": where.district.name if where.district else None,
        "inside_municipality": where.inside_municipality,
    }


class PlaceSearchView(_PublicView):
    @extend_schema(
        operation_id="places_search",
        summary=_("Find places by name or address"),
        description=_(
            "Search addresses, streets and places with the configured geocoders (PDOK Locatieserver, then the "
            "offline gazetteer). Each result says which area it lies in and whether the municipality handles "
            "reports there."
        ),
        parameters=[SearchQuerySerializer],
        responses={
            200: SearchResponseSerializer,
            400: OpenApiResponse(OpenApiTypes.OBJECT, description=_("Invalid parameters, per field.")),
            429: OpenApiResponse(OpenApiTypes.OBJECT, description=_("Too many requests.")),
        },
        examples=[OpenApiExample("Vismarkt", value={"q": "Vismarkt"}, parameter_only=("q", "query"))],
        tags=["places"],
    )
    def get(self, request: Request) -> Response:
        """Return up to ``limit`` places matching ``q``."""
        params = SearchQuerySerializer(data=request.query_params)
        params.is_valid(raise_exception=True)
        query: str = params.validated_data["q"]
        results = geocode_search(query, limit=params.validated_data["limit"])
        return Response({"query": query, "results": [_place(result) for result in results]})


class PlaceReverseView(_PublicView):
    @extend_schema(
        operation_id="places_reverse",
        summary=_("Name a point on the map"),
        description=_(
            "Return the address or place name at a point, the area it lies in and whether the municipality handles "
            "reports there. The position in the answer is the point asked about."
        ),
        parameters=[ReverseQuerySerializer],
        responses={
            200: ReverseResponseSerializer,
            400: OpenApiResponse(OpenApiTypes.OBJECT, description=_("Invalid parameters, per field.")),
            429: OpenApiResponse(OpenApiTypes.OBJECT, description=_("Too many requests.")),
        },
        tags=["places"],
    )
    def get(self, request: Request) -> Response:
        """Describe the point ``lat``, ``lon``."""
        params = ReverseQuerySerializer(data=request.query_params)
        params.is_valid(raise_exception=True)
        lat: float = params.validated_data["lat"]
        lon: float = params.validated_data["lon"]
        where = describe_point(lat, lon)
        result = geocode_reverse(lat, lon)
        if result is not None:
            label = result.label
        elif where.area is not None:
            label = where.area.name
        else:
            label = f"{lat:.5f}, {lon:.5f}"
        return Response(
            {
                "label": label,
                "lat": lat,
                "lon": lon,
                "area": where.area.name if where.area else None,
                "area_code": where.area.code if where.area else None,
                "district": where.district.name if where.district else None,
                "inside_municipality": where.inside_municipality,
                "source": result.source if result else "",
                "postcode": result.postcode if result else "",
                "street": result.street if result else "",
                "house_number": result.house_number if result else "",
                "city": result.city if result else "",
                "address_id": result.address_id if result else "",
            }
        )


class AreasGeoJSONView(_PublicView):
    @extend_schema(
        operation_id="places_areas_geojson",
        summary=_("Area outlines as GeoJSON"),
        description=_(
            "Return the districts (wijken), or the areas of another kind, as a GeoJSON FeatureCollection in WGS84 "
            "with the properties code, name, kind and parent_code; for drawing the municipality on the map."
        ),
        parameters=[AreasQuerySerializer],
        responses={
            200: OpenApiResponse(OpenApiTypes.OBJECT, description=_("GeoJSON FeatureCollection.")),
            400: OpenApiResponse(OpenApiTypes.OBJECT, description=_("Invalid parameters, per field.")),
        },
        tags=["places"],
    )
    def get(self, request: Request) -> Response:
        """Return the areas of ``kind`` as GeoJSON."""
        params = AreasQuerySerializer(data=request.query_params)
        params.is_valid(raise_exception=True)
        response = Response(areas_geojson(AreaKind(params.validated_data["kind"])), content_type="application/geo+json")
        patch_cache_control(response, public=True, max_age=AREAS_MAX_AGE_S)
        return response
