"""The data-entry workbook: download, fill in Excel, upload; every row checked, all or none."""

from decimal import Decimal as D
from io import BytesIO

from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from openpyxl import load_workbook

from chitieu.actuals.models import Actual
from chitieu.actuals.tests.test_views import commune_with_targets
from chitieu.core.models import Job
from chitieu.testing import client_for


def filled(client, tree, values: dict) -> SimpleUploadedFile:
    content = client.get(reverse("actuals_template", args=[tree.commune_a.pk, "2021"])).content
    workbook = load_workbook(BytesIO(content))
    sheet = workbook["Nhập số liệu"]
    assert sheet.protection.sheet is True
    for row in range(7, sheet.max_row + 1):
        code = sheet.cell(row, 1).value
        if code in values:
            sheet.cell(row, 6).value = values[code]
    buffer = BytesIO()
    workbook.save(buffer)
    return SimpleUploadedFile("so-lieu.xlsx", buffer.getvalue())


def test_the_form_lists_the_indicators_with_their_targets(tree, superuser, reporter_a, catalogue):
    commune_with_targets(tree, superuser, catalogue)
    content = (
        client_for(reporter_a)
        .get(reverse("actuals_template", args=[tree.commune_a.pk, "2021"]))
        .content
    )
    sheet = load_workbook(BytesIO(content))["Nhập số liệu"]
    assert [sheet.cell(r, 1).value for r in (7, 8)] == ["KT06", "XH03"]
    assert sheet.cell(7, 5).value == "HĐND phường giao: đạt 12 tỷ đồng"
    assert (
        sheet.cell(7, 6).protection.locked is False and sheet.cell(7, 2).protection.locked is True
    )


def test_an_uploaded_form_is_saved_exactly(
    tree, superuser, reporter_a, catalogue, django_capture_on_commit_callbacks
):
    commune_with_targets(tree, superuser, catalogue)
    client = client_for(reporter_a)
    upload = filled(client, tree, {"KT06": 1695.36, "XH03": "3,1"})
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("actuals_upload", args=[tree.commune_a.pk, "2021"]), {"file": upload}
        )
    job = Job.objects.get()
    assert response["Location"] == reverse("job_detail", args=[job.pk])
    assert (job.status, job.result["saved"]) == ("done", 2)
    assert sorted(Actual.objects.values_list("indicator__code", "value")) == [
        ("KT06", D("1695.36")),
        ("XH03", D("3.1")),
    ]
    page = client.get(reverse("job_detail", args=[job.pk])).content.decode()
    assert "2 dòng được đọc, 2 số liệu đã lưu" in page


def test_one_bad_value_rejects_the_whole_file(
    tree, superuser, reporter_a, catalogue, django_capture_on_commit_callbacks
):
    commune_with_targets(tree, superuser, catalogue)
    client = client_for(reporter_a)
    upload = filled(client, tree, {"KT06": 12, "XH03": "ba phẩy một"})
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("actuals_upload", args=[tree.commune_a.pk, "2021"]), {"file": upload})
    job = Job.objects.get()
    assert job.status == "failed"
    assert job.errors == [
        "Trang “Nhập số liệu”, dòng 8, cột F (Tỷ lệ hộ nghèo): “ba phẩy một” không phải là số hợp lệ (ví dụ đúng: 1.695,36 hoặc 72.824)."
    ]
    assert not Actual.objects.exists()


def test_a_form_of_another_commune_is_refused(
    tree, superuser, reporter_a, make_user, catalogue, django_capture_on_commit_callbacks
):
    from chitieu.accounts.models import Role

    commune_with_targets(tree, superuser, catalogue)
    upload = filled(client_for(superuser), tree, {"KT06": 12})
    other = make_user("other", Role.REPORTER, tree.commune_b)
    # The file names Phường Kỳ Ninh; a reporter of Xã Kỳ Hà uploads it on their own page.
    with django_capture_on_commit_callbacks(execute=True):
        client_for(other).post(
            reverse("actuals_upload", args=[tree.commune_b.pk, "2021"]), {"file": upload}
        )
    job = Job.objects.get()
    assert job.status == "failed"
    assert "bạn không nhập được số liệu cho đơn vị này" in job.errors[0]
    assert not Actual.objects.exists()


def test_a_job_is_only_visible_to_its_author(tree, superuser, reporter_a, make_user, catalogue):
    commune_with_targets(tree, superuser, catalogue)
    client = client_for(reporter_a)
    client.post(
        reverse("actuals_upload", args=[tree.commune_a.pk, "2021"]),
        {"file": filled(client, tree, {"KT06": 12})},
    )
    stranger = make_user("stranger")
    assert (
        client_for(stranger).get(reverse("job_detail", args=[Job.objects.get().pk])).status_code
        == 404
    )


def test_an_uploaded_figure_a_thousand_times_last_years_is_saved_with_a_warning(
    tree, superuser, reporter_a, catalogue, django_capture_on_commit_callbacks
):
    from chitieu.testing import put

    commune_with_targets(tree, superuser, catalogue)
    put(superuser, tree.commune_a, catalogue["KT06"], "2020", "12")
    client = client_for(reporter_a)
    upload = filled(client, tree, {"KT06": "12.500"})
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("actuals_upload", args=[tree.commune_a.pk, "2021"]), {"file": upload})
    job = Job.objects.get()
    assert job.status == "done"
    warning = (
        "Trang “Nhập số liệu”, dòng 7, cột F (Thu ngân sách nhà nước trên địa bàn): "
        "12.500 lớn hơn 1.000 lần cùng kỳ năm trước (12): "
        "có nhầm dấu chấm với dấu phẩy, hay nhầm đơn vị tính?"
    )
    assert job.result["warnings"] == [warning]
    assert Actual.objects.get(period="2021").value == D("12500")
    page = client.get(reverse("job_detail", args=[job.pk])).content.decode()
    assert "Đã lưu, nhưng hãy kiểm tra lại các giá trị này:" in page
    assert warning in page
