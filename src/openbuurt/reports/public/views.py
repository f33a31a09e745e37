"""The public map page of open reports."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from openbuurt.reports.backoffice.views.map import map_config


@require_GET
def public_map(request: HttpRequest) -> HttpResponse:
    """Show the map of open reports in the municipality, clustered; no personal data."""
    config = map_config(reverse("public:reports-geojson"))
    config["strings"]["capped"] = _("Only the %(count)s most recent open reports are shown.")
    config["strings"]["none"] = _("There are no open reports on the map right now.")
    return render(request, "public/map.html", {"map_config": config})
