from typing import Any

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError, CommandParser

from chitieu.web.provinces import province_start


class Command(BaseCommand):
    help = (
        "Start a province on an empty database: its current units from the registry, the "
        "indicator catalogue and a first administrator (a password shown once, to be changed "
        "at the first login). Safe to run again."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("province", help="Name or official code, e.g. “Hà Tĩnh” or 42.")
        parser.add_argument("--admin", required=True, metavar="USERNAME")
        parser.add_argument("--email", default="")

    def handle(self, *args: object, **options: Any) -> None:
        try:
            started = province_start(
                province=options["province"],
                admin_username=options["admin"],
                email=options["email"],
            )
        except ValidationError as error:
            raise CommandError(" ".join(error.messages)) from error
        for line in started.lines():
            self.stdout.write(line)
