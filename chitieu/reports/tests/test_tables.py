import datetime as dt
from decimal import Decimal as D
from io import BytesIO

from django.test import Client
from django.urls import reverse
from openpyxl import load_workbook

from chitieu.emulation.services import cluster_create, cluster_year_setup
from chitieu.targets.services import target_create


def rows_of(content: bytes) -> list[tuple]:
    return list(load_workbook(BytesIO(content)).active.iter_rows(values_only=True))


def test_tables_of_the_pages_export_to_excel(
    tree, planner, board, town_resolution, catalogue, awards
):
    target_create(
        actor=planner,
        resolution=town_resolution,
        issuer="Thị xã đề ra",
        indicator=catalogue["KT06"],
        value=D("324.124"),
    )
    client = Client()
    client.force_login(planner)
    targets = rows_of(client.get(reverse("targets_export", args=[town_resolution.pk])).content)
    assert targets[1][:2] == ("Mã", "Chỉ tiêu")
    assert (
        targets[2][0] == "KT06"
        and targets[2][5] == "đạt 324,124 tỷ đồng"
        and targets[2][7] == 324.124
    )
    states = rows_of(
        client.get(
            reverse("actuals_review"),
            {"period": "2021", "root": tree.province.pk, "format": "xlsx"},
        ).content
    )
    assert states[2][:2] == ("Thị xã Kỳ Anh", "Chưa nhập")
    cluster = cluster_create(
        actor=board,
        organiser=tree.province,
        name="Cụm 1",
        kind="cum",
        decision_number="1",
        decision_date=dt.date(2020, 1, 1),
    )
    cluster_year = cluster_year_setup(actor=board, cluster=cluster, year=2021, members=[tree.town])
    board_client = Client()
    board_client.force_login(board)
    ranking = rows_of(
        board_client.get(reverse("ranking_document", args=[cluster_year.pk, "xlsx"])).content
    )
    assert ranking[2][:3] == (1, "Thị xã Kỳ Anh", 0)  # rank and points as numbers


def test_the_overview_workbook_is_built_by_a_job(tree, planner, django_capture_on_commit_callbacks):
    from chitieu.core.models import Job

    client = Client()
    client.force_login(planner)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.get(
            reverse("overview_workbook", args=[tree.province.pk]), {"period": "2021"}
        )
    job = Job.objects.get()
    assert response["Location"] == reverse("job_detail", args=[job.pk])
    assert (job.status, job.progress, job.result["file"]) == (
        "done",
        100,
        f"tong-hop-{tree.province.pk}-2021.xlsx",
    )
    page = client.get(reverse("job_detail", args=[job.pk])).content.decode()
    assert "?download=1" in page
    download = client.get(reverse("job_detail", args=[job.pk]), {"download": "1"})
    rows = rows_of(download.content)
    assert rows[0][0] == "Các đơn vị thuộc Tỉnh Hà Tĩnh — Năm 2021"
