"""URLs of the Open311 GeoReport v2 endpoint; the root URLconf mounts them at ``open311/v2/``."""

from __future__ import annotations

from django.urls import re_path

from openbuurt.open311 import views

app_name = "open311"

_FMT = r"\.(?P<fmt>[^/.]+)$"

urlpatterns = [
    re_path(r"^$", views.not_found, name="root"),
    re_path(r"^discovery" + _FMT, views.discovery, name="discovery"),
    re_path(r"^services" + _FMT, views.service_list, name="services"),
    re_path(r"^services/(?P<service_code>[^/]+)" + _FMT, views.service_definition_view, name="service"),
    re_path(r"^requests" + _FMT, views.requests_view, name="requests"),
    re_path(r"^requests/(?P<service_request_id>[^/]+)" + _FMT, views.request_detail, name="request"),
    re_path(r"^tokens/(?P<token>[^/]+)" + _FMT, views.token_detail, name="token"),
    # No pattern for paths ending in "/": CommonMiddleware would then redirect every unknown path to one.
    re_path(r"^(?P<rest>.*[^/])$", views.not_found, name="not-found"),
]
