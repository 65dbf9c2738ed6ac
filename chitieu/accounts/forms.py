from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from chitieu.accounts.models import Role


def role_choices(blank: bool = False) -> list[tuple[str, object]]:
    return ([("", "—")] if blank else []) + list(Role.choices)


class UserSearchForm(forms.Form):
    q = forms.CharField(label=_("Search"), required=False, max_length=100)


class UserCreateForm(forms.Form):
    """A new account and its first role. The unit is picked by name (the unit search with
    `?pick=unit`); the form carries the picked unit's id, never typed."""

    username = forms.CharField(label=_("Username"), max_length=150)
    full_name = forms.CharField(label=_("Full name"), max_length=150)
    email = forms.CharField(label=_("Email (optional)"), max_length=254, required=False)
    password = forms.CharField(
        label=_("Initial password"),
        required=False,
        max_length=128,
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
        help_text=_("Leave it empty to have one generated, shown once."),
    )
    role = forms.ChoiceField(label=_("Role"), choices=role_choices(blank=True), required=False)
    unit = forms.IntegerField(required=False, widget=forms.HiddenInput)
    reason = forms.CharField(label=_("Reason"), max_length=300, required=False)


class PasswordResetForm(forms.Form):
    password = forms.CharField(
        label=_("New password"),
        required=False,
        max_length=128,
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
        help_text=_("Leave it empty to have one generated, shown once."),
    )
    reason = forms.CharField(label=_("Reason"), max_length=300, required=False)


class RoleForm(forms.Form):
    role = forms.ChoiceField(label=_("Role"), choices=role_choices(blank=True))
    unit = forms.IntegerField(required=False, widget=forms.HiddenInput)
    reason = forms.CharField(label=_("Reason"), max_length=300, required=False)


class ReasonForm(forms.Form):
    reason = forms.CharField(label=_("Reason"), max_length=300, required=False)
