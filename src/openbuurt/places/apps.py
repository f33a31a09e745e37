from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PlacesConfig(AppConfig):
    name = "openbuurt.places"
    label = "places"
    verbose_name = _("Places")

    def ready(self) -> None:
        from openbuurt.places import (  # noqa: F401  (registers receivers and checks)
            checks,
            signals,  # cache invalidation on area changes
        )
