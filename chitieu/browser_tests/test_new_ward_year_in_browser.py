"""Phường Sông Trí (a ward of 01/07/2025) runs its year 2026 in the browser: the province's
planner types the 2025 figure beside the growth target; the ward's reporter enters the 2026
estimate and the three tổ dân phố's figures on the ward's sheet; the planner approves the
estimate; the official figure is then entered and approved on its own; the planner reopens the
official report from the sheet with a reason; the results read the growth and "không đạt (đạt
2/3)" for the count of tổ dân phố."""

import datetime as dt
from decimal import Decimal

import pytest
from django.contrib.auth import get_user_model

from chitieu.accounts.models import Role
from chitieu.accounts.services import membership_create
from chitieu.actuals.models import Actual, Submission
from chitieu.core.models import ObjectChange
from chitieu.indicators.models import Indicator
from chitieu.indicators.services import load_default_catalogue
from chitieu.targets.models import Measure
from chitieu.targets.services import resolution_create, target_create
from chitieu.units.importer import import_admin_units
from chitieu.units.models import Unit, UnitType
from chitieu.units.services import unit_create

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
PASSWORD = "mat-khau-2026"
BUDGET = "Thu ngân sách nhà nước trên địa bàn"


@pytest.fixture
def song_tri():
    import_admin_units({"42"})
    load_default_catalogue()
    users = get_user_model().objects
    admin = users.create_superuser("root", password=PASSWORD)
    province = Unit.objects.get(source_key="province:tinhhatinh")
    ward = Unit.objects.get(name="Phường Sông Trí", parent=province)
    assert ward.valid_from == dt.date(2025, 7, 1)
    for username, role, unit in (
        ("songtri", Role.REPORTER, ward),
        ("kehoach", Role.PLANNER, province),
    ):
        membership_create(
            actor=admin,
            user=users.create_user(username, password=PASSWORD),
            role=role,
            unit=unit,
        )
    groups = [
        unit_create(
            actor=admin,
            name=f"Tổ dân phố {number}",
            type=UnitType.RESIDENTIAL_GROUP,
            parent=ward,
            valid_from=dt.date(2025, 7, 1),
        )
        for number in (1, 2, 3)
    ]
    resolution = resolution_create(
        actor=admin,
        unit=ward,
        number="05/NQ-HĐND",
        title="Kế hoạch phát triển kinh tế - xã hội năm 2026",
        date=dt.date(2025, 12, 18),
        issuing_body="HĐND phường Sông Trí",
        period="2026",
    )
    indicator = {i.code: i for i in Indicator.objects.all()}
    growth = target_create(
        actor=admin,
        resolution=resolution,
        issuer="HĐND phường giao",
        indicator=indicator["KT06"],
        value=Decimal("10"),
        measure=Measure.GROWTH,
        comparison="at_least",
    )
    target_create(
        actor=admin,
        resolution=resolution,
        issuer="HĐND phường giao",
        indicator=indicator["AN01"],
        value=Decimal("3"),
        measure=Measure.SUBUNIT_COUNT,
        comparison="at_least",
        threshold=Decimal("90"),
    )
    return ward, groups, resolution, growth


def log_in(page, live_server, username):
    page.context.clear_cookies()
    page.goto(live_server.url + "/accounts/login/")
    page.fill("input[name=username]", username)
    page.fill("input[name=password]", PASSWORD)
    page.click("button[type=submit]")
    page.wait_for_url(live_server.url + "/")


def test_a_new_wards_year_from_baseline_to_official_figures(
    page, live_server, song_tri, screenshot_path
):
    ward, groups, resolution, growth = song_tri
    sheet = f"{live_server.url}/actuals/{ward.pk}/2026/"

    # The planner types the 2025 figure beside the growth target.
    log_in(page, live_server, "kehoach")
    page.goto(f"{live_server.url}/resolutions/{resolution.pk}/")
    cell = page.locator(f"#baseline-{growth.pk}")
    cell.get_by_label(f"Cùng kỳ năm trước: {BUDGET}").fill("48,5")
    cell.get_by_role("button", name="Lưu").click()
    page.locator(
        f"#baseline-{growth.pk} .baseline-source", has_text="nhập cùng chỉ tiêu"
    ).wait_for()
    assert Actual.objects.get(unit=ward, period="2025").value == Decimal("48.5")
    page.screenshot(path=screenshot_path("baseline-beside-target"), full_page=True)

    # The ward's reporter: the 2026 estimate and the tổ dân phố's figures on the ward's sheet.
    log_in(page, live_server, "songtri")
    page.goto(sheet)
    assert "nhập cùng chỉ tiêu" in page.locator("table.entry").inner_text()
    page.get_by_label(BUDGET, exact=True).fill("55")
    for group, value in zip(groups, ("92", "95,5", "85"), strict=True):
        page.get_by_label(f"{group.name}: Tỷ lệ khu dân cư").fill(value)
    page.once("dialog", lambda dialog: dialog.accept())
    page.click("button[name=submit]")
    page.locator(".flash", has_text="Đã gửi báo cáo").wait_for()
    assert sorted(Actual.objects.filter(unit__in=groups).values_list("unit__name", "value")) == [
        ("Tổ dân phố 1", Decimal("92")),
        ("Tổ dân phố 2", Decimal("95.5")),
        ("Tổ dân phố 3", Decimal("85")),
    ]
    page.screenshot(path=screenshot_path("ward-sheet-with-groups"), full_page=True)

    # The level above approves the estimate.
    log_in(page, live_server, "kehoach")
    page.goto(f"{live_server.url}/actuals/review/?period=2026")
    page.locator("td.decide button.primary").click()
    page.locator(".flash", has_text="Đã xử lý").wait_for()
    assert dict(Submission.objects.filter(unit=ward).values_list("kind", "status")) == {
        "estimate": "approved"
    }

    # The official figure, entered after the estimate's approval and approved on its own.
    log_in(page, live_server, "songtri")
    page.goto(sheet)
    page.click("#enter-official")
    page.wait_for_url(sheet + "?kind=official")
    page.get_by_label(BUDGET, exact=True).fill("57,25")
    page.once("dialog", lambda dialog: dialog.accept())
    page.click("button[name=submit]")
    page.locator(".flash", has_text="Đã gửi báo cáo").wait_for()
    log_in(page, live_server, "kehoach")
    page.goto(f"{live_server.url}/actuals/review/?period=2026")
    row = page.locator("tr", has=page.locator("td.decide"))
    assert "Chính thức" in row.inner_text()
    row.locator("button.primary").click()
    page.locator(".flash", has_text="Đã xử lý").wait_for()
    assert dict(Submission.objects.filter(unit=ward).values_list("kind", "status")) == {
        "estimate": "approved",
        "official": "approved",
    }
    assert page.locator("#approved-reports form.reopen").count() == 2

    # Reopened from the sheet, with its reason kept.
    page.goto(sheet + "?kind=official")
    page.fill("#reopen-form input[name=comment]", "Chi cục Thống kê điều chỉnh số liệu")
    page.click("#reopen-form button")
    page.locator(".flash", has_text="Đã xử lý").wait_for()
    assert page.locator("#report-status").inner_text() == "Bị trả lại"
    assert dict(Submission.objects.filter(unit=ward).values_list("kind", "status")) == {
        "estimate": "approved",
        "official": "returned",
    }
    change = ObjectChange.objects.get(verb="mở lại")
    assert change.reason == "Chi cục Thống kê điều chỉnh số liệu"

    # The results: 57,25 against 48,5 is +18,04%; two of three tổ dân phố reached 90.
    page.goto(f"{live_server.url}/results/unit/{ward.pk}/?period=2026")
    results = page.locator("#results").inner_text()
    assert page.locator("#results .status").all_inner_texts() == ["Vượt", "Không đạt"]
    assert "(đạt 2/3)" in results
    page.screenshot(path=screenshot_path("new-ward-results"), full_page=True)

    # What waits: the ward's reporter is told the official report was returned, and why, and
    # that the six months' report is late (its deadline, 19/06/2026, passed).
    log_in(page, live_server, "songtri")
    tasks = page.locator("#tasks")
    returned = tasks.locator("li.task-returned")
    assert returned.inner_text() == (
        "Bị trả lại Phường Sông Trí — Năm 2026 (Chính thức): Chi cục Thống kê điều chỉnh số liệu"
    )
    late = tasks.locator("li.task-late").inner_text()
    assert "Phường Sông Trí — báo cáo 6 tháng đầu năm 2026" in late and "19/06/2026" in late
    returned.locator("a").click()
    page.wait_for_url(sheet + "?kind=official")
    page.screenshot(path=screenshot_path("ward-reporter-told-what-waits"), full_page=True)

    # The province's leader: the present year of the province and of the units under it.
    users = get_user_model().objects
    membership_create(
        actor=users.get(username="root"),
        user=users.create_user("lanhdao", password=PASSWORD),
        role=Role.VIEWER,
        unit=ward.parent,
    )
    log_in(page, live_server, "lanhdao")
    leader = page.locator("#leader")
    assert leader.locator("h2").inner_text() == "Tỉnh Hà Tĩnh — Năm 2026"
    row = leader.locator("#leader-units tr", has_text="Phường Sông Trí")
    assert row.locator("td").all_inner_texts() == ["Phường Sông Trí", "1/2", "1", "1"]
    assert leader.locator("#leader-units tbody tr").count() == 1  # only units with targets
    box = leader.locator("canvas#leader-chart").bounding_box()
    assert box is not None and box["width"] > 100 and box["height"] > 20
    assert "Không có việc nào đang chờ bạn." in page.locator("#tasks").inner_text()
    page.screenshot(path=screenshot_path("provincial-leader-first-page"), full_page=True)
