from __future__ import annotations

from typing import Any

from django import forms
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from chitieu.core.forms import VietnameseDateField
from chitieu.emulation.models import ClusterKind, ScoringTable
from chitieu.units.models import Unit


class ClusterForm(forms.Form):
    name = forms.CharField(label=_("Name"), max_length=200)
    kind = forms.ChoiceField(label=_("Kind"), choices=ClusterKind.choices)
    decision_number = forms.CharField(label=_("Decision number"), max_length=60)
    decision_date = VietnameseDateField(label=_("Decision date"))


class ClusterYearForm(forms.Form):
    members = forms.ModelMultipleChoiceField(
        label=_("Members"), queryset=Unit.objects.none(), widget=forms.CheckboxSelectMultiple
    )
    chair = forms.ModelChoiceField(label=_("Chair"), queryset=Unit.objects.none(), required=False)
    deputy = forms.ModelChoiceField(label=_("Deputy"), queryset=Unit.objects.none(), required=False)
    scoring_table = forms.ModelChoiceField(
        label=_("Scoring table"), queryset=ScoringTable.objects.none(), required=False
    )
    agreement_text = forms.CharField(
        label=_("Agreement"), widget=forms.Textarea(attrs={"rows": 3}), required=False
    )

    def __init__(
        self,
        *args: Any,
        candidates: QuerySet[Unit],
        tables: QuerySet[ScoringTable],
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        for name in ("members", "chair", "deputy"):
            self.fields[name].queryset = candidates  # type: ignore[attr-defined]
        self.fields["scoring_table"].queryset = tables  # type: ignore[attr-defined]


class MovementForm(forms.Form):
    name = forms.CharField(label=_("Name"), max_length=300)
    theme = forms.CharField(label=_("Theme"), max_length=300, required=False)
    document_number = forms.CharField(label=_("Document number"), max_length=60)
    document_date = VietnameseDateField(label=_("Document date"))
    starts_on = VietnameseDateField(label=_("Starts on"))
    ends_on = VietnameseDateField(label=_("Ends on"))
    midterm_review_on = VietnameseDateField(label=_("Mid-term review"), required=False)
    final_review_on = VietnameseDateField(label=_("Final review"), required=False)
    tasks = forms.CharField(
        label=_("Tasks"), widget=forms.Textarea(attrs={"rows": 2}), required=False
    )
