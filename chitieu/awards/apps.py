from collections.abc import Callable
from typing import cast

from django.apps import AppConfig
from django.db.models import Model
from django.utils.translation import gettext_lazy as _

HistoryAccess = Callable[[object, str], Model]


class AwardsConfig(AppConfig):
    name = "chitieu.awards"
    label = "awards"
    verbose_name = _("Commendation")

    def ready(self) -> None:
        from chitieu.awards.people.selectors import access_person
        from chitieu.awards.proposals.selectors import access_proposal
        from chitieu.core.history import register_history

        # Their first argument is the requesting user, as the history page passes it.
        register_history("awards.person", cast(HistoryAccess, access_person))
        register_history("awards.proposal", cast(HistoryAccess, access_proposal))
