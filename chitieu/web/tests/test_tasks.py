"""The home page's "Việc cần làm": each user is told what waits for them, in a fixed number of
queries. Today is 02/12/2026."""

import datetime as dt
from decimal import Decimal as D

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from chitieu.accounts.selectors import memberships_of
from chitieu.actuals.services import (
    deadline_set,
    submission_return,
    submission_submit,
)
from chitieu.targets.services import resolution_create, target_create
from chitieu.testing import client_for
from chitieu.units.services import unit_create
from chitieu.web.tasks import tasks_of

TODAY = dt.date(2026, 12, 2)


def plan(superuser, catalogue, unit, year):
    resolution = resolution_create(
        actor=superuser,
        unit=unit,
        number=f"{unit.pk}/{year}/NQ-HĐND",
        title=f"Kế hoạch năm {year}",
        date=dt.date(year - 1, 12, 18),
        issuing_body="HĐND",
        period=str(year),
    )
    target_create(
        actor=superuser,
        resolution=resolution,
        issuer="HĐND giao",
        indicator=catalogue["KT06"],
        value=D("50"),
    )


@pytest.fixture
def year_2026(tree, superuser, catalogue, planner, today):
    today(TODAY)
    plan(superuser, catalogue, tree.new_ward, 2026)
    plan(superuser, catalogue, tree.other_district, 2025)
    plan(superuser, catalogue, tree.other_district, 2026)  # planned, but it ended in 2025
    submission_submit(actor=superuser, unit=tree.new_ward, period="2026-H1")
    submission_return(
        actor=superuser, unit=tree.new_ward, period="2026-H1", comment="Thiếu số thu ngân sách"
    )
    deadline_set(actor=planner, unit=tree.province, period="2026-9M", deadline=dt.date(2026, 9, 20))
    deadline_set(actor=planner, unit=tree.province, period="2026", deadline=dt.date(2026, 12, 15))
    submission_submit(actor=superuser, unit=tree.new_ward, period="2026", kind="official")
    submission_submit(actor=superuser, unit=tree.commune_a, period="2021")
    submission_submit(actor=superuser, unit=tree.commune_b, period="2021")


def test_a_reporter_is_told_what_was_returned_and_what_is_late_or_due(tree, make_user, year_2026):
    reporter = make_user("haininh", "reporter", tree.new_ward)
    tasks = tasks_of(reporter, memberships_of(reporter))
    assert [(s.period, s.kind, s.comment) for s in tasks.returned] == [
        ("2026-H1", "estimate", "Thiếu số thu ngân sách")
    ]
    assert [(d.period.code, d.deadline, d.late, d.days_left) for d in tasks.due] == [
        ("2026-9M", dt.date(2026, 9, 20), True, -73),
        ("2026", dt.date(2026, 12, 15), False, 13),
    ]
    assert tasks.to_approve == []
    html = client_for(reporter).get(reverse("home")).content.decode()
    section = html.split('id="tasks"')[1].split("</section>")[0]
    assert "<h2>Việc cần làm</h2>" in section
    entry = reverse("actuals_entry", args=[tree.new_ward.pk, "2026-H1"])
    assert (
        f'<a href="{entry}?kind=estimate">Phường Hải Ninh — 6 tháng đầu năm 2026 '
        "(Ước thực hiện)</a>: <em>Thiếu số thu ngân sách</em>"
    ) in section
    assert "Phường Hải Ninh — báo cáo 9 tháng năm 2026</a>:\n      hạn gửi là ngày 20/09/2026" in (
        section
    )
    assert "Phường Hải Ninh — báo cáo Năm 2026</a>:\n      gửi trước ngày 15/12/2026" in section


def test_a_unit_that_ended_owes_nothing_after_its_end(tree, make_user, year_2026):
    reporter = make_user("camxuyen", "reporter", tree.other_district)  # until 30/06/2025
    tasks = tasks_of(reporter, memberships_of(reporter))
    # 2025: the six months (19/06/2025) and the year (19/12/2025, five days after the Decree's
    # cut-off of 14/12) are late; nothing of 2026, though the district had 2026 targets.
    assert [(d.period.code, d.deadline, d.late) for d in tasks.due] == [
        ("2025-H1", dt.date(2025, 6, 19), True),
        ("2025", dt.date(2025, 12, 19), True),
    ]
    assert tasks.returned == []


def test_a_deadline_within_fifteen_days_of_the_decree_is_listed(
    tree, make_user, superuser, catalogue, today
):
    plan(superuser, catalogue, tree.new_ward, 2026)
    reporter = make_user("haininh", "reporter", tree.new_ward)
    today(dt.date(2026, 6, 4))  # 15 days before 19/06/2026
    assert [
        (d.period.code, d.days_left) for d in tasks_of(reporter, memberships_of(reporter)).due
    ] == [("2026-H1", 15)]
    today(dt.date(2026, 6, 3))
    assert tasks_of(reporter, memberships_of(reporter)).due == []


def test_an_approver_is_told_how_many_reports_wait_per_period(tree, planner, year_2026):
    tasks = tasks_of(planner, memberships_of(planner))
    assert [(g.period.code, g.count) for g in tasks.to_approve] == [("2026", 1), ("2021", 2)]
    assert tasks.due == [] and tasks.returned == []
    html = client_for(planner).get(reverse("home")).content.decode()
    section = html.split('id="tasks"')[1].split("</section>")[0]
    review = reverse("actuals_review")
    assert f'<a href="{review}">3 báo cáo chờ bạn duyệt</a>' in section
    assert f'<a href="{review}?period=2026">Năm 2026 (1)</a>' in section
    assert f'<a href="{review}?period=2021">Năm 2021 (2)</a>' in section


def test_a_viewer_with_nothing_to_do_is_told_so(tree, make_user, year_2026):
    viewer = make_user("xem", "viewer", tree.commune_b)
    html = client_for(viewer).get(reverse("home")).content.decode()
    assert "Không có việc nào đang chờ bạn." in html


def test_the_tasks_take_the_same_queries_whatever_the_number_of_units(
    tree, superuser, catalogue, make_user, year_2026
):
    from chitieu.accounts.services import membership_create

    reporter = make_user("many", "planner", tree.new_ward)

    def count() -> int:
        memberships = memberships_of(reporter)
        reporter.__dict__.pop("_chitieu_memberships", None)
        with CaptureQueriesContext(connection) as queries:
            tasks_of(reporter, memberships)
        return len(queries)

    small = count()
    for index in range(4):
        ward = unit_create(
            actor=superuser, name=f"Phường {index}", type="ward", parent=tree.province
        )
        plan(superuser, catalogue, ward, 2026)
        membership_create(actor=superuser, user=reporter, role="reporter", unit=ward)
    # Each new ward: its six months and nine months late, its year due on 15/12.
    assert len(tasks_of(reporter, memberships_of(reporter)).due) == 2 + 4 * 3
    assert count() == small == 5
