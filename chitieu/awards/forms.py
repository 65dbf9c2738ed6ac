from __future__ import annotations

from typing import Any

from django import forms
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from chitieu.awards.models import AwardKind, CommendationType, Group, Sex
from chitieu.core.forms import VietnameseDateField, VietnameseIntegerField
from chitieu.emulation.models import Movement

COUNT_LIMIT = 10**9 - 1  # chitieu.core.numbers.WHOLE_COUNT: what an integer column holds
ID_LIMIT = 2**31 - 1


class ProposalForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=300)
    year = VietnameseIntegerField(
        label=_("Achievement year"), min_value=2000, max_value=2100, grouped=False
    )
    movement = forms.ModelChoiceField(
        label=_("For the emulation movement"), queryset=Movement.objects.none(), required=False
    )

    def __init__(
        self, *args: Any, movements: QuerySet[Movement] | None = None, **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        if movements is not None:
            self.fields["movement"].queryset = movements  # type: ignore[attr-defined]


class ItemForm(forms.Form):
    award = forms.ModelChoiceField(label=_("Award"), queryset=AwardKind.objects.all())
    person = VietnameseIntegerField(
        label=_("Person (id)"), required=False, min_value=1, max_value=ID_LIMIT, grouped=False
    )
    unit = VietnameseIntegerField(
        label=_("Collective (unit id)"),
        required=False,
        min_value=1,
        max_value=ID_LIMIT,
        grouped=False,
    )
    commendation_type = forms.ChoiceField(label=_("Type"), choices=CommendationType.choices)
    achievement = forms.CharField(
        label=_("Achievement"), widget=forms.Textarea(attrs={"rows": 2}), required=False
    )
    votes_in_favour = VietnameseIntegerField(
        label=_("Votes in favour"), required=False, min_value=0, max_value=COUNT_LIMIT
    )
    council_members = VietnameseIntegerField(
        label=_("Council members"), required=False, min_value=1, max_value=COUNT_LIMIT
    )
    initiatives = forms.CharField(
        label=_("Initiatives relied on (ids, comma-separated)"), required=False
    )
    justification = forms.CharField(
        label=_("Justification if a condition is not met"),
        widget=forms.Textarea(attrs={"rows": 2}),
        required=False,
    )


class DecisionForm(forms.Form):
    number = forms.CharField(label=_("Decision number"), max_length=60)
    date = VietnameseDateField(label=_("Decision date"))
    issuer = forms.CharField(label=_("Issued by"), max_length=200, initial="Chủ tịch UBND tỉnh")
    signer = forms.CharField(label=_("Signed by"), max_length=150, required=False)


class PersonForm(forms.Form):
    full_name = forms.CharField(label=_("Full name"), max_length=150)
    sex = forms.ChoiceField(label=_("Sex"), choices=Sex.choices)
    birth_year = VietnameseIntegerField(
        label=_("Year of birth"), required=False, min_value=1900, max_value=2100, grouped=False
    )
    position = forms.CharField(label=_("Position"), max_length=150, required=False)
    group = forms.ChoiceField(label=_("Group"), choices=Group.choices)
