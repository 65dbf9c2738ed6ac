"""Form fields that read Vietnamese dates and numbers."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from chitieu.core.dates import DateFormatError, parse_date
from chitieu.core.models import ChangeAction
from chitieu.core.numbers import NumberFormatError, parse_decimal


class VietnameseDateField(forms.DateField):
    """Accepts 22/12/2021 (and the ISO form a date picker sends)."""

    def to_python(self, value):
        if value in self.empty_values:
            return None
        text = str(value).strip()
        if len(text) == 10 and text[4] == "-":
            return super().to_python(text)
        try:
            return parse_date(text)
        except DateFormatError as error:
            raise forms.ValidationError(str(error), code="invalid") from error


class VietnameseDecimalField(forms.DecimalField):
    """Accepts 1.695,36 and 72.824."""

    def to_python(self, value):
        if value in self.empty_values:
            return None
        try:
            return parse_decimal(str(value))
        except NumberFormatError as error:
            raise forms.ValidationError(str(error), code="invalid") from error


class AuditFilterForm(forms.Form):
    actor = forms.CharField(label=_("User"), required=False)
    model = forms.ChoiceField(label=_("Kind of object"), required=False)
    action = forms.ChoiceField(
        label=_("Action"),
        required=False,
        choices=[("", _("All")), *ChangeAction.choices],
    )
    date_from = VietnameseDateField(label=_("From"), required=False)
    date_to = VietnameseDateField(label=_("To"), required=False)
    object_id = forms.CharField(label=_("Object id"), required=False)

    def __init__(self, *args, model_choices: list[tuple[str, str]], **kwargs):
        super().__init__(*args, **kwargs)
        model_field = self.fields["model"]
        assert isinstance(model_field, forms.ChoiceField)
        model_field.choices = [("", _("All")), *model_choices]
