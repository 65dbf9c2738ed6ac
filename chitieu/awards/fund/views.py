"""A unit's reward fund of a year: its entries, its balance, an allocation."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from chitieu.awards.fund import exports, selectors, services
from chitieu.core.dates import DateFormatError, parse_date
from chitieu.core.http import AuthenticatedHttpRequest
from chitieu.core.numbers import NumberFormatError, read_decimal
from chitieu.units.selectors import access_unit


@login_required
def fund(request: AuthenticatedHttpRequest, unit_pk: int, year: int) -> HttpResponse:
    unit = access_unit(request.user, unit_pk)
    if request.method == "POST":
        try:
            services.fund_allocate(
                actor=request.user,
                unit=unit,
                year=year,
                amount=read_decimal(
                    request.POST.get("amount", ""),
                    services.FUND_AMOUNT,
                    field=services.FUND_AMOUNT_FIELD,
                ),
                date=parse_date(request.POST.get("date", "")),
                description=request.POST.get("description", ""),
            )
        except (ValidationError, NumberFormatError, DateFormatError) as error:
            messages.error(request, " ".join(getattr(error, "messages", [str(error)])))
        else:
            messages.success(request, _("Saved."))
        return redirect("fund", unit_pk=unit.pk, year=year)
    page = selectors.fund_page(request.user, unit, year)
    if request.GET.get("format") == "xlsx":
        return exports.fund_workbook(page)
    return render(request, "awards/fund.html", vars(page))
