"""The national page and API: every province's headline, for national users only, sortable,
live (a figure saved shows at the next request), in a fixed number of queries; and responses
are gzip-compressed."""

from __future__ import annotations

import datetime as dt
import gzip
from decimal import Decimal as D

import pytest
from django.urls import reverse

from chitieu.accounts.models import Role
from chitieu.accounts.services import membership_create
from chitieu.core.periods import Period
from chitieu.evaluation.loader import evaluate_units
from chitieu.evaluation.models import EvaluationPolicy
from chitieu.targets.services import resolution_create, target_create
from chitieu.testing import client_for, put
from chitieu.units.models import UnitType
from chitieu.units.services import unit_create

# Rows set up directly (bench generators, ratings, policies): the audit tripwire is off here.
pytestmark = pytest.mark.unaudited


def province_with_targets(superuser, catalogue, name, values=("10", "10")):
    province = unit_create(actor=superuser, name=name, type=UnitType.PROVINCE, parent=None)
    resolution = resolution_create(
        actor=superuser,
        unit=province,
        number=name,
        title="t",
        date=dt.date(2020, 12, 1),
        issuing_body="HĐND",
        period="2021",
    )
    for code, value in zip(("KT06", "XH03"), values, strict=True):
        target_create(
            actor=superuser,
            resolution=resolution,
            issuer="HĐND",
            indicator=catalogue[code],
            value=D(value),
        )
    return province


@pytest.fixture
def country(superuser, catalogue):
    """Three provinces, the whole tree (provinces are its roots)."""
    return [
        province_with_targets(superuser, catalogue, name)
        for name in ("Tỉnh Bắc", "Tỉnh Nam", "Tỉnh Trung")
    ]


@pytest.fixture
def national_user(make_user, superuser, country):
    """A ministry's viewer: a member of every province."""
    user = make_user("national")
    for province in country:
        membership_create(actor=superuser, user=user, role=Role.VIEWER, unit=province)
    return user


def names(response) -> list[str]:
    return [row["unit"] for row in response.json()["provinces"]]


def test_a_member_of_every_province_sees_them_all_sorted(
    country, national_user, superuser, catalogue
):
    north, south, middle = country
    put(superuser, south, catalogue["KT06"], "2021", "12")
    put(superuser, south, catalogue["XH03"], "2021", "10")
    put(superuser, middle, catalogue["KT06"], "2021", "10")
    client = client_for(national_user)
    url = "/api/evaluation/national"
    by_name = client.get(url, {"period": "2021"})
    assert names(by_name) == ["Tỉnh Bắc", "Tỉnh Nam", "Tỉnh Trung"]
    south_row = by_name.json()["provinces"][1]
    assert south_row["unit_id"] == south.pk
    assert (south_row["headline"]["achieved"], south_row["headline"]["total"]) == (2, 2)
    assert south_row["headline"]["exceeded"] == 1
    achieved = client.get(url, {"period": "2021", "sort": "achieved"})
    assert names(achieved) == ["Tỉnh Nam", "Tỉnh Trung", "Tỉnh Bắc"]
    page = client.get(reverse("national"), {"period": "2021", "sort": "achieved"})
    html = page.content.decode()
    assert html.index("Tỉnh Nam") < html.index("Tỉnh Trung") < html.index("Tỉnh Bắc")
    # Drill down: each province links to its own units' overview.
    assert reverse("overview", args=[north.pk]) + "?period=2021" in html


def test_live_a_figure_saved_shows_at_the_next_request(
    country, national_user, superuser, catalogue
):
    north = country[0]
    client = client_for(national_user)
    url = "/api/evaluation/national"
    assert client.get(url, {"period": "2021"}).json()["provinces"][0]["headline"]["achieved"] == 0
    put(superuser, north, catalogue["KT06"], "2021", "11")
    assert client.get(url, {"period": "2021"}).json()["provinces"][0]["headline"]["achieved"] == 1


def test_a_user_of_some_provinces_only_gets_no_national_page(country, make_user, superuser):
    north, south, _middle = country
    two = make_user("provincial", Role.VIEWER, north)
    membership_create(actor=superuser, user=two, role=Role.VIEWER, unit=south)
    provincial = client_for(two)
    assert provincial.get(reverse("national"), {"period": "2021"}).status_code == 404
    response = provincial.get("/api/evaluation/national", {"period": "2021"})
    assert response.status_code == 404
    assert client_for(make_user("nobody")).get(reverse("national")).status_code == 404


def test_the_provinces_only_not_their_districts(country, national_user, superuser, catalogue):
    district = unit_create(
        actor=superuser, name="Huyện Thử", type=UnitType.DISTRICT, parent=country[0]
    )
    resolution = resolution_create(
        actor=superuser,
        unit=district,
        number="H",
        title="t",
        date=dt.date(2020, 12, 1),
        issuing_body="HĐND",
        period="2021",
    )
    target_create(
        actor=superuser,
        resolution=resolution,
        issuer="HĐND",
        indicator=catalogue["KT06"],
        value=D("1"),
    )
    response = client_for(national_user).get("/api/evaluation/national", {"period": "2021"})
    assert names(response) == ["Tỉnh Bắc", "Tỉnh Nam", "Tỉnh Trung"]


@pytest.mark.parametrize("extra", [0, 4])
def test_the_national_page_takes_a_fixed_number_of_queries(
    country, superuser, catalogue, extra, django_assert_num_queries
):
    for number in range(extra):
        province_with_targets(superuser, catalogue, f"Tỉnh Thêm {number}")
    client = client_for(superuser)
    # session, user, years with targets, provinces; the data versions; policy, targets,
    # indicators, sub-units, figures, the provinces' months (none of them has a figure of its
    # own for 2021)
    with django_assert_num_queries(11):
        response = client.get(reverse("national"), {"period": "2021"})
    assert response.content.decode().count("Tỉnh ") >= 3 + extra
    # Again: the provinces' results are stored (session, user, years, provinces, versions).
    with django_assert_num_queries(5):
        again = client.get(reverse("national"), {"period": "2021"})
    table = response.content.decode().split("<table")[1].split("</table>")[0]
    assert table in again.content.decode()


def test_units_evaluated_together_keep_their_own_tolerance(country, superuser, catalogue):
    north, south, _middle = country
    EvaluationPolicy.objects.create(unit=north, near_met_tolerance=D("20"))
    EvaluationPolicy.objects.create(unit=south, near_met_tolerance=D("0"))
    for province in (north, south):
        put(superuser, province, catalogue["KT06"], "2021", "9")
    rows = evaluate_units([north, south], Period.year_of(2021))
    assert [row.tolerance for row in rows] == [D("20"), D("0")]
    assert [row.results[0].status.value for row in rows] == ["gan_dat", "khong_dat"]


def test_pages_are_sent_gzip_compressed(country, superuser):
    client = client_for(superuser)
    response = client.get(
        reverse("national"), {"period": "2021"}, headers={"accept-encoding": "gzip"}
    )
    assert response["Content-Encoding"] == "gzip"
    assert "Tỉnh Bắc" in gzip.decompress(response.content).decode()
    plain = client.get(reverse("national"), {"period": "2021"})
    assert "Content-Encoding" not in plain
