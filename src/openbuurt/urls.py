"""Root URL configuration: each app brings its own ``urls.py``."""

from django.contrib import admin
from django.urls import include, path

from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerView

from openbuurt.core.views import healthz

urlpatterns = [
    path("healthz", healthz, name="healthz"),
    path("admin/", admin.site.urls),
    path("i18n/", include("django.conf.urls.i18n")),
    path("open311/v2/", include("openbuurt.open311.urls")),
    path("api/schema/", SpectacularAPIView.as_view(), name="api-schema"),
    path("api/docs/", SpectacularSwaggerView.as_view(url_name="api-schema"), name="api-docs"),
    path("api/v1/places/", include("openbuurt.places.api.urls")),
    path("api/v1/", include("openbuurt.reports.api.urls")),
    path("backoffice/", include("openbuurt.reports.backoffice.urls")),
    path("", include("openbuurt.reports.public.urls")),
    path("", include("openbuurt.reports.urls")),
    path("", include("openbuurt.notifications.urls")),
]
