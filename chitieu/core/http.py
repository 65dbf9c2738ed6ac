"""Small request helpers shared by the views."""

from django.contrib.auth.models import User
from django.http import HttpRequest


class AuthenticatedHttpRequest(HttpRequest):
    """The request of a view behind `login_required`: its user is signed in (for the type
    checker; Django passes the same HttpRequest)."""

    user: User


def is_htmx(request: HttpRequest) -> bool:
    """Whether htmx sent the request, so that a view answers with a partial."""
    return bool(getattr(request, "htmx", False))
