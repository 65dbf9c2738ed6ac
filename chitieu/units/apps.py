from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class UnitsConfig(AppConfig):
    name = "chitieu.units"
    label = "units"
    verbose_name = _("Administrative units")

    def ready(self) -> None:
        from chitieu.core.history import register_history
        from chitieu.units.selectors import access_unit

        register_history("units.unit", access_unit)
