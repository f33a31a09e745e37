"""URLs of the places API; the root URLconf mounts them at ``api/v1/places/``."""

from django.urls import path

from openbuurt.places.api.views import AreasGeoJSONView, PlaceReverseView, PlaceSearchView

app_name = "places-api"

urlpatterns = [
    path("search", PlaceSearchView.as_view(), name="search"),
    path("reverse", PlaceReverseView.as_view(), name="reverse"),
    path("areas.geojson", AreasGeoJSONView.as_view(), name="areas-geojson"),
]
