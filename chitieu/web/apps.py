from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class WebConfig(AppConfig):
    """The pages that span the domains: the home page, the audit trail, jobs, the demo."""

    name = "chitieu.web"
    label = "web"
    verbose_name = _("Web")
