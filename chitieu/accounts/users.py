"""Accounts made and kept by administrators in the application: a new user (with their first
role), a password set or generated and shown once, deactivating and reactivating.

Every service checks its rule of `accounts/permissions.py` on the locked user row, writes inside
one transaction with its audit row, and never records a password, not even its hash. A password
an administrator set is to be changed by the user at their next login (`PasswordChangeDemand`).
"""

from __future__ import annotations

import secrets
import unicodedata
from dataclasses import dataclass
from typing import Any

from django.contrib.auth import get_user_model
from django.contrib.auth.password_validation import validate_password
from django.contrib.auth.validators import ASCIIUsernameValidator
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import IntegrityError, transaction
from django.utils import translation

from chitieu.accounts.models import Membership, PasswordChangeDemand, Role
from chitieu.accounts.permissions import (
    PermissionDenied,
    can_create_user,
    can_manage_user,
    can_reset_password,
    refuse_unless,
)
from chitieu.accounts.subjects import UnitLike
from chitieu.core.audit import audited, record_change, record_creation, snapshot
from chitieu.core.models import ChangeAction
from chitieu.core.users import Actor

# Never in an audit row: the hash is as good as the password to an offline attacker.
NOT_RECORDED = {"password"}
USERNAME_MAX = 150
FULL_NAME_MAX = 150
# Generated passwords: 3 groups of 4 letters and digits without look-alikes (0/O, 1/l/I).
ALPHABET = "abcdefghijkmnpqrstuvwxyz23456789"


@dataclass(frozen=True)
class FirstRole:
    role: str
    unit: UnitLike


def generate_password() -> str:
    while True:
        groups = ["".join(secrets.choice(ALPHABET) for _ in range(4)) for _ in range(3)]
        password = "-".join(groups)
        if any(ch.isdigit() for ch in password) and any(ch.isalpha() for ch in password):
            return password


def clean_username(raw: str) -> str:
    """The username as stored, or a ValidationError in Vietnamese: ASCII letters, digits and
    @.+-_ (typed the same on any keyboard), at most 150, not taken in any letter case."""
    username = unicodedata.normalize("NFC", raw or "").strip()
    if not username:
        raise ValidationError("Hãy nhập tên đăng nhập.")
    if len(username) > USERNAME_MAX:
        raise ValidationError(f"Tên đăng nhập dài tối đa {USERNAME_MAX} ký tự.")
    try:
        ASCIIUsernameValidator()(username)
    except ValidationError as error:
        raise ValidationError(
            f"Tên đăng nhập “{username}” không hợp lệ: chỉ gồm chữ cái không dấu (a–z), chữ số "
            "và các ký tự @ . + - _, không có khoảng trắng."
        ) from error
    if get_user_model().objects.filter(username__iexact=username).exists():
        raise ValidationError(f"Tên đăng nhập “{username}” đã được dùng.")
    return username


def clean_full_name(raw: str) -> str:
    name = " ".join(unicodedata.normalize("NFC", raw or "").split())
    if not name:
        raise ValidationError("Hãy nhập họ và tên.")
    if len(name) > FULL_NAME_MAX:
        raise ValidationError(f"Họ và tên dài tối đa {FULL_NAME_MAX} ký tự.")
    return name


def clean_email(raw: str) -> str:
    email = (raw or "").strip()
    if email:
        try:
            validate_email(email)
        except ValidationError as error:
            raise ValidationError(f"“{email}” không phải là địa chỉ email hợp lệ.") from error
    return email


def check_password(password: str, *, username: str, full_name: str = "", email: str = "") -> None:
    """Django's password validators (AUTH_PASSWORD_VALIDATORS), their messages in Vietnamese."""
    candidate = get_user_model()(username=username, first_name=full_name, email=email)
    with translation.override("vi"):
        try:
            validate_password(password, user=candidate)
        except ValidationError as error:
            raise ValidationError([str(message) for message in error.messages]) from error


def check_role(role: str) -> None:
    if role not in Role.values:
        raise ValidationError("Vai trò không hợp lệ.")


def _locked(user: Any) -> Any:
    return get_user_model().objects.select_for_update().get(pk=user.pk)


def _scope_path(user: Any) -> str:
    """The highest unit where the user holds a role: its administrators see the change."""
    paths = Membership.objects.filter(user=user).values_list("unit__path", flat=True)
    return min(paths, key=len, default="")


def _demand_change(*, actor: Any, user: Any) -> None:
    PasswordChangeDemand.objects.update_or_create(user=user, defaults={"set_by": actor})


def add_membership(
    *, actor: Actor, user: Actor, role: str, unit: UnitLike, reason: str = ""
) -> Membership:
    """The membership row and its audit row; the caller has checked the rule."""
    check_role(role)
    try:
        with transaction.atomic():
            membership = Membership.objects.create(user=user, role=role, unit_id=unit.pk)
            record_creation(actor=actor, instance=membership, scope_path=unit.path, reason=reason)
    except IntegrityError as error:
        raise ValidationError("Người dùng đã có vai trò này tại đơn vị này.") from error
    return membership


@audited
def user_create(
    *,
    actor: Actor,
    username: str,
    full_name: str,
    email: str = "",
    password: str = "",
    first_role: FirstRole | None = None,
    reason: str = "",
) -> tuple[Actor, str]:
    """A new active account (not staff, not superuser) and, when given, its first role; returns
    the user and the generated password ('' when the administrator chose it), shown once."""
    refuse_unless(
        can_create_user(actor, first_role.unit if first_role else None),
        "Bạn chỉ tạo được người dùng cùng với một vai trò tại đơn vị bạn quản lý."
        if first_role is None
        else f"Bạn không có quyền quản lý người dùng tại {first_role.unit.name}.",
    )
    if first_role is not None:
        check_role(first_role.role)
    errors: dict[str, list[str]] = {}
    cleaned: dict[str, str] = {}
    for field, cleaner, raw in (
        ("username", clean_username, username),
        ("full_name", clean_full_name, full_name),
        ("email", clean_email, email),
    ):
        try:
            cleaned[field] = cleaner(raw)
        except ValidationError as error:
            errors[field] = list(error.messages)
    generated = ""
    if not password:
        generated = password = generate_password()
    else:
        try:
            check_password(
                password,
                username=cleaned.get("username", username),
                full_name=cleaned.get("full_name", full_name),
                email=cleaned.get("email", ""),
            )
        except ValidationError as error:
            errors["password"] = list(error.messages)
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        try:
            with transaction.atomic():
                user = get_user_model().objects.create_user(
                    cleaned["username"],
                    email=cleaned["email"],
                    password=password,
                    first_name=cleaned["full_name"],
                )
        except IntegrityError as error:
            raise ValidationError(
                {"username": [f"Tên đăng nhập “{cleaned['username']}” đã được dùng."]}
            ) from error
        _demand_change(actor=actor, user=user)
        record_change(
            actor=actor,
            action=ChangeAction.CREATE,
            instance=user,
            after=snapshot(user, exclude=NOT_RECORDED),
            reason=reason,
            scope_path=first_role.unit.path if first_role else "",
        )
        if first_role is not None:
            add_membership(
                actor=actor, user=user, role=first_role.role, unit=first_role.unit, reason=reason
            )
    return user, generated


@audited
def user_password_reset(*, actor: Actor, user: Actor, password: str = "", reason: str = "") -> str:
    """A new password for `user`: the one the administrator typed (checked by the validators)
    or a generated one, returned to be shown once. The user changes it at the next login; a
    lockout after failed logins is lifted."""
    with transaction.atomic():
        user = _locked(user)
        refuse_unless(
            can_reset_password(actor, user),
            "Bạn không có quyền đặt lại mật khẩu của người dùng này.",
        )
        generated = ""
        if not password:
            generated = password = generate_password()
        else:
            try:
                check_password(
                    password,
                    username=user.username,
                    full_name=user.get_full_name(),
                    email=user.email,
                )
            except ValidationError as error:
                raise ValidationError({"password": list(error.messages)}) from error
        user.set_password(password)
        user.save(update_fields=["password"])
        _demand_change(actor=actor, user=user)
        record_change(
            actor=actor,
            action=ChangeAction.ACTION,
            instance=user,
            verb="đặt lại mật khẩu",
            reason=reason,
            scope_path=_scope_path(user),
        )
    _lift_lockout(user.username)
    return generated


def _lift_lockout(username: str) -> None:
    from axes.utils import reset

    reset(username=username)


def _set_active(*, actor: Actor, user: Actor, active: bool, reason: str) -> Actor:
    with transaction.atomic():
        user = _locked(user)
        if user.pk == actor.pk:
            raise PermissionDenied("Bạn không tự vô hiệu hóa hay kích hoạt tài khoản của mình.")
        refuse_unless(can_manage_user(actor, user), "Bạn không có quyền quản lý người dùng này.")
        if user.is_active == active:
            raise ValidationError(
                "Tài khoản này đang hoạt động." if active else "Tài khoản này đã bị vô hiệu hóa."
            )
        before = snapshot(user, exclude=NOT_RECORDED)
        user.is_active = active
        user.save(update_fields=["is_active"])
        record_change(
            actor=actor,
            action=ChangeAction.UPDATE,
            instance=user,
            before=before,
            after=snapshot(user, exclude=NOT_RECORDED),
            verb="kích hoạt lại" if active else "vô hiệu hóa",
            reason=reason,
            scope_path=_scope_path(user),
        )
    return user


@audited
def user_deactivate(*, actor: Actor, user: Actor, reason: str = "") -> Actor:
    """The user can no longer log in (nor use an API token); roles and history stay."""
    return _set_active(actor=actor, user=user, active=False, reason=reason)


@audited
def user_reactivate(*, actor: Actor, user: Actor, reason: str = "") -> Actor:
    return _set_active(actor=actor, user=user, active=True, reason=reason)


@dataclass(frozen=True)
class FirstAdministrator:
    """What `first_administrator_ensure` did: the password is '' unless the account is new."""

    user: Any
    created: bool
    role_added: bool
    password: str


@audited
def first_administrator_ensure(
    *, username: str, unit: UnitLike, email: str = "", reason: str = ""
) -> FirstAdministrator:
    """The first administrator of a province, made from the server's console (no one is signed
    in yet, so the audit rows have no actor): a new account gets a generated password, shown
    once, to be changed at the first login, and the role of administrator on `unit`. An account
    that exists keeps its password; it gets the role if it lacks it, else nothing changes."""
    user_model = get_user_model()
    with transaction.atomic():
        user = user_model.objects.select_for_update().filter(username__iexact=username).first()
        created = user is None
        password = ""
        if user is None:
            name = clean_username(username)
            mail = clean_email(email)
            password = generate_password()
            user = user_model.objects.create_user(
                name, email=mail, password=password, first_name="Quản trị " + unit.name
            )
            PasswordChangeDemand.objects.update_or_create(user=user, defaults={"set_by": None})
            record_change(
                actor=None,
                action=ChangeAction.CREATE,
                instance=user,
                after=snapshot(user, exclude=NOT_RECORDED),
                reason=reason,
                scope_path=unit.path,
            )
        role_added = not Membership.objects.filter(
            user=user, role=Role.ADMIN, unit_id=unit.pk
        ).exists()
        if role_added:
            membership = Membership.objects.create(user=user, role=Role.ADMIN, unit_id=unit.pk)
            record_change(
                actor=None,
                action=ChangeAction.CREATE,
                instance=membership,
                after=snapshot(membership),
                reason=reason,
                scope_path=unit.path,
            )
    return FirstAdministrator(user, created, role_added, password)
