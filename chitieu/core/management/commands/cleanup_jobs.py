from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand

from chitieu.core.jobs import jobs_cleanup, jobs_sweep, orphan_files_cleanup


class Command(BaseCommand):
    help = (
        "Mark dead background jobs failed (heartbeat or time limit passed) and delete the files "
        "of jobs finished more than JOB_FILE_RETENTION_DAYS ago. Safe to run from cron."
    )

    def handle(self, *args: object, **options: Any) -> None:
        dead = jobs_sweep()
        cleaned = jobs_cleanup()
        orphans = orphan_files_cleanup()
        self.stdout.write(
            f"Jobs: {dead} marked failed; files removed from {cleaned} jobs finished more than "
            f"{settings.JOB_FILE_RETENTION_DAYS} days ago, {orphans} orphan files removed."
        )
