"""The overview of the units under a unit names indicators by their short names, never by
code, and where a unit has targets of one indicator from several issuers (the province's budget
estimate and the town council's) shows each issuer's target."""

import datetime as dt
from decimal import Decimal as D

from django.urls import reverse

from chitieu.actuals.services import ValueInput, actuals_save
from chitieu.indicators.models import Indicator
from chitieu.targets.services import resolution_create, target_create
from chitieu.testing import client_for


def test_the_catalogue_gives_every_indicator_a_short_name(catalogue):
    assert catalogue["KT06"].short_name == "Thu ngân sách"
    assert catalogue["XH07"].label == "Trẻ suy dinh dưỡng"
    assert not Indicator.objects.filter(short_name="").exists()
    nameless = Indicator(code="X1", name="Một chỉ tiêu mới")
    assert nameless.label == "Một chỉ tiêu mới"


def test_the_overview_shows_short_names_and_each_issuers_target(tree, superuser, catalogue):
    province = resolution_create(
        actor=superuser,
        unit=tree.province,
        number="08/NQ-HĐND",
        title="Dự toán thu ngân sách năm 2021 giao các huyện",
        date=dt.date(2020, 12, 10),
        issuing_body="HĐND tỉnh Hà Tĩnh",
        period="2021",
    )
    target_create(
        actor=superuser,
        resolution=province,
        unit=tree.town,
        issuer="Tỉnh giao",
        indicator=catalogue["KT06"],
        value=D("196.8"),
    )
    town = resolution_create(
        actor=superuser,
        unit=tree.town,
        number="01/NQ-HĐND",
        title="Kế hoạch năm 2021",
        date=dt.date(2020, 12, 18),
        issuing_body="HĐND thị xã Kỳ Anh",
        period="2021",
    )
    for code, value in (("KT06", "400"), ("XH07", "5")):
        target_create(
            actor=superuser,
            resolution=town,
            issuer="HĐND thị xã giao",
            indicator=catalogue[code],
            value=D(value),
            comparison="at_most" if code == "XH07" else "at_least",
        )
    actuals_save(
        actor=superuser,
        unit=tree.town,
        period="2021",
        kind="official",
        values=[
            ValueInput(catalogue["KT06"], D("320"), 0),
            ValueInput(catalogue["XH07"], D("4.5"), 0),
        ],
    )
    html = (
        client_for(superuser)
        .get(reverse("overview", args=[tree.province.pk]), {"period": "2021"})
        .content.decode()
    )
    head = html.split('<table class="table overview" id="overview">')[1].split("</thead>")[0]
    assert '<th class="rot" title="Thu ngân sách nhà nước trên địa bàn">Thu ngân sách</th>' in head
    assert (
        '<th class="rot" title="Tỷ lệ trẻ em dưới 5 tuổi suy dinh dưỡng cân nặng/tuổi">'
        "Trẻ suy dinh dưỡng</th>"
    ) in head
    assert "KT06" not in html and "XH07" not in html
    row = html.split("Thị xã Kỳ Anh</a></td>")[1].split("</tr>")[0]
    cells = row.split("</td>", 1)[1].strip()
    # Budget: the town council's 400 not met (80%), the province's 196,8 exceeded (162,6%),
    # each with its issuer; an indicator of one issuer is one compact status cell.
    assert cells.endswith(
        '<td class="cell"><span class="issuer-dot"><span class="dot status-khong_dat" '
        'title="HĐND thị xã giao: Không đạt · 80%"></span> <small>HĐND thị xã giao</small>'
        '</span><span class="issuer-dot"><span class="dot status-vuot" '
        'title="Tỉnh giao: Vượt · 162,6%"></span> <small>Tỉnh giao</small></span></td>'
        '<td class="s-vuot" title="Vượt · 90%"></td>'
    )
