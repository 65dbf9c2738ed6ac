"""Item 7 of issue 10: lockout after failed logins on both forms, the login audit, changing
one's own password, the password rules and expiring API tokens."""

import datetime as dt

import pytest
from axes.models import AccessAttempt
from django.contrib.auth import get_user_model
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from chitieu.accounts.models import ApiToken, Role
from chitieu.accounts.services import token_create
from chitieu.core.models import ChangeAction, ObjectChange
from chitieu.testing import client_for

LOGIN_FORMS = ["/accounts/login/", "/admin/login/"]


def login_rows(verb: str) -> list[ObjectChange]:
    return list(ObjectChange.objects.filter(verb=verb).order_by("id"))


@pytest.mark.parametrize("url", LOGIN_FORMS)
def test_five_wrong_passwords_lock_the_account_even_against_the_right_one(db, superuser, url):
    client = Client()
    for _ in range(4):
        response = client.post(url, {"username": "root", "password": "wrong"})
        assert response.status_code == 200
    assert client.post(url, {"username": "root", "password": "wrong"}).status_code == 429
    response = client.post(url, {"username": "root", "password": "pw-root-123"})
    assert response.status_code == 429
    html = response.content.decode()
    assert "Tài khoản bị khóa" in html
    assert "sau 5 lần nhập sai mật khẩu liên tiếp" in html
    assert "15 phút" in html
    assert "_auth_user_id" not in client.session
    assert AccessAttempt.objects.get(username="root").failures_since_start == 6


def test_the_lock_holds_from_another_address(db, superuser):
    for _ in range(5):
        Client(REMOTE_ADDR="10.0.0.1").post(
            "/accounts/login/", {"username": "root", "password": "wrong"}
        )
    response = Client(REMOTE_ADDR="10.0.0.2").post(
        "/accounts/login/", {"username": "root", "password": "pw-root-123"}
    )
    assert response.status_code == 429


def test_an_administrator_unlocks_with_axes_reset_username(db, superuser):
    client = Client()
    for _ in range(5):
        client.post("/accounts/login/", {"username": "root", "password": "wrong"})
    call_command("axes_reset_username", "root")
    response = client.post("/accounts/login/", {"username": "root", "password": "pw-root-123"})
    assert response.status_code == 302
    assert client.session["_auth_user_id"] == str(superuser.pk)


def test_the_lock_ends_after_the_cool_off(db, superuser, settings):
    client = Client()
    for _ in range(5):
        client.post("/accounts/login/", {"username": "root", "password": "wrong"})
    AccessAttempt.objects.update(attempt_time=timezone.now() - dt.timedelta(minutes=16))
    response = client.post("/accounts/login/", {"username": "root", "password": "pw-root-123"})
    assert response.status_code == 302


def test_a_login_and_a_failed_login_are_in_the_audit(tree, make_user):
    user = make_user("kyninh", Role.REPORTER, tree.commune_a)
    client = Client(REMOTE_ADDR="10.1.2.3")
    client.post("/accounts/login/", {"username": "kyninh", "password": "wrong"})
    client.post("/accounts/login/", {"username": "nobody", "password": "x"})
    client.post("/accounts/login/", {"username": "kyninh", "password": "pw-12345-abc"})
    failed = login_rows("đăng nhập thất bại")
    assert [(row.actor, row.object_id, row.object_repr, row.after) for row in failed] == [
        (None, str(user.pk), "kyninh", {"username": "kyninh", "ip": "10.1.2.3", "locked": False}),
        (None, "", "nobody", {"username": "nobody", "ip": "10.1.2.3", "locked": False}),
    ]
    assert failed[0].scope_path == tree.commune_a.path
    assert failed[1].scope_path == ""
    [login] = login_rows("đăng nhập")
    assert (login.actor, login.action, login.object_id, login.scope_path) == (
        user,
        ChangeAction.ACTION,
        str(user.pk),
        tree.commune_a.path,
    )
    assert login.after == {"username": "kyninh", "ip": "10.1.2.3"}


def test_a_failed_login_on_the_admin_form_is_in_the_audit(db, superuser):
    Client().post("/admin/login/", {"username": "root", "password": "wrong"})
    [row] = login_rows("đăng nhập thất bại")
    assert row.object_id == str(superuser.pk)


def test_the_town_administrator_sees_the_logins_of_the_town_only(tree, make_user, unit_admin):
    make_user("kyninh", Role.REPORTER, tree.commune_a)
    make_user("cambinh", Role.REPORTER, tree.commune_c)
    for name in ("kyninh", "cambinh"):
        Client().post("/accounts/login/", {"username": name, "password": "wrong"})
    html = client_for(unit_admin).get(reverse("audit_list")).content.decode()
    assert "kyninh" in html
    assert "cambinh" not in html


def test_a_user_changes_their_own_password(db, make_user):
    user = make_user("kyanh")
    client = client_for(user)
    assert reverse("password_change") in client.get(reverse("token_list")).content.decode()
    response = client.post(
        reverse("password_change"),
        {
            "old_password": "pw-12345-abc",
            "new_password1": "Mua-xuan-2026",
            "new_password2": "Mua-xuan-2026",
        },
    )
    assert response.status_code == 302
    user.refresh_from_db()
    assert user.check_password("Mua-xuan-2026")
    # The session survives the change.
    assert client.get(reverse("token_list")).status_code == 200
    [row] = ObjectChange.objects.filter(verb="đổi mật khẩu")
    assert (row.actor, row.object_id, row.before, row.after) == (user, str(user.pk), None, None)


def test_a_numeric_password_is_refused_in_vietnamese_and_nothing_changes(db, make_user):
    user = make_user("kyanh")
    before = user.password
    response = client_for(user).post(
        reverse("password_change"),
        {"old_password": "pw-12345-abc", "new_password1": "20262026", "new_password2": "20262026"},
    )
    assert response.status_code == 200
    assert "Mật khẩu này hoàn toàn là số." in response.content.decode()
    user.refresh_from_db()
    assert user.password == before
    assert not ObjectChange.objects.filter(verb="đổi mật khẩu").exists()


def test_a_wrong_current_password_is_refused(db, make_user):
    user = make_user("kyanh")
    response = client_for(user).post(
        reverse("password_change"),
        {
            "old_password": "nope",
            "new_password1": "Mua-xuan-2026",
            "new_password2": "Mua-xuan-2026",
        },
    )
    assert response.status_code == 200
    user.refresh_from_db()
    assert user.check_password("pw-12345-abc")


def test_the_validators_refuse_numbers_and_keep_the_demo_password():
    with pytest.raises(ValidationError) as error:
        validate_password("40917263581")
    assert [e.code for e in error.value.error_list] == ["password_entirely_numeric"]
    demo = get_user_model()(username="kyanh")
    validate_password("chitieu2026", user=demo)  # raises if refused


def test_a_token_expires_after_the_days_chosen(db, make_user):
    user = make_user("kyanh")
    before = timezone.now()
    token, _key = token_create(actor=user, name="Báo cáo", days=30)
    assert before + dt.timedelta(days=30) <= token.expires <= timezone.now() + dt.timedelta(days=30)
    default, _key = token_create(actor=user, name="Mặc định")
    assert abs(default.expires - default.created - dt.timedelta(days=90)) < dt.timedelta(seconds=5)


def test_a_token_lifetime_outside_the_choices_is_refused(db, make_user):
    user = make_user("kyanh")
    with pytest.raises(ValidationError):
        token_create(actor=user, name="Mãi mãi", days=100000)
    assert not ApiToken.objects.exists()


def test_the_token_page_creates_with_the_chosen_lifetime_and_shows_expiry_and_last_use(
    db, make_user
):
    user = make_user("kyanh")
    client = client_for(user)
    response = client.post(reverse("token_list"), {"name": "Kết nối", "days": "180"})
    token = ApiToken.objects.get(user=user)
    assert abs(token.expires - token.created - dt.timedelta(days=180)) < dt.timedelta(seconds=5)
    html = response.content.decode()
    assert "Hết hạn" in html and "Lần dùng gần nhất" in html
    assert "chưa dùng" in html


def test_an_expired_token_is_refused_with_a_json_vietnamese_error(db, make_user):
    user = make_user("kyanh")
    token, key = token_create(actor=user, name="Cũ", days=30)
    ApiToken.objects.filter(pk=token.pk).update(
        expires=dt.datetime(2026, 1, 2, 3, 4, tzinfo=dt.UTC)
    )
    response = Client().get("/api/units", headers={"Authorization": f"Bearer {key}"})
    assert response.status_code == 401
    assert response.json() == {
        "code": "token_expired",
        "message": (
            "Khóa API đã hết hạn lúc 02/01/2026 10:04; hãy tạo khóa mới trên trang tài khoản."
        ),
        "details": None,
    }
    token.refresh_from_db()
    assert token.last_used is None


def test_a_valid_token_records_its_last_use(db, make_user):
    user = make_user("kyanh")
    token, key = token_create(actor=user, name="Mới")
    response = Client().get("/api/units", headers={"Authorization": f"Bearer {key}"})
    assert response.status_code == 200
    token.refresh_from_db()
    assert token.last_used is not None
