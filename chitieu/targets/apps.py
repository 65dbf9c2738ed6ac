from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class TargetsConfig(AppConfig):
    name = "chitieu.targets"
    label = "targets"
    verbose_name = _("Resolutions and targets")

    def ready(self) -> None:
        from chitieu.core.history import register_history
        from chitieu.targets.selectors import access_resolution, access_target

        register_history("targets.resolution", access_resolution)
        register_history("targets.target", access_target)
