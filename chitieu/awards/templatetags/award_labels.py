"""The Vietnamese labels of awards' codes where a page holds only the code: a proposal status
counted by code (the Board's year), a field of a certificate blank ("place_date")."""

from __future__ import annotations

from django import template
from django.utils.translation import gettext_lazy as _

from chitieu.awards.models import ProposalStatus

register = template.Library()

BLANK_FIELD_LABELS = {
    "name": _("Name of the collective or person"),
    "unit": _("Unit"),
    "achievement": _("Achievement"),
    "decision": _("Decision number and date"),
    "place_date": _("Place and date"),
    "signer": _("Signed by"),
}


@register.filter
def proposal_status_label(code: str) -> str:
    """The status's label ("Đã gửi Ban"), the code itself when unknown."""
    return str(dict(ProposalStatus.choices).get(code, code))


@register.filter
def blank_field_label(name: str) -> str:
    return str(BLANK_FIELD_LABELS.get(name, name))
