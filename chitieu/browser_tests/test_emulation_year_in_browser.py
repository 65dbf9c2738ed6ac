"""Issue 13: the Board of Hà Tĩnh runs 2026 in the browser for a cluster of six current wards
and communes, from an empty year: the cluster, its scoring table (one scored and one computed
criterion), the signatures with their day (one by the ward itself, the others recorded by the
Board on the members' behalf), the scores at the three stages, the Board's confirmation, the
ranking with the computed criterion, the vote and the proposal made from it."""

import datetime as dt
from decimal import Decimal as D

import pytest

from chitieu.actuals.services import ValueInput, actuals_save
from chitieu.awards.models import Proposal
from chitieu.browser_tests.test_commendation_in_browser import log_in
from chitieu.emulation.models import ClusterMember, ClusterYear, Criterion, Score
from chitieu.targets.services import resolution_create, target_create
from chitieu.units.models import UnitType
from chitieu.units.services import unit_create

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

WARDS = (
    "Phường Hải Ninh",  # of the fixture tree
    "Phường Sông Trí",
    "Phường Hoành Sơn",
    "Xã Kỳ Xuân",
    "Xã Kỳ Văn",
    "Xã Kỳ Khang",
)


def targets_of(superuser, catalogue, unit, budget, schools):
    """Two main targets of the ward for 2026 and its estimates of the year."""
    resolution = resolution_create(
        actor=superuser,
        unit=unit,
        number="01/NQ-HĐND",
        title="Kế hoạch năm 2026",
        date=dt.date(2025, 12, 15),
        issuing_body="HĐND",
        period="2026",
    )
    for code, value in (("KT06", D("10")), ("XD02", D("100"))):
        target_create(
            actor=superuser,
            resolution=resolution,
            issuer="HĐND",
            indicator=catalogue[code],
            value=value,
        )
    actuals_save(
        actor=superuser,
        unit=unit,
        period="2026",
        kind="estimate",
        values=[
            ValueInput(catalogue["KT06"], D(budget), 0),
            ValueInput(catalogue["XD02"], D(schools), 0),
        ],
    )


def test_the_board_runs_2026_for_six_current_wards_from_an_empty_year(
    new_page, live_server, tree, superuser, make_user, board, awards, catalogue, screenshot_path
):
    units = {tree.new_ward.name: tree.new_ward}
    for name in WARDS[1:]:
        kind = UnitType.WARD if name.startswith("Phường") else UnitType.COMMUNE
        units[name] = unit_create(
            actor=superuser,
            name=name,
            type=kind,
            parent=tree.province,
            valid_from=tree.new_ward.valid_from,
        )
    # Sông Trí met both its targets (and exceeded them), Hoành Sơn one of two.
    targets_of(superuser, catalogue, units["Phường Sông Trí"], "12", "110")
    targets_of(superuser, catalogue, units["Phường Hoành Sơn"], "9", "120")
    make_user("song_tri", "board", units["Phường Sông Trí"])
    base = live_server.url

    page = new_page()
    log_in(page, live_server, "board")
    # An empty year: a new cluster.
    page.goto(f"{base}/emulation/{tree.province.pk}/2026/")
    page.click("summary:has-text('Thêm cụm, khối thi đua')")
    form = page.locator("details:has(summary:has-text('Thêm cụm, khối thi đua')) form")
    form.locator("input[name=name]").fill("Cụm thi đua các phường, xã phía Nam")
    form.locator("select[name=kind]").select_option("cum")
    form.locator("input[name=decision_number]").fill("15/QĐ-UBND")
    form.locator("input[name=decision_date]").fill("05/01/2026")
    form.locator("button").click()
    page.get_by_text("Đã lưu.").wait_for()

    # Its scoring table: one criterion scored by people, one computed from the targets.
    page.click("a:has-text('Bảng chấm điểm')")
    page.fill("#new-table input[name=name]", "Bảng điểm cụm phía Nam 2026")
    page.click("#new-table button")
    page.get_by_text("Chưa có tiêu chí nào.").wait_for()
    for code, name, top, method in (
        ("I", "Công tác chỉ đạo, tổ chức phong trào", "40", "manual"),
        ("II", "Thực hiện các chỉ tiêu chủ yếu", "60", "targets"),
    ):
        page.fill("#criterion-form input[name=code]", code)
        page.fill("#criterion-form input[name=name]", name)
        page.fill("#criterion-form input[name=max_points]", top)
        page.select_option("#criterion-form select[name=method]", method)
        if method == "targets":
            page.select_option("#criterion-form select[name=rule]", "share")
        page.click("#criterion-form button")
        page.locator("#criteria td", has_text=name).wait_for()
    assert (
        page.locator("#criteria")
        .get_by_text("Điểm = số chỉ tiêu chủ yếu đạt và vượt / tổng số chỉ tiêu chủ yếu × 60 điểm")
        .count()
        == 1
    )

    # The cluster's year: six current wards and communes, the chair, the table.
    page.goto(f"{base}/emulation/{tree.province.pk}/2026/")
    page.click("a[href$='/2026/setup/']")
    for name in WARDS:
        page.locator(f"label[for^='id_members_']:text-is('{name}') input").check()
    page.select_option("select[name=chair]", label="Phường Sông Trí")
    page.select_option("select[name=scoring_table]", label="Bảng điểm cụm phía Nam 2026 (2026)")
    page.click("form.card button.primary")
    page.wait_for_url("**/emulation/cluster/*/")
    cluster_url = page.url
    cluster_year = ClusterYear.objects.get(year=2026)
    assert sorted(cluster_year.members.values_list("unit__name", flat=True)) == sorted(WARDS)

    # Sông Trí signs for itself on the day of the conference; the Board records the others.
    ward = new_page()
    log_in(ward, live_server, "song_tri")
    ward.goto(cluster_url)
    row = ward.locator("tr[data-member='Phường Sông Trí']")
    row.locator("input[name=signed_on]").fill("07/01/2026")
    row.locator("form.sign button").click()
    ward.get_by_text("Đã lưu.").wait_for()
    for name in WARDS:
        if name == "Phường Sông Trí":
            continue
        row = page.locator(f"tr[data-member='{name}']")
        row.locator("input[name=signed_on]").fill("07/01/2026")
        row.locator("form.sign button").click()
        page.get_by_text("Đã lưu.").wait_for()
    page.goto(cluster_url)
    assert (
        "do Ban ghi thay đơn vị"
        in page.locator("tr[data-member='Xã Kỳ Văn'] td.signed").inner_text()
    )
    assert (
        "do Ban ghi thay"
        not in page.locator("tr[data-member='Phường Sông Trí'] td.signed").inner_text()
    )
    members = {m.unit.name: m for m in ClusterMember.objects.filter(cluster_year=cluster_year)}
    assert {(n, m.signed_on, m.signed_for_member) for n, m in members.items()} == {
        (n, dt.date(2026, 1, 7), n != "Phường Sông Trí") for n in WARDS
    }

    # Before the Board confirms, there is no vote to record.
    assert page.locator("#vote-form").count() == 0
    # The scores: Sông Trí assesses itself, the cluster reviews, the Board confirms.
    ward.goto(cluster_url)
    ward.select_option("#score-form select[name=member]", label="Phường Sông Trí")
    ward.select_option("#score-form select[name=stage]", "self")
    ward.fill("#score-form input[name=points]", "38")
    ward.click("#score-form button")
    ward.get_by_text("Đã lưu.").wait_for()
    board_points = {
        "Phường Sông Trí": "35,5",
        "Phường Hải Ninh": "36",
        "Phường Hoành Sơn": "36",
        "Xã Kỳ Xuân": "36",
        "Xã Kỳ Văn": "30",
        "Xã Kỳ Khang": "33,25",
    }
    for name, points in board_points.items():
        stages = ("cluster", "board") if name == "Phường Sông Trí" else ("board",)
        for stage in stages:
            page.select_option("#score-form select[name=member]", label=name)
            page.select_option("#score-form select[name=stage]", stage)
            page.fill("#score-form input[name=points]", "37" if stage == "cluster" else points)
            page.click("#score-form button")
            page.get_by_text("Đã lưu.").wait_for()
    assert sorted(
        Score.objects.filter(member__unit__name="Phường Sông Trí").values_list("stage", "points")
    ) == [("board", D("35.50")), ("cluster", D("37.00")), ("self", D("38.00"))]

    # Every member signed and scored: the Board confirms.
    page.goto(cluster_url)
    assert page.locator("#gaps").count() == 0
    page.click("#confirm-form button")
    page.locator("#confirmed").wait_for()
    assert page.locator("#score-form").count() == 0

    # The ranking with the computed criterion (share of main targets met × 60), and the
    # tie-break chain to the name: Hải Ninh and Kỳ Xuân tie on every count but the name.
    assert page.locator("#rules").inner_text() == (
        "II. Thực hiện các chỉ tiêu chủ yếu: Điểm = số chỉ tiêu chủ yếu đạt và vượt / tổng số "
        "chỉ tiêu chủ yếu × 60 điểm (làm tròn 2 chữ số thập phân)."
    )
    rows = page.locator("#ranking-table tbody tr")
    ranking = [
        tuple(rows.nth(i).locator("td").nth(j).inner_text() for j in (0, 1, 2, 3))
        for i in range(rows.count())
    ]
    assert ranking == [
        ("1", "Phường Sông Trí", "95,5", "60"),
        ("2", "Phường Hoành Sơn", "66", "30"),
        ("3", "Phường Hải Ninh", "36", "0"),
        ("4", "Xã Kỳ Xuân", "36", "0"),
        ("5", "Xã Kỳ Khang", "33,25", "0"),
        ("6", "Xã Kỳ Văn", "30", "0"),
    ]
    assert "tên đơn vị theo thứ tự chữ cái" in rows.nth(3).inner_text()
    assert "tên đơn vị" in page.locator("#tie-break").inner_text()
    page.screenshot(path=screenshot_path("emulation_year_2026"), full_page=True)

    # The vote, then the proposal made from it.
    page.select_option("#vote-form select[name=award]", "CO_TINH")
    page.select_option("#vote-form select[name=member]", label="Phường Sông Trí")
    page.fill("#vote-form input[name=votes_in_favour]", "6")
    page.fill("#vote-form input[name=voters]", "6")
    page.click("#vote-form button")
    page.get_by_text("Đã lưu.").wait_for()
    page.click("button:has-text('Lập tờ trình theo kết quả bỏ phiếu')")
    page.get_by_text("Đã lập tờ trình theo kết quả bỏ phiếu.").wait_for()
    proposal = Proposal.objects.get(cluster_year=cluster_year)
    assert [(i.unit.name, i.award.code, i.votes_in_favour) for i in proposal.items.all()] == [
        ("Phường Sông Trí", "CO_TINH", 6)
    ]
    assert Criterion.objects.filter(table=cluster_year.scoring_table).count() == 2
