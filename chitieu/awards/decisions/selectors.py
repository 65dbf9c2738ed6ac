"""Reads of decisions: those on the proposals the user sees, with their lists."""

from __future__ import annotations

from django.db.models import QuerySet

from chitieu.awards.models import Decision
from chitieu.awards.proposals.selectors import proposals_visible_to
from chitieu.core.users import AnyUser


def decisions_visible_to(user: AnyUser, year: int | None = None) -> QuerySet[Decision]:
    """The decisions on the proposals the user sees, with their lists; `year` is the
    achievement year, as for proposals."""
    decisions = Decision.objects.filter(proposal__in=proposals_visible_to(user))
    if year:
        decisions = decisions.filter(proposal__year=year)
    return decisions.prefetch_related("awards__award", "awards__person", "awards__unit").order_by(
        "-date", "number"
    )
