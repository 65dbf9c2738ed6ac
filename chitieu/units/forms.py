from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from chitieu.core.forms import VietnameseDateField
from chitieu.units.models import UnitType


class UnitSearchForm(forms.Form):
    q = forms.CharField(label=_("Name"), required=False, max_length=100)
    on = VietnameseDateField(label=_("Existing on"), required=False)


class TreeDateForm(forms.Form):
    on = VietnameseDateField(label=_("As of"), required=False)


class UnitForm(forms.Form):
    name = forms.CharField(label=_("Name"), max_length=200)
    short_name = forms.CharField(label=_("Short name"), max_length=150, required=False)
    code = forms.CharField(label=_("Official code"), max_length=20, required=False)
    type = forms.ChoiceField(label=_("Type"), choices=UnitType.choices)
    valid_from = VietnameseDateField(label=_("Valid from"), required=False)
    valid_to = VietnameseDateField(label=_("Valid to"), required=False)
    note = forms.CharField(
        label=_("Note"), widget=forms.Textarea(attrs={"rows": 2}), required=False
    )
    reason = forms.CharField(label=_("Reason for the change"), max_length=300, required=False)


class UnitLinkForm(forms.Form):
    successor = forms.IntegerField(label=_("New unit"), widget=forms.HiddenInput)
    effective_date = VietnameseDateField(label=_("Effective date"))
    whole = forms.BooleanField(label=_("The whole unit went into the new one"), required=False)
    note = forms.CharField(label=_("Note"), max_length=300, required=False)
