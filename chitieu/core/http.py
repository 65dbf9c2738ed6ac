"""Small request helpers shared by the views."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.http import HttpRequest

if TYPE_CHECKING:
    from chitieu.core.users import Actor


def is_htmx(request: HttpRequest) -> bool:
    """Whether htmx sent the request, so that a view answers with a partial."""
    return bool(getattr(request, "htmx", False))


class AuthenticatedHttpRequest(HttpRequest):
    """The request of a view behind `login_required` (or of an API route behind its token): the
    user is signed in. For the type checker only; Django still hands the view an HttpRequest."""

    user: Actor
