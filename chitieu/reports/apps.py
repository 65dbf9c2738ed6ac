from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ReportsConfig(AppConfig):
    name = "chitieu.reports"
    label = "reports"
    verbose_name = _("Reports")

    def ready(self) -> None:
        from chitieu.reports import jobs  # noqa: F401  registers the report jobs
