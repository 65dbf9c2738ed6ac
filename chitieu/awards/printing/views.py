"""Blank layouts adjusted with a live preview, and a decision's certificates printed on them."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from chitieu.awards.models import BlankLayout
from chitieu.awards.printing import rendering, selectors, services
from chitieu.core.http import AuthenticatedHttpRequest, is_htmx
from chitieu.core.numbers import NumberFormatError, parse_decimal
from chitieu.units.selectors import access_unit


def _layout_fields(
    request: AuthenticatedHttpRequest, layout: BlankLayout
) -> dict[str, dict[str, Any]]:
    labels = {"x": "vị trí ngang (mm)", "y": "vị trí dọc (mm)", "size": "cỡ chữ"}
    fields = {}
    for name, spec in layout.fields.items():
        field = {
            key: str(
                parse_decimal(
                    request.POST.get(f"{name}_{key}", "") or str(spec[key]).replace(".", ","),
                    field=f"Trường “{name}”, {label}",
                )
            )
            for key, label in labels.items()
        }
        fields[name] = {
            **field,
            "bold": bool(request.POST.get(f"{name}_bold")),
            "width": spec.get("width", 150),
        }
    return fields


def _copy(request: AuthenticatedHttpRequest, layout: BlankLayout) -> HttpResponse:
    """The unit's own copy of the layout, for its Board to adjust."""
    try:
        unit = access_unit(request.user, request.POST["copy_for"])
        copy = services.layout_copy(actor=request.user, layout=layout, unit=unit)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect("blank_layout", pk=layout.pk)
    messages.success(request, _("Your unit's own copy was made; adjust it here."))
    return redirect("blank_layout", pk=copy.pk)


def _adjust(request: AuthenticatedHttpRequest, layout: BlankLayout) -> HttpResponse:
    """Save the moved fields; an htmx request only previews them, nothing saved."""
    try:
        fields = _layout_fields(request, layout)
        if is_htmx(request):
            draft = BlankLayout(
                name=layout.name,
                award=layout.award,
                page_width=layout.page_width,
                page_height=layout.page_height,
                font=layout.font,
                fields=fields,
            )
            return HttpResponse(rendering.preview(draft))
        services.layout_update(actor=request.user, layout=layout, fields=fields)
    except (ValidationError, NumberFormatError) as error:
        messages.error(request, " ".join(getattr(error, "messages", [str(error)])))
    else:
        messages.success(request, _("Saved."))
    return redirect("blank_layout", pk=layout.pk)


@login_required
def blank_layout(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    """Move the fields of a blank; the preview follows each change. A Board that may not adjust
    this layout makes its unit's own copy first."""
    layout = selectors.access_blank_layout(request.user, pk)
    if request.method == "POST":
        return _copy(request, layout) if "copy_for" in request.POST else _adjust(request, layout)
    page = selectors.layout_page(request.user, layout)
    context = {**vars(page), "preview": rendering.preview(layout)}
    return render(request, "awards/blank_layout.html", context)


@login_required
def print_blanks(request: AuthenticatedHttpRequest, pk: int, layout_pk: int) -> HttpResponse:
    decision, layout = selectors.access_decision_print(request.user, pk, layout_pk)
    try:
        content = rendering.print_decision(layout, decision, request.GET.get("signer", ""))
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect("proposal_detail", pk=decision.proposal_id)
    response = HttpResponse(content, content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="in-phoi-{decision.pk}.pdf"'
    return response
