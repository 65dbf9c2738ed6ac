from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AwardsConfig(AppConfig):
    name = "chitieu.awards"
    label = "awards"
    verbose_name = _("Commendation")

    def ready(self) -> None:
        from chitieu.awards.selectors import access_person, access_proposal
        from chitieu.core.history import register_history

        register_history("awards.person", access_person)
        register_history("awards.proposal", access_proposal)
