"""The checker's data of a unit, entered by page or from Excel: annual ratings, initiatives,
research projects, disciplines/inspections/complaints. Persons and collectives are named."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from chitieu.accounts.permissions import PermissionDenied, can_act_for_member
from chitieu.awards.forms import InitiativeForm, MatterCloseForm, MatterForm, RatingForm
from chitieu.awards.models import Person
from chitieu.awards.people import records, selectors
from chitieu.awards.people.records_importing import KINDS_OF_FILE, import_records, template_workbook
from chitieu.core import files
from chitieu.core.excel import XLSX
from chitieu.core.http import AuthenticatedHttpRequest
from chitieu.units.models import Unit
from chitieu.units.selectors import access_unit

FORMS: dict[str, type[forms.Form]] = {
    "ratings": RatingForm,
    "initiatives": InitiativeForm,
    "research": InitiativeForm,
    "matters": MatterForm,
}


def _subject(
    request: AuthenticatedHttpRequest, unit: Unit, data: dict[str, Any]
) -> tuple[Person | None, Unit | None]:
    person_name, collective = data.pop("person_name", ""), data.pop("collective_name", "")
    if person_name.strip():
        return records.pick_person(request.user, person_name, unit), None
    if not collective.strip():
        raise ValidationError(_("Name the person or the collective."))
    found = records.pick_collective(request.user, collective)
    if not found.path.startswith(unit.path):
        raise ValidationError(_("This collective is not under %(unit)s.") % {"unit": unit.name})
    return None, found


def _save(request: AuthenticatedHttpRequest, unit: Unit, kind: str, form: forms.Form) -> None:
    data = dict(form.cleaned_data)
    person, collective = _subject(request, unit, data)
    if kind == "ratings":
        records.rating_record(actor=request.user, person=person, unit=collective, **data)
    elif kind == "matters":
        records.matter_create(actor=request.user, person=person, unit=collective, **data)
    else:
        if person is None:
            raise ValidationError(_("An initiative or a research project belongs to a person."))
        is_research = kind == "research"
        records.initiative_create(
            actor=request.user, person=person, is_research=is_research, **data
        )


@login_required
def unit_records(request: AuthenticatedHttpRequest, unit_pk: int) -> HttpResponse:
    unit = access_unit(request.user, unit_pk)
    kind = request.POST.get("kind", "") if request.method == "POST" else ""
    if request.method == "POST" and not can_act_for_member(request.user, unit):
        raise PermissionDenied(_("You may not enter the commendation data of this unit."))
    bound = {
        name: form_class(request.POST if kind == name else None, prefix=name)
        for name, form_class in FORMS.items()
    }
    if kind in bound and bound[kind].is_valid():
        try:
            _save(request, unit, kind, bound[kind])
        except ValidationError as error:
            bound[kind].add_error(None, error)
        else:
            messages.success(request, _("Saved."))
            return redirect("unit_records", unit_pk=unit.pk)
    page = selectors.records_page(request.user, unit)
    problems = request.session.pop("records_problems", [])
    context = {**vars(page), "forms": bound, "import_problems": problems}
    return render(request, "awards/unit_records.html", context)


@login_required
def records_template(request: AuthenticatedHttpRequest, kind: str) -> HttpResponse:
    if kind not in KINDS_OF_FILE:
        raise Http404
    response = HttpResponse(template_workbook(kind), content_type=XLSX)
    response["Content-Disposition"] = f'attachment; filename="mau-{kind}.xlsx"'
    return response


@login_required
@require_POST
def records_import(request: AuthenticatedHttpRequest, unit_pk: int, kind: str) -> HttpResponse:
    unit = access_unit(request.user, unit_pk)
    if kind not in KINDS_OF_FILE:
        raise Http404
    if not can_act_for_member(request.user, unit):
        raise PermissionDenied(_("You may not enter the commendation data of this unit."))
    upload = request.FILES.get("file")
    problem = _("Choose an Excel file.") if upload is None else files.upload_problem(upload)
    if problem or upload is None:
        messages.error(request, problem)
        return redirect("unit_records", unit_pk=unit.pk)
    result = import_records(actor=request.user, unit=unit, kind=kind, stream=upload)
    if result.problems:
        request.session["records_problems"] = result.problems
        messages.error(request, _("Nothing was imported: the file has problems."))
    else:
        messages.success(request, _("Imported %(count)s rows.") % {"count": result.saved})
    return redirect("unit_records", unit_pk=unit.pk)


@login_required
@require_POST
def matter_close(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    matter = selectors.access_matter(request.user, pk)
    subject = matter.person.unit if matter.person else matter.unit
    assert subject is not None
    form = MatterCloseForm(request.POST)
    try:
        if not form.is_valid():
            raise ValidationError([str(m) for errors in form.errors.values() for m in errors])
        records.matter_close(actor=request.user, matter=matter, **form.cleaned_data)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("Saved."))
    return redirect("unit_records", unit_pk=subject.pk)
