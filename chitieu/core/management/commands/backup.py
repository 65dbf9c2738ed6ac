"""`chitieu backup [--output FILE]`: the database and the uploaded files in one archive."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser

from chitieu.core.backup import BackupError, backup


class Command(BaseCommand):
    help = "Back up the database (pg_dump or SQLite's backup API) and MEDIA_ROOT into one file."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--output",
            help="The archive to write (default: var/backups/chitieu-<time>.tar.gz).",
        )
        parser.add_argument("--database", default="default", help="The database alias.")

    def handle(self, *args: object, **options: Any) -> None:
        if options["output"]:
            output = Path(options["output"])
        else:
            stamp = dt.datetime.now().strftime("%Y%m%d-%H%M%S")
            output = Path(settings.VAR_DIR) / "backups" / f"chitieu-{stamp}.tar.gz"
        try:
            manifest = backup(output, alias=options["database"])
        except BackupError as error:
            raise CommandError(str(error)) from error
        self.stdout.write(
            f"Backup written to {output}: {manifest.engine} database, "
            f"{len(manifest.files)} uploaded files."
        )
