"""URLconf for the places API tests: the API mounted where the root URLconf mounts it, plus the schema."""

from django.urls import include, path

from drf_spectacular.views import SpectacularAPIView

urlpatterns = [
    path("api/v1/places/", include("openbuurt.places.api.urls")),
    path("api/schema/", SpectacularAPIView.as_view(), name="api-schema"),
]
