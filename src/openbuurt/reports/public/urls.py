"""Public routes: the map of open reports (Dutch path, residents share it) and its JSON endpoints."""

from django.urls import path

from openbuurt.reports.public import api, views

app_name = "public"

urlpatterns = [
    path("kaart/", views.public_map, name="map"),
    path("api/v1/public/reports.geojson", api.PublicReportsGeoJSONView.as_view(), name="reports-geojson"),
    path("api/v1/reports/nearby", api.NearbyReportsView.as_view(), name="reports-nearby"),
    path("api/v1/reports/<str:public_id>/follow", api.FollowReportView.as_view(), name="report-follow"),
]
