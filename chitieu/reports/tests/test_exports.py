"""The report workbooks built outside the views: the overview (by its job) and the statistics."""

from decimal import Decimal as D
from io import BytesIO

import pytest
from django.http import Http404
from openpyxl import load_workbook

from chitieu.actuals.figurebook import View
from chitieu.awards.statistics.report import HEADINGS, Report
from chitieu.core.periods import Period
from chitieu.reports.exports import build_overview_workbook, statistics_rows, statistics_workbook
from chitieu.reports.selectors import access_decision
from chitieu.targets.services import target_create
from chitieu.testing import put


def rows_of(content: bytes) -> list[tuple]:
    return list(load_workbook(BytesIO(content)).active.iter_rows(values_only=True))


def test_the_overview_workbook_lists_each_unit_with_its_headline(
    tree, planner, town_resolution, catalogue
):
    target_create(
        actor=planner,
        resolution=town_resolution,
        issuer="Thị xã đề ra",
        indicator=catalogue["KT06"],
        value=D("273.5"),
    )
    put(planner, tree.town, catalogue["KT06"], "2021", "320")
    name, content = build_overview_workbook(
        planner, tree.province.pk, Period.parse("2021"), View.BEST, "name"
    )
    assert name == f"tong-hop-{tree.province.pk}-2021.xlsx"
    heading = catalogue["KT06"].name  # named as on the page, never by its code
    assert rows_of(content) == [
        ("Các đơn vị thuộc Tỉnh Hà Tĩnh — Năm 2021", None, None, None, None),
        ("Đơn vị", "Số chỉ tiêu chủ yếu", "Đạt và vượt", "Vượt", heading),
        ("Thị xã Kỳ Anh", 1, 1, 1, "Vượt"),
    ]
    # A second issuer's target of the same indicator: each verdict with its issuer.
    target_create(
        actor=planner,
        resolution=town_resolution,
        issuer="Tỉnh giao",
        indicator=catalogue["KT06"],
        value=D("400"),
    )
    _name, content = build_overview_workbook(
        planner, tree.province.pk, Period.parse("2021"), View.BEST, "name"
    )
    assert rows_of(content)[2][4] == "Thị xã đề ra: Vượt; Tỉnh giao: Không đạt"


def test_the_statistics_workbook_gives_the_counts_as_numbers(tree):
    report = Report(tree.town, 2024, movements=[])
    (totals,) = statistics_rows(report)
    assert totals[:3] == ("Tổng cộng", "", "0")
    rows = rows_of(statistics_workbook(tree.town, 2024, report))
    assert rows[0][0] == "Thống kê công tác thi đua, khen thưởng năm 2024 — Thị xã Kỳ Anh"
    assert rows[1][0] == "Số phong trào thi đua được phát động: 0"
    assert rows[2] == tuple(HEADINGS)
    assert rows[3][2:] == (0,) * (len(HEADINGS) - 2)


def test_a_decision_that_does_not_exist_is_not_found(planner):
    with pytest.raises(Http404):
        access_decision(planner, 999_999)
