"""The leader's first page: the present year of a province and of each unit under it that
exists today, the targets at risk, the place in its cluster, and a chart of targets met; in a
fixed number of queries. Today is 02/12/2026."""

import datetime as dt
import json
from decimal import Decimal as D

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from chitieu.actuals.services import ValueInput, actuals_save
from chitieu.emulation.models import Stage
from chitieu.emulation.services import score_set
from chitieu.emulation.tests.conftest import cluster_year  # noqa: F401 (a fixture)
from chitieu.targets.services import resolution_create, target_create
from chitieu.testing import client_for
from chitieu.units.services import unit_create
from chitieu.web.leader import leader_page, reading_period

TODAY = dt.date(2026, 12, 2)


def plan(superuser, catalogue, unit, targets, figures, kind="estimate", period="2026"):
    resolution = resolution_create(
        actor=superuser,
        unit=unit,
        number=f"{unit.pk}/NQ-HĐND",
        title="Kế hoạch năm 2026",
        date=dt.date(2025, 12, 18),
        issuing_body="HĐND",
        period="2026",
    )
    for code, value, comparison in targets:
        target_create(
            actor=superuser,
            resolution=resolution,
            issuer="HĐND tỉnh giao" if unit.parent_id is None else "HĐND giao",
            indicator=catalogue[code],
            value=D(value),
            comparison=comparison,
        )
    for period_code, values in figures.items():
        actuals_save(
            actor=superuser,
            unit=unit,
            period=period_code,
            kind=kind,
            values=[ValueInput(catalogue[code], D(v), 0) for code, v in values.items()],
        )


@pytest.fixture
def province_2026(tree, superuser, catalogue, today):
    today(TODAY)
    plan(
        superuser,
        catalogue,
        tree.province,
        [("KT06", "3600", "at_least"), ("XH03", "3", "at_most"), ("KT07", "1000", "at_least")],
        # The budget's estimate for the year misses; poverty meets; retail has only nine
        # months, whose projection (300 × 12 / 9 = 400) misses the 1.000 planned.
        {"2026": {"KT06": "3000", "XH03": "2.5"}, "2026-9M": {"KT07": "300"}},
    )
    plan(
        superuser,
        catalogue,
        tree.new_ward,
        [("KT06", "50", "at_least"), ("XH03", "2", "at_most")],
        {"2026": {"KT06": "60", "XH03": "2.5"}},
    )
    return tree


def test_the_reading_period_is_the_latest_six_or_nine_months_before_the_years_cut_off():
    assert reading_period(2026, TODAY).code == "2026-9M"
    assert reading_period(2026, dt.date(2026, 7, 1)).code == "2026-H1"
    assert reading_period(2026, dt.date(2026, 3, 1)) is None
    assert reading_period(2026, dt.date(2026, 12, 15)) is None  # the year's figures are in
    assert reading_period(2025, TODAY) is None


def test_a_provincial_leader_sees_the_present_year(province_2026, make_user):
    tree = province_2026
    page = leader_page(tree.province)
    assert page is not None
    assert page.period.code == "2026" and page.reading.code == "2026-9M"
    h = page.own.headline
    assert (h.issuer, h.total, h.achieved, h.not_met, h.no_data) == ("HĐND tỉnh giao", 3, 1, 1, 1)
    assert [(r.result.target.indicator.code, r.reason) for r in page.own.risks] == [
        ("KT06", "Không đạt"),
        ("KT07", "Có nguy cơ không đạt (theo số liệu 9 tháng năm 2026)"),
    ]
    # The units under it today: Phường Hải Ninh (the town and Cẩm Xuyên ended on 30/06/2025).
    assert [
        (line.unit.name, line.headline.achieved, line.headline.total) for line in page.units
    ] == [("Phường Hải Ninh", 1, 2)]
    assert [r.result.target.indicator.code for r in page.units[0].risks] == ["XH03"]
    assert page.standings == []
    assert page.chart() == {
        "names": {"achieved": "Đạt và vượt", "missed": "Chưa đạt hoặc chưa có số liệu"},
        "units": ["Tỉnh Hà Tĩnh", "Phường Hải Ninh"],
        "achieved": [1, 1],
        "missed": [2, 1],
    }

    leader = make_user("lanhdao", "viewer", tree.province)
    html = client_for(leader).get(reverse("home")).content.decode()
    section = html.split('id="leader"')[1].split("</section>")[0]
    link = reverse("unit_results", args=[tree.province.pk]) + "?period=2026"
    assert f'<h2><a href="{link}">Tỉnh Hà Tĩnh</a> — Năm 2026</h2>' in section
    assert '<p class="big">1/3</p>' in section
    risks = section.split('id="leader-risks">')[1].split("</ul>")[0]
    assert (
        "<strong>Thu ngân sách</strong>" in risks and "<strong>Bán lẻ và dịch vụ</strong>" in risks
    )
    assert "Không đạt</span>" in risks
    assert "KT06" not in section and "KT07" not in section
    units = section.split('id="leader-units"')[1].split("</table>")[0]
    assert (
        'Phường Hải Ninh</a></td><td class="num">1/2</td><td class="num">1</td>'
        '<td class="num">1</td>'
    ) in units
    assert "Thị xã Kỳ Anh" not in units and "Huyện Cẩm Xuyên" not in units
    assert 'data-chart="overview" data-chart-data="leader-data"' in section
    data = json.loads(
        section.split('<script id="leader-data" type="application/json">')[1].split("</script>")[0]
    )
    assert data["achieved"] == [1, 1]
    assert "<script>" not in html  # no inline script (CSP)


@pytest.mark.parametrize("size", [2, 6])
def test_the_leaders_page_takes_a_fixed_number_of_queries(
    province_2026, superuser, catalogue, make_user, size
):
    tree = province_2026
    for index in range(size - 1):  # with Phường Hải Ninh: `size` units under the province
        ward = unit_create(
            actor=superuser, name=f"Phường {index}", type="ward", parent=tree.province
        )
        plan(superuser, catalogue, ward, [("KT06", "40", "at_least")], {"2026": {"KT06": "41"}})
    leader = make_user("lanhdao", "viewer", tree.province)
    client = client_for(leader)
    client.get(reverse("home"))
    with CaptureQueriesContext(connection) as queries:
        html = client.get(reverse("home")).content.decode()
    assert html.count('<td class="num">1/1</td>') == size - 1
    # The second visit: the units' results are stored, only their data versions are read.
    assert len(queries) == 10


def test_a_unit_without_targets_this_year_opens_on_its_latest_year_with_its_cluster_place(
    tree,
    board,
    cluster_year,  # noqa: F811 (the fixture imported above)
    make_user,
):
    plan_item = cluster_year.scoring_table.criteria.get(code="I.1")
    for unit, points in ((tree.town, "18"), (tree.other_district, "19.5")):
        member = cluster_year.members.get(unit=unit)
        score_set(
            actor=board, member=member, criterion=plan_item, stage=Stage.BOARD, points=D(points)
        )
    page = leader_page(tree.town)
    assert page.period.code == "2021" and page.reading is None
    assert [(s.cluster_year.cluster.name, s.rank, s.members) for s in page.standings] == [
        ("Cụm thi đua số 1", 1, 2)
    ]
    viewer = make_user("kyanh", "viewer", tree.town)
    html = client_for(viewer).get(reverse("home")).content.decode()
    section = html.split('id="leader"')[1].split("</section>")[0]
    assert '<div class="big">1/2</div>' in section
    assert "<div>thứ hạng trong Cụm thi đua số 1, năm 2021</div>" in section


def test_sample_figures_carry_their_badge_on_the_leaders_page(
    province_2026, superuser, catalogue, make_user
):
    """Generated demo figures are marked "mẫu" here as on every page (the ward's are sample,
    the province's are not)."""
    tree = province_2026
    actuals_save(
        actor=superuser,
        unit=tree.new_ward,
        period="2026",
        kind="estimate",
        values=[ValueInput(catalogue["KT06"], D("61"), 1)],
        sample=True,
    )
    page = leader_page(tree.province)
    assert page is not None
    assert (page.own.is_sample, [line.is_sample for line in page.units]) == (False, [True])
    html = client_for(make_user("lanhdao", "viewer", tree.province)).get(reverse("home"))
    section = html.content.decode().split('id="leader"')[1].split("</section>")[0]
    units = section.split('id="leader-units"')[1].split("</table>")[0]
    assert 'Phường Hải Ninh</a> <span class="badge badge-sample">mẫu</span></td>' in units
    assert section.count("badge-sample") == 1  # the province's own headline and risks are not
