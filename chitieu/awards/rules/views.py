"""The quotas and caps a province adds to the national rules."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from chitieu.awards.rules import province_rules as rules
from chitieu.core.http import AuthenticatedHttpRequest
from chitieu.units.selectors import access_unit


@login_required
def province_rules(request: AuthenticatedHttpRequest, unit_pk: int) -> HttpResponse:
    """The quotas and caps the province adds to the national rules."""
    province = access_unit(request.user, unit_pk)
    if request.method == "POST":
        rule_set = rules.access_rule_set(request.POST.get("rule_set"))
        values = {
            key: request.POST.get(key, "")
            for key in rules.PROVINCE_PARAMETERS
            if key in request.POST
        }
        try:
            rules.province_rule_set(
                actor=request.user, province=province, rule_set=rule_set, values=values
            )
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, _("Saved."))
        return redirect("province_rules", unit_pk=province.pk)
    return render(
        request,
        "awards/province_rules.html",
        vars(rules.province_rules_page(request.user, province)),
    )
