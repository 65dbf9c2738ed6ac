"""No stored value takes a page down: whatever a figure or a plan holds in the database (the
largest and smallest the column takes, negative, many places, on PostgreSQL even NaN), the
sheet, the results, the overview, the reports in Word, PDF and Excel and the API answer 200."""

from __future__ import annotations

from decimal import Context
from decimal import Decimal as D

import pytest
from django.db import connection

from chitieu.accounts.models import Role
from chitieu.accounts.services import token_create
from chitieu.actuals.models import Actual
from chitieu.core.models import Job, JobStatus
from chitieu.evaluation.engine import ratio_to_plan
from chitieu.targets.models import Target
from chitieu.targets.services import target_create
from chitieu.testing import client_for, put

WIDE = Context(prec=60)

EXTREMES = [
    D("99999999999999.999999"),  # the largest the column (20 digits, 6 places) holds
    D("-99999999999999.999999"),
    D("0.000001"),
    D("-0.000001"),
    D("0"),
    D("12345678901234.567891"),
    # The value of the report (21 digits): PostgreSQL refuses to store it; SQLite keeps it.
    pytest.param(
        D("100000000000000000000"),
        marks=pytest.mark.skipif(
            connection.vendor == "postgresql", reason="numeric(20, 6) refuses it"
        ),
    ),
    pytest.param(
        D("-1E+30"),
        marks=pytest.mark.skipif(
            connection.vendor == "postgresql", reason="numeric(20, 6) refuses it"
        ),
    ),
]


def _pages(unit_pk: int, province_pk: int) -> list[str]:
    return [
        f"/actuals/{unit_pk}/2021/",
        f"/results/unit/{unit_pk}/?period=2021",
        f"/results/overview/{province_pk}/?period=2021",
        f"/reports/unit/{unit_pk}/report.pdf?period=2021",
        f"/reports/unit/{unit_pk}/report.docx?period=2021",
        f"/reports/unit/{unit_pk}/report.xlsx?period=2021",
    ]


@pytest.fixture
def stored(tree, superuser, catalogue, town_resolution, make_user):
    """Plans and figures of a share, an amount and a count, entered as any user would."""
    reporter = make_user("town_reporter", Role.REPORTER, tree.town)
    for code, plan, figure in (
        ("XH03", "4.5", "3.2"),
        ("KT06", "250", "260"),
        ("KT11", "40", "41"),
    ):
        target_create(
            actor=superuser,
            resolution=town_resolution,
            indicator=catalogue[code],
            issuer="HĐND thị xã giao",
            value=D(plan),
        )
        put(reporter, tree.town, catalogue[code], "2021", figure)
        put(reporter, tree.town, catalogue[code], "2020", figure)
    return reporter


@pytest.mark.parametrize("extreme", EXTREMES, ids=str)
def test_an_extreme_value_stored_directly_in_the_database_renders_every_page(
    tree, superuser, stored, extreme, django_capture_on_commit_callbacks
):
    Actual.objects.filter(unit=tree.town).update(value=extreme)
    Target.objects.filter(unit=tree.town).update(value=extreme)
    client = client_for(superuser)
    for url in _pages(tree.town.pk, tree.province.pk):
        response = client.get(url)
        assert response.status_code == 200, url
    # The overview's workbook is a job: it must end done, not failed.
    with django_capture_on_commit_callbacks(execute=True):
        response = client.get(f"/reports/overview/{tree.province.pk}/overview.xlsx?period=2021")
    assert response.status_code == 302
    assert Job.objects.get().status == JobStatus.DONE
    _token, key = token_create(actor=superuser, name="t")
    response = client.get(
        f"/api/evaluation/{tree.town.pk}?period=2021", HTTP_AUTHORIZATION=f"Bearer {key}"
    )
    assert response.status_code == 200


def test_the_engine_rounds_a_ratio_wider_than_the_default_precision():
    """measured / plan × 100 rounded to four places needs more than the default 28 digits:
    it is computed exactly, not raised."""
    assert ratio_to_plan(D("99999999999999.999999"), D("0.000001")) == D(
        "9999999999999999999900.0000"
    )
    assert ratio_to_plan(D("1E+40"), D("0.000001")) == D("1E+48").quantize(
        D("0.0001"), context=WIDE
    )


def test_a_tiny_plan_against_the_largest_figure_renders(tree, superuser, stored):
    Actual.objects.filter(unit=tree.town).update(value=D("99999999999999.999999"))
    Target.objects.filter(unit=tree.town).update(value=D("0.000001"))
    response = client_for(superuser).get(f"/results/unit/{tree.town.pk}/?period=2021")
    assert response.status_code == 200


@pytest.mark.skipif(connection.vendor != "postgresql", reason="only PostgreSQL stores NaN")
def test_a_nan_stored_on_postgresql_is_shown_as_no_figure(tree, superuser, stored):
    with connection.cursor() as cursor:
        cursor.execute("UPDATE actuals_actual SET value = 'NaN' WHERE unit_id = %s", [tree.town.pk])
    client = client_for(superuser)
    for url in _pages(tree.town.pk, tree.province.pk):
        assert client.get(url).status_code == 200, url
