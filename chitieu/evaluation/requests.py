"""What a results request asks for: the period and the view, read from its query string."""

from __future__ import annotations

from django.http import Http404, HttpRequest
from django.utils import timezone

from chitieu.actuals.figurebook import View
from chitieu.core.dates import opening_year
from chitieu.core.periods import Period, PeriodError


def period_and_view(request: HttpRequest, years_with_targets: list[int]) -> tuple[Period, View]:
    """The period and view asked for; without a period, the newest year that has targets."""
    default = str(opening_year(years_with_targets, timezone.localdate()))
    try:
        period = Period.parse(request.GET.get("period") or default)
        view = View(request.GET.get("view") or View.BEST)
    except (PeriodError, ValueError) as error:
        raise Http404 from error
    return period, view


def view_of(request: HttpRequest) -> View:
    """The view asked for (404 for an unknown one), the best figure by default."""
    try:
        return View(request.GET.get("view") or View.BEST)
    except ValueError as error:
        raise Http404 from error
