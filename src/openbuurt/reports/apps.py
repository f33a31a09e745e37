from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ReportsConfig(AppConfig):
    name = "openbuurt.reports"
    label = "reports"
    verbose_name = _("Reports")

    def ready(self) -> None:
        from openbuurt.reports.training import labelled_reports
        from openbuurt.triage.services import register_training_source

        register_training_source("reports", labelled_reports)
