"""Routes of the reports API under /api/v1/."""

from django.urls import path

from openbuurt.reports.api import views

app_name = "reports-api"

urlpatterns = [
    path("reports/", views.ReportCreateView.as_view(), name="create"),
    path("reports/urgency", views.UrgencyView.as_view(), name="urgency"),
    path("reports/track/<str:token>/", views.ReportTrackView.as_view(), name="track"),
    path("categories/", views.CategoryListView.as_view(), name="categories"),
]
