"""The page of a province's TĐKT bodies and civil servants for a year: the bodies of Biểu 0604.N,
the list of Biểu 0605.N with its additions, edits, removals and an Excel import."""

from __future__ import annotations

from collections.abc import Callable

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpResponse, QueryDict
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from chitieu.accounts.permissions import Capability
from chitieu.awards.models import Sex, TrainingLevel
from chitieu.awards.staffing import selectors, services
from chitieu.awards.staffing.importing import import_tdkt_officers, template_workbook
from chitieu.core import files
from chitieu.core.dates import DateFormatError, parse_date
from chitieu.core.excel import XLSX
from chitieu.core.http import AuthenticatedHttpRequest
from chitieu.units.models import Unit
from chitieu.units.selectors import access_unit


def _whole(text: str, label: str) -> int:
    text = text.strip()
    if not (text.isascii() and text.isdigit()) or len(text) > 6:
        raise ValidationError(f"{label}: “{text}” không phải là số nguyên không âm.")
    return int(text)


def _officer_data(post: QueryDict) -> services.OfficerData:
    return services.OfficerData(
        full_name=post.get("full_name", ""),
        sex=post.get("sex", ""),
        birth_date=parse_date(post.get("birth_date", "")),
        training=post.get("training", ""),
        began_year=_whole(post.get("began_year", ""), "Năm bắt đầu làm công tác TĐKT"),
    )


def _save_bodies(request: AuthenticatedHttpRequest, unit: Unit, year: int) -> None:
    counts = {
        name: _whole(request.POST.get(name, "0") or "0", "Số tổ chức")
        for name in services.BODY_FIELDS
    }
    services.tdkt_bodies_save(actor=request.user, unit=unit, year=year, counts=counts)


def _add(request: AuthenticatedHttpRequest, unit: Unit, year: int) -> None:
    services.tdkt_officer_create(
        actor=request.user, unit=unit, year=year, data=_officer_data(request.POST)
    )


def _remove(request: AuthenticatedHttpRequest, unit: Unit, year: int) -> None:
    officer = selectors.access_officer(request.user, request.POST.get("officer"))
    if officer.unit_id != unit.pk or officer.year != year:
        raise ValidationError("Công chức không thuộc danh sách này.")
    services.tdkt_officer_delete(actor=request.user, officer=officer)


ACTIONS: dict[str, Callable[[AuthenticatedHttpRequest, Unit, int], None]] = {
    "bodies": _save_bodies,
    "add": _add,
    "remove": _remove,
}


def _messages(error: ValidationError | DateFormatError) -> str:
    if isinstance(error, ValidationError):
        return " ".join(error.messages)
    return str(error)


@login_required
def tdkt_staff(request: AuthenticatedHttpRequest, unit_pk: int, year: int) -> HttpResponse:
    unit = selectors.province_or_404(access_unit(request.user, unit_pk))
    if request.method == "POST":
        action = ACTIONS.get(request.POST.get("action", ""))
        if action is None:
            messages.error(request, _("Unknown action."))
        else:
            try:
                action(request, unit, year)
            except (ValidationError, DateFormatError) as error:
                messages.error(request, _messages(error))
            else:
                messages.success(request, _("Saved."))
        return redirect("tdkt_staff", unit_pk=unit.pk, year=year)
    page = selectors.staffing_page(request.user, unit, year)
    context = {
        **vars(page),
        "sexes": Sex.choices,
        "trainings": TrainingLevel.choices,
        "import_problems": request.session.pop("tdkt_import_problems", None),
    }
    return render(request, "awards/tdkt_staff.html", context)


@login_required
def tdkt_officer_edit(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    officer = selectors.access_officer(request.user, pk, Capability.MANAGE_EMULATION)
    if request.method == "POST":
        try:
            services.tdkt_officer_update(
                actor=request.user, officer=officer, data=_officer_data(request.POST)
            )
        except (ValidationError, DateFormatError) as error:
            messages.error(request, _messages(error))
            return redirect("tdkt_officer_edit", pk=officer.pk)
        messages.success(request, _("Saved."))
        return redirect("tdkt_staff", unit_pk=officer.unit_id, year=officer.year)
    context = {
        "officer": officer,
        "sexes": Sex.choices,
        "trainings": TrainingLevel.choices,
    }
    return render(request, "awards/tdkt_officer.html", context)


@login_required
@require_POST
def tdkt_import(request: AuthenticatedHttpRequest, unit_pk: int, year: int) -> HttpResponse:
    unit = selectors.province_or_404(
        access_unit(request.user, unit_pk, Capability.MANAGE_EMULATION)
    )
    upload = request.FILES.get("file")
    problem = _("Choose an Excel file.") if upload is None else files.upload_problem(upload)
    if problem or upload is None:
        messages.error(request, problem)
        return redirect("tdkt_staff", unit_pk=unit.pk, year=year)
    try:
        result = import_tdkt_officers(actor=request.user, unit=unit, year=year, stream=upload)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect("tdkt_staff", unit_pk=unit.pk, year=year)
    if result.problems:
        request.session["tdkt_import_problems"] = result.problems
        messages.error(request, _("Nothing was imported: the file has problems."))
    else:
        messages.success(
            request, _("Imported %(count)s civil servants.") % {"count": result.created}
        )
    return redirect("tdkt_staff", unit_pk=unit.pk, year=year)


@login_required
def tdkt_template(request: AuthenticatedHttpRequest) -> HttpResponse:
    response = HttpResponse(template_workbook(), content_type=XLSX)
    response["Content-Disposition"] = 'attachment; filename="mau-cong-chuc-tdkt.xlsx"'
    return response
