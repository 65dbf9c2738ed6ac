"""Writes to memberships and API tokens, audited in the same transaction."""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import HttpRequest
from django.utils import timezone

from chitieu.accounts.models import ApiToken, Membership, PasswordChangeDemand, Role, hash_token
from chitieu.accounts.permissions import (
    Capability,
    can_give_role,
    can_manage_user,
    can_remove_role,
    refuse_unless,
    require,
)
from chitieu.accounts.subjects import UnitLike
from chitieu.accounts.users import add_membership
from chitieu.core.audit import audited, record_change, snapshot
from chitieu.core.models import ChangeAction
from chitieu.core.users import Actor


@audited
def membership_create(
    *, actor: Actor, user: Actor, role: str, unit: UnitLike, reason: str = ""
) -> Membership:
    """Give `user` the `role` on `unit` and its subtree: on a unit the actor manages, to a user
    whose roles all lie in the actor's subtrees (`can_give_role`)."""
    if role not in Role.values:
        raise ValidationError({"role": "Vai trò không hợp lệ."})
    require(actor, Capability.MANAGE_USERS, unit)
    with transaction.atomic():
        locked = get_user_model().objects.select_for_update().get(pk=user.pk)
        refuse_unless(
            can_give_role(actor, locked, unit),
            "Bạn chỉ quản lý được người dùng có mọi vai trò nằm trong các đơn vị bạn quản lý.",
        )
        return add_membership(actor=actor, user=locked, role=role, unit=unit, reason=reason)


@audited
def membership_delete(*, actor: Actor, membership: Membership, reason: str = "") -> None:
    require(actor, Capability.MANAGE_USERS, membership.unit)
    with transaction.atomic():
        get_user_model().objects.select_for_update().get(pk=membership.user_id)
        refuse_unless(
            can_remove_role(actor, membership),
            "Đây là vai trò cuối cùng của người dùng: hãy vô hiệu hóa tài khoản thay vì gỡ vai trò."
            if can_manage_user(actor, membership.user)
            else "Bạn không có quyền quản lý người dùng này.",
        )
        record_change(
            actor=actor,
            action=ChangeAction.DELETE,
            instance=membership,
            before=snapshot(membership),
            reason=reason,
            scope_path=membership.unit.path,
        )
        membership.delete()


# The lifetimes offered when a token is made, in days.
TOKEN_LIFETIMES = (30, 90, 180, 365)


class ApiTokenExpired(Exception):
    """A known API key whose expiry has passed: refused with its own message."""

    def __init__(self, expires: dt.datetime):
        super().__init__(f"API token expired at {expires.isoformat()}")
        self.expires = expires


@audited
def token_create(*, actor: Actor, name: str, days: int | None = None) -> tuple[ApiToken, str]:
    """A new API token for the actor, valid for `days` (default API_TOKEN_DEFAULT_DAYS); the key
    is returned once and only its hash is kept."""
    if not name.strip():
        raise ValidationError({"name": "Hãy đặt tên cho khóa API."})
    lifetime = settings.API_TOKEN_DEFAULT_DAYS if days is None else days
    if lifetime not in TOKEN_LIFETIMES:
        raise ValidationError({"days": "Thời hạn của khóa API không hợp lệ."})
    key = ApiToken.new_key()
    with transaction.atomic():
        token = ApiToken.objects.create(
            user=actor,
            name=name.strip(),
            prefix=key[3:11],
            key_hash=hash_token(key),
            expires=timezone.now() + dt.timedelta(days=lifetime),
        )
        record_change(
            actor=actor, action=ChangeAction.CREATE, instance=token, after=snapshot(token)
        )
    return token, key


@audited
def token_revoke(*, actor: Actor, token: ApiToken) -> None:
    if token.user_id != actor.pk:
        raise ValidationError("Khóa API này không thuộc về bạn.")
    with transaction.atomic():
        record_change(
            actor=actor, action=ChangeAction.DELETE, instance=token, before=snapshot(token)
        )
        token.delete()


def token_authenticate(key: str) -> Actor | None:
    """The active user of an API key, or None; raises ApiTokenExpired for an expired one.
    Marks when the token was last used."""
    token = ApiToken.objects.select_related("user").filter(key_hash=hash_token(key)).first()
    if token is None or not token.user.is_active:
        return None
    now = timezone.now()
    if token.is_expired(now):
        raise ApiTokenExpired(token.expires)
    ApiToken.objects.filter(pk=token.pk).update(last_used=now)
    return token.user


@audited
def password_change(*, actor: Actor, new_password: str) -> None:
    """The actor's new password (already checked by the validators); audited without hashes.
    A change an administrator asked for is done."""
    with transaction.atomic():
        actor.set_password(new_password)
        actor.save(update_fields=["password"])
        PasswordChangeDemand.objects.filter(user=actor).delete()
        record_change(
            actor=actor,
            action=ChangeAction.ACTION,
            instance=actor,
            verb="đổi mật khẩu",
            scope_path=_user_scope_path(actor),
        )


# Logins and failed logins -------------------------------------------------------------------


def _user_scope_path(user: Actor) -> str:
    """The highest unit where the user holds a role: its administrators see the user's logins."""
    paths = Membership.objects.filter(user=user).values_list("unit__path", flat=True)
    return min(paths, key=len, default="")


def _client_address(request: HttpRequest | None) -> str:
    if request is None:
        return ""
    return str(getattr(request, "axes_ip_address", "") or request.META.get("REMOTE_ADDR", ""))


def login_record(*, user: Actor, request: HttpRequest | None) -> None:
    """An audit row for a successful login."""
    with transaction.atomic():
        record_change(
            actor=user,
            action=ChangeAction.ACTION,
            instance=user,
            verb="đăng nhập",
            after={"username": user.get_username(), "ip": _client_address(request)},
            scope_path=_user_scope_path(user),
        )


def login_failure_record(*, username: str, request: HttpRequest | None) -> None:
    """An audit row for a failed login: the user tried (when the name exists), the address, and
    whether the account was already locked."""
    username = username[:150]
    user = get_user_model().objects.filter(username=username).first()
    instance = user if user is not None else get_user_model()(username=username)
    with transaction.atomic():
        record_change(
            actor=None,
            action=ChangeAction.ACTION,
            instance=instance,
            verb="đăng nhập thất bại",
            after={
                "username": username,
                "ip": _client_address(request),
                "locked": bool(getattr(request, "axes_locked_out", False)),
            },
            scope_path=_user_scope_path(user) if user is not None else "",
        )
