"""Accounts made in the application (issue 12, item 1): creating a user with the first role,
resetting a password, deactivating and reactivating, giving and removing roles, by a system
administrator and by a unit administrator inside and outside their subtree. A denied action
changes nothing and writes no audit row."""

import pytest
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError

from chitieu.accounts import services
from chitieu.accounts.models import Membership, PasswordChangeDemand, Role
from chitieu.accounts.permissions import PermissionDenied, can_manage_user
from chitieu.accounts.users import (
    ALPHABET,
    FirstRole,
    generate_password,
    user_create,
    user_deactivate,
    user_password_reset,
    user_reactivate,
)
from chitieu.core.models import ChangeAction, ObjectChange

User = get_user_model()


def user_changes(user) -> list[tuple[str, str, str]]:
    return list(
        ObjectChange.objects.filter(content_type__model="user", object_id=str(user.pk))
        .order_by("pk")
        .values_list("action", "verb", "actor__username")
    )


def state(user) -> tuple:
    user.refresh_from_db()
    return (
        user.password,
        user.is_active,
        sorted(Membership.objects.filter(user=user).values_list("role", "unit__name")),
        PasswordChangeDemand.objects.filter(user=user).exists(),
        ObjectChange.objects.count(),
    )


# -- creating ----------------------------------------------------------------------------------


def test_a_system_administrator_creates_a_user_with_a_chosen_password_and_no_role(superuser):
    user, generated = user_create(
        actor=superuser,
        username="nguyenvanan",
        full_name="  Nguyễn   Văn An ",
        email="an.nv@hatinh.gov.vn",
        password="Song-Tri-2026",
    )
    assert generated == ""
    assert (user.username, user.first_name, user.email) == (
        "nguyenvanan",
        "Nguyễn Văn An",
        "an.nv@hatinh.gov.vn",
    )
    assert (user.is_active, user.is_staff, user.is_superuser) == (True, False, False)
    assert user.check_password("Song-Tri-2026")
    assert list(user.memberships.all()) == []
    assert PasswordChangeDemand.objects.get(user=user).set_by == superuser
    change = ObjectChange.objects.get(content_type__model="user", object_id=str(user.pk))
    assert (change.action, change.actor, change.scope_path) == (ChangeAction.CREATE, superuser, "")
    assert change.after["username"] == "nguyenvanan"
    assert change.after["first_name"] == "Nguyễn Văn An"
    assert "password" not in (change.after or {})


def test_a_unit_administrator_creates_a_reporter_of_a_commune_of_their_town(tree, unit_admin):
    user, generated = user_create(
        actor=unit_admin,
        username="kyha",
        full_name="Trần Thị Hà",
        first_role=FirstRole(Role.REPORTER, tree.commune_b),
        reason="Cán bộ mới",
    )
    assert len(generated) == 14 and generated.count("-") == 2
    assert set(generated.replace("-", "")) <= set(ALPHABET)
    assert user.check_password(generated)
    membership = Membership.objects.get(user=user)
    assert (membership.role, membership.unit) == (Role.REPORTER, tree.commune_b)
    rows = ObjectChange.objects.filter(actor=unit_admin).order_by("pk")
    assert [(r.content_type.model, r.action, r.scope_path, r.reason) for r in rows] == [
        ("user", ChangeAction.CREATE, tree.commune_b.path, "Cán bộ mới"),
        ("membership", ChangeAction.CREATE, tree.commune_b.path, "Cán bộ mới"),
    ]
    assert can_manage_user(unit_admin, user)


def test_a_unit_administrator_cannot_create_a_user_outside_their_subtree(tree, unit_admin):
    before = (User.objects.count(), Membership.objects.count(), ObjectChange.objects.count())
    with pytest.raises(PermissionDenied) as refused:
        user_create(
            actor=unit_admin,
            username="cambinh",
            full_name="Lê Văn Bình",
            first_role=FirstRole(Role.REPORTER, tree.commune_c),
        )
    assert refused.value.message == "Bạn không có quyền quản lý người dùng tại Xã Cẩm Bình."
    assert (User.objects.count(), Membership.objects.count(), ObjectChange.objects.count()) == (
        before
    )


def test_a_unit_administrator_cannot_create_a_user_without_a_role(tree, unit_admin):
    before = (User.objects.count(), ObjectChange.objects.count())
    with pytest.raises(PermissionDenied):
        user_create(actor=unit_admin, username="khongvaitro", full_name="Không Vai Trò")
    assert (User.objects.count(), ObjectChange.objects.count()) == before


def test_a_taken_username_a_weak_password_and_a_bad_email_are_refused_in_vietnamese(
    superuser, make_user
):
    make_user("KyAnh")
    before = (User.objects.count(), ObjectChange.objects.count())
    with pytest.raises(ValidationError) as refused:
        user_create(
            actor=superuser,
            username="kyanh",
            full_name="Cán bộ",
            email="không-phải-email",
            password="12345678",
        )
    assert refused.value.message_dict == {
        "username": ["Tên đăng nhập “kyanh” đã được dùng."],
        "email": ["“không-phải-email” không phải là địa chỉ email hợp lệ."],
        "password": ["Mật khẩu này quá phổ biến.", "Mật khẩu này hoàn toàn là số."],
    }
    with pytest.raises(ValidationError) as weak:
        user_create(actor=superuser, username="moi", full_name="Người Mới", password="12345678")
    assert weak.value.message_dict == {
        "password": ["Mật khẩu này quá phổ biến.", "Mật khẩu này hoàn toàn là số."]
    }
    with pytest.raises(ValidationError) as bad_name:
        user_create(actor=superuser, username="người mới", full_name="Người Mới")
    assert bad_name.value.message_dict["username"] == [
        "Tên đăng nhập “người mới” không hợp lệ: chỉ gồm chữ cái không dấu (a–z), chữ số và các "
        "ký tự @ . + - _, không có khoảng trắng."
    ]
    assert (User.objects.count(), ObjectChange.objects.count()) == before


def test_generated_passwords_pass_the_validators_and_differ():
    from django.contrib.auth.password_validation import validate_password

    passwords = {generate_password() for _ in range(50)}
    assert len(passwords) == 50
    for password in passwords:
        validate_password(password)


# -- resetting a password -------------------------------------------------------------------


def test_a_unit_administrator_resets_the_password_of_a_reporter_of_their_town(
    tree, unit_admin, reporter_a
):
    generated = user_password_reset(actor=unit_admin, user=reporter_a, reason="Quên mật khẩu")
    reporter_a.refresh_from_db()
    assert reporter_a.check_password(generated)
    assert PasswordChangeDemand.objects.get(user=reporter_a).set_by == unit_admin
    change = ObjectChange.objects.get(verb="đặt lại mật khẩu")
    assert (change.actor, change.reason, change.scope_path, change.before, change.after) == (
        unit_admin,
        "Quên mật khẩu",
        tree.commune_a.path,
        None,
        None,
    )
    assert user_password_reset(actor=unit_admin, user=reporter_a, password="Ky-Ninh-2026") == ""
    reporter_a.refresh_from_db()
    assert reporter_a.check_password("Ky-Ninh-2026")


def test_a_reset_lifts_the_lockout(tree, unit_admin, reporter_a):
    from axes.models import AccessAttempt
    from django.test import Client

    for _ in range(5):
        Client().post("/accounts/login/", {"username": "reporter_a", "password": "sai"})
    assert AccessAttempt.objects.filter(username="reporter_a").count() == 1
    user_password_reset(actor=unit_admin, user=reporter_a, password="Ky-Ninh-2026")
    assert AccessAttempt.objects.filter(username="reporter_a").count() == 0


def test_a_unit_administrator_cannot_reset_outside_their_subtree(tree, unit_admin, make_user):
    outside = make_user("outside", Role.REPORTER, tree.commune_c)
    both = make_user("both", Role.REPORTER, tree.commune_a)
    root = User.objects.get(username="root")
    # One role inside the town, one outside it: not the town administrator's account.
    services.membership_create(actor=root, user=both, role=Role.VIEWER, unit=tree.commune_c)
    for user in (outside, both, root):
        before = state(user)
        with pytest.raises(PermissionDenied):
            user_password_reset(actor=unit_admin, user=user, password="Khac-Hoan-Toan-9")
        assert state(user) == before


def test_nobody_resets_their_own_password_here(superuser):
    before = state(superuser)
    with pytest.raises(PermissionDenied):
        user_password_reset(actor=superuser, user=superuser)
    assert state(superuser) == before


# -- deactivating ----------------------------------------------------------------------------


def test_deactivate_and_reactivate_by_the_unit_administrator(tree, unit_admin, reporter_a):
    user_deactivate(actor=unit_admin, user=reporter_a, reason="Nghỉ việc")
    reporter_a.refresh_from_db()
    assert reporter_a.is_active is False
    user_reactivate(actor=unit_admin, user=reporter_a)
    reporter_a.refresh_from_db()
    assert reporter_a.is_active is True
    changes = ObjectChange.objects.filter(content_type__model="user").order_by("pk")
    assert [(c.verb, c.before["is_active"], c.after["is_active"], c.reason) for c in changes] == [
        ("vô hiệu hóa", True, False, "Nghỉ việc"),
        ("kích hoạt lại", False, True, ""),
    ]
    assert all("password" not in c.before for c in changes)


def test_deactivating_twice_is_refused(tree, unit_admin, reporter_a):
    user_deactivate(actor=unit_admin, user=reporter_a)
    before = state(reporter_a)
    with pytest.raises(ValidationError) as refused:
        user_deactivate(actor=unit_admin, user=reporter_a)
    assert refused.value.messages == ["Tài khoản này đã bị vô hiệu hóa."]
    assert state(reporter_a) == before


def test_nobody_deactivates_themselves_nor_a_superuser_unless_system_admin(
    tree, unit_admin, superuser, make_user
):
    for actor, user in ((unit_admin, unit_admin), (unit_admin, superuser), (superuser, superuser)):
        before = state(user)
        with pytest.raises(PermissionDenied):
            user_deactivate(actor=actor, user=user)
        assert state(user) == before
    other_root = User.objects.create_superuser("root2", password="pw-root-456")
    user_deactivate(actor=superuser, user=other_root)
    other_root.refresh_from_db()
    assert other_root.is_active is False


def test_a_unit_administrator_cannot_deactivate_outside_their_subtree(tree, unit_admin, planner):
    # The province's planner has a role above the town: not the town administrator's account.
    before = state(planner)
    with pytest.raises(PermissionDenied):
        user_deactivate(actor=unit_admin, user=planner)
    assert state(planner) == before


# -- roles -------------------------------------------------------------------------------------


def test_a_unit_administrator_gives_and_removes_a_role_inside_their_subtree(
    tree, unit_admin, reporter_a
):
    membership = services.membership_create(
        actor=unit_admin, user=reporter_a, role=Role.VIEWER, unit=tree.town, reason="Thêm"
    )
    assert sorted(Membership.objects.filter(user=reporter_a).values_list("role", "unit__name")) == [
        ("reporter", "Phường Kỳ Ninh"),
        ("viewer", "Thị xã Kỳ Anh"),
    ]
    services.membership_delete(actor=unit_admin, membership=membership, reason="Nhầm")
    assert list(Membership.objects.filter(user=reporter_a).values_list("role", flat=True)) == [
        "reporter"
    ]
    changes = ObjectChange.objects.filter(actor=unit_admin).order_by("pk")
    assert [(c.action, c.reason) for c in changes] == [
        (ChangeAction.CREATE, "Thêm"),
        (ChangeAction.DELETE, "Nhầm"),
    ]


def test_a_unit_administrator_does_not_remove_the_last_role(tree, unit_admin, reporter_a):
    membership = Membership.objects.get(user=reporter_a)
    before = state(reporter_a)
    with pytest.raises(PermissionDenied) as refused:
        services.membership_delete(actor=unit_admin, membership=membership)
    assert refused.value.message == (
        "Đây là vai trò cuối cùng của người dùng: hãy vô hiệu hóa tài khoản thay vì gỡ vai trò."
    )
    assert state(reporter_a) == before


def test_a_system_administrator_removes_the_last_role(tree, superuser, reporter_a):
    services.membership_delete(actor=superuser, membership=Membership.objects.get(user=reporter_a))
    assert not Membership.objects.filter(user=reporter_a).exists()


def test_a_unit_administrator_gives_no_role_outside_their_subtree(
    tree, unit_admin, reporter_a, planner, make_user
):
    roleless = make_user("roleless")
    cases = [
        (reporter_a, tree.commune_c),  # a unit outside the town
        (planner, tree.commune_a),  # a user with a role above the town
        (roleless, tree.commune_a),  # a user with no role: only system administrators
    ]
    for user, unit in cases:
        before = state(user)
        with pytest.raises(PermissionDenied):
            services.membership_create(actor=unit_admin, user=user, role=Role.VIEWER, unit=unit)
        assert state(user) == before


def test_a_unit_administrator_removes_no_role_outside_their_subtree(tree, unit_admin, make_user):
    outside = make_user("outside", Role.REPORTER, tree.commune_c)
    root = User.objects.get(username="root")
    services.membership_create(actor=root, user=outside, role=Role.VIEWER, unit=tree.other_district)
    membership = Membership.objects.get(user=outside, role=Role.REPORTER)
    before = state(outside)
    with pytest.raises(PermissionDenied):
        services.membership_delete(actor=unit_admin, membership=membership)
    assert state(outside) == before


def test_the_own_password_change_clears_the_demand(tree, unit_admin, reporter_a):
    user_password_reset(actor=unit_admin, user=reporter_a, password="Ky-Ninh-2026")
    services.password_change(actor=reporter_a, new_password="Rieng-Cua-Toi-7")
    assert not PasswordChangeDemand.objects.filter(user=reporter_a).exists()
