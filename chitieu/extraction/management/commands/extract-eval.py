from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from chitieu.extraction.commands import eval_main


class Command(BaseCommand):
    help = "Score the extractor on texts and their labels: precision, recall, F1, and accuracies."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("args", nargs="*")

    def handle(self, *args: str, **options: Any) -> None:
        if eval_main(list(args), self.stdout, self.stderr):
            raise CommandError("Cần hai thư mục: văn bản và nhãn.")
