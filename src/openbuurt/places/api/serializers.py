"""Serializers of the places API: query parameters in, places out."""

from __future__ import annotations

import math
from typing import Any

from django.utils.translation import gettext_lazy as _

from rest_framework import serializers

from openbuurt.places.constants import AreaKind

MAX_RESULTS = 10


class _FiniteFloatField(serializers.FloatField):
    """A float that must be a real number: "nan" and "inf" parse as floats but are no coordinates."""

    def to_internal_value(self, data: Any) -> float:
        value = super().to_internal_value(data)
        if not math.isfinite(value):
            raise serializers.ValidationError(_("A valid number is required."), code="invalid")
        return value


class SearchQuerySerializer(serializers.Serializer[dict[str, Any]]):
    q = serializers.CharField(
        min_length=2,
        max_length=200,
        trim_whitespace=True,
        help_text=_("What to look for: an address, street, postcode, neighbourhood or landmark."),
        error_messages={
            "required": _("Type what to look for in the q parameter."),
            "blank": _("Type what to look for in the q parameter."),
            "min_length": _("Type at least 2 characters."),
        },
    )
    limit = serializers.IntegerField(
        min_value=1, max_value=MAX_RESULTS, default=5, help_text=_("Most results to return (1-10).")
    )


class ReverseQuerySerializer(serializers.Serializer[dict[str, Any]]):
    lat = _FiniteFloatField(
        min_value=-90, max_value=90, help_text=_("Latitude in WGS84 decimal degrees, e.g. 53.2194.")
    )
    lon = _FiniteFloatField(
        min_value=-180, max_value=180, help_text=_("Longitude in WGS84 decimal degrees, e.g. 6.5665.")
    )


class AreasQuerySerializer(serializers.Serializer[dict[str, Any]]):
    kind = serializers.ChoiceField(
        choices=AreaKind.choices,
        default=AreaKind.DISTRICT.value,
        help_text=_("Which areas to return; districts (wijken) by default."),
    )


class PlaceSerializer(serializers.Serializer[dict[str, Any]]):
    """A place found by a geocoder, with the area it lies in."""

    # DRF takes declared fields off the class, so these names only clash with Field attributes in the stubs.
    label = serializers.CharField(help_text=_("Name or address to show."))  # type: ignore[assignment]
    lat = serializers.FloatField()
    lon = serializers.FloatField()
    kind = serializers.CharField(help_text=_("adres, weg, woonplaats (PDOK) or a gazetteer kind."))
    source = serializers.CharField(help_text=_("The geocoder that found it: pdok or gazetteer."))  # type: ignore[assignment]
    postcode = serializers.CharField(allow_blank=True)
    street = serializers.CharField(allow_blank=True)
    house_number = serializers.CharField(allow_blank=True)
    city = serializers.CharField(allow_blank=True)
    address_id = serializers.CharField(allow_blank=True)
    area = serializers.CharField(allow_null=True, help_text=_("Most specific area (buurt) around it."))
    area_code = serializers.CharField(allow_null=True)
    district = serializers.CharField(allow_null=True, help_text=_("District (wijk) around it."))
    inside_municipality = serializers.BooleanField(help_text=_("Whether the municipality handles reports there."))


class SearchResponseSerializer(serializers.Serializer[dict[str, Any]]):
    query = serializers.CharField()
    results = PlaceSerializer(many=True)


class ReverseResponseSerializer(serializers.Serializer[dict[str, Any]]):
    """The point asked about, named by the first geocoder that knows it."""

    label = serializers.CharField(  # type: ignore[assignment]
        help_text=_("Address or place name, or the coordinates when none is known.")
    )
    lat = serializers.FloatField(help_text=_("The latitude asked about."))
    lon = serializers.FloatField(help_text=_("The longitude asked about."))
    area = serializers.CharField(allow_null=True, help_text=_("Most specific area (buurt) around the point."))
    area_code = serializers.CharField(allow_null=True)
    district = serializers.CharField(allow_null=True, help_text=_("District (wijk) around the point."))
    inside_municipality = serializers.BooleanField(help_text=_("Whether the municipality handles reports there."))
    source = serializers.CharField(  # type: ignore[assignment]
        allow_blank=True, help_text=_("Geocoder that named it; empty when none did.")
    )
    postcode = serializers.CharField(allow_blank=True)
    street = serializers.CharField(allow_blank=True)
    house_number = serializers.CharField(allow_blank=True)
    city = serializers.CharField(allow_blank=True)
    address_id = serializers.CharField(allow_blank=True)
