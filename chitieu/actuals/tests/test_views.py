"""The reporter's data-entry page and the review by the level above, through HTTP."""

from decimal import Decimal as D

from django.urls import reverse

from chitieu.actuals.models import Actual, Submission, SubmissionStatus
from chitieu.actuals.services import deadline_set
from chitieu.core.models import ObjectChange
from chitieu.targets.services import resolution_create, target_create
from chitieu.testing import client_for


def commune_with_targets(tree, superuser, catalogue):
    import datetime as dt

    resolution = resolution_create(
        actor=superuser,
        unit=tree.commune_a,
        number="1",
        title="KH 2021",
        date=dt.date(2020, 12, 1),
        issuing_body="HĐND phường",
        period="2021",
    )
    target_create(
        actor=superuser,
        resolution=resolution,
        issuer="HĐND phường giao",
        indicator=catalogue["KT06"],
        value=D("12"),
    )
    target_create(
        actor=superuser,
        resolution=resolution,
        issuer="HĐND phường giao",
        indicator=catalogue["XH03"],
        value=D("3.2"),
    )
    return catalogue["KT06"], catalogue["XH03"]


def test_the_sheet_shows_targets_and_what_is_missing(tree, superuser, reporter_a, catalogue):
    commune_with_targets(tree, superuser, catalogue)
    html = (
        client_for(reporter_a)
        .get(reverse("actuals_entry", args=[tree.commune_a.pk, "2021"]))
        .content.decode()
    )
    assert "Thu ngân sách nhà nước trên địa bàn" in html
    assert "HĐND phường giao:</span> đạt 12 tỷ đồng" in html
    assert "Còn thiếu 2 số liệu" in html


def test_vietnamese_numbers_are_saved_exactly(tree, superuser, reporter_a, catalogue):
    budget, poverty = commune_with_targets(tree, superuser, catalogue)
    url = reverse("actuals_entry", args=[tree.commune_a.pk, "2021"])
    response = client_for(reporter_a).post(
        url,
        {
            f"value_{budget.pk}": "1.695,36",
            f"version_{budget.pk}": "0",
            f"value_{poverty.pk}": "3,1",
            f"version_{poverty.pk}": "0",
            "save": "",
        },
    )
    assert response.status_code == 302
    assert Actual.objects.get(indicator=budget).value == D("1695.36")
    assert Actual.objects.get(indicator=poverty).value == D("3.1")


def test_one_bad_number_saves_nothing_and_names_the_row(tree, superuser, reporter_a, catalogue):
    budget, poverty = commune_with_targets(tree, superuser, catalogue)
    before = ObjectChange.objects.count()
    url = reverse("actuals_entry", args=[tree.commune_a.pk, "2021"])
    response = client_for(reporter_a).post(
        url,
        {
            f"value_{budget.pk}": "12,5",
            f"version_{budget.pk}": "0",
            f"value_{poverty.pk}": "3.1",
            f"version_{poverty.pk}": "0",
            "save": "",
        },
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert "Chưa lưu gì:" in html
    assert "XH03 · Tỷ lệ hộ nghèo: “3.1” không phải là số hợp lệ" in html
    assert 'value="12,5"' in html  # what was typed stays on the page
    assert not Actual.objects.exists()
    assert ObjectChange.objects.count() == before


def test_a_stale_save_shows_the_other_value(tree, superuser, reporter_a, catalogue):
    budget, _poverty = commune_with_targets(tree, superuser, catalogue)
    url = reverse("actuals_entry", args=[tree.commune_a.pk, "2021"])
    client_for(superuser).post(url, {f"value_{budget.pk}": "13", f"version_{budget.pk}": "0"})
    response = client_for(reporter_a).post(
        url, {f"value_{budget.pk}": "14", f"version_{budget.pk}": "0"}
    )
    assert "giá trị vừa được thay đổi thành 13, do root lưu lúc" in response.content.decode()
    assert Actual.objects.get().value == D("13")


def test_submit_then_the_level_above_approves(tree, superuser, reporter_a, planner, catalogue):
    budget, poverty = commune_with_targets(tree, superuser, catalogue)
    url = reverse("actuals_entry", args=[tree.commune_a.pk, "2021"])
    client_for(reporter_a).post(
        url,
        {
            f"value_{budget.pk}": "12",
            f"version_{budget.pk}": "0",
            f"value_{poverty.pk}": "3",
            f"version_{poverty.pk}": "0",
            "submit": "",
        },
    )
    assert Submission.objects.get().status == SubmissionStatus.SUBMITTED
    review = client_for(planner).get(reverse("actuals_review"), {"period": "2021"}).content.decode()
    assert "Phường Kỳ Ninh" in review
    decide = reverse("actuals_decide", args=[tree.commune_a.pk, "2021", "approve"])
    client_for(planner).post(decide, {"next": "https://evil.example/"})
    assert Submission.objects.get().status == SubmissionStatus.APPROVED
    locked = client_for(reporter_a).get(url).content.decode()
    assert "Đã duyệt" in locked and "disabled" in locked


def test_a_reporter_cannot_open_or_post_another_communes_sheet(
    tree, superuser, reporter_a, catalogue
):
    budget, _poverty = commune_with_targets(tree, superuser, catalogue)
    url = reverse("actuals_entry", args=[tree.commune_b.pk, "2021"])
    client = client_for(reporter_a)
    assert client.get(url).status_code == 404
    assert (
        client.post(url, {f"value_{budget.pk}": "1", f"version_{budget.pk}": "0"}).status_code
        == 404
    )
    assert not Actual.objects.exists()


def test_a_viewer_sees_the_sheet_but_cannot_enter(tree, make_user):
    from chitieu.accounts.models import Role

    viewer = make_user("viewer", Role.VIEWER, tree.town)
    assert (
        client_for(viewer)
        .get(reverse("actuals_entry", args=[tree.commune_a.pk, "2021"]))
        .status_code
        == 403
    )


def test_inline_check_formats_or_explains(tree, reporter_a):
    client = client_for(reporter_a)
    ok = client.get(reverse("check_number"), {"value_1": "1695,36"}).content.decode()
    assert ok == '<span class="ok">✓ 1.695,36</span>'
    bad = client.get(reverse("check_number"), {"value_1": "1.5"}).content.decode()
    assert "không phải là số hợp lệ" in bad


def test_missing_and_late_reports_are_listed(tree, superuser, planner, catalogue):

    commune_with_targets(tree, superuser, catalogue)
    import datetime as dt

    deadline_set(actor=superuser, unit=tree.province, period="2021", deadline=dt.date(2021, 12, 20))
    html = client_for(planner).get(
        reverse("actuals_review"), {"period": "2021", "root": tree.province.pk}
    )
    text = html.content.decode()
    assert "Phường Kỳ Ninh" in text
    assert "chưa nộp" in text and "trễ hạn" in text
    assert "20/12/2021" in text


def test_the_level_above_sets_the_deadline(tree, superuser, planner, reporter_a, catalogue):
    import datetime as dt

    from chitieu.actuals.models import ReportingDeadline

    commune_with_targets(tree, superuser, catalogue)
    url = reverse("actuals_review") + f"?period=2021&root={tree.province.pk}"
    client_for(planner).post(url, {"deadline": "20/12/2021"})
    assert ReportingDeadline.objects.get().deadline == dt.date(2021, 12, 20)
    client_for(planner).post(url, {"deadline": "22/12/2021"})
    assert ReportingDeadline.objects.get().deadline == dt.date(2021, 12, 22)
    assert ObjectChange.objects.filter(content_type__model="reportingdeadline").count() == 2
    own = reverse("actuals_review") + f"?period=2021&root={tree.commune_a.pk}"
    assert client_for(reporter_a).post(own, {"deadline": "01/01/2022"}).status_code == 403
    assert ReportingDeadline.objects.count() == 1


def test_the_entry_page_of_a_period_after_the_unit_ceased_offers_no_form(tree, superuser):
    html = (
        client_for(superuser)
        .get(reverse("actuals_entry", args=[tree.commune_a.pk, "2026"]))
        .content.decode()
    )
    assert "Phường Kỳ Ninh không tồn tại trong kỳ Năm 2026" in html
    assert "đến 30/06/2025" in html
    assert 'name="submit"' not in html
