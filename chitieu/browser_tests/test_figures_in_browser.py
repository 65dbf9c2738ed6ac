"""A reporter types Vietnamese numbers, sees them checked as typed, and submits; the planner of
the province approves; the unit page shows the statuses and the headline."""

import datetime as dt
from decimal import Decimal

import pytest
from django.contrib.auth import get_user_model

from chitieu.accounts.models import Role
from chitieu.accounts.services import membership_create
from chitieu.actuals.models import Actual, Submission, SubmissionStatus
from chitieu.indicators.models import Indicator
from chitieu.indicators.services import load_default_catalogue
from chitieu.targets.models import Comparison
from chitieu.targets.services import resolution_create, target_create
from chitieu.units.importer import import_admin_units
from chitieu.units.models import Unit

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
PASSWORD = "mat-khau-2026"


@pytest.fixture
def ky_ninh():
    import_admin_units({"42"})
    load_default_catalogue()
    users = get_user_model().objects
    admin = users.create_superuser("root", password=PASSWORD)
    ward = Unit.objects.get(source_key="legacy:tinhhatinh_thixakyanh_phuongkyninh")
    province = Unit.objects.get(source_key="province:tinhhatinh")
    membership_create(
        actor=admin,
        user=users.create_user("kyninh", password=PASSWORD),
        role=Role.REPORTER,
        unit=ward,
    )
    membership_create(
        actor=admin,
        user=users.create_user("kehoach", password=PASSWORD),
        role=Role.PLANNER,
        unit=province,
    )
    resolution = resolution_create(
        actor=admin,
        unit=ward,
        number="12/NQ-HĐND",
        title="KH 2021",
        date=dt.date(2020, 12, 20),
        issuing_body="HĐND phường Kỳ Ninh",
        period="2021",
    )
    indicator = {i.code: i for i in Indicator.objects.all()}
    target_create(
        actor=admin,
        resolution=resolution,
        issuer="HĐND phường giao",
        indicator=indicator["KT06"],
        value=Decimal("1650"),
    )
    target_create(
        actor=admin,
        resolution=resolution,
        issuer="HĐND phường giao",
        indicator=indicator["XH03"],
        value=Decimal("3.2"),
        comparison=Comparison.AT_MOST,
    )
    return ward


def log_in(page, live_server, username):
    page.goto(live_server.url + "/accounts/login/")
    page.fill("input[name=username]", username)
    page.fill("input[name=password]", PASSWORD)
    page.click("button[type=submit]")
    page.wait_for_url(live_server.url + "/")


def test_enter_submit_approve_and_read_the_headline(page, live_server, ky_ninh, screenshot_path):
    log_in(page, live_server, "kyninh")
    page.goto(f"{live_server.url}/actuals/{ky_ninh.pk}/2021/")
    assert page.locator("#missing-count").inner_text() == "Còn thiếu 2 số liệu"
    budget = page.get_by_label("Thu ngân sách nhà nước trên địa bàn")
    budget.fill("1.695,36")
    page.locator("td .ok", has_text="✓ 1.695,36").wait_for()
    poverty = page.get_by_label("Tỷ lệ hộ nghèo")
    poverty.fill("3.5")
    page.locator("td .error", has_text="không phải là số hợp lệ").wait_for()
    poverty.fill("3,05")
    page.locator("td .ok", has_text="✓ 3,05").wait_for()
    page.screenshot(path=screenshot_path("entry-sheet"), full_page=True)
    page.once("dialog", lambda dialog: dialog.accept())
    page.click("button[name=submit]")
    page.locator(".flash", has_text="Đã gửi báo cáo").wait_for()
    assert Actual.objects.get(indicator__code="KT06").value == Decimal("1695.36")

    page.context.clear_cookies()
    log_in(page, live_server, "kehoach")
    page.goto(f"{live_server.url}/actuals/review/?period=2021")
    page.locator("td.decide button.primary").click()
    page.locator(".flash", has_text="Đã xử lý").wait_for()
    assert Submission.objects.get().status == SubmissionStatus.APPROVED

    page.goto(f"{live_server.url}/results/unit/{ky_ninh.pk}/?period=2021")
    assert page.locator(".headline .big").inner_text() == "2/2"
    assert page.locator("#results .status").all_inner_texts() == ["Vượt", "Vượt"]
    assert "102,75%" in page.locator("#results").inner_text()
    page.screenshot(path=screenshot_path("unit-results"), full_page=True)
