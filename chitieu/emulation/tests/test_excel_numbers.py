"""Excel exports hold numbers as numbers: the ranking's rank and points, money in đồng, counts
and dates with Vietnamese formats."""

import datetime as dt
import io
from decimal import Decimal as D

from django.urls import reverse
from openpyxl import load_workbook

from chitieu.core.excel import number_format, table_workbook
from chitieu.emulation.services import score_set
from chitieu.testing import client_for


def test_the_ranking_workbook_has_numeric_rank_and_points(tree, board, cluster_year):
    member = cluster_year.members.get(unit=tree.town)
    criterion = cluster_year.scoring_table.criteria.get(code="I.1")
    score_set(actor=board, member=member, criterion=criterion, stage="board", points=D("15.5"))
    url = reverse("ranking_document", args=[cluster_year.pk, "xlsx"])
    sheet = load_workbook(io.BytesIO(client_for(board).get(url).content)).active
    assert [c.value for c in sheet[2]] == [
        "Hạng",
        "Đơn vị",
        "Tổng điểm",
        "Điểm chỉ tiêu",
        "Chỉ tiêu đạt",
    ]
    rows = [[c.value for c in row] for row in sheet.iter_rows(min_row=3)]
    assert rows == [[1, "Thị xã Kỳ Anh", 27.5, 12, "2/2"], [2, "Huyện Cẩm Xuyên", 6, 6, "1/2"]]
    assert sheet.cell(3, 3).number_format == "#,##0.0#"
    assert sheet.cell(3, 1).number_format == "#,##0"


def test_cells_take_vietnamese_number_formats():
    assert number_format(1695000) == "#,##0"
    assert number_format(D("1695000")) == "#,##0"
    assert number_format(D("95.5")) == "#,##0.0#"
    assert number_format(D("95.00")) == "#,##0"
    assert number_format(dt.date(2021, 12, 22)) == "DD/MM/YYYY"
    assert number_format("submitted") is None and number_format(True) is None
    content = table_workbook(
        "Quỹ", ("Ngày", "Số tiền (đồng)"), [(dt.date(2021, 12, 22), D("1695000"))]
    )
    sheet = load_workbook(io.BytesIO(content)).active
    assert sheet["B3"].value == 1695000 and sheet["B3"].number_format == "#,##0"
    assert sheet["A3"].number_format == "DD/MM/YYYY"
