"""Unit pages: search, the tree as of a date, a unit with its history, adding and editing."""

from __future__ import annotations

import datetime as dt

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from chitieu.accounts.permissions import Capability, has_capability
from chitieu.core.http import AuthenticatedHttpRequest, is_htmx
from chitieu.units import selectors, services
from chitieu.units.forms import TreeDateForm, UnitForm, UnitLinkForm, UnitSearchForm

PICK_FIELDS = {"successor", "unit", "subject_unit"}


def _as_of(request: HttpRequest) -> tuple[TreeDateForm, dt.date]:
    form = TreeDateForm(request.GET or None)
    on = form.cleaned_data.get("on") if form.is_valid() else None
    return form, on or timezone.localdate()


@login_required
def unit_search(request: HttpRequest) -> HttpResponse:
    form = UnitSearchForm(request.GET or None)
    results = None
    if form.is_valid() and form.cleaned_data["q"].strip():
        results = selectors.unit_search(
            request.user, form.cleaned_data["q"], form.cleaned_data["on"]
        )
    template = "units/search.html#results" if is_htmx(request) else "units/search.html"
    # In a form that picks a unit, results are radio buttons named after the form's field.
    pick = request.GET.get("pick", "")
    context = {"form": form, "results": results, "pick": pick if pick in PICK_FIELDS else ""}
    return render(request, template, context)


@login_required
def unit_tree(request: HttpRequest) -> HttpResponse:
    form, on = _as_of(request)
    roots = selectors.unit_tree_roots(request.user, on)
    return render(request, "units/tree.html", {"form": form, "on": on, "nodes": roots})


@login_required
def unit_tree_children(request: HttpRequest, pk: int) -> HttpResponse:
    _form, on = _as_of(request)
    parent = selectors.access_unit(request.user, pk)
    nodes = selectors.unit_tree_children(request.user, parent, on)
    return render(request, "units/tree.html#nodes", {"nodes": nodes, "on": on})


@login_required
def unit_detail(request: HttpRequest, pk: int) -> HttpResponse:
    unit = selectors.access_unit(request.user, pk)
    context = {
        "unit": unit,
        "history": selectors.unit_history(request.user, unit),
        "can_manage": has_capability(request.user, Capability.MANAGE_UNITS, unit),
        "can_enter": has_capability(request.user, Capability.ENTER_ACTUALS, unit),
        "can_view_parent": unit.parent is not None
        and has_capability(request.user, Capability.VIEW, unit.parent),
        "this_year": timezone.localdate().year,
    }
    return render(request, "units/detail.html", context)


@login_required
def unit_edit(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    unit = selectors.access_unit(request.user, pk, Capability.MANAGE_UNITS)
    initial = {f: getattr(unit, f) for f in services.EDITABLE_FIELDS}
    form = UnitForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        reason = data.pop("reason")
        try:
            services.unit_update(actor=request.user, unit=unit, reason=reason, **data)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("The unit was saved."))
            return redirect("unit_detail", pk=unit.pk)
    return render(request, "units/edit.html", {"unit": unit, "form": form})


@login_required
def unit_add_child(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    parent = selectors.access_unit(request.user, pk, Capability.MANAGE_UNITS)
    form = UnitForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        try:
            child = services.unit_create(actor=request.user, parent=parent, **data)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("The unit was added."))
            return redirect("unit_detail", pk=child.pk)
    return render(request, "units/edit.html", {"parent": parent, "form": form})


@login_required
def unit_add_link(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    unit = selectors.access_unit(request.user, pk, Capability.MANAGE_UNITS)
    form = UnitLinkForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        successor = selectors.access_unit(request.user, form.cleaned_data["successor"])
        try:
            services.unit_link_create(
                actor=request.user,
                predecessor=unit,
                successor=successor,
                effective_date=form.cleaned_data["effective_date"],
                whole=form.cleaned_data["whole"],
                note=form.cleaned_data["note"],
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("The link was recorded."))
            return redirect("unit_detail", pk=unit.pk)
    return render(request, "units/link.html", {"unit": unit, "form": form})
