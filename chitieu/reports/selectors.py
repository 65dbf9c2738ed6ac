"""Reads of the report pages: the decision a document prints, for those who may see it."""

from __future__ import annotations

from typing import Any

from django.http import Http404
from django.shortcuts import get_object_or_404

from chitieu.awards.models import Decision
from chitieu.awards.selectors import access_proposal


def access_decision(user: Any, pk: object) -> Decision:
    """A decision made on a proposal the user may see (404 otherwise, and for a decision that
    answers no proposal)."""
    decision = get_object_or_404(Decision, pk=pk)
    if decision.proposal is None:
        raise Http404
    access_proposal(user, decision.proposal.pk)
    return decision
