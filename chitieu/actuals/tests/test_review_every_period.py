"""The menu's "Duyệt báo cáo" without a period lists every report waiting for the user's
approval, of every period, under the period's Vietnamese name; approved ones are reopenable
with a reason; and a unit that no longer exists neither enters nor submits a later period."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from chitieu.actuals.models import Submission, SubmissionStatus
from chitieu.actuals.services import submission_approve, submission_submit
from chitieu.core.models import ObjectChange
from chitieu.testing import client_for


def _submit(actor, unit, period, kind="estimate"):
    return submission_submit(actor=actor, unit=unit, period=period, kind=kind)


def test_the_review_page_lists_pending_reports_of_every_period(
    tree, superuser, planner, make_user, django_assert_max_num_queries
):
    _submit(superuser, tree.new_ward, "2026-H1")
    _submit(superuser, tree.new_ward, "2026", "official")
    _submit(superuser, tree.commune_a, "2021")
    _submit(superuser, tree.commune_b, "2021")
    _submit(superuser, tree.commune_c, "2025-H1")
    submission_approve(actor=superuser, unit=tree.commune_c, period="2025-H1")
    client = client_for(planner)
    with django_assert_max_num_queries(8):
        html = client.get(reverse("actuals_review")).content.decode()
    assert "<h1>Duyệt báo cáo — tất cả các kỳ</h1>" in html
    pending = html.split('id="pending-reports"')[1].split("</section>")[0]
    groups = [
        part.split("</th>")[0]
        for part in pending.split('<tr class="period-row"><th colspan="4">')[1:]
    ]
    assert groups == [
        'Năm 2026 <span class="muted">(1)</span>',
        '6 tháng đầu năm 2026 <span class="muted">(1)</span>',
        'Năm 2021 <span class="muted">(2)</span>',
    ]
    year_2026 = pending.split("Năm 2026 <span")[1].split("6 tháng đầu năm 2026")[0]
    assert "Phường Hải Ninh</a></td><td>Chính thức</td>" in year_2026
    half = pending.split("6 tháng đầu năm 2026")[1].split("Năm 2021")[0]
    assert "Phường Hải Ninh</a></td><td>Ước thực hiện</td>" in half
    assert reverse("actuals_decide", args=[tree.new_ward.pk, "2026-H1", "approve"]) in half
    assert reverse("actuals_decide", args=[tree.new_ward.pk, "2026-H1", "return"]) in half
    assert pending.count("Phường Kỳ Ninh") == 1 and pending.count("Xã Kỳ Hà") == 1
    approved = html.split('id="approved-reports"')[1].split("</section>")[0]
    assert "6 tháng đầu năm 2025" in approved and "Xã Cẩm Bình" in approved
    assert reverse("actuals_decide", args=[tree.commune_c.pk, "2025-H1", "reopen"]) in approved

    # Approving from the list: that report only.
    client.post(
        reverse("actuals_decide", args=[tree.new_ward.pk, "2026-H1", "approve"]),
        {"kind": "estimate", "next": reverse("actuals_review")},
    )
    statuses = dict(Submission.objects.filter(unit=tree.new_ward).values_list("period", "status"))
    assert statuses == {"2026-H1": SubmissionStatus.APPROVED, "2026": SubmissionStatus.SUBMITTED}
    # Reopening an approved one needs a reason.
    reopen = reverse("actuals_decide", args=[tree.commune_c.pk, "2025-H1", "reopen"])
    client.post(reopen, {"kind": "estimate", "comment": ""})
    assert Submission.objects.get(unit=tree.commune_c).status == SubmissionStatus.APPROVED
    client.post(reopen, {"kind": "estimate", "comment": "Sửa số hộ nghèo"})
    reopened = Submission.objects.get(unit=tree.commune_c)
    assert (reopened.status, reopened.comment) == (SubmissionStatus.RETURNED, "Sửa số hộ nghèo")


def test_the_review_list_takes_the_same_queries_whatever_its_size(
    tree, superuser, planner, django_assert_num_queries
):
    from chitieu.units.services import unit_create

    def count() -> int:
        from django.db import connection
        from django.test.utils import CaptureQueriesContext

        with CaptureQueriesContext(connection) as queries:
            client_for(planner).get(reverse("actuals_review"))
        return len(queries)

    _submit(superuser, tree.new_ward, "2026-H1")
    small = count()
    for index in range(5):
        ward = unit_create(
            actor=superuser, name=f"Phường {index}", type="ward", parent=tree.province
        )
        _submit(superuser, ward, "2026" if index % 2 else "2026-9M")
    assert count() == small


def test_a_reporter_sees_none_and_an_officer_of_another_branch_sees_none(
    tree, superuser, reporter_a, make_user
):
    _submit(superuser, tree.commune_a, "2021")
    other = make_user("camxuyen", "planner", tree.other_district)
    for user in (reporter_a, other):
        html = client_for(user).get(reverse("actuals_review")).content.decode()
        assert "Phường Kỳ Ninh" not in html
        assert "Không có báo cáo chờ duyệt." in html


def test_a_defunct_districts_reporter_cannot_enter_or_submit_2026(
    tree, superuser, make_user, catalogue
):
    reporter = make_user("camxuyen_reporter", "reporter", tree.other_district)  # until 30/06/2025
    url = reverse("actuals_entry", args=[tree.other_district.pk, "2026"])
    client = client_for(reporter)
    html = client.get(url).content.decode()
    assert (
        "Huyện Cẩm Xuyên không tồn tại trong kỳ Năm 2026: không nhập được số liệu cho kỳ này."
    ) in html
    assert 'name="submit"' not in html
    before = ObjectChange.objects.count()
    budget = catalogue["KT06"]
    client.post(url, {f"value_{budget.pk}": "5", f"version_{budget.pk}": "0", "submit": ""})
    assert not Submission.objects.exists()
    assert ObjectChange.objects.count() == before
    # Nor through the service: the report of a period after the unit ended is refused.
    with pytest.raises(ValidationError) as refused:
        submission_submit(actor=reporter, unit=tree.other_district, period="2026-H1")
    assert refused.value.messages == [
        "Huyện Cẩm Xuyên không tồn tại trong kỳ 6 tháng đầu năm 2026 (đơn vị tồn tại đến "
        "30/06/2025): không gửi được báo cáo kỳ này."
    ]
    assert not Submission.objects.exists()
    # The period list of its sheet stops at its last year.
    assert '<option value="2026"' not in html and '<option value="2025"' in html
