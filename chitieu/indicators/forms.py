from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from chitieu.core.forms import VietnameseDecimalField, VietnameseIntegerField
from chitieu.indicators.models import Aggregation, Category, Direction, Indicator, Nature


class IndicatorForm(forms.Form):
    name = forms.CharField(label=_("Name"), max_length=300)
    unit_of_measure = forms.CharField(label=_("Unit of measure"), max_length=60)
    category = forms.ChoiceField(label=_("Category"), choices=Category.choices)
    direction = forms.ChoiceField(label=_("Direction"), choices=Direction.choices)
    aggregation = forms.ChoiceField(
        label=_("How sub-unit values combine"), choices=Aggregation.choices
    )
    weight_indicator = forms.ModelChoiceField(
        label=_("Weighted by"), queryset=Indicator.objects.all(), required=False
    )
    nature = forms.ChoiceField(label=_("Nature"), choices=Nature.choices)
    decimals = VietnameseIntegerField(label=_("Decimal places shown"), min_value=0, max_value=6)
    minimum = VietnameseDecimalField(label=_("Lowest value allowed"), required=False)
    maximum = VietnameseDecimalField(label=_("Highest value allowed"), required=False)
    whole_numbers = forms.BooleanField(label=_("Whole numbers only (a count)"), required=False)
    description = forms.CharField(
        label=_("Description"), widget=forms.Textarea(attrs={"rows": 2}), required=False
    )
    is_active = forms.BooleanField(label=_("In use"), required=False)
    reason = forms.CharField(label=_("Reason for the change"), max_length=300, required=False)
