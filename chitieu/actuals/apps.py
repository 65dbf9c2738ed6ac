from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ActualsConfig(AppConfig):
    name = "chitieu.actuals"
    label = "actuals"
    verbose_name = _("Actual figures")

    def ready(self) -> None:
        from chitieu.actuals import jobs  # noqa: F401  registers the import job
        from chitieu.actuals.selectors import figure_of
        from chitieu.targets.plausibility import figures_from

        # The target form compares a level with last year's figure (an app above targets).
        figures_from(figure_of)
