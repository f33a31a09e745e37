"""Public JSON endpoints: nearby open reports for the form, following a report, and the public map's GeoJSON."""

from __future__ import annotations

from django.core.cache import cache
from django.http import HttpRequest
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema
from rest_framework import serializers, status
from rest_framework.parsers import FormParser, JSONParser, MultiPartParser
from rest_framework.permissions import AllowAny
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.throttling import SimpleRateThrottle
from rest_framework.views import APIView

from openbuurt.reports import services
from openbuurt.reports.public.links import FOLLOW_LINK_MAX_AGE
from openbuurt.reports.public.selectors import (
    NEARBY_DAYS,
    NEARBY_LIMIT,
    NEARBY_RADIUS_M,
    nearby_open_reports,
    nearby_payload,
    open_public_reports,
    public_features,
)
from openbuurt.reports.public.services import request_follow
from openbuurt.triage import selectors as triage_selectors

GEOJSON_CACHE_SECONDS = 60


class _FixedRateThrottle(SimpleRateThrottle):
    """A per-address throttle with a rate fixed in code (these endpoints need no setting of their own)."""

    fixed_rate = "60/minute"

    def get_rate(self) -> str:
        return self.fixed_rate

    def get_cache_key(self, request: Request, view: APIView) -> str | None:
        return self.cache_format % {"scope": self.scope, "ident": self.get_ident(request)}


class NearbyThrottle(_FixedRateThrottle):
    scope = "public_nearby"
    fixed_rate = "120/minute"


class FollowThrottle(_FixedRateThrottle):
    scope = "public_follow"
    fixed_rate = "20/hour"


def follow_allowed(request: HttpRequest) -> bool:
    """Count one request to follow a report against this address's rate (shared with the API); tell if it may go."""
    return FollowThrottle().allow_request(Request(request), FollowReportView())


class NearbyQuerySerializer(serializers.Serializer[dict[str, object]]):
    lat = serializers.FloatField(min_value=-90, max_value=90)
    lon = serializers.FloatField(min_value=-180, max_value=180)
    category = serializers.SlugField(required=False, allow_blank=True, max_length=100)


class NearbyReportSerializer(serializers.Serializer[dict[str, object]]):
    id = serializers.CharField(help_text="Report number.")
    category = serializers.CharField()
    status = serializers.CharField()
    status_label = serializers.CharField()
    created = serializers.DateField()
    distance_m = serializers.IntegerField(help_text="Distance, rounded to 10 m.")
    lat = serializers.FloatField(help_text="Rounded to 3 decimals (about 100 m).")
    lon = serializers.FloatField(help_text="Rounded to 3 decimals (about 70 m).")


class FollowSerializer(serializers.Serializer[dict[str, object]]):
    email = serializers.CharField(max_length=254)


class NearbyReportsView(APIView):
    """Open public reports near a point, for the form's "is it one of these?" question."""

    authentication_classes: list[type] = []
    permission_classes = [AllowAny]
    throttle_classes = [NearbyThrottle]

    @extend_schema(
        operation_id="reports_nearby",
        summary="Open reports near a point",
        description=(
            f"Open public reports within {NEARBY_RADIUS_M} m received in the last {NEARBY_DAYS} days, nearest "
            f"first, at most {NEARBY_LIMIT}. With `category` (a slug) only reports under the same main category. "
            "No police or confidential reports, no descriptions; coordinates are rounded."
        ),
        parameters=[NearbyQuerySerializer],
        responses={200: NearbyReportSerializer(many=True), 400: OpenApiTypes.OBJECT},
        tags=["public"],
    )
    def get(self, request: Request) -> Response:
        query = NearbyQuerySerializer(data=request.query_params)
        if not query.is_valid():
            return Response(query.errors, status=status.HTTP_400_BAD_REQUEST)
        slug = str(query.validated_data.get("category") or "")
        category = triage_selectors.category_by_slug(slug) if slug else None
        if slug and category is None:
            return Response({"category": [_("There is no active category with this slug.")]}, status=400)
        found = nearby_open_reports(
            lat=float(query.validated_data["lat"]), lon=float(query.validated_data["lon"]), category=category
        )
        # The payload is built field by field for the public; the serializer above documents it.
        return Response(nearby_payload(found))


class FollowReportView(APIView):
    """Ask to follow an open public report by e-mail instead of reporting the same problem again."""

    authentication_classes: list[type] = []
    permission_classes = [AllowAny]
    throttle_classes = [FollowThrottle]
    parser_classes = [JSONParser, FormParser, MultiPartParser]

    @extend_schema(
        operation_id="reports_follow",
        summary="Follow a report (after confirming by e-mail)",
        description=(
            "Sends the address a link to confirm that it wants to follow the report; only after confirming (within "
            f"{FOLLOW_LINK_MAX_AGE.days} days) does it get the report's updates. The answer is the same whether or "
            "not the address already follows the report. At most one confirmation e-mail per address and report a "
            "day."
        ),
        request=FollowSerializer,
        responses={
            202: OpenApiResponse(OpenApiTypes.OBJECT, description="A confirmation e-mail is on its way."),
            400: OpenApiResponse(OpenApiTypes.OBJECT, description="Not a valid e-mail address."),
            404: OpenApiResponse(description="No open public report has this number."),
            429: OpenApiResponse(description="Too many requests from this address."),
        },
        tags=["public"],
    )
    def post(self, request: Request, public_id: str) -> Response:
        report = open_public_reports().filter(public_id=public_id).first()
        if report is None:
            return Response({"detail": _("No open report has this number.")}, status=status.HTTP_404_NOT_FOUND)
        body = FollowSerializer(data=request.data)
        if not body.is_valid():
            return Response(body.errors, status=status.HTTP_400_BAD_REQUEST)
        try:
            followed = request_follow(
                report=report, email=str(body.validated_data["email"]), language=get_language() or "nl"
            )
        except services.FollowError as exc:
            return Response({"email": [str(exc)]}, status=status.HTTP_400_BAD_REQUEST)
        payload = {
            "report": followed.public_id,
            "following": False,
            "confirmation_sent": True,
            "detail": _(
                "Check your e-mail: we sent you a link to confirm that you want to follow %(report)s. "
                "Until you confirm, you will get no messages about it."
            )
            % {"report": followed.public_id},
        }
        response = Response(payload, status=status.HTTP_202_ACCEPTED)
        response["Cache-Control"] = "no-store"
        return response


class PublicReportsGeoJSONView(APIView):
    """The open public reports as GeoJSON for the public map."""

    authentication_classes: list[type] = []
    permission_classes = [AllowAny]

    @extend_schema(
        operation_id="reports_public_geojson",
        summary="Open reports on the public map (GeoJSON)",
        description=(
            "A FeatureCollection of the 5,000 most recent open public reports: number, category, status and date, "
            "with coordinates rounded to 3 decimals. Never police or confidential reports, descriptions, photos or "
            "personal data. Cached for a minute."
        ),
        parameters=[OpenApiParameter("lang", OpenApiTypes.STR, description="nl (default) or en, via Accept-Language")],
        responses={200: OpenApiTypes.OBJECT},
        tags=["public"],
    )
    def get(self, request: Request) -> Response:
        language = (get_language() or "nl")[:2]
        key = f"public:reports-geojson:{language}"
        payload = cache.get(key)
        if payload is None:
            features, capped = public_features(language=language)
            payload = {"type": "FeatureCollection", "features": features, "capped": capped}
            cache.set(key, payload, GEOJSON_CACHE_SECONDS)
        response = Response(payload, content_type="application/geo+json")
        response["Cache-Control"] = f"public, max-age={GEOJSON_CACHE_SECONDS}"
        return response
