"""An uploaded workbook is checked by its content before a job is made; it is stored under a
random name; a job's files are its author's only."""

from __future__ import annotations

import importlib
import re

import pytest
from django.test import Client
from django.urls import Resolver404, resolve, reverse

from chitieu.actuals.models import ActualRevision
from chitieu.actuals.tests.test_excel import filled
from chitieu.actuals.tests.test_views import commune_with_targets
from chitieu.core import files
from chitieu.core.models import Job
from chitieu.testing import client_for
from chitieu.testing_files import HTML_BYTES, PDF_BYTES, upload

XLSX_MIME = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def test_the_workbook_is_stored_under_a_random_name(
    tree, superuser, reporter_a, catalogue, media_root, django_capture_on_commit_callbacks
):
    commune_with_targets(tree, superuser, catalogue)
    client = client_for(reporter_a)
    workbook = filled(client, tree, {"KT06": 12})
    workbook.name = "Số liệu Kỳ Ninh.xlsx"
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("actuals_upload", args=[tree.commune_a.pk, "2021"]), {"file": workbook})
    job = Job.objects.get()
    assert job.status == "done"
    assert re.fullmatch(r"jobs/\d{4}/[0-9a-f]{32}\.xlsx", job.upload.name)
    assert job.upload_name == "Số liệu Kỳ Ninh.xlsx"
    # The figure's history names the file as the reporter knows it.
    assert ActualRevision.objects.get().source == "Tệp Excel: Số liệu Kỳ Ninh.xlsx"


def test_html_named_xlsx_makes_no_job(tree, superuser, reporter_a, catalogue, media_root):
    commune_with_targets(tree, superuser, catalogue)
    for content in (HTML_BYTES, PDF_BYTES):
        response = client_for(reporter_a).post(
            reverse("actuals_upload", args=[tree.commune_a.pk, "2021"]),
            {"file": upload("so-lieu.xlsx", content)},
            follow=True,
        )
        assert "Loại tệp này không được nhận; chỉ nhận: Excel (.xlsx)." in response.content.decode()
    assert not Job.objects.exists()
    assert not any(media_root.rglob("*.*"))


def test_an_oversize_workbook_makes_no_job(tree, superuser, reporter_a, catalogue, media_root):
    commune_with_targets(tree, superuser, catalogue)
    big = upload("so-lieu.xlsx", b"PK\x03\x04" + b"0" * files.WORKBOOK.max_bytes)
    response = client_for(reporter_a).post(
        reverse("actuals_upload", args=[tree.commune_a.pk, "2021"]), {"file": big}, follow=True
    )
    assert "Tệp lớn hơn 10 MB." in response.content.decode()
    assert not Job.objects.exists()


def test_a_jobs_output_is_served_to_its_author_only(
    tree, planner, make_user, media_root, django_capture_on_commit_callbacks
):
    client = client_for(planner)
    with django_capture_on_commit_callbacks(execute=True):
        client.get(reverse("overview_workbook", args=[tree.province.pk]), {"period": "2021"})
    job = Job.objects.get()
    assert re.fullmatch(r"jobs/\d{4}/[0-9a-f]{32}\.xlsx", job.output.name)
    url = reverse("job_detail", args=[job.pk]) + "?download=1"
    response = client.get(url)
    assert response.status_code == 200
    assert response["Content-Type"] == XLSX_MIME
    assert response["Content-Disposition"] == (
        f'attachment; filename="tong-hop-{tree.province.pk}-2021.xlsx"'
    )
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response.content == (media_root / job.output.name).read_bytes()
    assert client_for(make_user("stranger")).get(url).status_code == 404
    assert Client().get(url).status_code == 403
    # The job's page itself (no file) sends an anonymous visitor to the login page.
    page = Client().get(reverse("job_detail", args=[job.pk]))
    assert (page.status_code, page["Location"].split("?")[0]) == (302, reverse("login"))


def test_no_url_serves_the_media_folder_even_in_development(settings):
    import config.urls

    settings.DEBUG = True
    try:
        development = importlib.reload(config.urls)
        with pytest.raises(Resolver404):
            resolve("/media/jobs/0123456789abcdef0123456789abcdef.xlsx", urlconf=development)
    finally:
        settings.DEBUG = False
        importlib.reload(config.urls)
