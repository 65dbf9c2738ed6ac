"""Small request helpers shared by the views."""

from django.http import HttpRequest


def is_htmx(request: HttpRequest) -> bool:
    """Whether htmx sent the request, so that a view answers with a partial."""
    return bool(getattr(request, "htmx", False))
