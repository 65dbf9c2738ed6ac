"""A real year, in the app alone: Hà Tĩnh started from an empty database with the console command,
then everything else in the browser. The first administrator changes the one-time password and
creates a planner of the province, a reporter of Phường Sông Trí and a leader; the ward's three
tổ dân phố are added under it; the planner records the ward's 2026 resolution with targets of
every form typed with Vietnamese decimals, a term target and the province's own rank target, and
the 2025 figure beside the growth target; the reporter enters the estimate and the tổ dân phố's
figures, then the official figures, each approved by the planner; the results read each target
in its own form; the leader finds the province's year on the home page."""

import datetime as dt
import io
import re
from decimal import Decimal

import pytest
from django.core.management import call_command

from chitieu.accounts.models import Membership, Role
from chitieu.actuals.models import Actual, Submission
from chitieu.core.models import ObjectChange
from chitieu.targets.models import Comparison, Measure, Resolution, Target
from chitieu.units.models import Unit, UnitType

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
BUDGET = "Thu ngân sách nhà nước trên địa bàn"
GROUPS = ("Tổ dân phố 1", "Tổ dân phố 2", "Tổ dân phố 3")


def log_in(page, live_server, username: str, password: str) -> None:
    page.context.clear_cookies()
    page.goto(live_server.url + "/accounts/login/")
    page.fill("input[name=username]", username)
    page.fill("input[name=password]", password)
    page.click("button[type=submit]")


def first_login(page, live_server, username: str, given: str, chosen: str) -> None:
    """The first login with the password shown once: the user must choose their own first."""
    log_in(page, live_server, username, given)
    page.wait_for_url(live_server.url + "/accounts/password/")
    page.locator("#change-required").wait_for()
    page.fill("input[name=old_password]", given)
    page.fill("input[name=new_password1]", chosen)
    page.fill("input[name=new_password2]", chosen)
    page.click("button[type=submit]")
    page.locator(".flash", has_text="Đã đổi mật khẩu").wait_for()


def pick_unit(page, results_id: str, typed: str, shown: str) -> None:
    page.fill(f"#{results_id}-search", typed)
    exactly = re.compile(rf"^\s*{re.escape(shown)}\s*$")
    choice = page.locator(f"#{results_id} label.pick", has_text=exactly)
    choice.wait_for()
    choice.locator("input[type=radio]").check()


def create_user(page, username: str, full_name: str, role: str, typed: str, shown: str) -> str:
    """A new account on the users page, its password left to the system: the one shown."""
    page.goto(page.url.split("/accounts/")[0] + "/accounts/users/")
    page.locator("#new-user summary").click()
    page.fill("#new-user input[name=username]", username)
    page.fill("#new-user input[name=full_name]", full_name)
    page.select_option("#new-user select[name=role]", label=role)
    pick_unit(page, "unit-results", typed, shown)
    page.click("button[name=create]")
    page.locator("#created", has_text=f"Đã tạo tài khoản {username} ({full_name}).").wait_for()
    return page.locator("#new-password").inner_text().strip()


def record_resolution(page, url, unit, *, number, title, date, body, period) -> Resolution:
    """From the unit's page: its resolutions, then a new one."""
    page.goto(f"{url}/units/{unit.pk}/")
    page.click("p.actions a:text-is('Nghị quyết')")
    page.click("text=Nhập nghị quyết")
    page.fill("input[name=number]", number)
    page.fill("input[name=title]", title)
    page.fill("input[name=date]", date)
    page.fill("input[name=issuing_body]", body)
    page.fill("input[name=period]", period)
    page.click("form button.primary")
    page.locator(".flash", has_text="Đã ghi nhận nghị quyết").wait_for()
    return Resolution.objects.get(unit=unit, number=number)


def add_target(
    page,
    code,
    measure,
    comparison,
    *,
    value,
    wording,
    upper="",
    threshold="",
    issuer="HĐND phường giao",
):
    """One target typed on the resolution's page, the Vietnamese way."""
    option = page.locator("#id_indicator option", has_text=f"{code} · ").first
    page.select_option("#id_indicator", option.get_attribute("value"))
    page.fill("#id_issuer", issuer)
    measures = page.locator("#id_measure option", has_text=measure).first
    page.select_option("#id_measure", measures.get_attribute("value"))
    comparisons = page.locator("#id_comparison option", has_text=comparison).first
    page.select_option("#id_comparison", comparisons.get_attribute("value"))
    page.fill("#id_value", value)
    page.fill("#id_upper", upper)
    page.fill("#id_threshold", threshold)
    page.fill("#id_wording", wording)
    page.click("button.primary:has-text('Thêm')")
    page.locator(".flash", has_text="Đã thêm chỉ tiêu").wait_for()


def test_a_province_from_an_empty_database_runs_its_year_in_the_browser(
    page, live_server, screenshot_path
):
    url = live_server.url
    # 1. The console: the province, its units, the catalogue and the first administrator.
    out = io.StringIO()
    call_command("start_province", "Hà Tĩnh", "--admin", "quantri", stdout=out)
    printed = out.getvalue()
    found = re.search(r"Quản trị viên quantri, mật khẩu: (\S+)", printed)
    assert found is not None, printed
    province = Unit.objects.get(source_key="province:tinhhatinh")
    ward = Unit.objects.get(name="Phường Sông Trí", parent=province)
    assert ward.valid_from == dt.date(2025, 7, 1)
    assert not Unit.objects.filter(parent=ward).exists()

    # 2. The administrator changes the one-time password and creates the accounts.
    first_login(page, live_server, "quantri", found.group(1), "Quan-Tri-Ha-Tinh-26")
    page.goto(url + "/")
    page.click("nav.mainnav >> text=Người dùng")
    page.wait_for_selector("h1:has-text('Người dùng')")
    given = {
        "kehoach": create_user(
            page,
            "kehoach",
            "Trần Văn Kế",
            "Cán bộ kế hoạch",
            "ha tinh",
            "Tỉnh Hà Tĩnh",
        ),
        "songtri": create_user(
            page,
            "songtri",
            "Nguyễn Thị Lam",
            "Cán bộ báo cáo đơn vị",
            "song tri",
            "Phường Sông Trí · Tỉnh Hà Tĩnh",
        ),
        "lanhdao": create_user(
            page, "lanhdao", "Lê Văn Đạo", "Người xem", "ha tinh", "Tỉnh Hà Tĩnh"
        ),
    }
    assert sorted(
        Membership.objects.filter(user__username__in=given).values_list(
            "user__username", "role", "unit__name"
        )
    ) == [
        ("kehoach", Role.PLANNER, "Tỉnh Hà Tĩnh"),
        ("lanhdao", Role.VIEWER, "Tỉnh Hà Tĩnh"),
        ("songtri", Role.REPORTER, "Phường Sông Trí"),
    ]
    page.screenshot(path=screenshot_path("province-users-created"), full_page=True)

    # 3. The ward's three tổ dân phố, added under it.
    page.goto(f"{url}/units/{ward.pk}/")
    for name in GROUPS:
        page.click("text=Thêm đơn vị, tổ chức trực thuộc")
        page.fill("input[name=name]", name)
        page.select_option("select[name=type]", label="Tổ dân phố")
        page.fill("input[name=valid_from]", "01/07/2025")
        page.fill("input[name=reason]", "Tổ dân phố của phường")
        page.click("form button.primary")
        page.wait_for_selector(f"h1:has-text('{name}')")
        page.click(".crumbs a:text-is('Phường Sông Trí')")
    groups = list(Unit.objects.filter(parent=ward).order_by("name"))
    assert [(g.name, g.type, g.valid_from) for g in groups] == [
        (name, UnitType.RESIDENTIAL_GROUP, dt.date(2025, 7, 1)) for name in GROUPS
    ]

    passwords = {
        "kehoach": "Ke-Hoach-Tinh-2026",
        "songtri": "Rieng-Cua-Lam-77",
        "lanhdao": "Lanh-Dao-Tinh-2026",
    }
    for username, password in passwords.items():
        first_login(page, live_server, username, given[username], password)

    # 4. The province's planner: the ward's 2026 resolution and its targets, typed.
    log_in(page, live_server, "kehoach", passwords["kehoach"])
    page.wait_for_url(url + "/")
    ward_plan = record_resolution(
        page,
        url,
        ward,
        number="05/NQ-HĐND",
        title="Kế hoạch phát triển kinh tế - xã hội năm 2026",
        date="18/12/2025",
        body="HĐND phường Sông Trí",
        period="2026",
    )
    add_target(
        page,
        "KT06",
        "Tốc độ tăng so với cùng kỳ (%)",
        "Tối thiểu",
        value="9,5",
        wording="Thu ngân sách tăng 9,5%",
    )
    add_target(
        page,
        "XH06",
        "Giá trị đạt được",
        "Trong khoảng",
        value="95,5",
        upper="97",
        wording="Tỷ lệ tham gia bảo hiểm y tế từ 95,5% đến 97%",
    )
    add_target(
        page, "XH03", "Giá trị đạt được", "Tối đa", value="3,2", wording="Tỷ lệ hộ nghèo dưới 3,2%"
    )
    add_target(
        page,
        "KT07",
        "Giá trị đạt được",
        "Đạt",
        value="1.695,36",
        wording="Tổng mức bán lẻ đạt 1.695,36 tỷ đồng",
    )
    add_target(
        page,
        "AN01",
        "Số đơn vị cấp dưới đạt chuẩn",
        "Tối thiểu",
        value="3",
        threshold="90",
        wording="3 tổ dân phố đạt tiêu chuẩn an toàn từ 90 điểm",
    )
    assert sorted(
        Target.objects.filter(resolution=ward_plan).values_list(
            "indicator__code", "measure", "comparison", "value", "upper", "threshold"
        )
    ) == [
        ("AN01", Measure.SUBUNIT_COUNT, Comparison.AT_LEAST, Decimal("3"), None, Decimal("90")),
        ("KT06", Measure.GROWTH, Comparison.AT_LEAST, Decimal("9.5"), None, None),
        ("KT07", Measure.LEVEL, Comparison.REACH, Decimal("1695.36"), None, None),
        ("XH03", Measure.LEVEL, Comparison.AT_MOST, Decimal("3.2"), None, None),
        ("XH06", Measure.LEVEL, Comparison.RANGE, Decimal("95.5"), Decimal("97"), None),
    ]
    planned = page.locator("#targets").inner_text()
    for text in (
        "tăng 9,5% trở lên",
        "95,5–97%",
        "dưới 3,2%",
        "đạt 1.695,36 tỷ đồng",
        "có từ 3 đơn vị trở lên đạt chuẩn (từ 90% trở lên)",
    ):
        assert text in planned

    # The 2025 figure, typed beside the growth target.
    growth = Target.objects.get(resolution=ward_plan, indicator__code="KT06")
    cell = page.locator(f"#baseline-{growth.pk}")
    cell.get_by_label(f"Cùng kỳ năm trước: {BUDGET}").fill("48,5")
    cell.get_by_role("button", name="Lưu").click()
    page.locator(
        f"#baseline-{growth.pk} .baseline-source", has_text="nhập cùng chỉ tiêu"
    ).wait_for()
    assert Actual.objects.get(unit=ward, indicator__code="KT06", period="2025").value == Decimal(
        "48.5"
    )
    page.screenshot(path=screenshot_path("province-ward-targets"), full_page=True)

    # The term: new enterprises over 2026–2030.
    term_plan = record_resolution(
        page,
        url,
        ward,
        number="01/NQ-ĐH",
        title="Nghị quyết Đại hội Đảng bộ phường nhiệm kỳ 2026 - 2030",
        date="20/08/2025",
        body="Đảng bộ phường Sông Trí",
        period="T2026-2030",
    )
    add_target(
        page,
        "KT11",
        "Lũy kế cả nhiệm kỳ",
        "Tối thiểu",
        value="60",
        wording="Thành lập mới 60 doanh nghiệp trong nhiệm kỳ",
        issuer="Đại hội giao",
    )
    assert list(
        Target.objects.filter(resolution=term_plan).values_list("period", "measure", "value")
    ) == [("T2026-2030", Measure.TERM_TOTAL, Decimal("60"))]

    # The province's own rank: among the ten leading provinces in the PCI.
    province_plan = record_resolution(
        page,
        url,
        province,
        number="85/NQ-HĐND",
        title="Kế hoạch phát triển kinh tế - xã hội tỉnh năm 2026",
        date="10/12/2025",
        body="HĐND tỉnh Hà Tĩnh",
        period="2026",
    )
    add_target(
        page,
        "CC08",
        "Thứ hạng (1 là",
        "Tối đa",
        value="10",
        wording="PCI trong nhóm 10 tỉnh dẫn đầu",
        issuer="HĐND tỉnh giao",
    )
    assert list(
        Target.objects.filter(resolution=province_plan).values_list(
            "unit__name", "measure", "comparison", "value"
        )
    ) == [("Tỉnh Hà Tĩnh", Measure.RANK, Comparison.AT_MOST, Decimal("10"))]
    assert "trong nhóm 10 tỉnh dẫn đầu" in page.locator("#targets").inner_text()

    # 5. The ward's reporter: the estimate and the tổ dân phố's figures, then submitted.
    sheet = f"{url}/actuals/{ward.pk}/2026/"
    log_in(page, live_server, "songtri", passwords["songtri"])
    page.wait_for_url(url + "/")
    page.goto(sheet)
    estimate = {
        BUDGET: "52,8",
        "Tỷ lệ dân số tham gia bảo hiểm y tế": "96,25",
        "Tỷ lệ hộ nghèo": "2,95",
        "Tổng mức bán lẻ hàng hóa và doanh thu dịch vụ tiêu dùng": "1.702,4",
        "Số doanh nghiệp thành lập mới": "14",
    }
    for label, value in estimate.items():
        page.get_by_label(label, exact=True).fill(value)
    for group, value in zip(GROUPS, ("92", "95,5", "85"), strict=True):
        page.get_by_label(f"{group}: Tỷ lệ khu dân cư").fill(value)
    page.once("dialog", lambda dialog: dialog.accept())
    page.click("button[name=submit]")
    page.locator(".flash", has_text="Đã gửi báo cáo").wait_for()
    page.screenshot(path=screenshot_path("province-ward-estimate-sheet"), full_page=True)
    assert sorted(
        Actual.objects.filter(unit=ward, period="2026").values_list("indicator__code", "value")
    ) == [
        ("KT06", Decimal("52.8")),
        ("KT07", Decimal("1702.4")),
        ("KT11", Decimal("14")),
        ("XH03", Decimal("2.95")),
        ("XH06", Decimal("96.25")),
    ]
    assert sorted(Actual.objects.filter(unit__in=groups).values_list("unit__name", "value")) == [
        ("Tổ dân phố 1", Decimal("92")),
        ("Tổ dân phố 2", Decimal("95.5")),
        ("Tổ dân phố 3", Decimal("85")),
    ]

    # The planner approves the estimate from the review list.
    log_in(page, live_server, "kehoach", passwords["kehoach"])
    page.wait_for_url(url + "/")
    page.click("text=Duyệt báo cáo")
    page.locator("td.decide button.primary").click()
    page.locator(".flash", has_text="Đã xử lý").wait_for()
    assert dict(Submission.objects.filter(unit=ward).values_list("kind", "status")) == {
        "estimate": "approved"
    }

    # The official figures, submitted and approved on their own.
    log_in(page, live_server, "songtri", passwords["songtri"])
    page.wait_for_url(url + "/")
    page.goto(sheet)
    page.click("#enter-official")
    page.wait_for_url(sheet + "?kind=official")
    page.get_by_label(BUDGET, exact=True).fill("53,35")
    page.get_by_label("Tổng mức bán lẻ hàng hóa và doanh thu dịch vụ tiêu dùng", exact=True).fill(
        "1.690,05"
    )
    page.once("dialog", lambda dialog: dialog.accept())
    page.click("button[name=submit]")
    page.locator(".flash", has_text="Đã gửi báo cáo").wait_for()
    log_in(page, live_server, "kehoach", passwords["kehoach"])
    page.wait_for_url(url + "/")
    page.click("text=Duyệt báo cáo")
    row = page.locator("tr", has=page.locator("td.decide"))
    assert "Chính thức" in row.inner_text()
    row.locator("button.primary").click()
    page.locator(".flash", has_text="Đã xử lý").wait_for()
    assert dict(Submission.objects.filter(unit=ward).values_list("kind", "status")) == {
        "estimate": "approved",
        "official": "approved",
    }
    assert sorted(
        Actual.objects.filter(unit=ward, period="2026", kind="official").values_list(
            "indicator__code", "value"
        )
    ) == [("KT06", Decimal("53.35")), ("KT07", Decimal("1690.05"))]

    # 6. The ward's results, each target read in its own form.
    page.goto(f"{url}/units/{ward.pk}/")
    page.click("text=Chỉ tiêu và kết quả")
    page.wait_for_url(f"{url}/results/unit/{ward.pk}/**")
    assert page.locator("h1").inner_text() == "Phường Sông Trí — Năm 2026"
    assert page.locator("#results .status").all_inner_texts() == [
        "Vượt",
        "Đạt",
        "Vượt",
        "Gần đạt",
        "Không đạt",
        "Đúng tiến độ",
    ]

    def row_of(indicator: str) -> list[str]:
        cells = page.locator("#results tbody tr", has_text=indicator).first.locator("td")
        return [" ".join(text.split()) for text in cells.all_inner_texts()]

    # 53,35 against 48,5 is a growth of 10%, above the 9,5% planned.
    assert row_of(BUDGET)[2:] == ["tăng 9,5% trở lên", "10%", "105,26%", "+10%", "Vượt"]
    assert row_of("bảo hiểm y tế")[2:] == ["95,5–97%", "96,25 ước", "100,79%", "", "Đạt"]
    assert row_of("hộ nghèo")[2:] == ["dưới 3,2%", "2,95 ước", "92,19%", "", "Vượt"]
    assert row_of("bán lẻ")[2:] == ["đạt 1.695,36 tỷ đồng", "1.690,05", "99,69%", "", "Gần đạt"]
    assert row_of("an ninh, trật tự")[2:] == [
        "có từ 3 đơn vị trở lên đạt chuẩn (từ 90% trở lên)",
        "2 tổng hợp",
        "66,67%",
        "",
        "Không đạt (đạt 2/3)",
    ]
    assert row_of("doanh nghiệp thành lập mới")[1:] == [
        "Đại hội giao",
        "từ 60 doanh nghiệp trở lên cả nhiệm kỳ",
        "14 ước",
        "23,33% cả nhiệm kỳ, cần đạt 20%",
        "",
        "Đúng tiến độ",
    ]
    # The term target is counted apart: the year's headline is of the five yearly targets.
    headline = page.locator(".headlines .headline").first.inner_text()
    assert " ".join(headline.split()) == (
        "3/5 chỉ tiêu chủ yếu đạt và vượt, trong đó 2 chỉ tiêu vượt HĐND phường giao"
    )
    term = " ".join(page.locator("#term-targets").inner_text().split())
    assert term == "1 chỉ tiêu nhiệm kỳ, tính riêng với kết quả năm 1 đúng tiến độ"
    page.screenshot(path=screenshot_path("province-ward-results"), full_page=True)

    # The leader: the province's year on the home page.
    log_in(page, live_server, "lanhdao", passwords["lanhdao"])
    page.wait_for_url(url + "/")
    leader = page.locator("#leader")
    assert leader.locator("h2").first.inner_text() == "Tỉnh Hà Tĩnh — Năm 2026"
    row = leader.locator("#leader-units tr", has_text="Phường Sông Trí")
    assert row.locator("td").all_inner_texts() == ["Phường Sông Trí", "3/5", "2", "2"]
    box = leader.locator("canvas#leader-chart").bounding_box()
    assert box is not None and box["width"] > 100 and box["height"] > 20
    page.screenshot(path=screenshot_path("province-leader-home"), full_page=True)

    # Every step left its trace, under the name of who did it.
    done_by = set(ObjectChange.objects.values_list("actor__username", "content_type__model"))
    assert {
        ("quantri", "user"),
        ("quantri", "unit"),
        ("kehoach", "resolution"),
        ("kehoach", "target"),
        ("kehoach", "submission"),
        ("songtri", "actual"),
        ("songtri", "submission"),
    } <= done_by
