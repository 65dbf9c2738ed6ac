from __future__ import annotations

from typing import TYPE_CHECKING

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

if TYPE_CHECKING:
    from chitieu.core.users import AnyUser


class IndicatorsConfig(AppConfig):
    name = "chitieu.indicators"
    label = "indicators"
    verbose_name = _("Indicators")

    def ready(self) -> None:
        from chitieu.accounts.permissions import is_system_admin
        from chitieu.core.history import register_history
        from chitieu.indicators.models import Indicator

        def access_indicator(user: AnyUser, pk: str) -> Indicator:
            if not is_system_admin(user):
                from django.http import Http404

                raise Http404
            return Indicator.objects.get(pk=pk)

        register_history("indicators.indicator", access_indicator)
