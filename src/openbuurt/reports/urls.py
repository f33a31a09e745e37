"""The resident's pages; Dutch paths because residents see and share them."""

from django.urls import path

from openbuurt.reports import views

app_name = "reports"

urlpatterns = [
    path("", views.home, name="home"),
    path("melden/", views.report_form, name="new"),
    path("melden/ontvangen/<uuid:key>/", views.report_received, name="received"),
    path("melding/<str:token>/", views.track, name="track"),
]
