from celery import shared_task


@shared_task(name="chitieu.run_job")
def run_job(job_id: int) -> None:
    from chitieu.core.jobs import run

    run(job_id)
