from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from chitieu.core.forms import (
    VietnameseDateField,
    VietnameseDecimalField,
    VietnameseIntegerField,
    stop_at_warnings,
)
from chitieu.indicators.models import Indicator
from chitieu.targets.models import Comparison, Measure, Resolution, Target
from chitieu.targets.plausibility import target_warnings
from chitieu.targets.services import target_numbers_check
from chitieu.units.models import Unit

ID_LIMIT = 2**31 - 1
# The live check of a target's numbers sends these along, so the indicator's bounds apply.
WITH_INDICATOR = ("indicator", "measure")


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
    value = VietnameseDecimalField(
        label=_("Target value"), required=False, include=WITH_INDICATOR, role="value"
    )
    upper = VietnameseDecimalField(
        label=_("Other end of the range"), required=False, include=WITH_INDICATOR, role="upper"
    )
    threshold = VietnameseDecimalField(
        label=_("Standard a sub-unit must reach"),
        required=False,
        include=WITH_INDICATOR,
        role="threshold",
    )
    # Both picked by name on the page (`web/_unit_picker.html`), never typed as a number.
    subject_unit = forms.IntegerField(
        label=_("Named sub-unit"),
        required=False,
        min_value=1,
        max_value=ID_LIMIT,
        widget=forms.HiddenInput,
    )
    unit = forms.IntegerField(
        label=_("Unit, if not the resolution's unit"),
        required=False,
        min_value=1,
        max_value=ID_LIMIT,
        widget=forms.HiddenInput,
    )
    period = forms.CharField(label=_("Year within the term"), max_length=12, required=False)
    wording = forms.CharField(label=_("Wording in the document"), max_length=400, required=False)
    order = VietnameseIntegerField(
        label=_("Order"), required=False, initial=0, min_value=0, max_value=10**9 - 1
    )

    def __init__(self, *args: Any, resolution: Resolution | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.resolution = resolution

    def picked(self, name: str) -> Unit | None:
        """The unit picked for `name` before a form error, shown again by name (only a unit
        within the resolution's unit)."""
        raw = self.data.get(name, "") if self.is_bound else ""
        if self.resolution is None or not str(raw).isdigit() or int(raw) > ID_LIMIT:
            return None
        return (
            Unit.objects.filter(pk=int(raw), path__startswith=self.resolution.unit.path)
            .select_related("parent")
            .first()
        )

    @property
    def picked_unit(self) -> Unit | None:
        return self.picked("unit")

    @property
    def picked_subject_unit(self) -> Unit | None:
        return self.picked("subject_unit")

    def clean(self) -> dict[str, Any]:
        """The numbers within the indicator's bounds, beside each field; then what looks wrong
        (a share over 100%, a level a thousand times last year's) stops the form until the
        user confirms it (`core.forms.stop_at_warnings`)."""
        data = super().clean() or {}
        resolution = self.resolution
        if self.errors or resolution is None or data.get("indicator") is None:
            return data
        unit = resolution.unit
        if data.get("unit"):
            # Only a unit of the resolution's own (the service refuses any other).
            found = Unit.objects.filter(
                pk=data["unit"], path__startswith=resolution.unit.path
            ).first()
            if found is None:
                return data
            unit = found
        target = Target(
            resolution=resolution,
            indicator=data["indicator"],
            unit=unit,
            period=data.get("period") or resolution.period,
            measure=data.get("measure") or Measure.LEVEL,
            value=data.get("value"),
            upper=data.get("upper"),
            threshold=data.get("threshold"),
        )
        target_numbers_check(target)
        stop_at_warnings(self, target_warnings(target))
        return data
