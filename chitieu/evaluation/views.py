"""A unit's results, and the overview of the units of a province or district."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from chitieu.accounts.permissions import Capability, has_capability
from chitieu.core import versions
from chitieu.core.converters import parse_year
from chitieu.core.http import AuthenticatedHttpRequest
from chitieu.core.numbers import NumberFormatError, parse_decimal
from chitieu.core.periods import Period, period_choices
from chitieu.evaluation import exports, selectors, services
from chitieu.evaluation.engine import Status
from chitieu.evaluation.labels import view_choices
from chitieu.evaluation.requests import period_and_view, view_of
from chitieu.indicators.selectors import active_indicators
from chitieu.units.selectors import access_unit


def _choices(period: Period) -> dict[str, object]:
    years = range(min(period.year, timezone.localdate().year) - 5, timezone.localdate().year + 1)
    return {"periods": period_choices(years), "views": view_choices()}


@login_required
def unit_results(request: HttpRequest, pk: int) -> HttpResponse:
    years = selectors.target_years(pk)
    period, view = period_and_view(request, years)
    page = selectors.unit_page(request.user, pk, period, view)
    context = {
        "page": page,
        "period": period,
        "view": view,
        "chart": page.chart(),
        "tolerance": page.results.tolerance,
        "can_set_tolerance": has_capability(request.user, Capability.MANAGE_TARGETS, page.unit),
        "can_enter": has_capability(request.user, Capability.ENTER_ACTUALS, page.unit),
        "years_with_targets": years,
        **_choices(period),
    }
    return render(request, "evaluation/unit_results.html", context)


@login_required
@require_POST
def tolerance(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    unit = access_unit(request.user, pk)
    try:
        value = parse_decimal(request.POST.get("near_met_tolerance", ""))
        services.policy_set(actor=request.user, unit=unit, near_met_tolerance=value)
    except (NumberFormatError, ValidationError) as error:
        messages.error(request, str(error.messages[0] if hasattr(error, "messages") else error))
    else:
        messages.success(request, _("The tolerance for “nearly met” was saved."))
    return redirect(f"{reverse('unit_results', args=[unit.pk])}?{request.GET.urlencode()}")


OVERVIEW_CACHE_SECONDS = 3600  # a safety net only: every audited write changes the key


@login_required
def overview(request: HttpRequest, pk: int) -> HttpResponse:
    """The units under a province or district, one row each. The table is the costly part (the
    evaluation of every target, thousands of cells): it is cached under the data version, which
    every audited write changes in its transaction, so a saved figure shows at the next request."""
    root = access_unit(request.user, pk)
    version = versions.current(root.path)  # read before the data (see core.versions)
    years_key = f"target-years-under:{version}:{root.pk}"
    years: list[int] | None = cache.get(years_key)
    if years is None:
        years = selectors.target_years(root.pk, under=True)
        cache.set(years_key, years, OVERVIEW_CACHE_SECONDS)
    period, view = period_and_view(request, years)
    scope = selectors.overview_scope(request.user, root, period, view, request.GET.get("sort", ""))
    today = timezone.localdate()  # the period choices run to this year
    key = f"{scope.cache_key(version)}:{translation.get_language()}:{today.isoformat()}"
    content = cache.get(key)
    if content is None:
        data = selectors.overview_of(scope)
        context = {
            "root": root,
            "data": data,
            "table": data.table(),
            "chart": data.chart() if data.rows else None,
            "statuses": list(Status),
            "period": period,
            "view": view,
            "sort": scope.sort,
            "years_with_targets": years,
            **_choices(period),
        }
        content = render_to_string("evaluation/_overview_content.html", context)
        cache.set(key, content, OVERVIEW_CACHE_SECONDS)
    # Rendered by the template above, which escaped what it shows.
    context = {"root": root, "content": mark_safe(content)}
    return render(request, "evaluation/overview.html", context)


@login_required
def overview_now(request: HttpRequest, pk: int) -> HttpResponse:
    """A past year's figures of one indicator over today's units (after the mergers)."""
    this_year = timezone.localdate().year
    asked = parse_year(request.GET.get("year"))
    year = asked if asked is not None and 1990 <= asked <= this_year else this_year - 1
    view = view_of(request)
    data = selectors.overview_as_now(request.user, pk, request.GET.get("indicator", ""), year, view)
    if data is None:
        raise Http404
    if request.GET.get("format") == "xlsx":
        return exports.overview_now_workbook(data)
    context = {
        "data": data,
        "view": view,
        "years": range(this_year, this_year - 10, -1),
        "views": view_choices(),
        "indicators": active_indicators(),
    }
    return render(request, "evaluation/overview_now.html", context)


@login_required
def national(request: HttpRequest) -> HttpResponse:
    """Every province's headline, for users whose membership is national."""
    if not selectors.is_national(request.user):
        raise Http404
    years = selectors.national_years()
    period, view = period_and_view(request, years)
    sort = request.GET.get("sort", "name")
    if sort not in ("name", "achieved"):
        sort = "name"
    data = selectors.national(request.user, period, view, sort)
    context = {
        "data": data,
        "period": period,
        "view": view,
        "sort": sort,
        "years_with_targets": years,
        **_choices(period),
    }
    return render(request, "evaluation/national.html", context)
