"""Public endpoints of the reports API: submit, track, the category list and the emergency check."""

from __future__ import annotations

import re
from typing import Any

from django.conf import settings
from django.urls import reverse
from django.utils.translation import gettext as _

from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema
from rest_framework import status
from rest_framework.parsers import FormParser, JSONParser, MultiPartParser
from rest_framework.permissions import AllowAny
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.settings import api_settings
from rest_framework.throttling import SimpleRateThrottle
from rest_framework.views import APIView

from openbuurt.reports import selectors
from openbuurt.reports.api.serializers import (
    EMERGENCY_ADVICE,
    MainCategorySerializer,
    ReportCreatedSerializer,
    ReportCreateSerializer,
    TrackedReportSerializer,
    UrgencyRequestSerializer,
    UrgencySerializer,
)
from openbuurt.reports.constants import ReportSource, ReportStatus
from openbuurt.reports.forms import read_photo
from openbuurt.reports.models import Report
from openbuurt.reports.photos import CleanPhoto, PhotoError
from openbuurt.reports.services import (
    LocationInput,
    ReporterInput,
    ReportValidationError,
    SubmissionResult,
    submit_report,
)
from openbuurt.triage import selectors as triage_selectors
from openbuurt.triage.models import Category
from openbuurt.triage.urgency import assess_urgency

_IDEMPOTENCY_KEY = re.compile(r"^[\x21-\x7e]{1,100}$")
_ERRORS = OpenApiResponse(
    response=OpenApiTypes.OBJECT, description="Refused: field name → list of messages; nothing was stored."
)


def _no_store(response: Response) -> Response:
    response["Cache-Control"] = "no-store"
    response["Referrer-Policy"] = "no-referrer"
    response["X-Robots-Tag"] = "noindex, nofollow"
    return response


def _public_base() -> str:
    return settings.OPENBUURT_PUBLIC_BASE_URL.rstrip("/")


class SubmitThrottle(SimpleRateThrottle):
    """Limit anonymous submissions per client address (rate ``anon_submit``, read per request)."""

    scope = "anon_submit"

    def get_rate(self) -> str | None:
        rate = api_settings.DEFAULT_THROTTLE_RATES.get(self.scope)
        return str(rate) if rate else None

    def get_cache_key(self, request: Request, view: APIView) -> str | None:
        return self.cache_format % {"scope": self.scope, "ident": self.get_ident(request)}


class ReportCreateView(APIView):
    """Submit a report anonymously."""

    authentication_classes: list[type] = []
    permission_classes = [AllowAny]
    throttle_classes = [SubmitThrottle]
    parser_classes = [JSONParser, MultiPartParser, FormParser]

    @extend_schema(
        operation_id="reports_create",
        summary="Submit a report",
        description=(
            "Store a new report. No account is needed. Send an `Idempotency-Key` header (any string of up to "
            "100 visible characters) so a retried request returns the report stored the first time (200) "
            "instead of a duplicate (201). The tracking token is returned only once, in the 201 answer. "
            "When `is_emergency` is true, tell the resident to call 112 first."
        ),
        parameters=[
            OpenApiParameter(
                "Idempotency-Key",
                OpenApiTypes.STR,
                OpenApiParameter.HEADER,
                description="Client-chosen key that makes retries safe.",
            )
        ],
        request={"application/json": ReportCreateSerializer, "multipart/form-data": ReportCreateSerializer},
        responses={
            201: ReportCreatedSerializer,
            200: OpenApiResponse(ReportCreatedSerializer, description="Replay: the report stored before."),
            400: _ERRORS,
            429: OpenApiResponse(description="Too many reports from this address; try again later."),
        },
        tags=["reports"],
    )
    def post(self, request: Request) -> Response:
        key = request.headers.get("Idempotency-Key", "").strip()
        if key and not _IDEMPOTENCY_KEY.match(key):
            return Response(
                {"idempotency_key": [_("Use at most 100 visible characters without spaces.")]},
                status=status.HTTP_400_BAD_REQUEST,
            )
        serializer = ReportCreateSerializer(data=request.data)
        if not serializer.is_valid():
            return Response(serializer.errors, status=status.HTTP_400_BAD_REQUEST)
        data: dict[str, Any] = dict(serializer.validated_data)
        errors: dict[str, list[str]] = {}
        category: Category | None = None
        if data.get("category"):
            category = triage_selectors.category_by_slug(data["category"])
            if category is None:
                errors["category"] = [_("There is no active category with this slug.")]
        photos: list[CleanPhoto] = []
        for upload in data.get("photos") or []:
            try:
                photos.append(read_photo(upload))
            except PhotoError as exc:
                errors.setdefault("photos", []).append(exc.message)
        if errors:
            return Response(errors, status=status.HTTP_400_BAD_REQUEST)
        try:
            result = submit_report(
                text=data["text"],
                location=LocationInput(
                    lat=data.get("lat"),
                    lon=data.get("lon"),
                    address_text=data["address_text"],
                    address_id=data["address_id"],
                    source=data["location_source"],
                ),
                source=ReportSource.WEB,
                category=category,
                reporter=ReporterInput(
                    email=data["email"].strip(),
                    phone=data["phone"].strip(),
                    first_name=data["first_name"].strip(),
                    last_name=data["last_name"].strip(),
                    wants_updates=data["wants_updates"],
                    may_contact=data["may_contact"],
                ),
                photos=photos,
                submission_key=f"api:{key}" if key else None,
                extra={"channel": "api"},
            )
        except ReportValidationError as exc:
            return Response(exc.errors, status=status.HTTP_400_BAD_REQUEST)
        payload = _created_payload(result)
        code = status.HTTP_201_CREATED if result.created else status.HTTP_200_OK
        return _no_store(Response(ReportCreatedSerializer(payload).data, status=code))


def _created_payload(result: SubmissionResult) -> dict[str, Any]:
    report = result.report
    token = result.tracking_token
    return {
        "public_id": report.public_id,
        "tracking_token": token,
        "tracking_url": f"{_public_base()}{reverse('reports:track', args=[token])}" if token else "",
        "status": report.status,
        "category": report.category.slug,
        "category_name": report.category.name,
        "needs_triage": report.needs_triage,
        "handling_message": report.category.handling_message,
        "deadline": report.deadline,
        "is_emergency": result.urgency.is_emergency,
        "emergency_advice": str(EMERGENCY_ADVICE) if result.urgency.is_emergency else "",
        "location_source": report.location_source,
    }


def tracked_payload(report: Report) -> dict[str, Any]:
    """Return what a tracking link may show of ``report``: status, history and place, nothing personal."""
    area = report.area or report.district
    return {
        "public_id": report.public_id,
        "category": report.category.slug,
        "category_name": report.category.name,
        "status": report.status,
        "status_label": str(ReportStatus(report.status).label),
        "is_closed": report.is_closed,
        "created_at": report.created_at,
        "deadline": report.deadline,
        "handling_message": report.category.handling_message,
        "address_text": report.address_text,
        "area": area.name if area is not None else "",
        "history": [
            {
                "status": change.to_status,
                "status_label": str(ReportStatus(change.to_status).label),
                "public_text": change.public_text,
                "created_at": change.created_at,
            }
            for change in selectors.status_history(report)
        ],
    }


class ReportTrackView(APIView):
    """A report's public status and history, for the holder of its tracking token."""

    authentication_classes: list[type] = []
    permission_classes = [AllowAny]

    @extend_schema(
        operation_id="reports_track",
        summary="Follow a report",
        responses={200: TrackedReportSerializer, 404: OpenApiResponse(description="No report has this token.")},
        tags=["reports"],
    )
    def get(self, request: Request, token: str) -> Response:
        report = selectors.report_by_tracking_token(token)
        if report is None:
            return _no_store(Response({"detail": _("No report has this tracking link.")}, status=404))
        return _no_store(Response(TrackedReportSerializer(tracked_payload(report)).data))


def _category_payload(category: Category) -> dict[str, Any]:
    return {
        "slug": category.slug,
        "service_code": category.service_code,
        "name": category.name,
        "description": category.description,
        "handling_message": category.handling_message,
        "sla_days": category.sla_days,
        "sla_working_days": category.sla_working_days,
        "handling_organisation": category.handling_organisation,
        "is_confidential": category.is_confidential,
    }


class CategoryListView(APIView):
    """The public taxonomy: main categories with their sub categories."""

    authentication_classes: list[type] = []
    permission_classes = [AllowAny]

    @extend_schema(
        operation_id="categories_list",
        summary="List the categories",
        description="Active main categories in display order, each with its active sub categories. Names, "
        "descriptions and service promises follow the Accept-Language header (nl or en).",
        responses={200: MainCategorySerializer(many=True)},
        tags=["reports"],
    )
    def get(self, request: Request) -> Response:
        categories = list(triage_selectors.public_categories())
        mains = [category for category in categories if category.parent_id is None]
        payload = [
            {
                **_category_payload(main),
                "service_group": main.service_group,
                "children": [_category_payload(sub) for sub in categories if sub.parent_id == main.pk],
            }
            for main in mains
        ]
        return Response(MainCategorySerializer(payload, many=True).data)


class UrgencyView(APIView):
    """Whether a text describes an emergency; the web form asks this while the resident types."""

    authentication_classes: list[type] = []
    permission_classes = [AllowAny]

    @extend_schema(
        operation_id="reports_urgency",
        summary="Check a text for an emergency",
        description="Transparent rules in Dutch and English; nothing is stored.",
        request=UrgencyRequestSerializer,
        responses={200: UrgencySerializer, 400: _ERRORS},
        tags=["reports"],
    )
    def post(self, request: Request) -> Response:
        serializer = UrgencyRequestSerializer(data=request.data)
        if not serializer.is_valid():
            return Response(serializer.errors, status=status.HTTP_400_BAD_REQUEST)
        verdict = assess_urgency(serializer.validated_data["text"])
        payload = {
            "is_emergency": verdict.is_emergency,
            "priority": verdict.priority,
            "reason": verdict.reason,
            "advice": str(EMERGENCY_ADVICE) if verdict.is_emergency else "",
        }
        return Response(UrgencySerializer(payload).data)
