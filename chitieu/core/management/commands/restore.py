"""`chitieu restore FILE`: put back the database and the uploaded files of a backup."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import transaction

from chitieu.core import versions
from chitieu.core.backup import BackupError, restore


class Command(BaseCommand):
    help = (
        "Replace the database and MEDIA_ROOT with those of a backup made by `chitieu backup`. "
        "Stop the application and the workers first."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", help="The archive written by `chitieu backup`.")
        parser.add_argument("--database", default="default", help="The database alias.")
        parser.add_argument(
            "--noinput",
            "--no-input",
            action="store_false",
            dest="interactive",
            help="Do not ask for confirmation.",
        )

    def handle(self, *args: object, **options: Any) -> None:
        source = Path(options["file"])
        if not source.is_file():
            raise CommandError(f"{source} does not exist.")
        if options["interactive"]:
            answer = input(
                "Every row of the database and every file under "
                f"{settings.MEDIA_ROOT} will be replaced by the backup's. Type 'yes' to go on: "
            )
            if answer.strip().lower() != "yes":
                raise CommandError("Restore cancelled.")
        try:
            manifest = restore(source, alias=options["database"])
        except BackupError as error:
            raise CommandError(str(error)) from error
        # The backup's data versions are old ones: stored results and cached pages kept under
        # them (in a Redis that outlived the database) are not the backup's.
        with transaction.atomic(using=options["database"]):
            versions.bump_scopes([versions.NATIONAL], using=options["database"])
        self.stdout.write(
            f"Restored the backup of {manifest.created}: {manifest.engine} database, "
            f"{len(manifest.files)} uploaded files."
        )
