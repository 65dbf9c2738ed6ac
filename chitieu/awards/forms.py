from __future__ import annotations

from typing import Any

from django import forms
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from chitieu.awards.models import (
    AwardKind,
    CommendationType,
    DisciplineLevel,
    Group,
    PendingKind,
    Rating,
    Scope,
    Sex,
)
from chitieu.core.forms import VietnameseDateField, VietnameseIntegerField
from chitieu.emulation.models import Movement

COUNT_LIMIT = 10**9 - 1  # chitieu.core.numbers.WHOLE_COUNT: what an integer column holds


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
    person_name = forms.CharField(
        label=_("Person (full name)"),
        max_length=170,
        required=False,
        help_text=_("Add the year of birth for namesakes: Nguyễn Văn An (1985)."),
    )
    collective_name = forms.CharField(
        label=_("or the collective (its name)"), max_length=200, required=False
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
        label=_("Initiatives relied on (their titles, separated by ;)"),
        max_length=2000,
        required=False,
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
    signer_title = forms.ChoiceField(
        label=_("Signer's title"),
        choices=[("", "—"), ("Chủ tịch", "Chủ tịch"), ("Phó Chủ tịch", "Phó Chủ tịch")],
        required=False,
    )
    signer = forms.CharField(label=_("Signed by"), max_length=150, required=False)
    overdraw_confirmed = forms.BooleanField(
        label=_("Confirm spending beyond the fund"), required=False
    )
    overdraw_reason = forms.CharField(
        label=_("Reason for spending beyond the fund"), max_length=300, required=False
    )


class PersonForm(forms.Form):
    full_name = forms.CharField(label=_("Full name"), max_length=150)
    sex = forms.ChoiceField(label=_("Sex"), choices=Sex.choices)
    birth_year = VietnameseIntegerField(
        label=_("Year of birth"), required=False, min_value=1900, max_value=2100, grouped=False
    )
    position = forms.CharField(label=_("Position"), max_length=150, required=False)
    group = forms.ChoiceField(label=_("Group"), choices=Group.choices)


class _SubjectForm(forms.Form):
    person_name = forms.CharField(
        label=_("Person (full name)"),
        max_length=170,
        required=False,
        help_text=_("Add the year of birth for namesakes: Nguyễn Văn An (1985)."),
    )


class _EitherSubjectForm(_SubjectForm):
    collective_name = forms.CharField(
        label=_("or the collective (its name)"), max_length=200, required=False
    )


class RatingForm(_EitherSubjectForm):
    year = VietnameseIntegerField(label=_("Year"), min_value=2000, max_value=2100, grouped=False)
    rating = forms.ChoiceField(label=_("Rating"), choices=Rating.choices)


class InitiativeForm(_SubjectForm):
    title = forms.CharField(label=_("Name of the initiative or project"), max_length=300)
    year = VietnameseIntegerField(
        label=_("Year recognised"), min_value=2000, max_value=2100, grouped=False
    )
    scope = forms.ChoiceField(label=_("Scope of effect"), choices=Scope.choices)
    decision_number = forms.CharField(
        label=_("Recognised by decision No."), max_length=60, required=False
    )
    decision_date = VietnameseDateField(label=_("Decision date"), required=False)
    issuer = forms.CharField(label=_("Issued by"), max_length=200, required=False)


class MatterForm(_EitherSubjectForm):
    kind = forms.ChoiceField(label=_("Kind of matter"), choices=PendingKind.choices)
    level = forms.ChoiceField(
        label=_("Discipline level"),
        choices=[("", "—"), *DisciplineLevel.choices],
        required=False,
    )
    year = VietnameseIntegerField(label=_("Year"), min_value=2000, max_value=2100, grouped=False)
    closed_on = VietnameseDateField(label=_("Settled on (empty: still pending)"), required=False)
    note = forms.CharField(label=_("Note"), max_length=300, required=False)


class MatterCloseForm(forms.Form):
    closed_on = VietnameseDateField(label=_("Settled on"))


class LegalBasisForm(forms.Form):
    lines = forms.CharField(
        label=_("Grounds, one per line"),
        widget=forms.Textarea(attrs={"rows": 8, "cols": 100}),
        help_text=_(
            "Printed in this order above the articles of the unit's decisions; "
            "[đơn vị đề nghị] is replaced by the proposing unit."
        ),
    )
