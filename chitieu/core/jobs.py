"""Background jobs: a registry of runners by kind (each with its time limit), the service that
queues a job after the transaction commits, and the runner that records progress and outcome.
Celery carries the work when CELERY_BROKER_URL is set; otherwise it runs in process, at once.

No job hangs: every progress step is a heartbeat; a running job whose heartbeat is older than
JOB_HEARTBEAT_TIMEOUT_SECONDS (its worker was killed), one running past its kind's time limit, and
one queued that no worker started in that time are marked failed with a Vietnamese message
whenever a job page is looked at, a job is started, or `chitieu cleanup_jobs` runs; their owner
may retry them. A broker that cannot be reached leaves no job behind. Each job keeps at most
JOB_MAX_ERRORS problems, and the files of old finished jobs are removed.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import logging
import os
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from functools import partial
from typing import Any

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.base import ContentFile, File
from django.core.files.storage import default_storage
from django.db import transaction
from django.db.models import Q, QuerySet
from django.utils import timezone

from chitieu.core import files
from chitieu.core.audit import audited
from chitieu.core.dates import format_date
from chitieu.core.models import Job, JobStatus
from chitieu.core.users import Actor, AnyUser

logger = logging.getLogger(__name__)

Runner = Callable[[Job, Callable[[int], None]], dict]
DEFAULT_TIME_LIMIT = 10 * 60  # seconds
# The sweep gives a job this long past its time limit before calling it dead: Celery's own
# limits (soft at the limit, hard kill a little after) act first.
TIME_LIMIT_GRACE = 60
HARD_LIMIT_MARGIN = 30
MAX_ERROR_LENGTH = 500  # characters kept of each problem
FILES_DIRECTORY = "jobs"
MAINTENANCE_EVERY = 60 * 60  # seconds between two lazy cleanups in one process
CLEANUP_BATCH = 100  # jobs whose files one lazy cleanup removes


@dataclass(frozen=True)
class JobKind:
    runner: Runner
    time_limit: int


_kinds: dict[str, JobKind] = {}
_last_maintenance = -float("inf")


class JobFailed(Exception):
    """Raised by a runner with the list of problems to show the user."""

    def __init__(self, problems: list[str]):
        super().__init__("; ".join(problems))
        self.problems = problems


class JobNotStarted(ValidationError):
    """The job could not be started (file too large, broker unreachable…); nothing was kept."""


def register(kind: str, *, time_limit: int = DEFAULT_TIME_LIMIT) -> Callable[[Runner], Runner]:
    def decorator(runner: Runner) -> Runner:
        _kinds[kind] = JobKind(runner, time_limit)
        return runner

    return decorator


def time_limit_of(kind: str) -> int:
    known = _kinds.get(kind)
    return known.time_limit if known else DEFAULT_TIME_LIMIT


def _minutes(seconds: int) -> int:
    return max(1, round(seconds / 60))


# -- starting -----------------------------------------------------------------------------------


@audited
def job_start(
    *,
    actor: Actor,
    kind: str,
    parameters: dict,
    upload: File | None = None,
    upload_rule: files.UploadRule = files.WORKBOOK,
    retry_of: Job | None = None,
) -> Job:
    """Queue a job; it runs once the transaction commits. Raises JobNotStarted, leaving no job
    and no file, when the upload breaks its rule (type by content, size) or the broker cannot be
    reached."""
    if kind not in _kinds:
        raise ValueError(f"unknown job kind {kind!r}")
    try:
        upload_kind = None if upload is None else files.validate_upload(upload, upload_rule)
    except ValidationError as error:
        raise JobNotStarted(error.messages) from error
    jobs_maintain()
    with transaction.atomic():
        job = Job.objects.create(
            kind=kind, parameters=parameters, created_by=actor, retry_of=retry_of
        )
        if upload is not None and upload_kind is not None:
            files.keep(job, "upload", upload, upload_kind)
            job.save(update_fields=["upload", "upload_name"])
        transaction.on_commit(partial(_dispatch, job.pk))
    return job


def _broker_errors() -> tuple[type[BaseException], ...]:
    from kombu.exceptions import OperationalError

    errors: list[type[BaseException]] = [OperationalError, ConnectionError, TimeoutError, OSError]
    try:
        from redis.exceptions import RedisError
    except ImportError:  # pragma: no cover - redis comes with celery[redis]
        pass
    else:
        errors.append(RedisError)
    return tuple(errors)


def _dispatch(job_id: int) -> None:
    from chitieu.core.tasks import run_job

    job = Job.objects.filter(pk=job_id).only("kind").first()
    limit = time_limit_of(job.kind) if job else DEFAULT_TIME_LIMIT
    try:
        run_job.apply_async((job_id,), soft_time_limit=limit, time_limit=limit + HARD_LIMIT_MARGIN)
    except _broker_errors() as error:
        logger.error("job %s not queued, broker unreachable: %s", job_id, error)
        _discard(job_id)
        raise JobNotStarted(
            "Hệ thống xử lý nền đang không kết nối được nên chưa nhận được tệp; không có gì "
            "được lưu. Hãy thử lại sau ít phút; nếu vẫn lỗi, báo quản trị hệ thống."
        ) from error


def _discard(job_id: int) -> None:
    """Remove a job that was never queued, with its file."""
    job = Job.objects.filter(pk=job_id).first()
    if job is None:
        return
    if job.upload:
        job.upload.delete(save=False)
    job.delete()


def job_may_retry(user: AnyUser, job: Job) -> bool:
    """Its owner may run again a job that failed for a reason of the system's (a dead worker,
    the time limit, a fault), not one whose file was refused."""
    return (
        job.created_by_id == user.pk
        and job.status == JobStatus.FAILED
        and bool(job.result.get("retryable"))
        and not job.retries.exists()
    )


def job_retry(*, actor: Actor, job: Job) -> Job:
    """Run a failed job again, as a new job with the same parameters and a copy of its file."""
    if job.created_by_id != actor.pk:
        raise PermissionDenied("Chỉ người tạo công việc này được chạy lại.")
    with transaction.atomic():
        job = Job.objects.select_for_update().get(pk=job.pk)
        if not job_may_retry(actor, job):
            raise JobNotStarted("Công việc này không chạy lại được (hoặc đã được chạy lại).")
        upload = None
        if job.upload:
            try:
                with job.upload.open("rb") as stream:
                    upload = ContentFile(
                        stream.read(), name=job.upload_name or os.path.basename(job.upload.name)
                    )
            except FileNotFoundError as error:
                raise JobNotStarted(
                    "Tệp đã tải lên của công việc này không còn được lưu: hãy tải tệp lên lại."
                ) from error
        return job_start(
            actor=actor, kind=job.kind, parameters=job.parameters, upload=upload, retry_of=job
        )


# -- running ------------------------------------------------------------------------------------


def _bounded(problems: list[str]) -> tuple[list[str], int]:
    limit = settings.JOB_MAX_ERRORS
    kept = [
        text if len(text) <= MAX_ERROR_LENGTH else text[: MAX_ERROR_LENGTH - 1] + "…"
        for text in (str(problem) for problem in problems[:limit])
    ]
    return kept, len(problems)


def _finish(
    job_id: int,
    status: str,
    *,
    problems: Iterable[str] = (),
    result: dict[str, Any] | None = None,
) -> None:
    """The outcome, whatever the sweep said meanwhile: what happened is what the page shows."""
    errors, count = _bounded(list(problems))
    fields: dict = {"progress": 100} if status == JobStatus.DONE else {}
    Job.objects.filter(pk=job_id).update(
        status=status,
        result=result or {},
        errors=errors,
        error_count=count,
        finished_at=timezone.now(),
        **fields,
    )


def run(job_id: int) -> Job | None:
    """Run one queued job, recording its progress; failures end the job with their problems.
    A job already started, finished or marked dead is left alone (a redelivered message)."""
    from celery.exceptions import SoftTimeLimitExceeded

    now = timezone.now()
    claimed = Job.objects.filter(pk=job_id, status=JobStatus.QUEUED).update(
        status=JobStatus.RUNNING, progress=1, started_at=now, heartbeat_at=now
    )
    if not claimed:
        logger.warning("job %s not run: it is not waiting", job_id)
        return Job.objects.filter(pk=job_id).first()
    job = Job.objects.get(pk=job_id)
    kind = _kinds[job.kind]

    def progress(percent: int) -> None:
        Job.objects.filter(pk=job_id, status=JobStatus.RUNNING).update(
            progress=max(1, min(percent, 99)), heartbeat_at=timezone.now()
        )

    try:
        result = kind.runner(job, progress)
    except JobFailed as failure:
        _finish(job_id, JobStatus.FAILED, problems=failure.problems)
    except SoftTimeLimitExceeded:
        _finish(
            job_id,
            JobStatus.FAILED,
            problems=[_overtime_message(kind.time_limit)],
            result={"retryable": True},
        )
    except Exception:  # an unexpected fault still ends the job, visibly; the log has the trace
        logger.exception("job %s (%s) failed", job_id, job.kind)
        _finish(
            job_id,
            JobStatus.FAILED,
            problems=[
                f"Lỗi hệ thống khi chạy công việc #{job_id}; không có gì được lưu. Hãy bấm "
                "“Thử lại”; nếu vẫn lỗi, báo quản trị hệ thống."
            ],
            result={"retryable": True},
        )
    else:
        _finish(job_id, JobStatus.DONE, result=result)
    return Job.objects.get(pk=job_id)


def _overtime_message(limit: int) -> str:
    return (
        f"Công việc chạy quá {_minutes(limit)} phút cho phép nên đã bị dừng; không có gì được "
        "lưu. Hãy bấm “Thử lại”; nếu vẫn quá lâu, chia tệp nhỏ hơn."
    )


# -- dead jobs and old files -------------------------------------------------------------------


def _when(moment: dt.datetime) -> str:
    local = timezone.localtime(moment)
    return f"{local:%H:%M} {format_date(local.date())}"


def _death(job: Job, now: dt.datetime) -> str | None:
    """Why the job is dead, or None while it may still be alive."""
    timeout = dt.timedelta(seconds=settings.JOB_HEARTBEAT_TIMEOUT_SECONDS)
    if job.status == JobStatus.QUEUED and job.created_at < now - timeout:
        return (
            f"Công việc không được bắt đầu sau {_minutes(int(timeout.total_seconds()))} phút "
            "chờ (hệ thống xử lý nền không chạy); không có gì được lưu. Hãy bấm “Thử lại”."
        )
    if job.status != JobStatus.RUNNING:
        return None
    limit = time_limit_of(job.kind)
    started = job.started_at or job.created_at
    if started < now - dt.timedelta(seconds=limit + TIME_LIMIT_GRACE):
        return _overtime_message(limit)
    beat = job.heartbeat_at or started
    if beat < now - timeout:
        return (
            "Công việc bị dừng giữa chừng: tiến trình xử lý nền không còn báo tiến độ từ "
            f"{_when(beat)}. Số liệu được lưu tất cả hoặc không gì cả, nên không có gì được lưu. "
            "Hãy bấm “Thử lại”."
        )
    return None


def _dead_candidates(now: dt.datetime) -> QuerySet[Job]:
    timeout = dt.timedelta(seconds=settings.JOB_HEARTBEAT_TIMEOUT_SECONDS)
    overtime = Q()
    for name, kind in _kinds.items():
        cutoff = now - dt.timedelta(seconds=kind.time_limit + TIME_LIMIT_GRACE)
        overtime |= Q(kind=name, started_at__lt=cutoff)
    return Job.objects.filter(
        Q(status=JobStatus.QUEUED, created_at__lt=now - timeout)
        | Q(status=JobStatus.RUNNING)
        & (Q(heartbeat_at__lt=now - timeout) | Q(heartbeat_at__isnull=True) | overtime)
    )


def _mark_dead(job: Job, now: dt.datetime) -> bool:
    message = _death(job, now)
    if message is None:
        return False
    # Only if nothing moved since it was read: a heartbeat or an outcome meanwhile wins.
    return bool(
        Job.objects.filter(pk=job.pk, status=job.status, heartbeat_at=job.heartbeat_at).update(
            status=JobStatus.FAILED,
            errors=[message],
            error_count=1,
            result={"retryable": True},
            finished_at=now,
        )
    )


def job_check_alive(job: Job) -> Job:
    """The job as it stands, marked failed first if it is dead; for the page that shows it."""
    if not job.is_finished and _mark_dead(job, timezone.now()):
        job.refresh_from_db()
    return job


def jobs_sweep() -> int:
    """Mark every dead job failed; returns how many."""
    now = timezone.now()
    return sum(_mark_dead(job, now) for job in _dead_candidates(now))


def _delete_file(name: str) -> None:
    with contextlib.suppress(FileNotFoundError):
        default_storage.delete(name)


def jobs_cleanup(*, limit: int | None = None) -> int:
    """Delete the uploads and outputs of jobs finished more than JOB_FILE_RETENTION_DAYS ago
    (the job rows stay, with their outcome); returns how many jobs lost their files."""
    cutoff = timezone.now() - dt.timedelta(days=settings.JOB_FILE_RETENTION_DAYS)
    old = (
        Job.objects.filter(status__in=(JobStatus.DONE, JobStatus.FAILED), finished_at__lt=cutoff)
        .exclude(upload="", output="")
        .order_by("finished_at")
    )
    cleaned = 0
    for job in old[:limit] if limit else old:
        for name in (job.upload.name, job.output.name):
            if name:
                _delete_file(name)
        cleaned += Job.objects.filter(pk=job.pk).update(upload="", output="")
    return cleaned


def orphan_files_cleanup() -> int:
    """Delete files under jobs/ that no job names any more (left by a crash) and that are older
    than the retention; returns how many."""
    if not default_storage.exists(FILES_DIRECTORY):
        return 0
    cutoff = timezone.now() - dt.timedelta(days=settings.JOB_FILE_RETENTION_DAYS)
    known = set(Job.objects.exclude(upload="").values_list("upload", flat=True))
    known |= set(Job.objects.exclude(output="").values_list("output", flat=True))
    removed = 0
    for name in _stored_files(FILES_DIRECTORY):
        if name not in known and default_storage.get_modified_time(name) < cutoff:
            _delete_file(name)
            removed += 1
    return removed


def _stored_files(directory: str) -> list[str]:
    """Every file under `directory`, its sub-folders included (uploads are kept by year)."""
    directories, files = default_storage.listdir(directory)
    names = [f"{directory}/{file}" for file in files]
    for sub in directories:
        names += _stored_files(f"{directory}/{sub}")
    return names


def jobs_maintain(*, force: bool = False) -> None:
    """The lazy sweep and cleanup, at most once an hour in a process."""
    global _last_maintenance
    now = time.monotonic()
    if not force and now - _last_maintenance < MAINTENANCE_EVERY:
        return
    _last_maintenance = now
    try:
        jobs_sweep()
        jobs_cleanup(limit=CLEANUP_BATCH)
    except Exception:  # housekeeping never stops the request that triggered it
        logger.exception("job maintenance failed")
