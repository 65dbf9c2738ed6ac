"""The "Người dùng" page: on one page, the accounts of the units an administrator manages with
their roles and state (search, pages), the form for a new account with its first role and, for
the account opened (`/accounts/users/<pk>/`, or by htmx into the same page), its roles given and
removed, its password reset and its deactivation. The Excel import has its own page. The web app
sits above units, so the unit picker (the unit search with `?pick=unit`) and the name lookup of
the import are wired here to the accounts services."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.forms import Form
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from chitieu.accounts import importing, services, users
from chitieu.accounts.forms import (
    PasswordResetForm,
    ReasonForm,
    RoleForm,
    UserCreateForm,
    UserSearchForm,
)
from chitieu.accounts.permissions import (
    Capability,
    can_deactivate_user,
    can_reactivate_user,
    can_remove_role,
    can_reset_password,
    has_capability_anywhere,
    is_system_admin,
)
from chitieu.accounts.selectors import access_managed_membership, access_user, users_managed_by
from chitieu.core import files
from chitieu.core.http import AuthenticatedHttpRequest, is_htmx
from chitieu.units import selectors as units
from chitieu.units.models import Unit

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
PAGE_SIZE = 50


def _require_manager(request: HttpRequest) -> None:
    if not has_capability_anywhere(request.user, Capability.MANAGE_USERS):
        raise PermissionDenied


def _picked_unit(request: HttpRequest) -> Unit | None:
    """The unit chosen in the picker (404 outside what the user sees), kept through a form
    error so the page shows its name again."""
    raw = request.POST.get("unit", "").strip()
    return units.access_unit(request.user, raw) if raw else None


def _errors_into(form: Form, error: ValidationError) -> None:
    if hasattr(error, "error_dict"):
        for field, problems in error.message_dict.items():
            form.add_error(field if field in form.fields else None, problems)
    else:
        form.add_error(None, error.messages)


def _page(
    request: HttpRequest,
    account: Any = None,
    *,
    form: UserCreateForm | None = None,
    picked: Unit | None = None,
    created: tuple[Any, str] | None = None,
    **panel: Any,
) -> HttpResponse:
    """The one users page: the list (search, pages), the form for a new account and, when one
    is chosen, the account's panel (roles, password, state). An htmx request for an account gets
    the panel alone."""
    actor = request.user
    context: dict[str, Any] = {"account": account}
    if account is not None:
        roles = list(account.memberships.all())
        context |= {
            "roles": [(m, can_remove_role(actor, m)) for m in roles],
            "may_reset": can_reset_password(actor, account),
            "may_deactivate": can_deactivate_user(actor, account),
            "may_reactivate": can_reactivate_user(actor, account),
            "is_self": account.pk == actor.pk,
            "password_form": panel.pop("password_form", None) or PasswordResetForm(),
            "role_form": panel.pop("role_form", None) or RoleForm(),
            "state_form": ReasonForm(),
            **panel,
        }
    if is_htmx(request) and account is not None:
        return render(request, "web/users.html#panel", context)
    search = UserSearchForm(request.GET or None)
    query = search.cleaned_data["q"] if search.is_valid() else ""
    page = Paginator(users_managed_by(actor, query), PAGE_SIZE).get_page(request.GET.get("page"))
    context |= {
        "query": query,
        "page": page,
        "form": form or UserCreateForm(),
        "picked": picked,
        "created": created,
        "is_system_admin": is_system_admin(actor),
    }
    return render(request, "web/users.html", context)


@login_required
@never_cache
def user_list(request: AuthenticatedHttpRequest) -> HttpResponse:
    """The users of my units; a POST makes a new account with its first role."""
    _require_manager(request)
    if request.method != "POST":
        return _page(request)
    form = UserCreateForm(request.POST)
    picked = _picked_unit(request)
    if form.is_valid():
        role = form.cleaned_data["role"]
        if bool(role) != (picked is not None) or (not role and not is_system_admin(request.user)):
            form.add_error(None, _("Choose both the role and the unit."))
        else:
            try:
                created = users.user_create(
                    actor=request.user,
                    username=form.cleaned_data["username"],
                    full_name=form.cleaned_data["full_name"],
                    email=form.cleaned_data["email"],
                    password=form.cleaned_data["password"],
                    first_role=users.FirstRole(role, picked) if picked else None,
                    reason=form.cleaned_data["reason"],
                )
            except ValidationError as error:
                _errors_into(form, error)
            except PermissionDenied as error:
                form.add_error(None, str(error))
            else:
                return _page(request, created=created)
    return _page(request, form=form, picked=picked)


@login_required
@never_cache
def user_detail(request: HttpRequest, pk: int) -> HttpResponse:
    """The users page with one account open."""
    _require_manager(request)
    return _page(request, access_user(request.user, pk))


@login_required
@never_cache
@require_POST
def user_password_reset(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    _require_manager(request)
    account = access_user(request.user, pk)
    form = PasswordResetForm(request.POST)
    if form.is_valid():
        try:
            generated = users.user_password_reset(
                actor=request.user,
                user=account,
                password=form.cleaned_data["password"],
                reason=form.cleaned_data["reason"],
            )
        except ValidationError as error:
            _errors_into(form, error)
        else:
            messages.success(request, _("The password was reset."))
            if not generated:
                return redirect("user_detail", pk=account.pk)
            return _page(request, access_user(request.user, pk), new_password=generated)
    return _page(request, account, password_form=form)


@login_required
@require_POST
def user_set_active(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    _require_manager(request)
    account = access_user(request.user, pk)
    form = ReasonForm(request.POST)
    reason = form.cleaned_data["reason"] if form.is_valid() else ""
    activate = request.POST.get("action") == "reactivate"
    service = users.user_reactivate if activate else users.user_deactivate
    try:
        service(actor=request.user, user=account, reason=reason)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(
            request,
            _("The account was reactivated.") if activate else _("The account was deactivated."),
        )
    return redirect("user_detail", pk=account.pk)


@login_required
@require_POST
def user_role_add(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    _require_manager(request)
    account = access_user(request.user, pk)
    form = RoleForm(request.POST)
    picked = _picked_unit(request)
    if form.is_valid():
        if picked is None:
            form.add_error(None, _("Choose the unit."))
        else:
            try:
                services.membership_create(
                    actor=request.user,
                    user=account,
                    role=form.cleaned_data["role"],
                    unit=picked,
                    reason=form.cleaned_data["reason"],
                )
            except ValidationError as error:
                _errors_into(form, error)
            except PermissionDenied as error:
                form.add_error(None, str(error))
            else:
                messages.success(request, _("The role was given."))
                return redirect("user_detail", pk=account.pk)
    return _page(request, account, role_form=form, picked_role_unit=picked)


@login_required
@require_POST
def user_role_remove(
    request: AuthenticatedHttpRequest, pk: int, membership_pk: int
) -> HttpResponse:
    _require_manager(request)
    account = access_user(request.user, pk)
    membership = access_managed_membership(request.user, membership_pk, of=account)
    form = ReasonForm(request.POST)
    try:
        services.membership_delete(
            actor=request.user,
            membership=membership,
            reason=form.cleaned_data["reason"] if form.is_valid() else "",
        )
    except PermissionDenied as error:
        messages.error(request, str(error))
    else:
        messages.success(request, _("The role was removed."))
    return redirect("user_detail", pk=account.pk)


@login_required
@never_cache
def users_import(request: AuthenticatedHttpRequest) -> HttpResponse:
    """Users and roles from an Excel sheet: all rows or none; generated passwords shown once on
    the answer to the upload, never stored."""
    _require_manager(request)
    result = None
    problems: list[str] = []
    if request.method == "POST":
        upload = request.FILES.get("file")
        problem = _("Choose an Excel file.") if upload is None else files.upload_problem(upload)
        if problem or upload is None:
            problems = [problem]
        else:
            actor = request.user

            def find_units(name: str, parent_name: str) -> list[Unit]:
                return units.units_named(actor, name, parent_name, need=Capability.MANAGE_USERS)

            result = importing.users_import(actor=actor, stream=upload, find_units=find_units)
            problems = result.problems
    context = {"result": result if result and not problems else None, "problems": problems}
    return render(request, "web/users_import.html", context)


@login_required
def users_import_template(request: HttpRequest) -> HttpResponse:
    _require_manager(request)
    response = HttpResponse(importing.template_workbook(), content_type=XLSX)
    response["Content-Disposition"] = 'attachment; filename="mau-nguoi-dung.xlsx"'
    return response


@login_required
def membership_list(request: HttpRequest) -> HttpResponse:
    """The former roles page: the users page holds the roles now."""
    return redirect("user_list")
