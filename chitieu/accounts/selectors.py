from __future__ import annotations

from typing import Any

from django.shortcuts import get_object_or_404

from chitieu.accounts.models import ApiToken, Membership
from chitieu.core.users import AnyUser


def memberships_of(user: AnyUser) -> list[Membership]:
    return list(
        Membership.objects.filter(user=user)  # type: ignore[misc]  # signed in: login_required
        .select_related("unit")
        .order_by("unit__name", "role")
    )


def tokens_of(user: Any) -> list[ApiToken]:
    return list(ApiToken.objects.filter(user=user).order_by("-created"))


def memberships_managed_by(user: Any) -> list[Membership]:
    """Memberships on units where `user` may manage users, with user and unit loaded."""
    from chitieu.accounts.permissions import Capability, scope

    memberships = scope(Membership.objects.all(), user, Capability.MANAGE_USERS, "unit__path")
    return list(memberships.select_related("user", "unit").order_by("unit__name", "user__username"))


def access_token(user: Any, pk: object) -> ApiToken:
    """One of the user's own tokens (404 for anyone else's)."""
    return get_object_or_404(ApiToken, pk=pk, user_id=user.pk)


def access_managed_membership(user: Any, pk: object) -> Membership:
    """A membership on a unit where `user` may manage users (404 elsewhere)."""
    from chitieu.accounts.permissions import Capability, scope

    managed = scope(Membership.objects.all(), user, Capability.MANAGE_USERS, "unit__path")
    return get_object_or_404(managed.select_related("unit"), pk=pk)
