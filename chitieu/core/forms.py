"""Form fields that read Vietnamese dates and numbers."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from chitieu.core.dates import DateFormatError, parse_date
from chitieu.core.models import ChangeAction
from chitieu.core.numbers import (
    COLUMN,
    Bounds,
    NumberFormatError,
    format_decimal,
    read_decimal,
)


class VietnameseDateField(forms.DateField):
    """Accepts 22/12/2021 (and the ISO form a date picker sends)."""

    def to_python(self, value: Any) -> dt.date | None:
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
    """Accepts 1.695,36 and 72.824, bounded by `bounds` (by default the figures' column:
    20 digits, 6 places); the message names the field. A text input, never type=number."""

    widget = forms.TextInput(attrs={"inputmode": "decimal", "autocomplete": "off"})

    def __init__(self, *args: Any, bounds: Bounds = COLUMN, **kwargs: Any) -> None:
        self.bounds = bounds
        kwargs.setdefault("max_digits", bounds.max_digits)
        kwargs.setdefault("decimal_places", bounds.decimal_places)
        super().__init__(*args, **kwargs)

    def prepare_value(self, value: Any) -> Any:
        if isinstance(value, Decimal | int) and not isinstance(value, bool):
            return format_decimal(Decimal(value))
        return value

    def to_python(self, value: Any) -> Decimal | None:  # type: ignore[override]  # stubs: int
        if value in self.empty_values:
            return None
        try:
            return read_decimal(str(value), self.bounds, field=str(self.label or ""))
        except NumberFormatError as error:
            raise forms.ValidationError(str(error), code="invalid") from error

    def validate(self, value: Any) -> None:
        forms.Field.validate(self, value)

    def run_validators(self, value: Any) -> None:
        """The bounds were checked by `read_decimal`, with the one message of every entry."""


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

    def __init__(self, *args: Any, model_choices: list[tuple[str, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        model_field = self.fields["model"]
        assert isinstance(model_field, forms.ChoiceField)
        model_field.choices = [("", _("All")), *model_choices]
