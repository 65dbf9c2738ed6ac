"""A cluster's 2021 year with two members, a scoring table and their targets and figures."""

import datetime as dt
from decimal import Decimal as D

import pytest

from chitieu.actuals.services import ValueInput, actuals_save
from chitieu.emulation.services import cluster_create, cluster_year_setup, scoring_table_create
from chitieu.targets.services import resolution_create, target_create


@pytest.fixture
def cluster_year(tree, board, awards, catalogue):
    cluster = cluster_create(
        actor=board,
        organiser=tree.province,
        name="Cụm thi đua số 1",
        kind="cum",
        decision_number="12/QĐ-UBND",
        decision_date=dt.date(2020, 3, 1),
    )
    table = scoring_table_create(
        actor=board,
        organiser=tree.province,
        year=2021,
        name="Bảng điểm 2021",
        criteria=[
            {"code": "I", "name": "Công tác chỉ đạo", "max_points": D("40")},
            {"code": "I.1", "name": "Ban hành kế hoạch", "max_points": D("20"), "parent": "I"},
            {"code": "I.2", "name": "Tổ chức phong trào", "max_points": D("20"), "parent": "I"},
            {
                "code": "II",
                "name": "Thực hiện chỉ tiêu",
                "max_points": D("60"),
                "method": "targets",
                "points_per_met": D("5"),
                "points_per_exceeded": D("1"),
            },
        ],
    )
    year = cluster_year_setup(
        actor=board,
        cluster=cluster,
        year=2021,
        members=[tree.town, tree.other_district],
        chair=tree.town,
        deputy=tree.other_district,
        scoring_table=table,
        agreement_text="Giao ước thi đua năm 2021",
    )
    for unit, values in ((tree.town, ("12", "110")), (tree.other_district, ("9", "120"))):
        resolution = resolution_create(
            actor=board.__class__.objects.get(username="root"),
            unit=unit,
            number="1",
            title="KH",
            date=dt.date(2020, 12, 1),
            issuing_body="HĐND",
            period="2021",
        )
        root = board.__class__.objects.get(username="root")
        target_create(
            actor=root,
            resolution=resolution,
            issuer="HĐND",
            indicator=catalogue["KT06"],
            value=D("10"),
        )
        target_create(
            actor=root,
            resolution=resolution,
            issuer="HĐND",
            indicator=catalogue["XD02"],
            value=D("100"),
        )
        actuals_save(
            actor=root,
            unit=unit,
            period="2021",
            kind="estimate",
            values=[
                ValueInput(catalogue["KT06"], D(values[0]), 0),
                ValueInput(catalogue["XD02"], D(values[1]), 0),
            ],
        )
    return year
