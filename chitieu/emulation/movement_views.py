"""The movements of a Board: launched with their document, theme, tasks, participants and dates,
then reviewed (sơ kết, tổng kết) with their results; the awards made for them are shown."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from chitieu.accounts.permissions import Capability, has_capability
from chitieu.core.http import AuthenticatedHttpRequest
from chitieu.emulation import movements, services
from chitieu.emulation.forms import MovementLaunchForm, MovementReviewForm
from chitieu.emulation.models import Movement
from chitieu.units.models import Unit
from chitieu.units.selectors import access_unit


def _launch(request: AuthenticatedHttpRequest, organiser: Unit, form: MovementLaunchForm) -> bool:
    if not form.is_valid():
        return False
    fields = dict(form.cleaned_data)
    units, problem = movements.participants_named(
        request.user, organiser, fields.pop("participants")
    )
    try:
        if problem:
            raise ValidationError(problem)
        services.movement_create(
            actor=request.user, launched_by=organiser, participants=units, **fields
        )
    except ValidationError as error:
        form.add_error(None, error)
        return False
    return True


@login_required
def movement_list(request: AuthenticatedHttpRequest, unit_pk: int) -> HttpResponse:
    organiser = access_unit(request.user, unit_pk)
    can_manage = has_capability(request.user, Capability.MANAGE_EMULATION, organiser)
    form = MovementLaunchForm(request.POST or None)
    if request.method == "POST":
        if not can_manage:
            raise PermissionDenied(_("Only the unit's Board launches its movements."))
        if _launch(request, organiser, form):
            messages.success(request, _("Saved."))
            return redirect("movement_list", unit_pk=organiser.pk)
    context = {
        "organiser": organiser,
        "movements": movements.movements_launched_by(organiser),
        "form": form,
        "can_manage": can_manage,
    }
    return render(request, "emulation/movements.html", context)


@login_required
def movement_detail(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    page = movements.movement_page(request.user, pk)
    form = MovementReviewForm(request.POST or None, kinds=page.kinds_left)
    if request.method == "POST":
        if not page.can_manage:
            raise PermissionDenied(_("Only the launching unit's Board records the reviews."))
        if _review(request, page.movement, form):
            messages.success(request, _("Saved."))
            return redirect("movement_detail", pk=page.movement.pk)
    return render(request, "emulation/movement.html", {"page": page, "form": form})


def _review(
    request: AuthenticatedHttpRequest, movement: Movement, form: MovementReviewForm
) -> bool:
    if not form.is_valid():
        return False
    try:
        services.movement_review_record(actor=request.user, movement=movement, **form.cleaned_data)
    except ValidationError as error:
        form.add_error(None, error)
        return False
    return True
