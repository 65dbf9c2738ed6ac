"""Writes to memberships and API tokens, audited in the same transaction."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone

from chitieu.accounts.models import ApiToken, Membership, Role, hash_token
from chitieu.accounts.permissions import Capability, require
from chitieu.core.audit import record_change, record_creation, snapshot
from chitieu.core.models import ChangeAction
from chitieu.units.models import Unit


def membership_create(*, actor, user, role: str, unit: Unit, reason: str = "") -> Membership:
    """Give `user` the `role` on `unit` and its subtree."""
    if role not in Role.values:
        raise ValidationError({"role": "Vai trò không hợp lệ."})
    require(actor, Capability.MANAGE_USERS, unit)
    try:
        with transaction.atomic():
            membership = Membership.objects.create(user=user, role=role, unit=unit)
            record_creation(
                actor=actor,
                instance=membership,
                scope_path=unit.path,
                reason=reason,
            )
    except IntegrityError as error:
        raise ValidationError("Người dùng đã có vai trò này tại đơn vị này.") from error
    return membership


def membership_delete(*, actor, membership: Membership, reason: str = "") -> None:
    require(actor, Capability.MANAGE_USERS, membership.unit)
    with transaction.atomic():
        record_change(
            actor=actor,
            action=ChangeAction.DELETE,
            instance=membership,
            before=snapshot(membership),
            reason=reason,
            scope_path=membership.unit.path,
        )
        membership.delete()


def token_create(*, actor, name: str) -> tuple[ApiToken, str]:
    """A new API token for the actor; the key is returned once and only its hash is kept."""
    if not name.strip():
        raise ValidationError({"name": "Hãy đặt tên cho khóa API."})
    key = ApiToken.new_key()
    with transaction.atomic():
        token = ApiToken.objects.create(
            user=actor, name=name.strip(), prefix=key[3:11], key_hash=hash_token(key)
        )
        record_change(
            actor=actor, action=ChangeAction.CREATE, instance=token, after=snapshot(token)
        )
    return token, key


def token_revoke(*, actor, token: ApiToken) -> None:
    if token.user_id != actor.pk:
        raise ValidationError("Khóa API này không thuộc về bạn.")
    with transaction.atomic():
        record_change(
            actor=actor, action=ChangeAction.DELETE, instance=token, before=snapshot(token)
        )
        token.delete()


def token_authenticate(key: str):
    """The active user of an API key, or None. Marks when the token was last used."""
    token = ApiToken.objects.select_related("user").filter(key_hash=hash_token(key)).first()
    if token is None or not token.user.is_active:
        return None
    ApiToken.objects.filter(pk=token.pk).update(last_used=timezone.now())
    return token.user
