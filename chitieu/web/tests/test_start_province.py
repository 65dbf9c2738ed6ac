"""`chitieu start_province` on an empty database: the province's units from the registry, the
catalogue, a first administrator who must change the generated password; a second run changes
nothing and says so; an unknown province is refused in Vietnamese."""

import datetime as dt
import io
import re

import pytest
from django.contrib.auth import get_user_model
from django.core.management import CommandError, call_command
from django.test import Client

from chitieu.accounts.models import Membership, PasswordChangeDemand, Role
from chitieu.core.models import ObjectChange
from chitieu.indicators.models import Indicator
from chitieu.units.models import COMMUNE_LEVEL, Unit

pytestmark = pytest.mark.django_db


def start(*args: str) -> str:
    out = io.StringIO()
    call_command("start_province", *args, stdout=out)
    return out.getvalue()


def test_a_province_starts_from_an_empty_database_with_its_first_administrator(today):
    today(dt.date(2026, 12, 2))
    assert Unit.objects.count() == 0 and get_user_model().objects.count() == 0

    output = start("Hà Tĩnh", "--admin", "quantri", "--email", "quantri@hatinh.gov.vn")

    province = Unit.objects.get(source_key="province:tinhhatinh")
    wards = Unit.objects.valid_on(dt.date(2026, 12, 2)).filter(
        parent=province, type__in=COMMUNE_LEVEL
    )
    assert wards.count() == 69
    assert wards.filter(name__in=["Phường Sông Trí", "Phường Hải Ninh"]).count() == 2
    assert Indicator.objects.count() == 52
    user = get_user_model().objects.get(username="quantri")
    assert user.email == "quantri@hatinh.gov.vn"
    assert not user.is_superuser and not user.is_staff
    assert list(Membership.objects.filter(user=user).values_list("role", "unit__name")) == [
        (Role.ADMIN, "Tỉnh Hà Tĩnh")
    ]
    assert PasswordChangeDemand.objects.filter(user=user).exists()
    password = re.search(r"mật khẩu: (\S+)", output).group(1)
    assert user.check_password(password)
    assert output.splitlines()[0] == (
        f"Tỉnh Hà Tĩnh: 69 đơn vị cấp xã hiện hành ({Unit.objects.count()} đơn vị mới nhập "
        "từ danh mục)."
    )
    # Audited: the account and its role, by the console (no actor).
    created = ObjectChange.objects.filter(reason="Khởi tạo tỉnh")
    assert sorted(created.values_list("content_type__model", flat=True)) == [
        "membership",
        "user",
    ]
    assert not created.exclude(actor=None).exists()
    # The first login asks for a new password before anything else.
    client = Client()
    response = client.post("/accounts/login/", {"username": "quantri", "password": password})
    assert response.status_code == 302
    assert client.get("/").url.startswith("/accounts/password/")


def test_running_it_again_changes_nothing_and_says_so(today):
    today(dt.date(2026, 12, 2))
    start("42", "--admin", "quantri")
    user = get_user_model().objects.get(username="quantri")
    counts = (Unit.objects.count(), Indicator.objects.count(), ObjectChange.objects.count())

    output = start("tinh ha tinh", "--admin", "quantri")

    assert output == (
        "Tỉnh Hà Tĩnh đã được khởi tạo trước đó: không có gì thay đổi "
        "(69 đơn vị cấp xã, quản trị viên quantri).\n"
    )
    assert (Unit.objects.count(), Indicator.objects.count(), ObjectChange.objects.count()) == counts
    assert get_user_model().objects.get(username="quantri").password == user.password


def test_an_unknown_province_is_refused_in_vietnamese_and_nothing_is_made():
    with pytest.raises(CommandError) as error:
        start("Tỉnh Hà Tây", "--admin", "quantri")

    assert str(error.value) == (
        "Không tìm thấy tỉnh, thành phố “Tỉnh Hà Tây” trong danh mục đơn vị hành chính hiện "
        "hành (34 tỉnh, thành phố từ 01/07/2025). Hãy nhập tên (ví dụ: Hà Tĩnh) hoặc mã "
        "(ví dụ: 42)."
    )
    assert Unit.objects.count() == 0
    assert get_user_model().objects.count() == 0
    assert Indicator.objects.count() == 0
