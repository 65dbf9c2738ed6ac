"""The overview "as it is now": a past year's figures over today's units, rolled up through the
merge links, naming the units whose figures cannot be added up; a fixed number of queries."""

import datetime as dt
from decimal import Decimal as D

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from chitieu.conftest import REFORM
from chitieu.testing import client_for, put
from chitieu.units.models import UnitType
from chitieu.units.services import unit_create, unit_link_create


def merged_ward(actor, province, name, parts):
    ward = unit_create(
        actor=actor, name=name, type=UnitType.WARD, parent=province, valid_from=REFORM
    )
    for old, whole in parts:
        unit_link_create(
            actor=actor, predecessor=old, successor=ward, effective_date=REFORM, whole=whole
        )
    return ward


def page(user, root, **query):
    return client_for(user).get(reverse("overview_now", args=[root.pk]), query)


def test_todays_units_show_their_predecessors_figures(tree, superuser, catalogue):
    budget = catalogue["KT06"]
    merged_ward(
        superuser, tree.province, "Phường Mới", [(tree.commune_a, True), (tree.commune_b, True)]
    )
    merged_ward(superuser, tree.province, "Phường Hải Ninh 2", [(tree.commune_c, False)])
    for unit, value in ((tree.commune_a, "10"), (tree.commune_b, "5.5"), (tree.commune_c, "7")):
        put(superuser, unit, budget, "2021", value)
    response = page(superuser, tree.province, indicator="KT06", year="2021")
    rows = [
        (unit.name, point.value, point.rolled_up_from, point.blocked_by)
        for unit, point in response.context["data"].rows
    ]
    assert rows == [
        ("Phường Hải Ninh", None, [], []),
        ("Phường Hải Ninh 2", None, [], ["Xã Cẩm Bình"]),
        ("Phường Mới", D("15.5"), ["Phường Kỳ Ninh", "Xã Kỳ Hà"], []),
    ]
    html = response.content.decode()
    assert "15,5" in html
    assert "cộng từ Phường Kỳ Ninh, Xã Kỳ Hà" in html
    assert "không cộng được vì các đơn vị sau đã bị chia tách: Xã Cẩm Bình" in html
    assert "Thị xã Kỳ Anh</a>" not in html.split("<table")[1]  # dissolved: not a unit of today


def test_a_unit_of_today_keeps_its_own_figure(tree, superuser, catalogue):
    put(superuser, tree.new_ward, catalogue["KT06"], "2025", "42")
    response = page(superuser, tree.province, indicator="KT06", year="2025")
    (row,) = [point for unit, point in response.context["data"].rows if unit == tree.new_ward]
    assert (row.value, row.rolled_up_from) == (D("42"), [])


def test_a_reporter_cannot_open_another_units_view(tree, make_user):
    reporter = make_user("xa", "reporter", tree.commune_c)
    assert page(reporter, tree.town).status_code == 404


def test_the_view_takes_a_fixed_number_of_queries(tree, superuser, catalogue):
    budget = catalogue["KT06"]

    def add_wards(first: int, count: int) -> None:
        for index in range(first, first + count):
            old = [
                unit_create(
                    actor=superuser,
                    name=f"Xã cũ {index}-{part}",
                    type=UnitType.COMMUNE,
                    parent=tree.town,
                    valid_to=dt.date(2025, 6, 30),
                )
                for part in range(2)
            ]
            for unit in old:
                put(superuser, unit, budget, "2021", "1")
            merged_ward(superuser, tree.province, f"Phường {index}", [(u, True) for u in old])

    def queries_and_rolled_up() -> tuple[int, int]:
        with CaptureQueriesContext(connection) as queries:
            response = page(superuser, tree.province, indicator="KT06", year="2021")
        values = [point.value for _unit, point in response.context["data"].rows]
        return len(queries), values.count(D("2"))

    add_wards(0, 2)
    few, rolled_up = queries_and_rolled_up()
    assert rolled_up == 2
    add_wards(2, 10)
    assert queries_and_rolled_up() == (few, 12)


def test_a_split_district_that_reported_the_figure_is_named(tree, superuser, catalogue):
    """Kỳ Anh reported 320 tỷ đồng as a town; its communes reported nothing; the town was split,
    so the ward formed from part of it names the town instead of saying "no figure"."""
    put(superuser, tree.town, catalogue["KT06"], "2021", "320")
    merged_ward(
        superuser, tree.province, "Phường Mới", [(tree.town, False), (tree.commune_a, True)]
    )
    response = page(superuser, tree.province, indicator="KT06", year="2021")
    (point,) = [point for unit, point in response.context["data"].rows if unit.name == "Phường Mới"]
    assert (point.value, point.blocked_by, point.missing_from) == (None, ["Thị xã Kỳ Anh"], [])


def test_the_view_downloads_as_excel(tree, superuser, catalogue):
    from io import BytesIO

    from openpyxl import load_workbook

    put(superuser, tree.commune_a, catalogue["KT06"], "2021", "10")
    put(superuser, tree.commune_b, catalogue["KT06"], "2021", "5.5")
    merged_ward(
        superuser, tree.province, "Phường Mới", [(tree.commune_a, True), (tree.commune_b, True)]
    )
    response = page(superuser, tree.province, indicator="KT06", year="2021", format="xlsx")
    sheet = load_workbook(BytesIO(response.content)).active
    assert [[cell.value for cell in row] for row in sheet.iter_rows()] == [
        [
            "Thu ngân sách nhà nước trên địa bàn năm 2021 theo đơn vị hiện nay — Tỉnh Hà Tĩnh",
            None,
            None,
        ],
        ["Đơn vị", "Thu ngân sách nhà nước trên địa bàn (tỷ đồng)", "Nguồn số liệu"],
        ["Phường Hải Ninh", None, None],
        ["Phường Mới", 15.5, "Cộng từ Phường Kỳ Ninh, Xã Kỳ Hà"],
    ]
