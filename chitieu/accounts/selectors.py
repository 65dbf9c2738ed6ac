from __future__ import annotations

from typing import Any

from django.contrib.auth import get_user_model
from django.db.models import Prefetch, Q, QuerySet
from django.shortcuts import get_object_or_404

from chitieu.accounts.models import ApiToken, Membership
from chitieu.core.users import Actor, AnyUser


def memberships_of(user: AnyUser) -> list[Membership]:
    return list(
        Membership.objects.filter(user=user)  # type: ignore[misc]  # signed in: login_required
        .select_related("unit")
        .order_by("unit__name", "role")
    )


def tokens_of(user: Any) -> list[ApiToken]:
    return list(ApiToken.objects.filter(user=user).order_by("-created"))


def users_managed_by(user: Any, query: str = "") -> QuerySet[Any]:
    """The accounts `user` manages (`permissions.can_manage_user`): every account for a system
    administrator; for a unit administrator those whose roles all lie in their subtrees, no
    superuser. Roles prefetched with their units, ordered by username."""
    from chitieu.accounts.permissions import Capability, is_system_admin, scope_q

    users = get_user_model().objects.all()
    if not is_system_admin(user):
        inside = scope_q(user, Capability.MANAGE_USERS, "unit__path") or Q()
        users = users.filter(
            is_superuser=False, pk__in=Membership.objects.filter(inside).values("user_id")
        ).exclude(pk__in=Membership.objects.exclude(inside).values("user_id"))
    words = query.split()
    for word in words:
        users = users.filter(
            Q(username__icontains=word)
            | Q(first_name__icontains=word)
            | Q(last_name__icontains=word)
            | Q(email__icontains=word)
        )
    roles = Membership.objects.select_related("unit__parent").order_by("unit__name", "role")
    return users.prefetch_related(Prefetch("memberships", queryset=roles)).order_by("username")


def access_user(user: Any, pk: object) -> Any:
    """One account `user` manages, or 404."""
    from chitieu.accounts.permissions import get_or_404

    return get_or_404(users_managed_by(user), pk)


def access_token(user: AnyUser, pk: object) -> ApiToken:
    """One of the user's own tokens (404 for anyone else's)."""
    return get_object_or_404(ApiToken, pk=pk, user_id=user.pk)


def access_managed_membership(user: AnyUser, pk: object, of: Actor | None = None) -> Membership:
    """A membership (of the user `of`, if given) on a unit where `user` may manage users (404
    elsewhere)."""
    from chitieu.accounts.permissions import Capability, scope

    managed = scope(Membership.objects.all(), user, Capability.MANAGE_USERS, "unit__path")
    if of is not None:
        managed = managed.filter(user=of)
    return get_object_or_404(managed.select_related("unit", "user"), pk=pk)
