from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from chitieu.extraction.commands import extract_main


class Command(BaseCommand):
    help = "Read the figures of a Vietnamese report (.txt, .docx, .pdf, .xlsx) as GUIDE.md describes them."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("args", nargs="*")

    def handle(self, *args: str, **options: Any) -> None:
        if extract_main(list(args), self.stdout, self.stderr):
            raise CommandError("Không đọc được tệp.")
