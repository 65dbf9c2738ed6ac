from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from chitieu.core.forms import VietnameseDateField, VietnameseDecimalField
from chitieu.indicators.models import Indicator
from chitieu.targets.models import Comparison, Measure


class ResolutionForm(forms.Form):
    number = forms.CharField(label=_("Number"), max_length=60)
    title = forms.CharField(label=_("Title"), max_length=400)
    date = VietnameseDateField(label=_("Date"))
    issuing_body = forms.CharField(label=_("Issuing body"), max_length=200)
    period = forms.CharField(
        label=_("Year or term"), max_length=12, help_text=_("2022, or T2020-2025 for a term")
    )
    note = forms.CharField(
        label=_("Note"), widget=forms.Textarea(attrs={"rows": 2}), required=False
    )


class TargetForm(forms.Form):
    indicator = forms.ModelChoiceField(
        label=_("Indicator"), queryset=Indicator.objects.filter(is_active=True)
    )
    issuer = forms.CharField(label=_("Set by"), max_length=120, initial="HĐND giao")
    is_main = forms.BooleanField(label=_("Main target"), required=False, initial=True)
    measure = forms.ChoiceField(label=_("What is compared"), choices=Measure.choices)
    comparison = forms.ChoiceField(label=_("Comparison"), choices=Comparison.choices)
    value = VietnameseDecimalField(label=_("Target value"), required=False)
    upper = VietnameseDecimalField(label=_("Other end of the range"), required=False)
    threshold = VietnameseDecimalField(label=_("Standard a sub-unit must reach"), required=False)
    subject_unit = forms.IntegerField(label=_("Named sub-unit (id)"), required=False)
    unit = forms.IntegerField(label=_("Unit (id), if not the resolution's unit"), required=False)
    period = forms.CharField(label=_("Year within the term"), max_length=12, required=False)
    wording = forms.CharField(label=_("Wording in the document"), max_length=400, required=False)
    order = forms.IntegerField(label=_("Order"), required=False, initial=0)
