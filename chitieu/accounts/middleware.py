"""A user who logged in with a password an administrator set changes it before anything else.

The login hook (accounts/signals.py) marks the session when the user has a
`PasswordChangeDemand`; the mark goes when the password is changed. Reading the session costs no
query, so pages keep their query counts. A password reset logs the user's other sessions out
(Django's session hash), so a mark is needed only at login."""

from __future__ import annotations

from collections.abc import Callable

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse

SESSION_KEY = "chitieu_change_password"


class PasswordChangeRequiredMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        # The session is read only where it can matter: a request with a session cookie, off the
        # exempt paths (reading it would add "Vary: Cookie" to the cacheable public pages).
        if settings.SESSION_COOKIE_NAME not in request.COOKIES or self._exempt(request):
            return self.get_response(request)
        session = getattr(request, "session", None)
        if session is not None and session.get(SESSION_KEY):
            user = getattr(request, "user", None)
            if user is not None and user.is_authenticated:
                target = reverse("password_change")
                if getattr(request, "htmx", False):
                    from django_htmx.http import HttpResponseClientRedirect

                    return HttpResponseClientRedirect(target)
                return redirect(target)
        return self.get_response(request)

    @staticmethod
    def _exempt(request: HttpRequest) -> bool:
        path = request.path_info
        allowed = (
            reverse("password_change"),
            reverse("logout"),
            reverse("login"),
            "/i18n/",
            "/api/",
            "/public/",
            settings.STATIC_URL or "/static/",
        )
        return path.startswith(allowed)
