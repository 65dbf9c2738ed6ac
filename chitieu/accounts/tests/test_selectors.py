"""A user reaches only their own tokens, and an administrator only the roles in their units."""

import pytest
from django.http import Http404

from chitieu.accounts.models import Membership
from chitieu.accounts.selectors import access_managed_membership, access_token
from chitieu.accounts.services import token_create


def test_a_token_is_reached_by_its_owner_only(planner, reporter_a):
    token, _key = token_create(actor=planner, name="Báo cáo", days=30)
    assert access_token(planner, token.pk) == token
    with pytest.raises(Http404):
        access_token(reporter_a, token.pk)


def test_an_administrator_reaches_the_roles_of_their_units_only(
    tree, unit_admin, reporter_a, planner
):
    below = Membership.objects.get(user=reporter_a)
    above = Membership.objects.get(user=planner)
    assert access_managed_membership(unit_admin, below.pk) == below
    with pytest.raises(Http404):
        access_managed_membership(unit_admin, above.pk)
