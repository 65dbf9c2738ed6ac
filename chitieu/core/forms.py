"""Form fields that read Vietnamese dates and numbers."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace
from decimal import Decimal
from typing import Any
from urllib.parse import urlencode

from django import forms
from django.urls import reverse
from django.utils.html import format_html
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext_lazy as _

from chitieu.core.dates import DateFormatError, parse_date
from chitieu.core.models import ChangeAction
from chitieu.core.numbers import (
    COLUMN,
    WHOLE_COUNT,
    Bounds,
    NumberFormatError,
    check_decimal,
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


# Where the live check writes its answer, beside the input (htmx target "next .check").
CHECK_SPAN = mark_safe('<span class="check" aria-live="polite"></span>')


class VietnameseNumberInput(forms.TextInput):
    """The one input of every number: a text input (never type=number, which drops or moves
    the decimal comma) with the right keyboard, checked while typing.

    The live check is htmx, from attributes (the Content-Security-Policy allows no inline
    script): each change asks `check_number` how the text reads under the field's bounds,
    and the answer (the number as it will be saved, or what is wrong) replaces the
    `<span class="check">` beside the input. `include` names other inputs of the form sent
    with it (the target form sends its indicator and measure, so the indicator's own bounds
    apply); `role` says which number of the form it is."""

    def __init__(
        self,
        attrs: dict[str, Any] | None = None,
        *,
        bounds: Bounds = COLUMN,
        include: tuple[str, ...] = (),
        role: str = "",
        grouped: bool = True,
    ) -> None:
        self.bounds = bounds
        self.include = include
        self.role = role
        self.grouped = grouped
        super().__init__(attrs)

    def format_value(self, value: Any) -> str | None:
        if isinstance(value, Decimal | int) and not isinstance(value, bool):
            # A year or an id is shown without the thousands dot (2024, not 2.024).
            return format_decimal(Decimal(value)) if self.grouped else str(value)
        return super().format_value(value)

    def check_url(self, name: str) -> str:
        bounds = self.bounds
        query: dict[str, str] = {
            "field": name,
            "digits": str(bounds.max_digits),
            "places": str(bounds.decimal_places),
        }
        if bounds.minimum is not None:
            query["min"] = str(bounds.minimum)
        if bounds.maximum is not None:
            query["max"] = str(bounds.maximum)
        if bounds.whole:
            query["whole"] = "1"
        if self.role:
            query["role"] = self.role
        if not self.grouped:
            query["plain"] = "1"
        return f"{reverse('check_number')}?{urlencode(query)}"

    def get_context(self, name: str, value: Any, attrs: dict[str, Any] | None) -> dict[str, Any]:
        context = super().get_context(name, value, attrs)
        own = context["widget"]["attrs"]
        own.setdefault("inputmode", "numeric" if self.bounds.whole else "decimal")
        own.setdefault("autocomplete", "off")
        own.setdefault("spellcheck", "false")
        own["class"] = " ".join(filter(None, (own.get("class", ""), "num")))
        own["data-number"] = "whole" if self.bounds.whole else "decimal"
        own["hx-get"] = self.check_url(name)
        own["hx-trigger"] = "input changed delay:400ms"
        own["hx-target"] = "next .check"
        own["hx-sync"] = "this:replace"
        if self.include:
            own["hx-include"] = ",".join(f"[name={other}]" for other in self.include)
        return context

    def render(
        self,
        name: str,
        value: Any,
        attrs: dict[str, Any] | None = None,
        renderer: Any = None,
    ) -> SafeString:
        return format_html("{}{}", super().render(name, value, attrs, renderer), CHECK_SPAN)


class VietnameseDecimalField(forms.DecimalField):
    """THE number field of every form: reads 1.695,36 and 72.824 with the one reader
    (`core.numbers.read_decimal`), bounded by `bounds` (by default the figures' column: 19
    digits, 6 places) and by `min_value`/`max_value` if given; the message names the field.
    Shown in Vietnamese format, in a `VietnameseNumberInput` that checks as the user types."""

    widget = VietnameseNumberInput

    def __init__(
        self,
        *args: Any,
        bounds: Bounds = COLUMN,
        include: tuple[str, ...] = (),
        role: str = "",
        grouped: bool = True,
        **kwargs: Any,
    ) -> None:
        low, high = kwargs.pop("min_value", None), kwargs.pop("max_value", None)
        if low is not None or high is not None:
            bounds = replace(
                bounds,
                minimum=bounds.minimum if low is None else Decimal(low),
                maximum=bounds.maximum if high is None else Decimal(high),
            )
        self.bounds = bounds
        kwargs.setdefault("max_digits", bounds.max_digits)
        kwargs.setdefault("decimal_places", bounds.decimal_places)
        super().__init__(*args, **kwargs)
        self.grouped = grouped
        if isinstance(self.widget, VietnameseNumberInput):
            self.widget.bounds, self.widget.include, self.widget.role = bounds, include, role
            self.widget.grouped = grouped

    def widget_attrs(self, widget: forms.Widget) -> dict[str, Any]:
        """No `step`, `min` or `max` attributes: those belong to type=number."""
        return forms.Field.widget_attrs(self, widget)

    def prepare_value(self, value: Any) -> Any:
        if isinstance(value, Decimal | int) and not isinstance(value, bool):
            return format_decimal(Decimal(value)) if self.grouped else str(value)
        return value

    def to_python(self, value: Any) -> Decimal | None:  # type: ignore[override]  # stubs: int
        if value in self.empty_values:
            return None
        try:
            if isinstance(value, Decimal | int) and not isinstance(value, bool):
                return check_decimal(Decimal(value), self.bounds, field=str(self.label or ""))
            return read_decimal(str(value), self.bounds, field=str(self.label or ""))
        except NumberFormatError as error:
            raise forms.ValidationError(str(error), code="invalid") from error

    def validate(self, value: Any) -> None:
        forms.Field.validate(self, value)

    def run_validators(self, value: Any) -> None:
        """The bounds were checked by `read_decimal`, with the one message of every entry."""


class VietnameseIntegerField(VietnameseDecimalField):
    """A whole number (a count, a year, an id) read by the same reader: "1.200" is 1200, "1,5"
    is refused as not whole. An `int` in `cleaned_data`; `grouped=False` shows a year or an
    id without the thousands dot."""

    def __init__(
        self, *args: Any, min_value: int | None = None, max_value: int | None = None, **kw: Any
    ) -> None:
        digits = len(str(abs(max_value))) if max_value is not None else WHOLE_COUNT.max_digits
        bounds = Bounds(
            max_digits=digits,
            decimal_places=0,
            minimum=None if min_value is None else Decimal(min_value),
            maximum=None if max_value is None else Decimal(max_value),
            whole=True,
        )
        super().__init__(*args, bounds=kw.pop("bounds", bounds), **kw)

    def to_python(self, value: Any) -> int | None:  # type: ignore[override]
        number = super().to_python(value)
        return None if number is None else int(number)


CONFIRM_IMPLAUSIBLE = "confirm_implausible"  # the box "Lưu dù vậy" (includes/implausible.html)


def stop_at_warnings(form: forms.Form, warnings: list[str]) -> None:
    """Warnings about values that look wrong (`core.numbers.implausibilities`) stop a form
    until the user ticks "Lưu dù vậy" and sends it again: they are the form's errors, with
    code "implausible", and `form.warnings` makes the form show the box. Call from `clean`."""
    form.warnings = list(warnings)  # type: ignore[attr-defined]
    if warnings and not form.data.get(CONFIRM_IMPLAUSIBLE):
        raise forms.ValidationError(
            [forms.ValidationError(warning, code="implausible") for warning in warnings]
        )


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
    object_name = forms.CharField(label=_("Object (part of its name)"), required=False)
    # Set by the links of an object's history, never typed.
    object_id = forms.CharField(required=False, widget=forms.HiddenInput)

    def __init__(self, *args: Any, model_choices: list[tuple[str, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        model_field = self.fields["model"]
        assert isinstance(model_field, forms.ChoiceField)
        model_field.choices = [("", _("All")), *model_choices]
