from __future__ import annotations

from typing import Any

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import update_session_auth_hash
from django.contrib.auth.decorators import login_required
from django.contrib.auth.forms import PasswordChangeForm
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from chitieu.accounts import services
from chitieu.accounts.middleware import SESSION_KEY
from chitieu.accounts.selectors import access_token, tokens_of
from chitieu.core.http import AuthenticatedHttpRequest


@login_required
def token_list(request: AuthenticatedHttpRequest) -> HttpResponse:
    new_key = None
    if request.method == "POST":
        if "revoke" in request.POST:
            token = access_token(request.user, request.POST["revoke"])
            services.token_revoke(actor=request.user, token=token)
            messages.success(request, _("The token was revoked."))
            return redirect("token_list")
        days = request.POST.get("days", "")
        try:
            _token, new_key = services.token_create(
                actor=request.user,
                name=request.POST.get("name", ""),
                days=int(days) if days.isdigit() else -1,
            )
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
    context = {
        "tokens": tokens_of(request.user),
        "new_key": new_key,
        "lifetimes": services.TOKEN_LIFETIMES,
        "default_days": settings.API_TOKEN_DEFAULT_DAYS,
        "now": timezone.now(),
    }
    return render(request, "accounts/tokens.html", context)


@login_required
def password_change(request: AuthenticatedHttpRequest) -> HttpResponse:
    """The user changes their own password: the current one, then the new one twice."""
    form = PasswordChangeForm(request.user, request.POST or None)
    if request.method == "POST" and form.is_valid():
        services.password_change(
            actor=request.user, new_password=form.cleaned_data["new_password1"]
        )
        update_session_auth_hash(request, form.user)
        request.session.pop(SESSION_KEY, None)
        messages.success(request, _("Your password was changed."))
        return redirect("token_list")
    context = {"form": form, "required": bool(request.session.get(SESSION_KEY))}
    return render(request, "accounts/password_change.html", context)


def locked_out(
    request: HttpRequest,
    original_response: HttpResponse | None = None,
    credentials: dict[str, Any] | None = None,
) -> HttpResponse:
    """The answer of both login forms to a locked account (django-axes' AXES_LOCKOUT_CALLABLE)."""
    minutes = int(settings.AXES_COOLOFF_TIME.total_seconds() // 60)
    context = {"minutes": minutes, "failure_limit": settings.AXES_FAILURE_LIMIT}
    return render(request, "accounts/locked.html", context, status=429)
