"""Background jobs: a registry of runners by kind, the service that queues a job after the
transaction commits, and the runner that records progress and outcome. Celery carries the work
when CELERY_BROKER_URL is set; otherwise it runs in process, at once."""

from __future__ import annotations

from collections.abc import Callable

from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils import timezone

from chitieu.core import files
from chitieu.core.models import Job, JobStatus

Runner = Callable[[Job, Callable[[int], None]], dict]
_runners: dict[str, Runner] = {}


class JobFailed(Exception):
    """Raised by a runner with the list of problems to show the user."""

    def __init__(self, problems: list[str]):
        super().__init__("; ".join(problems))
        self.problems = problems


def register(kind: str) -> Callable[[Runner], Runner]:
    def decorator(runner: Runner) -> Runner:
        _runners[kind] = runner
        return runner

    return decorator


def job_start(
    *,
    actor,
    kind: str,
    parameters: dict,
    upload: UploadedFile | None = None,
    upload_rule: files.UploadRule = files.WORKBOOK,
) -> Job:
    if kind not in _runners:
        raise ValueError(f"unknown job kind {kind!r}")
    upload_kind = None if upload is None else files.validate_upload(upload, upload_rule)
    with transaction.atomic():
        job = Job.objects.create(kind=kind, parameters=parameters, created_by=actor)
        if upload is not None and upload_kind is not None:
            files.keep(job, "upload", upload, upload_kind)
            job.save(update_fields=["upload", "upload_name"])
        transaction.on_commit(lambda: _dispatch(job.pk))
    return job


def _dispatch(job_id: int) -> None:
    from chitieu.core.tasks import run_job

    run_job.delay(job_id)


def run(job_id: int) -> Job:
    """Run one job, recording its progress; failures end the job with their problems."""
    job = Job.objects.get(pk=job_id)
    Job.objects.filter(pk=job.pk).update(status=JobStatus.RUNNING, progress=1)

    def progress(percent: int) -> None:
        Job.objects.filter(pk=job.pk).update(progress=max(1, min(percent, 99)))

    try:
        result = _runners[job.kind](job, progress)
    except JobFailed as failure:
        Job.objects.filter(pk=job.pk).update(
            status=JobStatus.FAILED, errors=failure.problems, finished_at=timezone.now()
        )
    except Exception as error:  # an unexpected fault still ends the job, visibly
        Job.objects.filter(pk=job.pk).update(
            status=JobStatus.FAILED, errors=[f"Lỗi hệ thống: {error}"], finished_at=timezone.now()
        )
        raise
    else:
        Job.objects.filter(pk=job.pk).update(
            status=JobStatus.DONE, progress=100, result=result, finished_at=timezone.now()
        )
    job.refresh_from_db()
    return job
