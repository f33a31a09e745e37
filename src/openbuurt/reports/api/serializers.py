"""Request and response shapes of the reports API; documented in the OpenAPI schema by drf-spectacular."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext_lazy as _

from rest_framework import serializers
from rest_framework.fields import empty

from openbuurt.reports.constants import MAX_TEXT_LENGTH
from openbuurt.triage.constants import HandlingOrganisation, Priority

LOCATION_SOURCES = ("map", "geocoder", "device", "photo", "text")


class _Boolean(serializers.BooleanField):
    """A boolean whose absence in a multipart form means its default, as it does in JSON."""

    default_empty_html = empty


class ReportCreateSerializer(serializers.Serializer[Any]):
    """A new report. Send JSON, or multipart/form-data to add photos (repeat the ``photos`` part)."""

    text = serializers.CharField(
        trim_whitespace=False, allow_blank=True, help_text=f"What is wrong; {MAX_TEXT_LENGTH} characters at most."
    )
    category = serializers.SlugField(
        required=False,
        allow_blank=True,
        help_text="Slug of a category from /api/v1/categories/. Leave it out to let the platform choose.",
    )
    lat = serializers.FloatField(required=False, allow_null=True, help_text="Latitude (WGS84).")
    lon = serializers.FloatField(required=False, allow_null=True, help_text="Longitude (WGS84).")
    address_text = serializers.CharField(required=False, allow_blank=True, max_length=300, default="")
    address_id = serializers.CharField(required=False, allow_blank=True, max_length=100, default="")
    location_source = serializers.ChoiceField(
        choices=LOCATION_SOURCES, required=False, default="map", help_text="How the point was found."
    )
    email = serializers.CharField(required=False, allow_blank=True, max_length=254, default="")
    phone = serializers.CharField(required=False, allow_blank=True, max_length=40, default="")
    first_name = serializers.CharField(required=False, allow_blank=True, max_length=200, default="")
    last_name = serializers.CharField(required=False, allow_blank=True, max_length=200, default="")
    wants_updates = _Boolean(required=False, default=True, help_text="Send status updates to the e-mail address.")
    may_contact = _Boolean(required=False, default=False, help_text="The handler may contact the reporter.")
    photos = serializers.ListField(
        child=serializers.FileField(), required=False, default=list, help_text="Photos (JPEG, PNG, WebP or GIF)."
    )


class ReportCreatedSerializer(serializers.Serializer[Any]):
    """The stored report. ``tracking_token`` and ``tracking_url`` are given once, empty on a replay."""

    public_id = serializers.CharField(help_text="Report number, e.g. GRO-2026-000123.")
    tracking_token = serializers.CharField(help_text="Secret of the tracking link; empty when the report existed.")
    tracking_url = serializers.CharField(allow_blank=True, help_text="Public page with the report's status.")
    status = serializers.CharField()
    category = serializers.CharField(help_text="Slug of the category the report was filed under.")
    category_name = serializers.CharField()
    needs_triage = serializers.BooleanField(help_text="A person still has to choose the category.")
    handling_message = serializers.CharField(allow_blank=True, help_text="The category's service promise.")
    deadline = serializers.DateTimeField(allow_null=True)
    is_emergency = serializers.BooleanField(help_text="The text describes an emergency: tell the resident to call 112.")
    emergency_advice = serializers.CharField(allow_blank=True)
    location_source = serializers.CharField(allow_blank=True)


class StatusStepSerializer(serializers.Serializer[Any]):
    status = serializers.CharField()
    status_label = serializers.CharField()
    public_text = serializers.CharField(allow_blank=True)
    created_at = serializers.DateTimeField()


class TrackedReportSerializer(serializers.Serializer[Any]):
    """What the holder of a tracking link may see: no personal data."""

    public_id = serializers.CharField()
    category = serializers.CharField()
    category_name = serializers.CharField()
    status = serializers.CharField()
    status_label = serializers.CharField()
    is_closed = serializers.BooleanField()
    created_at = serializers.DateTimeField()
    deadline = serializers.DateTimeField(allow_null=True)
    handling_message = serializers.CharField(allow_blank=True)
    address_text = serializers.CharField(allow_blank=True)
    area = serializers.CharField(allow_blank=True)
    history = StatusStepSerializer(many=True)


class CategorySerializer(serializers.Serializer[Any]):
    slug = serializers.CharField()
    service_code = serializers.CharField()
    name = serializers.CharField(help_text="In the language of the request (Accept-Language).")
    description = serializers.CharField(allow_blank=True)
    handling_message = serializers.CharField(allow_blank=True)
    sla_days = serializers.IntegerField()
    sla_working_days = serializers.BooleanField()
    handling_organisation = serializers.ChoiceField(choices=HandlingOrganisation.choices)
    is_confidential = serializers.BooleanField()


class MainCategorySerializer(CategorySerializer):
    service_group = serializers.CharField(allow_blank=True)
    children = CategorySerializer(many=True)


class UrgencyRequestSerializer(serializers.Serializer[Any]):
    text = serializers.CharField(allow_blank=True, trim_whitespace=False, max_length=MAX_TEXT_LENGTH)


class UrgencySerializer(serializers.Serializer[Any]):
    is_emergency = serializers.BooleanField(help_text="Call 112 first.")
    priority = serializers.ChoiceField(choices=Priority.choices)
    reason = serializers.CharField(allow_blank=True, help_text="Why, in the language of the request.")
    advice = serializers.CharField(allow_blank=True)


EMERGENCY_ADVICE = _(
    "Is there danger right now? Call 112 first. Then you can finish this report; it does not replace the call."
)
