"""The indicator catalogue: everyone reads it, system administrators edit it."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from chitieu.accounts.permissions import is_system_admin
from chitieu.core.http import AuthenticatedHttpRequest
from chitieu.indicators import selectors, services
from chitieu.indicators.forms import IndicatorForm


@login_required
def indicator_list(request: HttpRequest) -> HttpResponse:
    indicators = selectors.indicator_catalogue()
    context = {"indicators": indicators, "can_edit": is_system_admin(request.user)}
    return render(request, "indicators/list.html", context)


@login_required
def indicator_edit(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    if not is_system_admin(request.user):
        raise PermissionDenied
    indicator = selectors.access_indicator(pk)
    initial = {field: getattr(indicator, field) for field in services.EDITABLE_FIELDS}
    form = IndicatorForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        reason = data.pop("reason")
        try:
            services.indicator_update(
                actor=request.user, indicator=indicator, reason=reason, **data
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("The indicator was saved."))
            return redirect("indicator_list")
    return render(request, "indicators/edit.html", {"indicator": indicator, "form": form})
