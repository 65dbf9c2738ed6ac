"""From a resolution typed in by a planner to the headline on the unit page, through HTTP; and
the pages keep a fixed number of queries."""

import datetime as dt
from decimal import Decimal as D

import pytest
from django.conf import settings
from django.urls import reverse

from chitieu.actuals.services import ValueInput, actuals_save
from chitieu.targets.models import Target
from chitieu.targets.services import resolution_create, target_create
from chitieu.testing import client_for, put
from chitieu.units.models import UnitType
from chitieu.units.services import unit_create


def test_resolution_to_headline(tree, planner, reporter_a, catalogue):
    planner_client = client_for(planner)
    response = planner_client.post(
        reverse("resolution_create", args=[tree.commune_a.pk]),
        {
            "number": "05/NQ-HĐND",
            "title": "Kế hoạch 2021",
            "date": "18/12/2020",
            "issuing_body": "HĐND phường Kỳ Ninh",
            "period": "2021",
        },
    )
    assert response.status_code == 302
    detail = response["Location"]
    forms = [
        {
            "indicator": catalogue["KT06"].pk,
            "measure": "level",
            "comparison": "reach",
            "value": "12,5",
        },
        {
            "indicator": catalogue["XH03"].pk,
            "measure": "level",
            "comparison": "at_most",
            "value": "3,2",
        },
        {
            "indicator": catalogue["XD01"].pk,
            "measure": "level",
            "comparison": "at_least",
            "value": "80",
        },
    ]
    for form in forms:
        planner_client.post(
            detail, {"issuer": "HĐND phường giao", "is_main": "on", "order": "0", **form}
        )
    assert list(Target.objects.order_by("id").values_list("value", flat=True)) == [
        D("12.5"),
        D("3.2"),
        D("80"),
    ]

    entry = reverse("actuals_entry", args=[tree.commune_a.pk, "2021"])
    values = {"KT06": "13", "XH03": "3,5", "XD01": "80"}
    data = {"submit": ""}
    for code, value in values.items():
        data[f"value_{catalogue[code].pk}"] = value
        data[f"version_{catalogue[code].pk}"] = "0"
    client_for(reporter_a).post(entry, data)
    planner_client.post(reverse("actuals_decide", args=[tree.commune_a.pk, "2021", "approve"]))

    page = planner_client.get(reverse("unit_results", args=[tree.commune_a.pk]), {"period": "2021"})
    html = page.content.decode()
    assert "2/3" in html
    assert "chỉ tiêu chủ yếu đạt và vượt, trong đó 1 chỉ tiêu vượt" in html
    assert "104%" in html  # 13 against 12,5
    assert html.count('class="status status-khong_dat"') == 1  # poverty 3,5 above the 3,2 ceiling


def test_a_bad_target_value_is_refused_in_vietnamese(tree, planner, catalogue):
    resolution = resolution_create(
        actor=planner,
        unit=tree.town,
        number="1",
        title="t",
        date=dt.date(2020, 12, 1),
        issuing_body="HĐND",
        period="2021",
    )
    response = client_for(planner).post(
        reverse("resolution_detail", args=[resolution.pk]),
        {
            "indicator": catalogue["KT06"].pk,
            "issuer": "x",
            "measure": "level",
            "comparison": "reach",
            "value": "12.5",
        },
    )
    assert "“12.5” không phải là số hợp lệ" in response.content.decode()
    assert not Target.objects.exists()


def test_a_reporter_cannot_add_targets(tree, reporter_a, superuser, catalogue):
    resolution = resolution_create(
        actor=superuser,
        unit=tree.commune_a,
        number="1",
        title="t",
        date=dt.date(2020, 12, 1),
        issuing_body="HĐND",
        period="2021",
    )
    response = client_for(reporter_a).post(
        reverse("resolution_detail", args=[resolution.pk]),
        {
            "indicator": catalogue["KT06"].pk,
            "issuer": "x",
            "measure": "level",
            "comparison": "reach",
            "value": "12",
        },
    )
    assert response.status_code == 403  # refused, not a page showing a form it would refuse
    assert not Target.objects.exists()


def test_another_communes_results_are_not_reachable(tree, reporter_a):
    assert (
        client_for(reporter_a).get(reverse("unit_results", args=[tree.commune_b.pk])).status_code
        == 404
    )


def build(superuser, catalogue, parent, size):
    for index in range(size):
        unit = unit_create(
            actor=superuser,
            name=f"Xã Đo {index}",
            type=UnitType.COMMUNE,
            parent=parent,
            valid_to=parent.valid_to,
        )
        resolution = resolution_create(
            actor=superuser,
            unit=unit,
            number=f"{index}",
            title="t",
            date=dt.date(2020, 12, 1),
            issuing_body="HĐND",
            period="2021",
        )
        for code in ("KT06", "XH03", "XD02", "KT16"):
            target_create(
                actor=superuser,
                resolution=resolution,
                issuer="HĐND",
                indicator=catalogue[code],
                value=D("10"),
            )
        actuals_save(
            actor=superuser,
            unit=unit,
            period="2021",
            kind="estimate",
            values=[ValueInput(catalogue[c], D("11"), 0) for c in ("KT06", "XH03", "XD02")],
        )


@pytest.mark.parametrize("size", [2, 6])
def test_the_overview_takes_a_fixed_number_of_queries(
    tree, superuser, catalogue, size, django_assert_num_queries
):
    build(superuser, catalogue, tree.town, size)
    client = client_for(superuser)
    url = reverse("overview", args=[tree.town.pk])
    # session, user, root unit, data version, years with targets, the units' ids; the units,
    # the units' data versions, policy, targets, indicators, sub-units, figures, months
    with django_assert_num_queries(14):
        response = client.get(url, {"period": "2021"})
    assert response.content.decode().count("Xã Đo") == size
    # The table again from the cache: session, user, root unit, data version, the units' ids.
    with django_assert_num_queries(5):
        again = client.get(url, {"period": "2021"})
    table = response.content.decode().split('<div class="scroll">')[1].split("</table>")[0]
    assert table in again.content.decode()


@pytest.mark.parametrize("size", [1, 6])
def test_the_unit_page_takes_a_fixed_number_of_queries(
    tree, superuser, catalogue, size, django_assert_num_queries
):
    build(superuser, catalogue, tree.town, size)
    resolution = resolution_create(
        actor=superuser,
        unit=tree.town,
        number="T",
        title="t",
        date=dt.date(2020, 12, 1),
        issuing_body="HĐND",
        period="2021",
    )
    for code in ("KT06", "XH03", "XD02"):
        target_create(
            actor=superuser,
            resolution=resolution,
            issuer="HĐND",
            indicator=catalogue[code],
            value=D(str(10 * size)),
        )
    client = client_for(superuser)
    # session, user, years with targets, unit; data versions, policy, targets, indicators,
    # sub-units, figures, the unit's months, its sub-units' months (the town has no figure of
    # its own: the most); links, sub-units, series; clusters the unit belongs to
    with django_assert_num_queries(16):
        response = client.get(reverse("unit_results", args=[tree.town.pk]), {"period": "2021"})
    assert response.status_code == 200


def test_a_planner_sets_the_tolerance_for_nearly_met(tree, planner, reporter_a):
    from chitieu.evaluation.loader import tolerance_for

    url = reverse("tolerance", args=[tree.province.pk])
    client_for(planner).post(url, {"near_met_tolerance": "2,5"})
    assert tolerance_for(tree.commune_a) == D("2.5")
    assert (
        client_for(reporter_a)
        .post(reverse("tolerance", args=[tree.commune_a.pk]), {"near_met_tolerance": "9"})
        .status_code
        == 403
    )
    assert tolerance_for(tree.commune_a) == D("2.5")


def test_the_pages_open_on_the_newest_year_with_targets(tree, superuser, catalogue):
    build(superuser, catalogue, tree.town, 2)
    client = client_for(superuser)
    overview = client.get(reverse("overview", args=[tree.town.pk])).content.decode()
    assert "— Năm 2021</h1>" in overview
    assert overview.count("Xã Đo") == 2
    unit = client.get(reverse("unit_results", args=[tree.town.pk])).content.decode()
    assert "Không có chỉ tiêu cho kỳ này." in unit  # the town itself has none
    assert "Năm có chỉ tiêu" not in unit
    other_year = client.get(reverse("overview", args=[tree.town.pk]), {"period": "2023"})
    assert 'Năm có chỉ tiêu: <a href="?period=2021&view=best&sort=name">2021</a>' in (
        other_year.content.decode()
    )


def test_the_home_page_shows_the_headline_of_the_users_unit(
    tree, make_user, superuser, town_resolution, catalogue
):
    for code, value in (("KT06", "300"), ("XD01", "80")):
        target_create(
            actor=superuser,
            resolution=town_resolution,
            issuer="HĐND thị xã",
            indicator=catalogue[code],
            value=D(value),
        )
    actuals_save(
        actor=superuser,
        unit=tree.town,
        period="2021",
        kind="estimate",
        values=[
            ValueInput(catalogue["KT06"], D("320"), 0),
            ValueInput(catalogue["XD01"], D("70"), 0),
        ],
    )
    viewer = make_user("viewer", "viewer", tree.town)
    html = client_for(viewer).get(reverse("home")).content.decode()
    link = reverse("unit_results", args=[tree.town.pk]) + "?period=2021"
    # A viewer's unit is shown as the leader's page (web.leader), its headline first.
    assert f'<h2><a href="{link}">Thị xã Kỳ Anh</a> — Năm 2021</h2>' in html
    assert '<p class="big">1/2</p>' in html
    reporter_town = make_user("town_reporter", "reporter", tree.town)
    html = client_for(reporter_town).get(reverse("home")).content.decode()
    assert f'<a class="card headline tile" href="{link}">' in html
    assert "Thị xã Kỳ Anh — Năm 2021" in html
    assert '<div class="big">1/2</div>' in html
    reporter = make_user("reporter", "reporter", tree.commune_a)  # Kỳ Ninh: until 30/06/2025
    entry = reverse("actuals_entry", args=[tree.commune_a.pk, "2025"])
    assert f'href="{entry}"' in client_for(reporter).get(reverse("home")).content.decode()
    nobody = make_user("nobody", "viewer", tree.commune_b)  # Kỳ Hà has no targets
    assert 'class="card headline' not in client_for(nobody).get(reverse("home")).content.decode()


def test_only_those_who_enter_figures_get_the_link(tree, planner, make_user):
    board = make_user("board_member", "board", tree.province)
    url = reverse("unit_results", args=[tree.province.pk])
    entry = reverse("actuals_entry", args=[tree.province.pk, "2025"])
    assert entry in client_for(planner).get(url, {"period": "2025"}).content.decode()
    assert entry not in client_for(board).get(url, {"period": "2025"}).content.decode()


def test_the_overview_shows_each_status_with_its_ratio(tree, superuser, catalogue):
    build(superuser, catalogue, tree.town, 1)
    html = (
        client_for(superuser)
        .get(reverse("overview", args=[tree.town.pk]), {"period": "2021"})
        .content.decode()
    )
    row = html.split("Xã Đo 0</a></td>")[1].split("</tr>")[0]
    # Columns in code order: KT06, KT16 (no figure), XD02, XH03 (poverty: lower is better).
    assert row.split('<td class="')[2:] == [  # after the count
        's-vuot" title="Vượt · 110%"></td>',
        's-chua_co_so_lieu" title="Chưa có số liệu"></td>',
        's-vuot" title="Vượt · 110%"></td>',
        's-khong_dat" title="Không đạt · 110%"></td>',
    ]


def test_periods_statuses_and_views_are_named_in_the_users_language(tree, superuser, catalogue):
    build(superuser, catalogue, tree.town, 1)
    client = client_for(superuser)
    url = reverse("overview", args=[tree.town.pk])
    vietnamese = client.get(url, {"period": "2021-H1"}).content.decode()
    assert "— 6 tháng đầu năm 2021</h1>" in vietnamese
    assert 'status-vuot"></span> Vượt ' in vietnamese
    assert ">Số ước thực hiện</option>" in vietnamese
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    english = client.get(url, {"period": "2021-H1"}).content.decode()
    assert "— First 6 months of 2021</h1>" in english
    assert 'status-vuot"></span> Exceeded ' in english
    assert '<option value="2021-Q3">Quarter III/2021</option>' in english
    assert ">Estimates</option>" in english


def test_computed_values_are_shown_like_the_indicators_figures(
    tree, superuser, town_resolution, catalogue
):
    trained = catalogue["XH05"]  # an average of the communes, shown with 1 place
    target_create(
        actor=superuser, resolution=town_resolution, issuer="x", indicator=trained, value=D("70")
    )
    put(superuser, tree.commune_a, trained, "2021", "72.5")
    put(superuser, tree.commune_b, trained, "2021", "71.25")
    html = (
        client_for(superuser)
        .get(reverse("unit_results", args=[tree.town.pk]), {"period": "2021"})
        .content.decode()
    )
    # (72,5 + 71,25) / 2 = 71,875, kept exact for the evaluation, shown as the indicator's 71,9.
    assert '<td class="num">71,9\n' in html
    assert "71,875" not in html
