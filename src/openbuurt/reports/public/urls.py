"""Public routes: the map of open reports, reports nearby and confirming a follow (Dutch paths, residents share
them) and their JSON endpoints."""

from django.urls import path

from openbuurt.reports.public import api, views

app_name = "public"

urlpatterns = [
    path("kaart/", views.public_map, name="map"),
    path("melden/in-de-buurt/", views.nearby, name="nearby"),
    path("volgen/<str:signed>/", views.follow_confirm, name="follow-confirm"),
    path("api/v1/public/reports.geojson", api.PublicReportsGeoJSONView.as_view(), name="reports-geojson"),
    path("api/v1/reports/nearby", api.NearbyReportsView.as_view(), name="reports-nearby"),
    path("api/v1/reports/<str:public_id>/follow", api.FollowReportView.as_view(), name="report-follow"),
]
