"""Resolutions and their targets: list, create, read with the targets table, add and remove."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from chitieu.accounts.permissions import (
    PermissionDenied,
    can_edit_targets,
)
from chitieu.core import files
from chitieu.core.excel import XLSX
from chitieu.core.http import AuthenticatedHttpRequest
from chitieu.targets import excel, exports, selectors, services
from chitieu.targets.forms import ResolutionForm, TargetForm
from chitieu.units.selectors import access_unit


@login_required
def resolution_list(request: HttpRequest) -> HttpResponse:
    unit_id = request.GET.get("unit")
    unit = access_unit(request.user, unit_id) if unit_id else None
    resolutions = selectors.resolution_list(request.user, unit.pk if unit else None)
    context = {"resolutions": resolutions, "unit": unit}
    return render(request, "targets/resolution_list.html", context)


@login_required
def resolution_create(request: AuthenticatedHttpRequest, unit_pk: int) -> HttpResponse:
    unit = access_unit(request.user, unit_pk)
    form = ResolutionForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            resolution = services.resolution_create(
                actor=request.user, unit=unit, **form.cleaned_data
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("The resolution was recorded. Add its targets."))
            return redirect("resolution_detail", pk=resolution.pk)
    return render(request, "targets/resolution_form.html", {"form": form, "unit": unit})


def _target_data(request: HttpRequest, form: TargetForm) -> dict[str, Any]:
    """The form's target, its units checked against the user's scope (404 outside it)."""
    data = dict(form.cleaned_data)
    data["unit"] = access_unit(request.user, data["unit"]) if data["unit"] else None
    if data["subject_unit"]:
        data["subject_unit"] = access_unit(request.user, data["subject_unit"])
    data["period"] = data["period"] or None
    data["order"] = data["order"] or 0
    return data


@login_required
def resolution_detail(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    resolution = selectors.access_resolution(request.user, pk)
    can_manage = can_edit_targets(request.user, resolution.unit)
    if request.method == "POST" and not can_manage:
        raise PermissionDenied(_("You may not change the targets of this resolution."))
    form = TargetForm(request.POST or None) if can_manage else None
    if request.method == "POST" and form is not None and form.is_valid():
        data = _target_data(request, form)
        try:
            services.target_create(actor=request.user, resolution=resolution, **data)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("The target was added."))
            return redirect("resolution_detail", pk=resolution.pk)
    context = {
        "resolution": resolution,
        "targets": selectors.described_targets(resolution),
        "form": form,
        "can_manage": can_manage,
        "problems": request.session.pop("target_problems", []),
    }
    return render(request, "targets/resolution_detail.html", context)


@login_required
@require_POST
def target_delete(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    target = selectors.access_target(request.user, pk)
    services.target_delete(actor=request.user, target=target, reason=request.POST.get("reason", ""))
    messages.success(request, _("The target was removed."))
    return redirect("resolution_detail", pk=target.resolution_id)


@login_required
def targets_template(request: HttpRequest, pk: int) -> HttpResponse:
    resolution = selectors.access_resolution(request.user, pk)
    response = HttpResponse(
        excel.template(resolution),
        content_type=XLSX,
    )
    response["Content-Disposition"] = f'attachment; filename="chi-tieu-{resolution.pk}.xlsx"'
    return response


@login_required
@require_POST
def targets_upload(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    resolution = selectors.access_resolution(request.user, pk)
    if not can_edit_targets(request.user, resolution.unit):
        raise PermissionDenied(_("You may not change the targets of this resolution."))
    upload = request.FILES.get("file")
    problem = _("Choose an Excel file.") if upload is None else files.upload_problem(upload)
    if problem or upload is None:
        messages.error(request, problem)
    else:
        result = excel.import_targets(actor=request.user, resolution=resolution, stream=upload)
        if result.problems:
            request.session["target_problems"] = result.problems
            messages.error(request, _("Nothing was imported: the file has problems."))
        else:
            messages.success(request, _("%(n)s targets were added.") % {"n": result.created})
    return redirect("resolution_detail", pk=resolution.pk)


@login_required
def targets_export(request: HttpRequest, pk: int) -> HttpResponse:
    resolution = selectors.access_resolution(request.user, pk)
    return exports.targets_workbook(resolution)
