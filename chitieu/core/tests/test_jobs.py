"""Jobs never hang: dead jobs are found and marked failed with a Vietnamese message, their owner
may retry them; a broker that cannot be reached gives a message and leaves no job; errors and
uploads are bounded; the files of old jobs are removed."""

import datetime as dt
import socket
from io import StringIO

import pytest
from django.core.files.base import ContentFile
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from chitieu.core import jobs
from chitieu.core.jobs import JobFailed, job_start, register, run
from chitieu.core.models import Job
from chitieu.testing import client_for
from chitieu.testing_files import xlsx_bytes

calls: list[int] = []


@register("test_echo", time_limit=20 * 60)
def echo(job: Job, progress) -> dict:
    calls.append(job.pk)
    progress(50)
    if job.parameters.get("problems"):
        raise JobFailed([f"Dòng {n}: sai." for n in range(job.parameters["problems"])])
    if job.parameters.get("crash"):
        raise RuntimeError("column foo does not exist")  # an English fault the user never sees
    content = job.upload.read() if job.upload else b""
    return {"file": "", "bytes": len(content)}


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    calls.clear()


def ago(**delta) -> dt.datetime:
    return timezone.now() - dt.timedelta(**delta)


def test_a_job_whose_worker_died_is_marked_failed_when_its_page_is_looked_at(make_user):
    owner = make_user("owner")
    job = Job.objects.create(
        kind="test_echo",
        created_by=owner,
        status="running",
        progress=1,
        started_at=ago(minutes=7),
        heartbeat_at=ago(minutes=6),
    )
    beat = timezone.localtime(job.heartbeat_at)
    page = client_for(owner).get(reverse("job_detail", args=[job.pk])).content.decode()
    job.refresh_from_db()
    message = (
        "Công việc bị dừng giữa chừng: tiến trình xử lý nền không còn báo tiến độ từ "
        f"{beat:%H:%M %d/%m/%Y}. Số liệu được lưu tất cả hoặc không gì cả, nên không có gì được "
        "lưu. Hãy bấm “Thử lại”."
    )
    assert (job.status, job.errors, job.finished_at is not None) == ("failed", [message], True)
    assert message in page.replace("&quot;", '"')
    assert reverse("job_retry", args=[job.pk]) in page and 'hx-trigger="every 1s"' not in page


def test_a_job_with_a_recent_heartbeat_is_left_running(make_user):
    owner = make_user("owner")
    job = Job.objects.create(
        kind="test_echo", created_by=owner, status="running", heartbeat_at=ago(minutes=4)
    )
    job.started_at = ago(minutes=1)
    job.save()
    client_for(owner).get(reverse("job_detail", args=[job.pk]))
    job.refresh_from_db()
    assert job.status == "running"


def test_a_job_past_its_time_limit_and_one_never_started_are_swept(make_user, monkeypatch):
    monkeypatch.setitem(jobs._kinds, "test_quick", jobs.JobKind(echo, 120))
    owner = make_user("owner")
    overtime = Job.objects.create(
        kind="test_quick",
        created_by=owner,
        status="running",
        started_at=ago(minutes=4),  # limit 2 minutes + 1 of grace
        heartbeat_at=ago(seconds=10),
    )
    waiting = Job.objects.create(kind="test_echo", created_by=owner)
    Job.objects.filter(pk=waiting.pk).update(created_at=ago(minutes=6))
    fresh = Job.objects.create(kind="test_echo", created_by=owner)
    assert jobs.jobs_sweep() == 2
    overtime.refresh_from_db()
    waiting.refresh_from_db()
    fresh.refresh_from_db()
    assert overtime.errors == [
        "Công việc chạy quá 2 phút cho phép nên đã bị dừng; không có gì được lưu. Hãy bấm “Thử "
        "lại”; nếu vẫn quá lâu, chia tệp nhỏ hơn."
    ]
    assert waiting.errors == [
        "Công việc không được bắt đầu sau 5 phút chờ (hệ thống xử lý nền không chạy); không có "
        "gì được lưu. Hãy bấm “Thử lại”."
    ]
    assert fresh.status == "queued"


def test_the_owner_retries_a_dead_job_with_a_copy_of_its_file(
    make_user, django_capture_on_commit_callbacks
):
    owner, other = make_user("owner"), make_user("other")
    dead = Job.objects.create(
        kind="test_echo", created_by=owner, status="running", heartbeat_at=ago(hours=1)
    )
    workbook = xlsx_bytes()
    dead.upload.save("so-lieu.xlsx", ContentFile(workbook), save=True)
    dead.upload_name = "so-lieu.xlsx"
    dead.save(update_fields=["upload_name"])
    assert jobs.jobs_sweep() == 1
    # Someone else (even one who may see the job) gets no button and no retry.
    assert client_for(other).post(reverse("job_retry", args=[dead.pk])).status_code == 404
    with django_capture_on_commit_callbacks(execute=True):
        response = client_for(owner).post(reverse("job_retry", args=[dead.pk]))
    retried = Job.objects.get(retry_of=dead)
    assert response["Location"] == reverse("job_detail", args=[retried.pk])
    assert (retried.status, retried.result, calls) == (
        "done",
        {"file": "", "bytes": len(workbook)},
        [retried.pk],
    )
    assert retried.upload.name != dead.upload.name
    assert retried.upload_name == "so-lieu.xlsx"
    # Once retried, the old job offers no second retry.
    page = client_for(owner).get(reverse("job_detail", args=[dead.pk])).content.decode()
    assert reverse("job_retry", args=[dead.pk]) not in page


def test_a_refused_file_offers_no_retry(make_user, django_capture_on_commit_callbacks):
    owner = make_user("owner")
    with django_capture_on_commit_callbacks(execute=True):
        job = job_start(actor=owner, kind="test_echo", parameters={"problems": 1})
    page = client_for(owner).get(reverse("job_detail", args=[job.pk])).content.decode()
    assert "Dòng 0: sai." in page and reverse("job_retry", args=[job.pk]) not in page
    before = Job.objects.count()
    client_for(owner).post(reverse("job_retry", args=[job.pk]))
    assert Job.objects.count() == before


def test_a_redelivered_message_does_not_run_a_job_twice(make_user):
    owner = make_user("owner")
    job = Job.objects.create(kind="test_echo", created_by=owner)
    run(job.pk)
    run(job.pk)
    assert calls == [job.pk]


def test_a_fault_ends_the_job_with_a_vietnamese_message_and_no_server_error(
    make_user, django_capture_on_commit_callbacks
):
    owner = make_user("owner")
    with django_capture_on_commit_callbacks(execute=True):
        job = job_start(actor=owner, kind="test_echo", parameters={"crash": True})
    job.refresh_from_db()
    assert (job.status, job.result) == ("failed", {"retryable": True})
    assert job.errors == [
        f"Lỗi hệ thống khi chạy công việc #{job.pk}; không có gì được lưu. Hãy bấm “Thử lại”; "
        "nếu vẫn lỗi, báo quản trị hệ thống."
    ]


def test_a_soft_time_limit_ends_the_job_with_its_message(make_user, monkeypatch):
    from celery.exceptions import SoftTimeLimitExceeded

    def too_slow(job, progress):
        raise SoftTimeLimitExceeded()

    monkeypatch.setitem(jobs._kinds, "test_slow", jobs.JobKind(too_slow, 600))
    job = Job.objects.create(kind="test_slow", created_by=make_user("owner"))
    run(job.pk)
    job.refresh_from_db()
    assert job.errors == [
        "Công việc chạy quá 10 phút cho phép nên đã bị dừng; không có gì được lưu. Hãy bấm “Thử "
        "lại”; nếu vẫn quá lâu, chia tệp nhỏ hơn."
    ]


def test_a_job_keeps_its_first_problems_and_counts_the_rest(
    make_user, settings, django_capture_on_commit_callbacks
):
    settings.JOB_MAX_ERRORS = 200
    owner = make_user("owner")
    with django_capture_on_commit_callbacks(execute=True):
        job = job_start(actor=owner, kind="test_echo", parameters={"problems": 1500})
    job.refresh_from_db()
    assert (len(job.errors), job.errors[-1], job.error_count) == (200, "Dòng 199: sai.", 1500)
    page = client_for(owner).get(reverse("job_detail", args=[job.pk])).content.decode()
    assert "và 1.300 lỗi khác không hiển thị." in page


def test_each_problem_is_cut_to_a_bounded_length(make_user):
    kept, count = jobs._bounded(["x" * 10_000])
    assert (len(kept[0]), kept[0][-1], count) == (500, "…", 1)


def closed_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture
def broker_down(settings):
    """CELERY_BROKER_URL pointing at a port where nothing listens, jobs no longer eager."""
    from config.celery import app

    saved = (app.conf.broker_url, app.conf.task_always_eager)
    settings.CELERY_BROKER_URL = f"redis://127.0.0.1:{closed_port()}/4"
    app.conf.broker_url, app.conf.task_always_eager = settings.CELERY_BROKER_URL, False
    app._pool, app.amqp._producer_pool = None, None
    yield
    app.conf.broker_url, app.conf.task_always_eager = saved
    app._pool, app.amqp._producer_pool = None, None


@pytest.mark.django_db(transaction=True)
def test_with_the_broker_down_an_upload_gives_a_message_and_leaves_no_job(
    tree, superuser, reporter_a, catalogue, broker_down, settings
):
    from chitieu.actuals.tests.test_excel_versions import fill, template
    from chitieu.actuals.tests.test_views import commune_with_targets

    commune_with_targets(tree, superuser, catalogue)
    client = client_for(reporter_a)
    upload = fill(template(client, tree), {"KT06": 12})
    response = client.post(
        reverse("actuals_upload", args=[tree.commune_a.pk, "2021"]), {"file": upload}, follow=True
    )
    assert response.status_code == 200
    assert response.redirect_chain[-1][0] == reverse(
        "actuals_entry", args=[tree.commune_a.pk, "2021"]
    )
    assert (
        "Hệ thống xử lý nền đang không kết nối được nên chưa nhận được tệp; không có gì được lưu. "
        "Hãy thử lại sau ít phút; nếu vẫn lỗi, báo quản trị hệ thống."
    ) in response.content.decode()
    assert not Job.objects.exists()
    jobs_directory = settings.MEDIA_ROOT / "jobs"
    assert not any(path.is_file() for path in jobs_directory.rglob("*"))


@pytest.mark.django_db(transaction=True)
def test_with_the_broker_down_the_overview_workbook_gives_a_message(tree, planner, broker_down):
    response = client_for(planner).get(
        reverse("overview_workbook", args=[tree.province.pk]), {"period": "2021"}, follow=True
    )
    assert "Hệ thống xử lý nền đang không kết nối được" in response.content.decode()
    assert not Job.objects.exists()


def test_the_overview_workbook_of_a_unit_out_of_reach_answers_404_and_makes_no_job(
    tree, reporter_a, django_capture_on_commit_callbacks
):
    client = client_for(reporter_a)  # a reporter of Phường Kỳ Ninh only
    with django_capture_on_commit_callbacks(execute=True):
        outside = client.get(reverse("overview_workbook", args=[tree.other_district.pk]))
        missing = client.get(reverse("overview_workbook", args=[999_999]))
    assert (outside.status_code, missing.status_code) == (404, 404)
    assert not Job.objects.exists()


def test_old_finished_jobs_lose_their_files_and_keep_their_rows(make_user, settings):
    settings.JOB_FILE_RETENTION_DAYS = 30
    owner = make_user("owner")
    old = Job.objects.create(
        kind="test_echo", created_by=owner, status="done", result={"file": "ket-qua.xlsx"}
    )
    old.upload.save("cu.xlsx", ContentFile(b"old"), save=False)
    old.output.save("ket-qua.xlsx", ContentFile(b"out"), save=False)
    old.finished_at = ago(days=31)
    old.save()
    recent = Job.objects.create(kind="test_echo", created_by=owner, status="failed")
    recent.upload.save("moi.xlsx", ContentFile(b"new"), save=False)
    recent.finished_at = ago(days=29)
    recent.save()
    running = Job.objects.create(kind="test_echo", created_by=owner, status="running")
    running.upload.save("dang-chay.xlsx", ContentFile(b"run"), save=False)
    running.heartbeat_at = timezone.now()
    running.save()
    paths = {job.pk: (settings.MEDIA_ROOT / job.upload.name) for job in (old, recent, running)}
    output = settings.MEDIA_ROOT / old.output.name

    out = StringIO()
    call_command("cleanup_jobs", stdout=out)

    old.refresh_from_db()
    assert (old.upload.name, old.output.name, old.status) == ("", "", "done")
    assert not paths[old.pk].exists() and not output.exists()
    assert paths[recent.pk].exists() and paths[running.pk].exists()
    assert out.getvalue() == (
        "Jobs: 0 marked failed; files removed from 1 jobs finished more than 30 days ago, "
        "0 orphan files removed.\n"
    )
    page = client_for(owner).get(reverse("job_detail", args=[old.pk])).content.decode()
    assert "Tệp của báo cáo này không còn được lưu; hãy tạo lại từ trang của báo cáo." in page
    assert "?download=1" not in page


def test_a_job_start_cleans_up_lazily(
    make_user, settings, monkeypatch, django_capture_on_commit_callbacks
):
    owner = make_user("owner")
    old = Job.objects.create(kind="test_echo", created_by=owner, status="done")
    old.upload.save("cu.xlsx", ContentFile(b"old"), save=False)
    old.finished_at = ago(days=settings.JOB_FILE_RETENTION_DAYS + 1)
    old.save()
    dead = Job.objects.create(
        kind="test_echo", created_by=owner, status="running", heartbeat_at=ago(hours=2)
    )
    monkeypatch.setattr(jobs, "_last_maintenance", -float("inf"))
    with django_capture_on_commit_callbacks(execute=True):
        job_start(actor=owner, kind="test_echo", parameters={})
    old.refresh_from_db()
    dead.refresh_from_db()
    assert (old.upload.name, dead.status) == ("", "failed")


def test_orphan_files_older_than_the_retention_are_removed(make_user, settings):
    import os

    owner = make_user("owner")
    kept = Job.objects.create(kind="test_echo", created_by=owner, status="done")
    kept.upload.save("giu.xlsx", ContentFile(b"keep"), save=True)
    # Files are kept by year (jobs/2026/<random>.xlsx); a crash may leave one at either depth.
    directory = settings.MEDIA_ROOT / "jobs"
    (directory / "2025").mkdir(parents=True, exist_ok=True)
    orphan, young = directory / "2025" / "mo-coi.xlsx", directory / "moi-tao.xlsx"
    orphan.write_bytes(b"x")
    young.write_bytes(b"y")
    stale = (timezone.now() - dt.timedelta(days=settings.JOB_FILE_RETENTION_DAYS + 1)).timestamp()
    os.utime(orphan, (stale, stale))
    os.utime(settings.MEDIA_ROOT / kept.upload.name, (stale, stale))
    assert jobs.orphan_files_cleanup() == 1
    assert (
        not orphan.exists() and young.exists() and (settings.MEDIA_ROOT / kept.upload.name).exists()
    )


def test_a_retry_whose_file_is_gone_says_so_and_makes_no_job(make_user):
    owner = make_user("owner")
    dead = Job.objects.create(
        kind="test_echo",
        created_by=owner,
        status="failed",
        result={"retryable": True},
        upload="jobs/da-xoa.xlsx",
    )
    response = client_for(owner).post(reverse("job_retry", args=[dead.pk]), follow=True)
    assert (
        "Tệp đã tải lên của công việc này không còn được lưu: hãy tải tệp lên lại."
        in response.content.decode()
    )
    assert Job.objects.count() == 1
