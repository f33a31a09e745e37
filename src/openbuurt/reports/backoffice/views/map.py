"""The map of the filtered queue: a page with the same filters, and the GeoJSON of its points."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.db.models import Max, Min
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from openbuurt.places import geometry
from openbuurt.places.constants import AreaKind
from openbuurt.places.models import Area
from openbuurt.reports.access import reports_visible_to
from openbuurt.reports.backoffice.filters import filter_query_string
from openbuurt.reports.backoffice.permissions import staff_required, staff_user
from openbuurt.reports.backoffice.selectors import MAP_CAP, map_features
from openbuurt.reports.backoffice.views.queue import filtered_reports


def map_bounds() -> list[list[float]]:
    """Return [[south, west], [north, east]] of the municipality's districts, or of the Netherlands."""
    bounds = Area.objects.filter(kind__in=[AreaKind.MUNICIPALITY, AreaKind.DISTRICT]).aggregate(
        min_lat=Min("min_lat"), min_lon=Min("min_lon"), max_lat=Max("max_lat"), max_lon=Max("max_lon")
    )
    if bounds["min_lat"] is None:
        min_lon, min_lat, max_lon, max_lat = geometry.NETHERLANDS_BBOX
        return [[min_lat, min_lon], [max_lat, max_lon]]
    return [[bounds["min_lat"], bounds["min_lon"]], [bounds["max_lat"], bounds["max_lon"]]]


def map_config(data_url: str, *, detail_url: str = "") -> dict[str, Any]:
    """Return what the map script needs: tiles, bounds, where to fetch points and the texts it shows."""
    return {
        "tileUrl": settings.OPENBUURT_MAP_TILE_URL,
        "attribution": settings.OPENBUURT_MAP_ATTRIBUTION,
        "bounds": map_bounds(),
        "dataUrl": data_url,
        "detailUrl": detail_url,
        "strings": {
            "loading": _("Loading reports…"),
            "failed": _("The reports could not be loaded. Reload the page to try again."),
            "shown": _("Reports on the map: %(count)s."),
            "capped": _("Only the %(count)s most recent reports are shown; narrow the filter to see the others."),
            "none": _("No report with a location matches this filter."),
            "open": _("Open report"),
            "received": _("received"),
        },
    }


@require_GET
@staff_required
def report_map(request: HttpRequest) -> HttpResponse:
    """Show the map of the filtered queue, with the filter form; the points come from :func:`map_data`."""
    form, data = filtered_reports(request)
    query = filter_query_string(data)
    data_url = reverse("backoffice:map-data") + (f"?{query}" if query else "")
    detail_url = reverse("backoffice:report-detail", kwargs={"public_id": "REPORT-ID"})
    context = {
        "form": form,
        "query": query,
        "map_config": map_config(data_url, detail_url=detail_url),
        "cap": MAP_CAP,
    }
    return render(request, "backoffice/map.html", context)


@require_GET
@staff_required
def map_data(request: HttpRequest) -> HttpResponse:
    """Return the filtered reports the user may see as GeoJSON: at most the 5,000 most recent, exact points."""
    form, _data = filtered_reports(request)
    if not form.is_valid():
        return JsonResponse({"errors": form.errors.get_json_data()}, status=400)
    reports = form.apply(reports_visible_to(staff_user(request)))
    features, capped = map_features(reports, language=get_language() or "nl")
    return JsonResponse({"type": "FeatureCollection", "features": features, "capped": capped, "cap": MAP_CAP})
