from __future__ import annotations

from decimal import Decimal
from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from chitieu.core.forms import VietnameseDateField, VietnameseDecimalField
from chitieu.core.numbers import Bounds
from chitieu.emulation.models import (
    ClusterKind,
    Method,
    MovementMethod,
    MovementScope,
    ReviewKind,
    Rule,
    ScoringTable,
)
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


class ScoringTableForm(forms.Form):
    name = forms.CharField(label=_("Name of the table"), max_length=200)


class CopyTableForm(forms.Form):
    source = forms.ModelChoiceField(label=_("Copy the table"), queryset=ScoringTable.objects.none())

    def __init__(self, *args: Any, tables: list[ScoringTable], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["source"].queryset = ScoringTable.objects.filter(  # type: ignore[attr-defined]
            pk__in=[table.pk for table in tables]
        ).order_by("-year", "name")


POINTS = Bounds(max_digits=7, decimal_places=2, minimum=Decimal("0.01"), maximum=Decimal(1000))
CAP = Bounds(max_digits=6, decimal_places=2, minimum=Decimal(100), maximum=Decimal(1000))


class CriterionForm(forms.Form):
    code = forms.CharField(label=_("Code"), max_length=20)
    name = forms.CharField(label=_("Name"), max_length=300)
    parent_code = forms.CharField(
        label=_("Under the criterion (code)"), max_length=20, required=False
    )
    max_points = VietnameseDecimalField(label=_("Maximum points"), bounds=POINTS)
    guidance = forms.CharField(
        label=_("Guidance"), widget=forms.Textarea(attrs={"rows": 2}), required=False
    )
    evidence_required = forms.BooleanField(label=_("Evidence required"), required=False)
    method = forms.ChoiceField(label=_("Method"), choices=Method.choices, initial=Method.MANUAL)
    rule = forms.ChoiceField(
        label=_("Computation rule"),
        choices=[(code, label) for code, label in Rule.choices if code != Rule.PER_TARGET],
        initial=Rule.SHARE,
        required=False,
    )
    ratio_cap = VietnameseDecimalField(
        label=_("Cap on each target's ratio to plan (%)"),
        bounds=CAP,
        required=False,
        initial=Decimal(120),
    )
    issuer = forms.CharField(
        label=_("Issuer of the targets (headline rule)"), max_length=200, required=False
    )

    def service_fields(self) -> dict[str, Any]:
        data = dict(self.cleaned_data)
        if data["method"] != Method.TARGETS:
            for name in ("rule", "ratio_cap", "issuer"):
                data.pop(name)
        else:
            data["rule"] = data["rule"] or Rule.SHARE
            if data["ratio_cap"] is None:
                data["ratio_cap"] = Decimal(100)
        return data


class SignForm(forms.Form):
    """The day a member signed the agreement (at the conference, e.g. 07/01)."""

    signed_on = VietnameseDateField(label=_("Signed on"))

    def day(self) -> Any:
        if not self.is_valid():
            raise ValidationError(
                [str(message) for errors in self.errors.values() for message in errors]
            )
        return self.cleaned_data["signed_on"]


class MovementLaunchForm(MovementForm):
    """A movement launched from its own page: the form above, with its scope and method (the
    rows of Biểu 0601.N/BNV-TĐKT) and the participating units named one a line."""

    scope = forms.ChoiceField(
        label=_("Scope"), choices=MovementScope.choices, initial=MovementScope.SECTOR_LOCALITY
    )
    method = forms.ChoiceField(
        label=_("Form of organisation"),
        choices=MovementMethod.choices,
        initial=MovementMethod.THEMATIC,
    )
    participants = forms.CharField(
        label=_("Participating units"),
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
        help_text=_("One unit name a line, as in the list of units."),
    )


class MovementReviewForm(forms.Form):
    kind = forms.ChoiceField(label=_("Kind of review"), choices=ReviewKind.choices)
    held_on = VietnameseDateField(label=_("Held on"))
    document_number = forms.CharField(label=_("Report number"), max_length=60, required=False)
    results = forms.CharField(
        label=_("Results"), widget=forms.Textarea(attrs={"rows": 3}), max_length=5000
    )

    def __init__(self, *args: Any, kinds: list[str] | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if kinds is not None:
            self.fields["kind"].choices = [  # type: ignore[attr-defined]
                (code, label) for code, label in ReviewKind.choices if code in kinds
            ]
