"""The data-entry workbook loses nothing: it carries the version of each value it was made from,
so an old file never overwrites a newer figure; formulas and merged cells refuse the whole file;
imports of one report run one at a time."""

import threading
from decimal import Decimal as D
from io import BytesIO

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from chitieu.actuals.models import Actual, ActualRevision
from chitieu.actuals.tests.test_views import commune_with_targets
from chitieu.core.models import Job, ObjectChange
from chitieu.testing import client_for, put

UPLOAD = "actuals_upload"


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


def template(client, tree) -> bytes:
    return client.get(reverse("actuals_template", args=[tree.commune_a.pk, "2021"])).content


def fill(content: bytes, values: dict, change=None) -> SimpleUploadedFile:
    workbook = load_workbook(BytesIO(content))
    sheet = workbook["Nhập số liệu"]
    for row in range(7, sheet.max_row + 1):
        if sheet.cell(row, 1).value in values:
            sheet.cell(row, 6).value = values[sheet.cell(row, 1).value]
    if change:
        change(sheet)
    buffer = BytesIO()
    workbook.save(buffer)
    return SimpleUploadedFile("so-lieu.xlsx", buffer.getvalue())


def send(client, tree, upload, capture) -> Job:
    with capture(execute=True):
        client.post(reverse(UPLOAD, args=[tree.commune_a.pk, "2021"]), {"file": upload})
    return Job.objects.latest("pk")


def moment(actual: Actual) -> str:
    local = timezone.localtime(actual.updated_at)
    return f"{local:%H:%M} {local:%d/%m/%Y}"


def test_the_template_carries_each_values_version_in_a_hidden_locked_column(
    tree, superuser, reporter_a, catalogue
):
    budget, _poverty = commune_with_targets(tree, superuser, catalogue)
    put(reporter_a, tree.commune_a, budget, "2021", "10")
    put(reporter_a, tree.commune_a, budget, "2021", "11")
    sheet = load_workbook(BytesIO(template(client_for(reporter_a), tree)))["Nhập số liệu"]
    assert sheet.cell(6, 7).value == "Phiên bản (không sửa)"
    assert [(sheet.cell(r, 1).value, sheet.cell(r, 7).value) for r in (7, 8)] == [
        ("KT06", 2),
        ("XH03", 0),
    ]
    assert sheet.column_dimensions["G"].hidden is True
    assert sheet.cell(7, 7).protection.locked is True and sheet.protection.sheet is True


def test_an_old_file_does_not_overwrite_a_value_saved_since_in_the_form(
    tree, superuser, reporter_a, make_user, catalogue, django_capture_on_commit_callbacks
):
    from chitieu.accounts.models import Role

    budget, _poverty = commune_with_targets(tree, superuser, catalogue)
    client = client_for(reporter_a)
    put(reporter_a, tree.commune_a, budget, "2021", "10")
    content = template(client, tree)  # made at version 1
    colleague = make_user("colleague", Role.REPORTER, tree.commune_a)
    put(colleague, tree.commune_a, budget, "2021", "12,5".replace(",", "."))
    before = ObjectChange.objects.count()

    job = send(
        client, tree, fill(content, {"KT06": 11, "XH03": 3}), django_capture_on_commit_callbacks
    )

    actual = Actual.objects.get(indicator=budget)
    assert job.status == "failed"
    assert job.errors == [
        "Trang “Nhập số liệu”, dòng 7, cột F (Giá trị): số liệu đã được thay đổi thành 12,5, "
        f"do colleague lưu lúc {moment(actual)} sau khi tệp mẫu được tạo; không ghi đè. Hãy tải "
        "tệp mẫu mới để xem số liệu hiện tại rồi nhập lại."
    ]
    assert (actual.value, actual.version) == (D("12.5"), 2)
    assert not Actual.objects.filter(indicator=catalogue["XH03"]).exists()  # all or none
    assert ObjectChange.objects.count() == before


def test_a_file_of_the_current_versions_is_saved_and_a_second_upload_of_it_is_refused(
    tree, superuser, reporter_a, catalogue, django_capture_on_commit_callbacks
):
    budget, _poverty = commune_with_targets(tree, superuser, catalogue)
    client = client_for(reporter_a)
    put(reporter_a, tree.commune_a, budget, "2021", "10")
    content = template(client, tree)
    first = send(
        client, tree, fill(content, {"KT06": 11, "XH03": 3}), django_capture_on_commit_callbacks
    )
    assert (first.status, first.result["saved"]) == ("done", 2)
    assert sorted(Actual.objects.values_list("indicator__code", "value", "version")) == [
        ("KT06", D("11"), 2),
        ("XH03", D("3"), 1),
    ]
    again = send(
        client, tree, fill(content, {"KT06": 15, "XH03": 4}), django_capture_on_commit_callbacks
    )
    assert again.status == "failed"
    assert [error.split(":")[0] for error in again.errors] == [
        "Trang “Nhập số liệu”, dòng 7, cột F (Giá trị)",
        "Trang “Nhập số liệu”, dòng 8, cột F (Giá trị)",
    ]
    assert "số liệu đã được thay đổi thành 11, do reporter_a lưu lúc" in again.errors[0]
    assert sorted(Actual.objects.values_list("indicator__code", "value")) == [
        ("KT06", D("11")),
        ("XH03", D("3")),
    ]
    assert ActualRevision.objects.count() == 3


def test_a_cell_left_empty_in_the_template_does_not_erase_a_value_entered_since(
    tree, superuser, reporter_a, catalogue, django_capture_on_commit_callbacks
):
    _budget, poverty = commune_with_targets(tree, superuser, catalogue)
    client = client_for(reporter_a)
    content = template(client, tree)  # both empty, version 0
    put(superuser, tree.commune_a, poverty, "2021", "3.1")
    job = send(client, tree, fill(content, {"KT06": 12}), django_capture_on_commit_callbacks)
    assert (job.status, job.result["saved"], job.result["rows"]) == ("done", 1, 1)
    assert sorted(Actual.objects.values_list("indicator__code", "value")) == [
        ("KT06", D("12")),
        ("XH03", D("3.1")),
    ]


def test_a_template_without_versions_is_refused(
    tree, superuser, reporter_a, catalogue, django_capture_on_commit_callbacks
):
    commune_with_targets(tree, superuser, catalogue)
    client = client_for(reporter_a)

    def made_before_versions(sheet):
        sheet.delete_cols(7)

    upload = fill(template(client, tree), {"KT06": 12}, made_before_versions)
    job = send(client, tree, upload, django_capture_on_commit_callbacks)
    assert job.errors == [
        "Tệp được làm từ mẫu cũ, không ghi phiên bản của từng số liệu nên có thể ghi đè số liệu "
        "mới hơn: hãy tải tệp mẫu mới từ hệ thống và nhập lại."
    ]
    assert not Actual.objects.exists()


def test_a_version_typed_over_is_refused(
    tree, superuser, reporter_a, catalogue, django_capture_on_commit_callbacks
):
    commune_with_targets(tree, superuser, catalogue)
    client = client_for(reporter_a)

    def tampered(sheet):
        sheet.cell(7, 7).value = "mới nhất"

    job = send(
        client,
        tree,
        fill(template(client, tree), {"KT06": 12}, tampered),
        django_capture_on_commit_callbacks,
    )
    assert job.errors == [
        "Trang “Nhập số liệu”, dòng 7, cột G (Phiên bản (không sửa)): phiên bản của số liệu bị "
        "sửa hoặc bị xoá: hãy tải tệp mẫu mới từ hệ thống."
    ]
    assert not Actual.objects.exists()


def test_a_formula_is_refused_and_the_stored_figure_stays(
    tree, superuser, reporter_a, catalogue, django_capture_on_commit_callbacks
):
    budget, _poverty = commune_with_targets(tree, superuser, catalogue)
    client = client_for(reporter_a)
    put(reporter_a, tree.commune_a, budget, "2021", "10")
    upload = fill(template(client, tree), {"KT06": "=1+1", "XH03": 3})
    job = send(client, tree, upload, django_capture_on_commit_callbacks)
    assert job.status == "failed"
    assert job.errors == [
        "Trang “Nhập số liệu”, dòng 7, cột F: ô có công thức “=1+1”; hãy nhập giá trị (số hoặc "
        "chữ), không dùng công thức."
    ]
    assert list(Actual.objects.values_list("indicator__code", "value")) == [("KT06", D("10"))]


def test_merged_cells_are_refused_and_nothing_is_saved(
    tree, superuser, reporter_a, catalogue, django_capture_on_commit_callbacks
):
    budget, _poverty = commune_with_targets(tree, superuser, catalogue)
    client = client_for(reporter_a)
    put(reporter_a, tree.commune_a, budget, "2021", "10")

    def merged(sheet):
        sheet.merge_cells("F7:F8")

    job = send(
        client,
        tree,
        fill(template(client, tree), {"KT06": 20}, merged),
        django_capture_on_commit_callbacks,
    )
    assert job.errors == [
        "Trang “Nhập số liệu”, dòng 7, cột F: các ô F7:F8 được gộp (merge); hãy bỏ gộp, mỗi ô "
        "một giá trị."
    ]
    assert list(Actual.objects.values_list("indicator__code", "value")) == [("KT06", D("10"))]


def test_a_row_given_twice_is_refused(
    tree, superuser, reporter_a, catalogue, django_capture_on_commit_callbacks
):
    commune_with_targets(tree, superuser, catalogue)
    client = client_for(reporter_a)

    def twice(sheet):
        for column in range(1, 8):
            sheet.cell(9, column).value = sheet.cell(7, column).value
        sheet.cell(9, 6).value = 99

    job = send(
        client,
        tree,
        fill(template(client, tree), {"KT06": 12}, twice),
        django_capture_on_commit_callbacks,
    )
    assert job.errors == [
        "Trang “Nhập số liệu”, dòng 9, cột A (Mã chỉ tiêu): “KT06” đã có ở dòng 7."
    ]
    assert not Actual.objects.exists()


@pytest.mark.skipif(
    connection.vendor == "sqlite",
    reason="the in-memory test database of SQLite shares one cache across threads, with table "
    "locks instead of the file database's queue; the suite on PostgreSQL runs this",
)
@pytest.mark.django_db(transaction=True)
def test_concurrent_imports_of_one_report_apply_exactly_one(tree, superuser, reporter_a, catalogue):
    """Eight uploads of files made from one template, run at once: one applies, the other seven
    are refused naming its value; none is overwritten silently."""
    from chitieu.core.jobs import run

    budget, _poverty = commune_with_targets(tree, superuser, catalogue)
    put(reporter_a, tree.commune_a, budget, "2021", "10")
    content = template(client_for(reporter_a), tree)
    jobs = []
    for index in range(8):
        job = Job.objects.create(kind="actuals_import", created_by=reporter_a, parameters={})
        job.upload.save("so-lieu.xlsx", fill(content, {"KT06": 100 + index}), save=True)
        jobs.append(job)
    start = threading.Barrier(len(jobs))

    def work(job_id: int) -> None:
        try:
            start.wait()
            run(job_id)
        finally:
            connection.close()

    threads = [threading.Thread(target=work, args=(job.pk,)) for job in jobs]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    finished = list(Job.objects.filter(pk__in=[j.pk for j in jobs]).order_by("pk"))
    done = [job for job in finished if job.status == "done"]
    refused = [job for job in finished if job.status == "failed"]
    assert (len(done), len(refused)) == (1, 7)
    actual = Actual.objects.get(indicator=budget)
    winner = 100 + jobs.index(next(j for j in jobs if j.pk == done[0].pk))
    assert (actual.value, actual.version) == (D(winner), 2)
    assert ActualRevision.objects.filter(actual=actual).count() == 2
    for job in refused:
        assert job.errors[0].startswith(
            f"Trang “Nhập số liệu”, dòng 7, cột F (Giá trị): số liệu đã được thay đổi thành "
            f"{winner}, do reporter_a lưu lúc"
        )
