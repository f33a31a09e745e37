from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class RoutingConfig(AppConfig):
    name = "openbuurt.routing"
    label = "routing"
    verbose_name = _("Routing and service promise")

    def ready(self) -> None:
        # Importing the module subscribes its handlers to ReportSubmitted and ReportCategoryChanged.
        from openbuurt.routing import receivers  # noqa: F401
