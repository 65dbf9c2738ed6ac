from __future__ import annotations

from chitieu.accounts.models import ApiToken, Membership
from chitieu.core.users import AnyUser


def memberships_of(user: AnyUser) -> list[Membership]:
    return list(
        Membership.objects.filter(user=user)  # type: ignore[misc]  # signed in: login_required
        .select_related("unit")
        .order_by("unit__name", "role")
    )


def tokens_of(user: AnyUser) -> list[ApiToken]:
    return list(ApiToken.objects.filter(user=user).order_by("-created"))  # type: ignore[misc]


def memberships_managed_by(user: AnyUser) -> list[Membership]:
    """Memberships on units where `user` may manage users, with user and unit loaded."""
    from chitieu.accounts.permissions import Capability, scope

    memberships = scope(Membership.objects.all(), user, Capability.MANAGE_USERS, "unit__path")
    return list(memberships.select_related("user", "unit").order_by("unit__name", "user__username"))
