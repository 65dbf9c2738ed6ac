"""Reads of the public pages: publications not withdrawn, as they were published."""

from __future__ import annotations

from django.db.models import QuerySet
from django.shortcuts import get_object_or_404

from chitieu.public.models import Publication


def visible_publications() -> QuerySet[Publication]:
    return Publication.objects.filter(withdrawn_at__isnull=True)


def publication_index() -> list[Publication]:
    """What the index lists of each publication."""
    fields = ("id", "kind", "title", "published_at", "document")
    return list(visible_publications().only(*fields))


def access_publication(pk: object) -> Publication:
    """A publication anyone may see (404 once withdrawn)."""
    return get_object_or_404(visible_publications(), pk=pk)
