from __future__ import annotations

import re

from django import forms
from django.utils.translation import gettext_lazy as _

from chitieu.core.forms import VietnameseDecimalField, VietnameseIntegerField
from chitieu.indicators.models import Aggregation, Category, Direction, Indicator, Nature


class RankedAmongField(forms.CharField):
    """How many units a ranking ranks, from which year: "2000: 63; 2025: 34"."""

    ENTRY = re.compile(r"^\s*(\d{4})\s*:\s*(\d{1,5})\s*$", re.ASCII)

    def prepare_value(self, value: object) -> object:
        if isinstance(value, dict):
            return "; ".join(f"{year}: {count}" for year, count in sorted(value.items()))
        return value

    def to_python(self, value: object) -> dict[str, int]:  # type: ignore[override]
        text = str(super().to_python(value) or "").strip()
        counts: dict[str, int] = {}
        for part in filter(None, (piece.strip() for piece in text.split(";"))):
            found = self.ENTRY.match(part)
            if found is None or int(found.group(2)) < 1:
                raise forms.ValidationError(
                    _("Write each entry as “year: count”, separated by “;”: 2000: 63; 2025: 34.")
                )
            counts[found.group(1)] = int(found.group(2))
        return counts


class IndicatorForm(forms.Form):
    name = forms.CharField(label=_("Name"), max_length=300)
    short_name = forms.CharField(
        label=_("Short name"),
        max_length=40,
        required=False,
        help_text=_("As tables and charts name it: “Thu ngân sách”, “Hộ nghèo”."),
    )
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
    ranked_units = forms.CharField(
        label=_("What the ranking ranks"),
        max_length=60,
        required=False,
        help_text=_("For a place in a ranking: “tỉnh”, “sở, ngành”. Empty for other indicators."),
    )
    ranked_among = RankedAmongField(
        label=_("How many are ranked, from which year"),
        required=False,
        help_text=_("For example 2000: 63; 2025: 34 (63 provinces until 2024, 34 from 2025)."),
    )
    description = forms.CharField(
        label=_("Description"), widget=forms.Textarea(attrs={"rows": 2}), required=False
    )
    is_active = forms.BooleanField(label=_("In use"), required=False)
    reason = forms.CharField(label=_("Reason for the change"), max_length=300, required=False)
