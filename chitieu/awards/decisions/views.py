"""The grounds ("Căn cứ …") a unit's decisions and proposals print, edited by its Board."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from chitieu.accounts import permissions
from chitieu.awards.decisions import legal_basis
from chitieu.awards.forms import LegalBasisForm
from chitieu.core.http import AuthenticatedHttpRequest
from chitieu.units.selectors import access_unit


@login_required
def legal_basis_page(request: AuthenticatedHttpRequest, unit_pk: int) -> HttpResponse:
    unit = access_unit(request.user, unit_pk)
    page = legal_basis.grounds_page(request.user, unit)
    form = LegalBasisForm(request.POST or None, initial={"lines": "\n".join(page.grounds.lines)})
    if request.method == "POST":
        permissions.refuse_unless(page.can_edit, _("Only the unit's Board edits its grounds."))
        try:
            lines = legal_basis.parse_lines(form.data.get("lines", ""))
            legal_basis.legal_basis_set(actor=request.user, unit=unit, lines=lines)
        except ValidationError as error:
            form.add_error(None, error.messages)
        else:
            messages.success(request, _("Saved."))
            return redirect("legal_basis", unit_pk=unit.pk)
    context = {**vars(page), "form": form, "proposer": legal_basis.PROPOSER}
    return render(request, "awards/legal_basis.html", context)
