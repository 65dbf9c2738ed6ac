"""Persons and collectives: their award history (also as Excel), a new person, and the history
imported from Excel."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from chitieu.accounts.permissions import Capability
from chitieu.awards.forms import PersonForm
from chitieu.awards.people import exports, selectors, services
from chitieu.awards.people.importing import import_award_history, template_workbook
from chitieu.core import files
from chitieu.core.excel import XLSX
from chitieu.core.http import AuthenticatedHttpRequest
from chitieu.units.selectors import access_unit


@login_required
def person_detail(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    person = selectors.access_person(request.user, pk)
    if request.GET.get("format") == "xlsx":
        return exports.person_history_workbook(person)
    page = selectors.person_page(person)
    context = {
        "person": page.person,
        "history": page.history,
        "ratings": page.ratings,
        "initiatives": page.initiatives,
    }
    return render(request, "awards/person_detail.html", context)


@login_required
def unit_people(request: AuthenticatedHttpRequest, unit_pk: int) -> HttpResponse:
    unit = access_unit(request.user, unit_pk)
    if request.GET.get("format") == "xlsx":
        return exports.collective_history_workbook(unit)
    form = PersonForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            person = services.person_create(actor=request.user, unit=unit, **form.cleaned_data)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            return redirect("person_detail", pk=person.pk)
    page = selectors.unit_people_page(request.user, unit)
    context = {
        **vars(page),
        "form": form,
        "import_problems": request.session.pop("import_problems", []),
        "this_year": timezone.localdate().year,
    }
    return render(request, "awards/unit_people.html", context)


@login_required
def history_template(request: AuthenticatedHttpRequest) -> HttpResponse:
    response = HttpResponse(template_workbook(), content_type=XLSX)
    response["Content-Disposition"] = 'attachment; filename="mau-qua-trinh-khen-thuong.xlsx"'
    return response


@login_required
@require_POST
def history_import(request: AuthenticatedHttpRequest, unit_pk: int) -> HttpResponse:
    unit = access_unit(request.user, unit_pk, Capability.MANAGE_EMULATION)
    upload = request.FILES.get("file")
    problem = _("Choose an Excel file.") if upload is None else files.upload_problem(upload)
    if problem or upload is None:
        messages.error(request, problem)
        return redirect("unit_people", unit_pk=unit.pk)
    try:
        result = import_award_history(actor=request.user, stream=upload)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect("unit_people", unit_pk=unit.pk)
    if result.problems:
        request.session["import_problems"] = result.problems
        messages.error(request, _("Nothing was imported: the file has problems."))
    else:
        messages.success(
            request,
            _("Imported %(records)s awards (%(people)s new people).")
            % {"records": result.records, "people": result.people_created},
        )
    return redirect("unit_people", unit_pk=unit.pk)
