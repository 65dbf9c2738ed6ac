from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ActualsConfig(AppConfig):
    name = "chitieu.actuals"
    label = "actuals"
    verbose_name = _("Actual figures")

    def ready(self) -> None:
        from chitieu.actuals import jobs  # noqa: F401  registers the import job
