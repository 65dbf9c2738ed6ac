import time
from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from chitieu.units.importer import import_admin_units


class Command(BaseCommand):
    help = (
        "Import the administrative units before and after the 2025 reform, with the links "
        "between them, from the vietnamadminunits package. Safe to run again."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--province",
            action="append",
            metavar="CODE",
            help="Only these provinces (official code, e.g. 42 for Hà Tĩnh); may repeat.",
        )

    def handle(self, *args: object, **options: Any) -> None:
        started = time.monotonic()
        codes = set(options["province"]) if options["province"] else None
        result = import_admin_units(codes)
        self.stdout.write(
            f"Units: {result.units_created} created, {result.units_total} in all. "
            f"Links: {result.links_created} created, {result.links_total} in all. "
            f"({time.monotonic() - started:.1f} s)"
        )
