"""The public pages read only publications not withdrawn."""

import pytest
from django.http import Http404

from chitieu.core.periods import Period
from chitieu.public.selectors import access_publication, publication_index
from chitieu.public.services import publish_headline, withdraw


def test_a_withdrawn_publication_is_neither_listed_nor_found(tree, planner, town_resolution):
    kept = publish_headline(actor=planner, unit=tree.town, period=Period.year_of(2021))
    gone = publish_headline(actor=planner, unit=tree.town, period=Period.year_of(2022))
    withdraw(actor=planner, publication=gone)
    assert publication_index() == [kept]
    assert access_publication(kept.pk) == kept
    with pytest.raises(Http404):
        access_publication(gone.pk)
