"""Logins and failed logins into the audit.

CONVENTIONS says no signals for business logic; these are Django's own authentication hooks,
the one place where every login form (the app's, the Django admin's, any later one) reports a
login and a failed login, so the audit needs no copy of each form's view. They write only the
audit row, through the accounts services, and mark the session of a user who must change the
password an administrator set.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django.http import HttpRequest

from chitieu.accounts import services
from chitieu.accounts.middleware import SESSION_KEY
from chitieu.accounts.models import PasswordChangeDemand

if TYPE_CHECKING:
    from chitieu.core.users import Actor


def _through_a_form(request: HttpRequest | None) -> bool:
    # Every login by a person is the POST of a login form. `Client.force_login` (tests) logs in
    # with a bare HttpRequest that has no method: not a login anyone made.
    return request is not None and request.method == "POST"


def on_user_logged_in(sender: Any, request: HttpRequest | None, user: Actor, **kwargs: Any) -> None:
    if _through_a_form(request):
        services.login_record(user=user, request=request)
        # A password an administrator set: the user chooses their own first (middleware.py).
        if request is not None and PasswordChangeDemand.objects.filter(user=user).exists():
            request.session[SESSION_KEY] = True


def on_user_login_failed(
    sender: Any, credentials: dict[str, Any], request: HttpRequest | None = None, **kwargs: Any
) -> None:
    services.login_failure_record(username=str(credentials.get("username", "")), request=request)
